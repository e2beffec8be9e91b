import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { cache } from 'react';
import { ProductListing } from '@/components/catalog/product-listing';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { alternates } from '@/lib/i18n/seo';
import { listingPage } from '@/lib/catalog-cache';
import { parseListingParams } from '@/lib/catalog-params';
import { cachedCollection } from '@/lib/catalog-cache';
import { whenDatabaseUp } from '@/lib/unavailable';

export const dynamic = 'force-dynamic';

// One query per request, shared by generateMetadata and the page.
const loadCollection = cache((slug: string, locale: Locale) =>
  whenDatabaseUp(`/collections/${encodeURIComponent(slug)}`, () => cachedCollection(slug, locale)),
);

type Props = {
  params: Promise<{ locale: Locale; slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  const collection = await loadCollection(slug, locale);
  if (!collection) return { title: (await getTranslations({ locale, namespace: 'notFound' }))('metaTitle') };
  return {
    title: collection.name,
    description: collection.description || undefined,
    alternates: alternates(`/collections/${collection.slug}`, locale),
  };
}

export default async function CollectionPage({ params, searchParams }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const collection = await loadCollection(slug, locale);
  if (!collection) notFound();
  const t = await getTranslations('listing');
  const path = `/collections/${collection.slug}`;
  const { sort, sorts, page } = parseListingParams(await searchParams, { search: false });
  const { products, ...paging } = await whenDatabaseUp(path, () => listingPage({ collectionId: collection.id, sort, page }, locale));
  // A page past the end is not a page of the collection.
  if (products.length === 0 && page > 1) notFound();
  return (
    <ProductListing
      title={collection.name}
      intro={collection.description ? <p className="max-w-2xl text-zinc-600 dark:text-zinc-400">{collection.description}</p> : undefined}
      products={products}
      paging={paging}
      path={path}
      sort={sort}
      sorts={sorts}
      empty={
        <p className="text-zinc-600 dark:text-zinc-400">
          {t('collectionEmpty')}{' '}
          <Link href="/" className="font-medium text-brand-600 underline dark:text-brand-500">
            {t('seeAll')}
          </Link>
        </p>
      }
    />
  );
}
