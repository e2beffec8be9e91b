import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ProductListing } from '@/components/catalog/product-listing';
import { SearchForm } from '@/components/layout/search-form';
import { buttonClass, secondaryButtonClass } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { alternates } from '@/lib/i18n/seo';
import { MAX_QUERY_LENGTH, parseListingParams } from '@/lib/catalog-params';
import { cachedCollections, listingPage } from '@/lib/catalog-cache';
import { whenDatabaseUp } from '@/lib/unavailable';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'search' });
  const { q } = parseListingParams(await searchParams, { search: true });
  // Result pages are for people, not for search engines' indexes.
  return { title: q ? t('metaTitle', { q }) : t('title'), robots: { index: false }, alternates: alternates('/search', locale) };
}

export default async function SearchPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('search');
  const { q, shortened, sort, sorts, page } = parseListingParams(await searchParams, { search: true });
  const [{ products, ...paging }, collections] = await whenDatabaseUp('/search', () =>
    Promise.all([listingPage({ q, sort, page }, locale), cachedCollections(locale)]),
  );
  // A page past the end is not a page of the results.
  if (products.length === 0 && page > 1) notFound();
  return (
    <ProductListing
      title={q ? t('results', { q }) : t('title')}
      intro={
        <>
          <SearchForm label={t('title')} locale={locale} defaultValue={q} className="max-w-xl" />
          {shortened && (
            <p role="status" data-testid="search-shortened" className="text-sm text-amber-800 dark:text-amber-300">
              {t('shortened', { max: MAX_QUERY_LENGTH })}
            </p>
          )}
        </>
      }
      products={products}
      paging={paging}
      path="/search"
      q={q}
      sort={sort}
      sorts={sorts}
      empty={
        <div data-testid="search-empty" className="rounded-2xl border border-dashed border-zinc-300 p-6 sm:p-8 dark:border-zinc-700">
          <h2 className="text-lg font-semibold break-words">{q ? t('noMatch', { q }) : t('noProducts')}</h2>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">{t('hint')}</p>
          {collections.length > 0 && (
            <ul className="mt-4 flex flex-wrap gap-2" aria-label={t('collections')}>
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
              {t('clear')}
            </Link>
            <Link href="/" className={secondaryButtonClass}>
              {t('allProducts')}
            </Link>
          </div>
        </div>
      }
    />
  );
}
