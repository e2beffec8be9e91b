import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ProductGrid } from '@/components/catalog/product-grid';
import { SortMenu } from '@/components/catalog/sort-menu';
import { Link } from '@/i18n/navigation';
import type { ProductView } from '@/lib/catalog';
import type { ProductPage } from '@/lib/catalog-listing';
import { listingHref, type Sort } from '@/lib/catalog-params';

interface Props {
  title: string;
  /** Under the title: a collection's description, the search box. */
  intro?: ReactNode;
  products: ProductView[];
  /** The listing's path and state, for the sort links. */
  path: string;
  q?: string;
  sort: Sort;
  sorts: readonly Sort[];
  /** What to show when nothing is listed. */
  empty: ReactNode;
  /** Where this page sits in the listing (lib/catalog-listing.ts listProductPage). */
  paging: Omit<ProductPage, 'products'>;
}

const pageLinkClass =
  'inline-block rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';

/** A page of products (all, a collection, a search): title, sort links, cards or the empty state. */
export async function ProductListing({ title, intro, products, path, q, sort, sorts, empty, paging }: Props) {
  const t = await getTranslations('listing');
  return (
    <section aria-labelledby="listing-heading" className="space-y-6">
      <div className="space-y-3">
        <h1 id="listing-heading" className="text-2xl font-bold tracking-tight break-words sm:text-3xl">
          {title}
        </h1>
        {intro}
      </div>
      {products.length === 0 ? (
        empty
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="result-count">
              {paging.totalCapped ? t('countCapped', { count: paging.total }) : t('count', { count: paging.total })}
            </p>
            <SortMenu path={path} q={q} sort={sort} sorts={sorts} />
          </div>
          <ProductGrid products={products} />
          {paging.pageCount > 1 && (
            <nav aria-label={t('pagination')} data-testid="pagination" className="flex flex-wrap items-center justify-between gap-3">
              {paging.page > 1 ? (
                <Link href={listingHref(path, { q, sort, page: paging.page - 1 })} rel="prev" className={pageLinkClass}>
                  {t('previous')}
                </Link>
              ) : (
                <span />
              )}
              <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-current="page">
                {t('pageOf', { page: paging.page, pages: paging.pageCount })}
              </p>
              {paging.hasNext ? (
                <Link href={listingHref(path, { q, sort, page: paging.page + 1 })} rel="next" className={pageLinkClass}>
                  {t('next')}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
