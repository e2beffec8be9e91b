import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { appSecrets } from '@/db/schema';
import { env } from '@/lib/env';

const g = globalThis as unknown as { __storefrontAuthSecret?: Promise<string> };

/**
 * The secret Auth.js signs its cookies and hashes sign-in tokens with: AUTH_SECRET, or, outside a
 * production deployment, one the app generates once and keeps in its database (so sign-in links
 * survive a restart with nothing configured). Undefined in production without AUTH_SECRET: Auth.js
 * then refuses to work, and the start-up check says why.
 */
export async function authSecret(): Promise<string | undefined> {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.isProductionDeployment) return undefined;
  if (!g.__storefrontAuthSecret) {
    const loading = generatedSecret();
    loading.catch(() => {
      if (g.__storefrontAuthSecret === loading) g.__storefrontAuthSecret = undefined;
    });
    g.__storefrontAuthSecret = loading;
  }
  return g.__storefrontAuthSecret;
}

async function generatedSecret(): Promise<string> {
  const { db } = await getDb();
  await db
    .insert(appSecrets)
    .values({ name: 'auth_secret', value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, 'auth_secret'));
  return row!.value;
}

/** Forget the generated secret (tests switch databases). */
export function resetAuthSecret(): void {
  g.__storefrontAuthSecret = undefined;
}
