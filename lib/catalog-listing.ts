import 'server-only';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { productCollections, products } from '@/db/schema';
import { productColumns, type ProductView } from '@/lib/catalog';
import { MAX_PAGE, PAGE_SIZE, type Sort } from '@/lib/catalog-params';

/** Words of a query used as prefixes; more add nothing a buyer needs and only cost. */
const MAX_PREFIX_WORDS = 8;

/**
 * The full-text query for what a buyer typed, or null when there is nothing to search for. Two
 * readings, either may match, both answered by the GIN index on `search_vector`:
 * - the query in web-search syntax with English stemming (`"steel plate"`, `-socks`, `or`), so
 *   "hoodies" finds "Hoodie";
 * - every word as a prefix, all of them required and the excluded ones still excluded, so a word
 *   still being typed matches ("runn" finds "Runner", "merk tree" finds "Merkle Tree"). English
 *   stop words drop out, and a stemmed prefix is still a prefix of the word's stored forms.
 * Words inside other words ("pool" in "Mempool") do not match: that needs a trigram index, which
 * PGlite does not ship.
 */
export function searchQuery(q: string): SQL | null {
  if (!q.trim()) return null;
  const wordsOf = (token: string) => token.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const tokens = q.split(/\s+/).filter((token) => token.toLowerCase() !== 'or');
  const wanted = tokens
    .filter((t) => !t.startsWith('-'))
    .flatMap(wordsOf)
    .slice(0, MAX_PREFIX_WORDS);
  const excluded = tokens
    .filter((t) => t.startsWith('-'))
    .flatMap(wordsOf)
    .slice(0, MAX_PREFIX_WORDS);
  const web = sql`websearch_to_tsquery('english', ${q})`;
  if (wanted.length === 0) return web;
  // Only letters and digits reach to_tsquery's syntax, so the buyer cannot write operators into it.
  const prefixes = [...wanted.map((w) => `${w}:*`), ...excluded.map((w) => `!${w}`)].join(' & ');
  return sql`(${web} || to_tsquery('english', ${prefixes}))`;
}

/** The condition a search puts on products: the form the GIN index on `search_vector` serves. */
export function searchCondition(query: SQL): SQL {
  return sql`${products.searchVector} @@ ${query}`;
}

export interface ListingOptions {
  /** Only the products of this collection. */
  collectionId?: number;
  /** A search, already cleaned (lib/catalog-params); '' or absent lists everything. */
  q?: string;
  sort: Sort;
}

/**
 * The active products of a listing (all products, a collection, a search), in the requested order.
 * Inactive products never appear. Ties are broken by id, so the order is stable across requests.
 */
export async function listProducts(options: ListingOptions): Promise<ProductView[]> {
  return listingQuery(options);
}

export interface ProductPage {
  products: ProductView[];
  page: number;
  /** Whether a next page has products. */
  hasNext: boolean;
  /** Products in the whole listing, counted up to `PAGE_SIZE × MAX_PAGE` … */
  total: number;
  /** … and true when there are more than that (shown as "2,400+"). */
  totalCapped: boolean;
  /** Pages a buyer can reach: at most MAX_PAGE. */
  pageCount: number;
}

/** The most products a listing counts: its pages' worth, so counting costs the same in any catalog. */
const COUNT_CAP = PAGE_SIZE * MAX_PAGE;

/**
 * One page of a listing (PAGE_SIZE products) and the listing's size, counted up to COUNT_CAP: two
 * statements whatever the catalog's size, so the storefront's cost stays flat as the catalog grows.
 * A page past the end has no products (the page answers 404).
 */
export async function listProductPage(options: ListingOptions & { page: number }): Promise<ProductPage> {
  const page = Math.min(Math.max(1, Math.trunc(options.page)), MAX_PAGE);
  const [rows, total] = await Promise.all([
    listingQuery(options, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
    countListing(options),
  ]);
  const totalCapped = total > COUNT_CAP;
  const counted = Math.min(total, COUNT_CAP);
  return {
    products: rows.slice(0, PAGE_SIZE),
    page,
    hasNext: rows.length > PAGE_SIZE && page < MAX_PAGE,
    total: counted,
    totalCapped,
    pageCount: Math.max(1, Math.min(MAX_PAGE, Math.ceil(counted / PAGE_SIZE))),
  };
}

function listingWhere({ collectionId, q = '' }: ListingOptions) {
  const query = searchQuery(q);
  const where = and(
    eq(products.active, true),
    query ? searchCondition(query) : undefined,
    collectionId === undefined ? undefined : eq(productCollections.collectionId, collectionId),
  );
  return { query, where };
}

async function countListing(options: ListingOptions): Promise<number> {
  const { db } = await getDb();
  const { where } = listingWhere(options);
  const base = db.select({ one: sql`1` }).from(products);
  const matching = (
    options.collectionId === undefined
      ? base.where(where)
      : base.innerJoin(productCollections, eq(productCollections.productId, products.id)).where(where)
  )
    .limit(COUNT_CAP + 1)
    .as('matching');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(matching);
  return row?.n ?? 0;
}

async function listingQuery(
  { collectionId, q = '', sort }: ListingOptions,
  window?: { limit: number; offset: number },
): Promise<ProductView[]> {
  const { db } = await getDb();
  const { query, where } = listingWhere({ collectionId, q, sort });
  const order: SQL[] = (() => {
    switch (sort) {
      case 'relevance':
        // ts_rank weighs name matches (A) over description matches (B).
        return query ? [sql`ts_rank(${products.searchVector}, ${query}) desc`, asc(products.id)] : [asc(products.id)];
      case 'newest':
        return [desc(products.createdAt), desc(products.id)];
      case 'price-asc':
        return [asc(products.priceMinor), asc(products.id)];
      case 'price-desc':
        return [desc(products.priceMinor), asc(products.id)];
      case 'featured':
        return collectionId === undefined ? [asc(products.id)] : [asc(productCollections.position), asc(products.id)];
    }
  })();
  const base = db.select(productColumns).from(products);
  const rows =
    collectionId === undefined
      ? base.where(where).orderBy(...order)
      : base
          .innerJoin(productCollections, eq(productCollections.productId, products.id))
          .where(where)
          .orderBy(...order);
  return window ? rows.limit(window.limit).offset(window.offset) : rows;
}
