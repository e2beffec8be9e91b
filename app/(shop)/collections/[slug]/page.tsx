import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ProductListing } from '@/components/catalog/product-listing';
import { listProducts } from '@/lib/catalog-listing';
import { parseListingParams } from '@/lib/catalog-params';
import { getCollection } from '@/lib/collections';
import { whenDatabaseUp } from '@/lib/unavailable';

export const dynamic = 'force-dynamic';

// One query per request, shared by generateMetadata and the page.
const loadCollection = cache((slug: string) => whenDatabaseUp(`/collections/${encodeURIComponent(slug)}`, () => getCollection(slug)));

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const collection = await loadCollection((await params).slug);
  if (!collection) return { title: 'Not found' };
  return {
    title: collection.name,
    description: collection.description || undefined,
    alternates: { canonical: `/collections/${collection.slug}` },
  };
}

export default async function CollectionPage({ params, searchParams }: Props) {
  const collection = await loadCollection((await params).slug);
  if (!collection) notFound();
  const path = `/collections/${collection.slug}`;
  const { sort, sorts } = parseListingParams(await searchParams, { search: false });
  const products = await whenDatabaseUp(path, () => listProducts({ collectionId: collection.id, sort }));
  return (
    <ProductListing
      title={collection.name}
      intro={collection.description ? <p className="max-w-2xl text-zinc-600 dark:text-zinc-400">{collection.description}</p> : undefined}
      products={products}
      path={path}
      sort={sort}
      sorts={sorts}
      empty={
        <p className="text-zinc-600 dark:text-zinc-400">
          Nothing in this collection right now.{' '}
          <Link href="/" className="font-medium text-brand-600 underline dark:text-brand-500">
            See all products
          </Link>
        </p>
      }
    />
  );
}
