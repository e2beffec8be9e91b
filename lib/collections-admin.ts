import 'server-only';
import { asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { auditLog, collectionTranslations, collections, productCollections } from '@/db/schema';
import type { Admin } from '@/lib/auth';
import { fail, ok, type Result } from '@/lib/result';

// The back office's collections: their names and descriptions in the default language (the other
// languages' are lib/translations.ts), audit-logged like every change to the catalog.

/** Every collection with how many products it holds and which languages it has texts in. */
export async function listCollectionsForAdmin() {
  const { db } = await getDb();
  const [rows, sizes, translated] = await Promise.all([
    db.select().from(collections).orderBy(asc(collections.position), asc(collections.id)),
    db.select({ id: productCollections.collectionId, n: count() }).from(productCollections).groupBy(productCollections.collectionId),
    db.select({ id: collectionTranslations.collectionId, locale: collectionTranslations.locale }).from(collectionTranslations),
  ]);
  return rows.map((c) => ({
    ...c,
    products: sizes.find((s) => s.id === c.id)?.n ?? 0,
    locales: translated.filter((t) => t.id === c.id).map((t) => t.locale),
  }));
}

export async function getCollectionForAdmin(id: number) {
  const { db } = await getDb();
  const [row] = await db.select().from(collections).where(eq(collections.id, id));
  return row ?? null;
}

export const collectionInputSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/, 'This form is out of date. Reload the page.')
    .transform(Number),
  name: z.string().trim().min(1, 'Enter a name.').max(80, 'Keep the name under 80 characters.'),
  description: z.string().trim().max(2000, 'Keep the description under 2,000 characters.').default(''),
});

/** Save a collection's name and description in the default language; the audit entry holds each changed field as [before, after]. */
export async function updateCollection(
  admin: Admin,
  input: z.output<typeof collectionInputSchema>,
): Promise<Result<{ changed: string[] }, { kind: 'not-found'; message: string }>> {
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: collections.name, description: collections.description })
      .from(collections)
      .where(eq(collections.id, input.id))
      .for('update');
    if (!before) return fail({ kind: 'not-found' as const, message: 'There is no such collection.' });
    const changes = Object.fromEntries(
      (['name', 'description'] as const).filter((f) => before[f] !== input[f]).map((f) => [f, [before[f], input[f]]]),
    );
    const changed = Object.keys(changes);
    if (changed.length === 0) return ok({ changed });
    await tx
      .update(collections)
      .set({ name: input.name, description: input.description, updatedAt: new Date() })
      .where(eq(collections.id, input.id));
    await tx.insert(auditLog).values({
      actorId: admin.id,
      actorEmail: admin.email,
      action: 'collection.update',
      subjectType: 'collection',
      subjectId: String(input.id),
      detail: changes,
    });
    return ok({ changed });
  });
}
