import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { auditLog, licenseKeys, products } from '@/db/schema';
import type { Admin } from '@/lib/auth';
import { fail, ok, type Result } from '@/lib/result';

/** The upload form: one key per line, blank lines ignored, at most 10,000 at once. */
export const licenseKeysInputSchema = z
  .string()
  .max(1_000_000, 'Upload at most 1 MB of keys at once.')
  .transform((text) => [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(500, 'A key is at most 500 characters long.'))
      .min(1, 'Paste at least one key, one per line.')
      .max(10_000, 'Upload at most 10,000 keys at once.'),
  );

export type LicenseKeyError = { kind: 'not-found' | 'not-keyed'; message: string };

/**
 * Add keys to a `license_key` product's pool, audited. A key already in the pool is skipped. Each
 * new key is one more unit in stock, so the shop sells no more than the pool holds and shows the
 * product sold out when it is empty.
 */
export async function addLicenseKeys(
  admin: Admin,
  productId: number,
  keys: string[],
): Promise<Result<{ added: number; skipped: number }, LicenseKeyError>> {
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [product] = await tx.select({ deliverable: products.deliverable }).from(products).where(eq(products.id, productId)).for('update');
    if (!product) return fail({ kind: 'not-found' as const, message: 'There is no such product.' });
    if (product.deliverable !== 'license_key')
      return fail({ kind: 'not-keyed' as const, message: 'This product does not deliver license keys.' });
    const added = await tx
      .insert(licenseKeys)
      .values(keys.map((key) => ({ productId, key, uploadedBy: admin.email })))
      .onConflictDoNothing({ target: [licenseKeys.productId, licenseKeys.key] })
      .returning({ id: licenseKeys.id });
    if (added.length > 0) {
      await tx
        .update(products)
        .set({ stock: sql`${products.stock} + ${added.length}`, updatedAt: new Date() })
        .where(eq(products.id, productId));
    }
    await tx.insert(auditLog).values({
      actorId: admin.id,
      actorEmail: admin.email,
      action: 'product.keys_added',
      subjectType: 'product',
      subjectId: String(productId),
      detail: { added: added.length, skipped: keys.length - added.length },
    });
    return ok({ added: added.length, skipped: keys.length - added.length });
  });
}
