import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { AddToCartForm } from '@/components/cart/add-to-cart-form';
import { Price } from '@/components/product/price';
import { getActiveProduct } from '@/lib/catalog';
import { whenDatabaseUp } from '@/lib/unavailable';

export const dynamic = 'force-dynamic';

// One query per request, shared by generateMetadata and the page.
const loadProduct = cache((slug: string) => whenDatabaseUp(`/products/${encodeURIComponent(slug)}`, () => getActiveProduct(slug)));

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await loadProduct((await params).slug);
  if (!product) return { title: 'Not found' };
  return {
    title: product.name,
    description: product.description,
    alternates: { canonical: `/products/${product.slug}` },
    openGraph: {
      title: product.name,
      description: product.description,
      url: `/products/${product.slug}`,
      images: [{ url: product.image, width: 600, height: 600, alt: product.name }],
    },
  };
}

export default async function ProductPage({ params }: Props) {
  const product = await loadProduct((await params).slug);
  if (!product) notFound();
  const soldOut = product.stock === 0;
  return (
    <article className="grid gap-8 md:grid-cols-2">
      {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
      <img src={product.image} alt={product.name} width={600} height={600} className="aspect-square w-full rounded-2xl object-cover" />
      <div className="space-y-5">
        <h1 className="text-3xl font-bold tracking-tight">{product.name}</h1>
        <Price minor={product.priceMinor} currency={product.currency} className="block text-2xl font-semibold" />
        <p className="leading-relaxed text-zinc-700 dark:text-zinc-300">{product.description}</p>
        {/* A file is not counted out like goods: its stock only matters once it runs out. */}
        {(soldOut || product.deliverable !== 'file') && (
          <p className={soldOut ? 'text-sm font-medium text-red-700 dark:text-red-400' : 'text-sm text-zinc-600 dark:text-zinc-400'}>
            {soldOut ? 'Out of stock' : `${product.stock} in stock`}
          </p>
        )}
        {product.kind === 'digital' && (
          <p className="text-sm font-medium text-emerald-700 dark:text-emerald-400" data-testid="digital-note">
            {product.deliverable === 'license_key'
              ? 'Digital: your license key arrives by email and on your order page once the payment confirms.'
              : 'Digital: download it from your order page and receipt email once the payment confirms.'}
          </p>
        )}
        <AddToCartForm productId={product.id} disabled={soldOut} />
      </div>
    </article>
  );
}
