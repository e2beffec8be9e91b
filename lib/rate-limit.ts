import 'server-only';
import { lt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { fail, ok, type Result } from '@/lib/result';

/** Over the limit: how long until the window that refused the hit has passed. */
export type RateLimited = { kind: 'rate-limited'; retryAfterSeconds: number };
export type RateLimitResult = Result<void, RateLimited>;

/**
 * Count one hit for `key` in the current fixed window and say whether it is within `limit`. Kept
 * in the database so every app instance shares the count. `limit` 0 turns the limit off.
 */
export async function consumeRateLimit(key: string, limit: number, windowSeconds: number, now = new Date()): Promise<RateLimitResult> {
  if (limit === 0) return ok(undefined);
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const { db } = await getDb();
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } })
    .returning({ hits: rateLimits.hits });
  // Old windows are worthless: sweep them now and then rather than on every hit.
  if (Math.random() < 0.01)
    await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - Math.max(windowMs, 86_400_000))));
  if (row!.hits <= limit) return ok(undefined);
  return fail({ kind: 'rate-limited', retryAfterSeconds: Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000) });
}
