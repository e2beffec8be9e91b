import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import { unstable_cache as cached, updateTag } from 'next/cache';
import { getDb } from '@/db/client';
import { products, productVariants } from '@/db/schema';
import type { Locale } from '@/i18n/routing';
import { getProductDetail, relatedProducts, type ProductDetail, type ProductView } from '@/lib/catalog';
import { listProductPage, type ListingOptions, type ProductPage } from '@/lib/catalog-listing';
import { getCollection, listCollections, type CollectionView } from '@/lib/collections';
import { productsInLocale } from '@/lib/translations';

/**
 * The storefront's catalog reads, kept in Next's data cache (`unstable_cache`: `'use cache'` needs
 * `experimental.useCache`, which refuses the payment routes' `runtime = 'nodejs'`) so a catalog page costs
 * no statement for what every buyer sees alike: listings, a product with its variants and gallery,
 * related products, collections, in each language. Only stock is read live, in one statement
 * (`withLiveStock`), because orders change it all the time and nothing should show a sold-out size
 * as available.
 *
 * Everything here is tagged `catalog`. A back-office edit (products, variants, translations,
 * collections, license keys) calls `catalogChanged()`, so the instance that made the edit shows it
 * at once; other instances of the shop (each has its own cache) show it within CATALOG_SECONDS.
 * Pages use these; tests and the back office read `lib/catalog*.ts` directly.
 */
export const CATALOG_TAG = 'catalog';
/** How long another instance may keep showing a catalog edit made elsewhere. */
export const CATALOG_SECONDS = 30;
const catalogCache = { tags: [CATALOG_TAG], revalidate: CATALOG_SECONDS };

/** One page of a listing, its products in `locale`. */
export const cachedProductPage = cached(
  async (options: ListingOptions & { page: number }, locale: Locale): Promise<ProductPage> => {
    const page = await listProductPage(options);
    return { ...page, products: await productsInLocale(page.products, locale) };
  },
  ['catalog:listing'],
  catalogCache,
);

/** A product page's data in `locale` (the main image described by the product's name in it), or null. */
export const cachedProductDetail = cached(
  async (slug: string, locale: Locale): Promise<ProductDetail | null> => {
    const product = await getProductDetail(slug);
    if (!product) return null;
    const [localized] = await productsInLocale([product], locale);
    return { ...localized!, images: product.images.map((image, i) => (i === 0 ? { ...image, alt: localized!.name } : image)) };
  },
  ['catalog:product'],
  catalogCache,
);

/** Products shown under a product, in `locale`. */
export function cachedRelatedProducts(product: Pick<ProductView, 'id' | 'kind'>, locale: Locale): Promise<ProductView[]> {
  return cachedRelated(product.id, product.kind, locale);
}

const cachedRelated = cached(
  async (id: number, kind: ProductView['kind'], locale: Locale): Promise<ProductView[]> =>
    productsInLocale(await relatedProducts({ id, kind }), locale),
  ['catalog:related'],
  catalogCache,
);

/** The collections menu, in `locale`. */
export const cachedCollections = cached(
  (locale: Locale): Promise<CollectionView[]> => listCollections(locale),
  ['catalog:collections'],
  catalogCache,
);

/** A collection by slug, in `locale`, or null. */
export const cachedCollection = cached(
  (slug: string, locale: Locale): Promise<CollectionView | null> => getCollection(slug, locale),
  ['catalog:collection'],
  catalogCache,
);

/**
 * Products (and, for a product page, its variants) with their stock as it is now, whatever the
 * cached copy says: one statement.
 */
export async function withLiveStock<T extends ProductView & { variants?: Array<{ id: number; stock: number }> }>(items: T[]): Promise<T[]> {
  if (items.length === 0) return items;
  const { db } = await getDb();
  const ids = items.map((p) => p.id);
  const rows = await db
    .select({
      id: products.id,
      stock: products.stock,
      // Qualified by hand: drizzle writes a lone table's columns unqualified, and inside the
      // subquery a bare "id" would be the variant's own.
      variants: sql<Array<
        [number, number]
      > | null>`(select json_agg(json_build_array(v.id, v.stock)) from ${productVariants} v where v.product_id = ${sql.raw('"products"."id"')})`,
    })
    .from(products)
    .where(inArray(products.id, ids));
  const live = new Map(rows.map((r) => [r.id, { stock: r.stock, variants: new Map(r.variants ?? []) }]));
  return items.map((item) => {
    const now = live.get(item.id);
    if (!now) return item;
    const variants = item.variants?.map((v) => ({ ...v, stock: now.variants.get(v.id) ?? v.stock }));
    return { ...item, stock: now.stock, ...(variants ? { variants } : {}) };
  });
}

/** A listing page from the cache, with its products' stock as it is now. */
export async function listingPage(options: ListingOptions & { page: number }, locale: Locale): Promise<ProductPage> {
  const page = await cachedProductPage(options, locale);
  return { ...page, products: await withLiveStock(page.products) };
}

/** After a back-office edit of the catalog, in its server action: this instance's pages show it at once. */
export function catalogChanged(): void {
  updateTag(CATALOG_TAG);
}
