import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { productTranslations, products, shippingOptionTranslations, shippingOptions } from '@/db/schema';
import { DEFAULT_LOCALE, type Locale } from '@/i18n/routing';

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
