import type { Metadata } from 'next';
import Link from 'next/link';
import { ProductListing } from '@/components/catalog/product-listing';
import { SearchForm } from '@/components/layout/search-form';
import { buttonClass, secondaryButtonClass } from '@/components/ui/button';
import { listProducts } from '@/lib/catalog-listing';
import { MAX_QUERY_LENGTH, parseListingParams } from '@/lib/catalog-params';
import { listCollections } from '@/lib/collections';
import { whenDatabaseUp } from '@/lib/unavailable';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q } = parseListingParams(await searchParams, { search: true });
  // Result pages are for people, not for search engines' indexes.
  return { title: q ? `Search: ${q}` : 'Search', robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Props) {
  const { q, shortened, sort, sorts } = parseListingParams(await searchParams, { search: true });
  const [products, collections] = await whenDatabaseUp('/search', () => Promise.all([listProducts({ q, sort }), listCollections()]));
  return (
    <ProductListing
      title={q ? `Results for “${q}”` : 'Search'}
      intro={
        <>
          <SearchForm label="Search" defaultValue={q} className="max-w-xl" />
          {shortened && (
            <p role="status" data-testid="search-shortened" className="text-sm text-amber-800 dark:text-amber-300">
              Your search was longer than {MAX_QUERY_LENGTH} characters, so only its first {MAX_QUERY_LENGTH} were used.
            </p>
          )}
        </>
      }
      products={products}
      path="/search"
      q={q}
      sort={sort}
      sorts={sorts}
      empty={
        <div data-testid="search-empty" className="rounded-2xl border border-dashed border-zinc-300 p-6 sm:p-8 dark:border-zinc-700">
          <h2 className="text-lg font-semibold break-words">{q ? `No products match “${q}”` : 'No products yet'}</h2>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            Check the spelling, try fewer or more general words (“hoodie”, “steel”, “print”), or browse a collection.
          </p>
          {collections.length > 0 && (
            <ul className="mt-4 flex flex-wrap gap-2" aria-label="Collections">
              {collections.map((c) => (
                <li key={c.slug}>
                  <Link href={`/collections/${c.slug}`} className={secondaryButtonClass}>
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-6 flex flex-wrap gap-3">
            <Link href="/search" className={buttonClass}>
              Clear the search
            </Link>
            <Link href="/" className={secondaryButtonClass}>
              All products
            </Link>
          </div>
        </div>
      }
    />
  );
}
