import 'server-only';
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { downloadGrants, licenseKeys, orderItems, products } from '@/db/schema';
import { env } from '@/lib/env';

/** License keys an order needs that its product's pool no longer has. */
export interface KeyShortage {
  productId: number;
  name: string;
  wanted: number;
  available: number;
}

/**
 * Hand a paid order its digital goods, inside the transaction that marks it paid: one key per
 * unit of each `license_key` product, and one download grant per `file` product. A key is taken
 * with a conditional UPDATE of free rows locked with SKIP LOCKED, so concurrent payments take
 * different keys and a key is never given out twice. Returns what is short; the caller then rolls
 * this back (a savepoint) and sends the order to review instead of paid.
 */
export async function takeDeliverables(tx: Tx, orderId: string, now: Date): Promise<KeyShortage[]> {
  const lines = await tx
    .select({
      productId: orderItems.productId,
      name: orderItems.name,
      quantity: orderItems.quantity,
      deliverable: products.deliverable,
      fileKey: products.fileKey,
      fileName: products.fileName,
    })
    .from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(and(eq(orderItems.orderId, orderId), eq(products.kind, 'digital')))
    .orderBy(asc(orderItems.productId));
  const shortage: KeyShortage[] = [];
  for (const line of lines) {
    if (line.deliverable === 'license_key') {
      const free = tx
        .select({ id: licenseKeys.id })
        .from(licenseKeys)
        .where(and(eq(licenseKeys.productId, line.productId), isNull(licenseKeys.orderId)))
        .orderBy(asc(licenseKeys.id))
        .limit(line.quantity)
        .for('update', { skipLocked: true });
      const taken = await tx
        .update(licenseKeys)
        .set({ orderId, assignedAt: now })
        .where(and(inArray(licenseKeys.id, free), isNull(licenseKeys.orderId)))
        .returning({ id: licenseKeys.id });
      if (taken.length < line.quantity)
        shortage.push({ productId: line.productId, name: line.name, wanted: line.quantity, available: taken.length });
    } else if (line.deliverable === 'file' && line.fileKey && line.fileName) {
      await tx
        .insert(downloadGrants)
        .values({
          orderId,
          productId: line.productId,
          fileKey: line.fileKey,
          fileName: line.fileName,
          maxDownloads: env().DOWNLOAD_LIMIT,
          createdAt: now,
        })
        .onConflictDoNothing({ target: [downloadGrants.orderId, downloadGrants.productId] });
    }
  }
  return shortage;
}

/** What an order delivers digitally: its keys and its download grants (empty until paid). */
export async function deliverablesOf(db: Db | Tx, orderId: string) {
  const [keys, grants] = await Promise.all([
    db
      .select({ productId: licenseKeys.productId, name: products.name, key: licenseKeys.key })
      .from(licenseKeys)
      .innerJoin(products, eq(products.id, licenseKeys.productId))
      .where(eq(licenseKeys.orderId, orderId))
      .orderBy(asc(licenseKeys.id)),
    db
      .select({
        id: downloadGrants.id,
        productId: downloadGrants.productId,
        name: products.name,
        fileName: downloadGrants.fileName,
        downloadCount: downloadGrants.downloadCount,
        maxDownloads: downloadGrants.maxDownloads,
      })
      .from(downloadGrants)
      .innerJoin(products, eq(products.id, downloadGrants.productId))
      .where(eq(downloadGrants.orderId, orderId))
      .orderBy(asc(downloadGrants.productId)),
  ]);
  return { keys, grants };
}

/** Keys left in each product's pool (the back office). */
export async function freeKeyCount(productId: number): Promise<{ free: number; total: number }> {
  const { db } = await getDb();
  const [row] = await db
    .select({ total: count(), free: sql<number>`count(*) filter (where ${licenseKeys.orderId} is null)`.mapWith(Number) })
    .from(licenseKeys)
    .where(eq(licenseKeys.productId, productId));
  return { free: row?.free ?? 0, total: Number(row?.total ?? 0) };
}
