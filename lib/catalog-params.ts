import { z } from 'zod';

/**
 * How the storefront's listings are ordered. `featured` is the merchant's order (a collection's
 * own order, else the catalog's); `relevance` exists only with a search query.
 */
export const SORTS = ['featured', 'relevance', 'newest', 'price-asc', 'price-desc'] as const;
export type Sort = (typeof SORTS)[number];

export const SORT_LABELS: Record<Sort, string> = {
  featured: 'Featured',
  relevance: 'Relevance',
  newest: 'Newest',
  'price-asc': 'Price: low to high',
  'price-desc': 'Price: high to low',
};

/** The longest search the shop runs; longer ones are cut here and the buyer is told. */
export const MAX_QUERY_LENGTH = 100;

/** A query-string value as Next hands it to a page: absent, once, or repeated (the first counts). */
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const querySchema = z.preprocess(
  first,
  z
    .string()
    .optional()
    .transform((raw) => {
      // Control characters (NUL would make PostgreSQL refuse the parameter) become spaces; runs of
      // white space collapse, so what the page echoes is what was searched.
      const cleaned = (raw ?? '')
        .toWellFormed()
        .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      const chars = Array.from(cleaned);
      const shortened = chars.length > MAX_QUERY_LENGTH;
      return { q: shortened ? chars.slice(0, MAX_QUERY_LENGTH).join('').trim() : cleaned, shortened };
    }),
);

const sortSchema = z.preprocess(first, z.enum(SORTS).optional().catch(undefined));

/** Products on one page of a listing. */
export const PAGE_SIZE = 24;
/** The deepest page a listing serves: beyond it a buyer searches or filters (and an offset stays cheap). */
export const MAX_PAGE = 100;

// Digits only (no signs, exponents or other scripts' digits), 1…MAX_PAGE; anything else is page 1.
const pageSchema = z.preprocess(
  first,
  z
    .string()
    .regex(/^[0-9]{1,4}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PAGE))
    .optional()
    .catch(undefined),
);

export interface ListingParams {
  /** The search as it will be run: cleaned and at most MAX_QUERY_LENGTH characters; '' when none. */
  q: string;
  /** True when the buyer's query was longer than MAX_QUERY_LENGTH and was cut. */
  shortened: boolean;
  sort: Sort;
  /** The sorts this listing offers, in menu order. */
  sorts: readonly Sort[];
  /** The page asked for, from 1; the listing itself knows whether it has that many. */
  page: number;
}

type RawParams = Record<string, string | string[] | undefined>;

/**
 * Read `q` and `sort` from a listing page's query string. Never fails: an unknown or misplaced sort
 * (relevance without a search) falls back to the listing's default, an over-long query is cut.
 */
export function parseListingParams(raw: RawParams, options: { search: boolean }): ListingParams {
  const { q, shortened } = options.search ? querySchema.parse(raw.q) : { q: '', shortened: false };
  const sorts: readonly Sort[] = q ? SORTS : SORTS.filter((s) => s !== 'relevance');
  const fallback: Sort = q ? 'relevance' : 'featured';
  const asked = sortSchema.parse(raw.sort);
  const sort = asked && sorts.includes(asked) ? asked : fallback;
  return { q, shortened, sort, sorts, page: pageSchema.parse(raw.page) ?? 1 };
}

/** The URL of a listing with the given search, sort and page, leaving out what is the default. */
export function listingHref(path: string, { q, sort, page = 1 }: { q?: string; sort: Sort; page?: number }): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  const isDefault = sort === (q ? 'relevance' : 'featured');
  if (!isDefault) params.set('sort', sort);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
