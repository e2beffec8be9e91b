import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, collections, shippingOptions, users } from '@/db/schema';
import type { Admin } from '@/lib/auth';
import {
  localizedCollectionTexts,
  localizedProductTexts,
  localizedShippingNames,
  productTranslationInputSchema,
  productTranslationsForEditor,
  shippingOptionTranslationInputSchema,
  translateProduct,
  translateShippingOption,
} from '@/lib/translations';
import { productBySlug } from '../helpers/shop';

// The back office's translation editors: what the form accepts, what is stored, the fallback when a
// translation is cleared, and an audit entry per change (none for a save that changes nothing).

let admin: Admin;

beforeAll(async () => {
  const { db } = await getDb();
  const [u] = await db.insert(users).values({ email: 'translator@example.com', role: 'admin' }).returning({ id: users.id });
  admin = { id: u!.id, email: 'translator@example.com', name: null };
});

const issues = (
  schema: typeof productTranslationInputSchema | typeof shippingOptionTranslationInputSchema,
  input: Record<string, unknown>,
) => {
  const r = schema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

async function auditOf(subjectType: string, id: number) {
  const { db } = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, String(id))))
    .orderBy(desc(auditLog.id));
}

describe('translation forms', () => {
  it('accept only other languages than the default, names with descriptions, and bounded lengths', () => {
    expect(issues(productTranslationInputSchema, { id: '1', locale: 'ru', name: 'Кружка', description: '' })).toEqual({});
    expect(issues(productTranslationInputSchema, { id: '1', locale: 'ru', name: '', description: '' })).toEqual({});
    expect(issues(productTranslationInputSchema, { id: '1', locale: 'en', name: 'Mug' })).toHaveProperty('locale');
    expect(issues(productTranslationInputSchema, { id: '1', locale: 'de', name: 'Tasse' })).toHaveProperty('locale');
    expect(issues(productTranslationInputSchema, { id: '1', locale: 'ru', name: '', description: 'Только описание' })).toHaveProperty(
      'name',
    );
    expect(issues(productTranslationInputSchema, { id: '1', locale: 'ru', name: 'x'.repeat(121) })).toHaveProperty('name');
    expect(issues(productTranslationInputSchema, { id: 'x', locale: 'ru', name: 'a' })).toHaveProperty('id');
    expect(issues(shippingOptionTranslationInputSchema, { id: '1', locale: 'ru', name: 'x'.repeat(81) })).toHaveProperty('name');
  });
});

describe('translation editors', () => {
  it('save a product in Russian with an audit entry, change nothing on a repeat, fall back when cleared', async () => {
    const { db } = await getDb();
    const pouch = await productBySlug('faraday-wallet-pouch');
    const form = { id: String(pouch.id), locale: 'ru', name: '  Чехол Фарадея  ', description: 'Новое описание.' };
    expect(await translateProduct(admin, productTranslationInputSchema.parse(form))).toEqual({
      ok: true,
      value: { changed: ['name', 'description'] },
    });
    expect((await localizedProductTexts(db, [pouch.id], 'ru')).get(pouch.id)).toEqual({
      name: 'Чехол Фарадея',
      description: 'Новое описание.',
    });
    expect(await productTranslationsForEditor(pouch.id)).toEqual([
      { locale: 'ru', label: 'Russian', name: 'Чехол Фарадея', description: 'Новое описание.' },
    ]);
    const [entry] = await auditOf('product', pouch.id);
    expect(entry).toMatchObject({
      action: 'product.translate',
      actorEmail: 'translator@example.com',
      detail: { locale: 'ru', name: ['Экранирующий чехол Фарадея', 'Чехол Фарадея'], description: [expect.any(String), 'Новое описание.'] },
    });

    expect(await translateProduct(admin, productTranslationInputSchema.parse(form))).toEqual({ ok: true, value: { changed: [] } });
    expect(await auditOf('product', pouch.id)).toHaveLength(1);

    // Cleared: buyers in Russian see the English texts again.
    await translateProduct(admin, productTranslationInputSchema.parse({ ...form, name: '', description: '' }));
    expect((await localizedProductTexts(db, [pouch.id], 'ru')).get(pouch.id)).toEqual({ name: pouch.name, description: pouch.description });
    expect((await auditOf('product', pouch.id))[0]!.detail).toMatchObject({ name: ['Чехол Фарадея', null] });

    expect(await translateProduct(admin, productTranslationInputSchema.parse({ ...form, id: '999999' }))).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });

  it('save a shipping option name in Russian, audited', async () => {
    const { db } = await getDb();
    const [express] = await db.select().from(shippingOptions).where(eq(shippingOptions.name, 'Express (US)'));
    const saved = await translateShippingOption(
      admin,
      shippingOptionTranslationInputSchema.parse({ id: String(express!.id), locale: 'ru', name: 'Курьер (США)' }),
    );
    expect(saved).toEqual({ ok: true, value: { changed: true } });
    expect((await localizedShippingNames(db, [express!.id], 'ru')).get(express!.id)).toBe('Курьер (США)');
    expect((await auditOf('shipping_option', express!.id))[0]).toMatchObject({
      action: 'shipping_option.translate',
      detail: { locale: 'ru', name: ['Экспресс (США)', 'Курьер (США)'] },
    });
  });

  it('give the seeded collections Russian names, and English for a language without rows', async () => {
    const { db } = await getDb();
    const [apparel] = await db.select().from(collections).where(eq(collections.slug, 'apparel'));
    expect((await localizedCollectionTexts(db, [apparel!.id], 'ru')).get(apparel!.id)!.name).toBe('Одежда');
    expect((await localizedCollectionTexts(db, [apparel!.id], 'en')).get(apparel!.id)).toEqual({
      name: apparel!.name,
      description: apparel!.description,
    });
  });
});
