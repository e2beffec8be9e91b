import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { getDb } from '@/db/client';
import {
  auditLog,
  collectionTranslations,
  collections,
  productTranslations,
  products,
  shippingOptionTranslations,
  shippingOptions,
} from '@/db/schema';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@/i18n/routing';
import type { Admin } from '@/lib/auth';
import { localeSchema } from '@/lib/i18n/negotiate';
import { fail, ok, type Result } from '@/lib/result';

// The catalog's texts in the buyer's language. The base columns (products.name, …) are the
// default language; other languages are rows of the *_translations tables, and whatever is missing
// there falls back to the base column, field by field.

export interface LocalizedProductText {
  name: string;
  description: string;
}

/** Names and descriptions of the given products in `locale`, by product id (unknown ids are left out). */
export async function localizedProductTexts(db: Db | Tx, productIds: number[], locale: Locale): Promise<Map<number, LocalizedProductText>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: products.id,
      name: sql<string>`coalesce(${productTranslations.name}, ${products.name})`,
      description: sql<string>`coalesce(${productTranslations.description}, ${products.description})`,
    })
    .from(products)
    .leftJoin(productTranslations, and(eq(productTranslations.productId, products.id), eq(productTranslations.locale, locale)))
    .where(inArray(products.id, [...new Set(productIds)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, description: r.description }]));
}

/** Names and descriptions of the given collections in `locale`, by collection id. */
export async function localizedCollectionTexts(
  db: Db | Tx,
  collectionIds: number[],
  locale: Locale,
): Promise<Map<number, LocalizedProductText>> {
  if (collectionIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: collections.id,
      name: sql<string>`coalesce(${collectionTranslations.name}, ${collections.name})`,
      description: sql<string>`coalesce(${collectionTranslations.description}, ${collections.description})`,
    })
    .from(collections)
    .leftJoin(
      collectionTranslations,
      and(eq(collectionTranslations.collectionId, collections.id), eq(collectionTranslations.locale, locale)),
    )
    .where(inArray(collections.id, [...new Set(collectionIds)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, description: r.description }]));
}

/** Names of the given shipping options in `locale`, by option id. */
export async function localizedShippingNames(db: Db | Tx, optionIds: number[], locale: Locale): Promise<Map<number, string>> {
  if (optionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: shippingOptions.id, name: sql<string>`coalesce(${shippingOptionTranslations.name}, ${shippingOptions.name})` })
    .from(shippingOptions)
    .leftJoin(
      shippingOptionTranslations,
      and(eq(shippingOptionTranslations.shippingOptionId, shippingOptions.id), eq(shippingOptionTranslations.locale, locale)),
    )
    .where(inArray(shippingOptions.id, [...new Set(optionIds)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A product's stored translation in one language (for the back office's editor), or null. */
export async function productTranslation(db: Db | Tx, productId: number, locale: Locale) {
  const [row] = await db
    .select({ name: productTranslations.name, description: productTranslations.description })
    .from(productTranslations)
    .where(and(eq(productTranslations.productId, productId), eq(productTranslations.locale, locale)));
  return row ?? null;
}

/** A shipping option's stored name in one language, or null. */
export async function shippingOptionTranslation(db: Db | Tx, optionId: number, locale: Locale) {
  const [row] = await db
    .select({ name: shippingOptionTranslations.name })
    .from(shippingOptionTranslations)
    .where(and(eq(shippingOptionTranslations.shippingOptionId, optionId), eq(shippingOptionTranslations.locale, locale)));
  return row?.name ?? null;
}

/**
 * Store a product's texts in a language other than the default; an empty name removes the
 * translation (the product then shows in the default language), an empty description falls back
 * to the default one. Returns what changed, for the audit log.
 */
export async function saveProductTranslation(
  tx: Tx,
  productId: number,
  locale: Locale,
  text: { name: string; description: string },
): Promise<{ before: { name: string; description: string | null } | null; after: { name: string; description: string | null } | null }> {
  if (locale === DEFAULT_LOCALE) throw new RangeError('the default language lives in the products table');
  const before = await productTranslation(tx, productId, locale);
  if (!text.name) {
    await tx.delete(productTranslations).where(and(eq(productTranslations.productId, productId), eq(productTranslations.locale, locale)));
    return { before, after: null };
  }
  const after = { name: text.name, description: text.description || null };
  await tx
    .insert(productTranslations)
    .values({ productId, locale, ...after })
    .onConflictDoUpdate({ target: [productTranslations.productId, productTranslations.locale], set: { ...after, updatedAt: new Date() } });
  return { before, after };
}

/** Store (or, with an empty name, remove) a shipping option's name in a language other than the default. */
export async function saveShippingOptionTranslation(
  tx: Tx,
  optionId: number,
  locale: Locale,
  name: string,
): Promise<{ before: string | null; after: string | null }> {
  if (locale === DEFAULT_LOCALE) throw new RangeError('the default language lives in the shipping_options table');
  const before = await shippingOptionTranslation(tx, optionId, locale);
  if (!name) {
    await tx
      .delete(shippingOptionTranslations)
      .where(and(eq(shippingOptionTranslations.shippingOptionId, optionId), eq(shippingOptionTranslations.locale, locale)));
    return { before, after: null };
  }
  await tx
    .insert(shippingOptionTranslations)
    .values({ shippingOptionId: optionId, locale, name })
    .onConflictDoUpdate({
      target: [shippingOptionTranslations.shippingOptionId, shippingOptionTranslations.locale],
      set: { name, updatedAt: new Date() },
    });
  return { before, after: name };
}

// The back office's editors: one form per language other than the default, audit-logged like
// every other change to the catalog.

const FORM_EXPIRED = 'This form is out of date. Reload the page.';
const formId = z
  .string()
  .regex(/^\d{1,9}$/, FORM_EXPIRED)
  .transform(Number);
const otherLocale = localeSchema.refine((l) => l !== DEFAULT_LOCALE, FORM_EXPIRED);

/** A product's texts in one language; both empty removes the translation. */
export const productTranslationInputSchema = z
  .object({
    id: formId,
    locale: otherLocale,
    name: z.string().trim().max(120, 'Keep the name under 120 characters.').default(''),
    description: z.string().trim().max(5000, 'Keep the description under 5,000 characters.').default(''),
  })
  .refine((v) => v.name || !v.description, { path: ['name'], message: 'Enter the name in this language too, or clear both fields.' });

/** A shipping option's name in one language; empty removes it. */
export const shippingOptionTranslationInputSchema = z.object({
  id: formId,
  locale: otherLocale,
  name: z.string().trim().max(80, 'Keep the name under 80 characters.').default(''),
});

type NotFound = { kind: 'not-found'; message: string };

/** Save a product's texts in one language; the audit entry holds each changed field as [before, after]. */
export async function translateProduct(
  admin: Admin,
  input: z.output<typeof productTranslationInputSchema>,
): Promise<Result<{ changed: string[] }, NotFound>> {
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.id, input.id)).for('update');
    if (!product) return fail({ kind: 'not-found' as const, message: 'There is no such product.' });
    const { before, after } = await saveProductTranslation(tx, input.id, input.locale, input);
    return ok({
      changed: await auditTextChanges(
        tx,
        admin,
        { action: 'product.translate', subjectType: 'product', subjectId: input.id, locale: input.locale },
        before,
        after,
      ),
    });
  });
}

