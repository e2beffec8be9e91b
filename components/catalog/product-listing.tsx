import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ProductGrid } from '@/components/catalog/product-grid';
import { SortMenu } from '@/components/catalog/sort-menu';
import type { ProductView } from '@/lib/catalog';
import type { Sort } from '@/lib/catalog-params';

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
}

/** A page of products (all, a collection, a search): title, sort links, cards or the empty state. */
export async function ProductListing({ title, intro, products, path, q, sort, sorts, empty }: Props) {
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
              {t('count', { count: products.length })}
            </p>
            <SortMenu path={path} q={q} sort={sort} sorts={sorts} />
          </div>
          <ProductGrid products={products} />
        </>
      )}
    </section>
  );
}
