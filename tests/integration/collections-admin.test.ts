import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import type { Admin } from '@/lib/auth';
import { getCollection, listCollections } from '@/lib/collections';
import { collectionInputSchema, listCollectionsForAdmin, updateCollection } from '@/lib/collections-admin';
import { collectionTranslationInputSchema, collectionTranslationsForEditor, translateCollection } from '@/lib/translations';

// The back office's collections editor: the default language's texts and each other language's,
// what the storefront then shows in each language (with the fallback when a translation is
// cleared), and one audit entry per change (none for a save that changes nothing).

let admin: Admin;

beforeAll(async () => {
  const { db } = await getDb();
  const [u] = await db.insert(users).values({ email: 'curator@example.com', role: 'admin' }).returning({ id: users.id });
  admin = { id: u!.id, email: 'curator@example.com', name: null };
});

async function auditOf(id: number) {
  const { db } = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, 'collection'), eq(auditLog.subjectId, String(id))))
    .orderBy(desc(auditLog.id));
}

describe('collections in the back office', () => {
  it('lists every collection with its products and the languages it is translated into', async () => {
    const rows = await listCollectionsForAdmin();
    const apparel = rows.find((c) => c.slug === 'apparel')!;
    expect(apparel.products).toBeGreaterThan(0);
    expect(apparel.locales).toContain('ru');
  });

  it('edits the Russian name and description; the Russian shop shows them, an emptied translation falls back', async () => {
    const { id } = (await getCollection('home'))!;
    const form = { id: String(id), locale: 'ru', name: 'Дом и рабочий стол', description: 'Вещи для дома и офиса.' };
    expect(await translateCollection(admin, collectionTranslationInputSchema.parse(form))).toEqual({
      ok: true,
      value: { changed: expect.arrayContaining(['name', 'description']) },
    });
    expect(await getCollection('home', 'ru')).toMatchObject({ name: 'Дом и рабочий стол', description: 'Вещи для дома и офиса.' });
    expect((await listCollections('ru')).find((c) => c.id === id)?.name).toBe('Дом и рабочий стол');
    expect((await collectionTranslationsForEditor(id)).find((t) => t.locale === 'ru')).toMatchObject({ name: 'Дом и рабочий стол' });
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ action: 'collection.translate', actorEmail: 'curator@example.com' });
    expect(entry!.detail).toMatchObject({ locale: 'ru', name: [expect.anything(), 'Дом и рабочий стол'] });

    // The same save again: nothing changed, nothing logged.
    const before = (await auditOf(id)).length;
    expect(await translateCollection(admin, collectionTranslationInputSchema.parse(form))).toEqual({ ok: true, value: { changed: [] } });
    expect(await auditOf(id)).toHaveLength(before);

    // Cleared: the Russian shop shows the English texts.
    await translateCollection(admin, collectionTranslationInputSchema.parse({ ...form, name: '', description: '' }));
    const english = (await getCollection('home'))!;
    expect(await getCollection('home', 'ru')).toMatchObject({ name: english.name, description: english.description });
  });

  it('edits the English texts, audit-logged with before and after', async () => {
    const home = (await getCollection('home'))!;
    const saved = await updateCollection(
      admin,
      collectionInputSchema.parse({ id: String(home.id), name: 'Home & desk', description: home.description }),
    );
    expect(saved).toEqual({ ok: true, value: { changed: ['name'] } });
    expect((await getCollection('home'))!.name).toBe('Home & desk');
    const [entry] = await auditOf(home.id);
    expect(entry).toMatchObject({ action: 'collection.update', detail: { name: [home.name, 'Home & desk'] } });
    await updateCollection(admin, collectionInputSchema.parse({ id: String(home.id), name: home.name, description: home.description }));
  });

  it('refuses what the form must not send', () => {
    expect(collectionTranslationInputSchema.safeParse({ id: '1', locale: 'en', name: 'x' }).success).toBe(false);
    expect(collectionTranslationInputSchema.safeParse({ id: '1', locale: 'ru', name: '', description: 'Только описание' }).success).toBe(
      false,
    );
    expect(collectionInputSchema.safeParse({ id: '1', name: '  ' }).success).toBe(false);
    expect(collectionInputSchema.safeParse({ id: 'x', name: 'Home' }).success).toBe(false);
  });

  it('answers a collection that is gone', async () => {
    expect(
      await translateCollection(admin, collectionTranslationInputSchema.parse({ id: '999999', locale: 'ru', name: 'x' })),
    ).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(await updateCollection(admin, collectionInputSchema.parse({ id: '999999', name: 'x' }))).toMatchObject({ ok: false });
  });
});