type Texts = { name: string; description: string | null } | null | undefined;

/**
 * Record which of a translation's texts an admin changed (before → after), in the audit log of the
 * change's transaction; nothing when none did. Returns the names of the changed fields.
 */
async function auditTextChanges(
  tx: Tx,
  admin: Admin,
  subject: { action: string; subjectType: string; subjectId: number; locale: Locale },
  before: Texts,
  after: Texts,
): Promise<string[]> {
  const changes = Object.fromEntries(
    (['name', 'description'] as const)
      .filter((f) => (before?.[f] ?? null) !== (after?.[f] ?? null))
      .map((f) => [f, [before?.[f] ?? null, after?.[f] ?? null]]),
  );
  const changed = Object.keys(changes);
  if (changed.length > 0) {
    await tx.insert(auditLog).values({
      actorId: admin.id,
      actorEmail: admin.email,
      action: subject.action,
      subjectType: subject.subjectType,
      subjectId: String(subject.subjectId),
      detail: { locale: subject.locale, ...changes },
    });
  }
  return changed;
}

/** Save a shipping option's name in one language, audit-logged. */
export async function translateShippingOption(
  admin: Admin,
  input: z.output<typeof shippingOptionTranslationInputSchema>,
): Promise<Result<{ changed: boolean }, NotFound>> {
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [option] = await tx
      .select({ id: shippingOptions.id })
      .from(shippingOptions)
      .where(eq(shippingOptions.id, input.id))
      .for('update');
    if (!option) return fail({ kind: 'not-found' as const, message: 'There is no such shipping option.' });
    const { before, after } = await saveShippingOptionTranslation(tx, input.id, input.locale, input.name);
    if (before === after) return ok({ changed: false });
    await tx.insert(auditLog).values({
      actorId: admin.id,
      actorEmail: admin.email,
      action: 'shipping_option.translate',
      subjectType: 'shipping_option',
      subjectId: String(input.id),
      detail: { locale: input.locale, name: [before, after] },
    });
    return ok({ changed: true });
  });
}

/** The languages the back office edits translations in (every one but the default), with their English names. */
export function translationLocales(): Array<{ locale: Locale; label: string }> {
  const names = new Intl.DisplayNames('en', { type: 'language' });
  return LOCALES.filter((l) => l !== DEFAULT_LOCALE).map((locale) => ({ locale, label: names.of(locale) ?? locale }));
}

