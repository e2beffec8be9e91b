import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { unreadableInvoices } from '@/db/schema';
import type { UnreadableInvoice } from '@/lib/cryptocloud';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Keep what the gateway said about invoices we refused to read, for the merchant. The reconciler
 * asks again every run: a repeat updates the row (latest raw item, count) instead of adding one.
 */
export async function recordUnreadableInvoices(db: Db | Tx, items: UnreadableInvoice[], now = new Date()): Promise<void> {
  const rows = new Map<string, typeof unreadableInvoices.$inferInsert>();
  for (const item of items) {
    const json = JSON.stringify(item.raw);
    const dedupeKey = sha256(item.uuid ? `invoice\n${item.uuid}\n${item.reason}` : `raw\n${json}`);
    // Through SQL so that a JSON null item is stored as JSON, not as a missing value.
    rows.set(dedupeKey, {
      invoiceUuid: item.uuid,
      gatewayStatus: item.status,
      reason: item.reason,
      raw: sql`${json}::jsonb`,
      dedupeKey,
      firstSeenAt: now,
      lastSeenAt: now,
    });
  }
  if (rows.size === 0) return;
  await db
    .insert(unreadableInvoices)
    .values([...rows.values()])
    .onConflictDoUpdate({
      target: unreadableInvoices.dedupeKey,
      set: {
        raw: sql`excluded.raw`,
        gatewayStatus: sql`excluded.gateway_status`,
        seenCount: sql`${unreadableInvoices.seenCount} + 1`,
        lastSeenAt: sql`excluded.last_seen_at`,
      },
    });
}
