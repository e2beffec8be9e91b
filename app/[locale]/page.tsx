import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ProductListing } from '@/components/catalog/product-listing';
import type { Locale } from '@/i18n/routing';
import { listingPage } from '@/lib/catalog-cache';
import { parseListingParams } from '@/lib/catalog-params';
import { alternates } from '@/lib/i18n/seo';
import { whenDatabaseUp } from '@/lib/unavailable';

// The catalog lives in the app's database, which does not exist at build time.
export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'meta' });
  return { description: t('description'), alternates: alternates('/', locale) };
}

export default async function HomePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('listing');
  const { sort, sorts, page } = parseListingParams(await searchParams, { search: false });
  const { products, ...paging } = await whenDatabaseUp('/', () => listingPage({ sort, page }, locale));
  // A page past the end is not a page of the listing.
  if (products.length === 0 && page > 1) notFound();
  return (
    <ProductListing
      title={t('allProducts')}
      products={products}
      paging={paging}
      path="/"
      sort={sort}
      sorts={sorts}
      empty={<p className="text-zinc-600 dark:text-zinc-400">{t('noProducts')}</p>}
    />
  );
}