/** A product's stored texts in each other language, for its editor (empty strings where none). */
export async function productTranslationsForEditor(productId: number) {
  const { db } = await getDb();
  return Promise.all(
    translationLocales().map(async ({ locale, label }) => {
      const row = await productTranslation(db, productId, locale);
      return { locale, label, name: row?.name ?? '', description: row?.description ?? '' };
    }),
  );
}

/** Every shipping option's stored names in the other languages: option id → locale → name. */
export async function shippingOptionTranslationsForEditor(): Promise<Map<number, Partial<Record<Locale, string>>>> {
  const { db } = await getDb();
  const rows = await db.select().from(shippingOptionTranslations);
  const out = new Map<number, Partial<Record<Locale, string>>>();
  for (const r of rows) out.set(r.shippingOptionId, { ...out.get(r.shippingOptionId), [r.locale]: r.name });
  return out;
}

/**
 * Products (or anything with a product's id, name and description) with their name and description
 * in `locale`: what the storefront's pages show. The default language is the rows as they are.
 */
export async function productsInLocale<T extends { id: number; name: string; description?: string }>(
  items: T[],
  locale: Locale,
): Promise<T[]> {
  if (locale === DEFAULT_LOCALE || items.length === 0) return items;
  const { db } = await getDb();
  const texts = await localizedProductTexts(
    db,
    items.map((p) => p.id),
    locale,
  );
  return items.map((p) => {
    const text = texts.get(p.id);
    if (!text) return p;
    return 'description' in p ? { ...p, name: text.name, description: text.description } : { ...p, name: text.name };
  });
}

/** Names of products by id in `locale` (an order's lines keep their product's id). */
export async function productNamesIn(productIds: number[], locale: Locale): Promise<Map<number, string>> {
  if (locale === DEFAULT_LOCALE || productIds.length === 0) return new Map();
  const { db } = await getDb();
  return new Map([...(await localizedProductTexts(db, productIds, locale))].map(([id, t]) => [id, t.name]));
}

/** Names of shipping options by id in `locale`. */
export async function shippingNamesIn(optionIds: number[], locale: Locale): Promise<Map<number, string>> {
  if (locale === DEFAULT_LOCALE || optionIds.length === 0) return new Map();
  const { db } = await getDb();
  return localizedShippingNames(db, optionIds, locale);
}

/** A collection's stored translation in one language (for the back office's editor), or null. */
export async function collectionTranslation(db: Db | Tx, collectionId: number, locale: Locale) {
  const [row] = await db
    .select({ name: collectionTranslations.name, description: collectionTranslations.description })
    .from(collectionTranslations)
    .where(and(eq(collectionTranslations.collectionId, collectionId), eq(collectionTranslations.locale, locale)));
  return row ?? null;
}

/** A collection's texts in one language; both empty removes the translation. */
export const collectionTranslationInputSchema = z
  .object({
    id: formId,
    locale: otherLocale,
    name: z.string().trim().max(80, 'Keep the name under 80 characters.').default(''),
    description: z.string().trim().max(2000, 'Keep the description under 2,000 characters.').default(''),
  })
  .refine((v) => v.name || !v.description, { path: ['name'], message: 'Enter the name in this language too, or clear both fields.' });

/**
 * Save a collection's texts in a language other than the default (an empty name removes the
 * translation: the collection then shows in the default language), audit-logged with each changed
 * field as [before, after], like the product editor's.
 */
export async function translateCollection(
  admin: Admin,
  input: z.output<typeof collectionTranslationInputSchema>,
): Promise<Result<{ changed: string[] }, NotFound>> {
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [collection] = await tx.select({ id: collections.id }).from(collections).where(eq(collections.id, input.id)).for('update');
    if (!collection) return fail({ kind: 'not-found' as const, message: 'There is no such collection.' });
    const before = await collectionTranslation(tx, input.id, input.locale);
    const after = input.name ? { name: input.name, description: input.description || null } : null;
    if (after) {
      await tx
        .insert(collectionTranslations)
        .values({ collectionId: input.id, locale: input.locale, ...after })
        .onConflictDoUpdate({
          target: [collectionTranslations.collectionId, collectionTranslations.locale],
          set: { ...after, updatedAt: new Date() },
        });
    } else {
      await tx
        .delete(collectionTranslations)
        .where(and(eq(collectionTranslations.collectionId, input.id), eq(collectionTranslations.locale, input.locale)));
    }
    return ok({
      changed: await auditTextChanges(
        tx,
        admin,
        { action: 'collection.translate', subjectType: 'collection', subjectId: input.id, locale: input.locale },
        before,
        after,
      ),
    });
  });
}

/** A collection's stored texts in each other language, for its editor (empty strings where none). */
export async function collectionTranslationsForEditor(collectionId: number) {
  const { db } = await getDb();
  return Promise.all(
    translationLocales().map(async ({ locale, label }) => {
      const row = await collectionTranslation(db, collectionId, locale);
      return { locale, label, name: row?.name ?? '', description: row?.description ?? '' };
    }),
  );
}
