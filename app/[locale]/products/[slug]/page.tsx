import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { cache } from 'react';
import { AddToCartForm } from '@/components/cart/add-to-cart-form';
import { Gallery } from '@/components/product/gallery';
import { Price } from '@/components/product/price';
import { ProductCard } from '@/components/product/product-card';
import { ProductJsonLd } from '@/components/product/product-json-ld';
import { VariantPicker } from '@/components/product/variant-picker';
import type { Locale } from '@/i18n/routing';
import { env } from '@/lib/env';
import { optionNameIn } from '@/lib/i18n/messages';
import { alternates } from '@/lib/i18n/seo';
import { cachedProductDetail, cachedRelatedProducts, withLiveStock } from '@/lib/catalog-cache';
import { whenDatabaseUp } from '@/lib/unavailable';
import { buildPicker, optionParam, selectVariant, stockLevel } from '@/lib/variants';

export const dynamic = 'force-dynamic';

// Once per request, shared by generateMetadata and the page: the product in the page's language,
// from the catalog cache, with its stock and its sizes' stock as they are now (one statement).
const loadProduct = cache((slug: string, locale: Locale) =>
  whenDatabaseUp(`/products/${encodeURIComponent(slug)}`, async () => {
    const product = await cachedProductDetail(slug, locale);
    return product ? ((await withLiveStock([product]))[0] ?? null) : null;
  }),
);

type Query = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ locale: Locale; slug: string }>; searchParams: Promise<Query> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  const product = await loadProduct(slug, locale);
  if (!product) return { title: (await getTranslations({ locale, namespace: 'notFound' }))('metaTitle') };
  // Every size and gallery view is the same page to a search engine; the image is ./opengraph-image.
  const links = alternates(`/products/${product.slug}`, locale);
  return {
    title: product.name,
    description: product.description,
    alternates: links,
    openGraph: { title: product.name, description: product.description, url: links.canonical, type: 'website', locale },
  };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const product = await loadProduct(slug, locale);
  if (!product) notFound();
  const [t, nameOf] = await Promise.all([getTranslations('product'), optionNameIn(locale)]);
  const query = await searchParams;
  const related = await whenDatabaseUp(`/products/${product.slug}`, () => cachedRelatedProducts(product, locale));
  const { selection, variant } = selectVariant(product.options, product.variants, query);
  const hasOptions = product.options.length > 0;

  const imageParam = Number(Array.isArray(query.image) ? query.image[0] : query.image);
  const currentImage = Number.isInteger(imageParam) && imageParam >= 1 && imageParam <= product.images.length ? imageParam - 1 : 0;
  // Thumbnails keep what is chosen; the picker's links drop the image (a new choice starts at the first).
  const imageHref = (i: number) => {
    const q = new URLSearchParams(product.options.flatMap((o) => (selection[o.name] ? [[optionParam(o.name), selection[o.name]!]] : [])));
    if (i > 1) q.set('image', String(i));
    return `/products/${product.slug}${q.size > 0 ? `?${q}` : ''}`;
  };

  const soldOut = product.stock === 0;
  const prices = product.variants.map((v) => v.priceMinor);
  const from = !variant && prices.length > 0 && Math.min(...prices) !== Math.max(...prices) ? Math.min(...prices) : null;
  const level = variant ? stockLevel(variant.stock) : null;
  const hint = level === 'sold-out' ? t('soldOut') : level === 'low' ? t('onlyLeft', { count: variant!.stock }) : null;
  return (
    <>
      <article className="grid gap-8 md:grid-cols-2">
        <Gallery images={product.images} current={currentImage} hrefFor={imageHref} />
        <div className="space-y-5">
          <h1 className="text-3xl font-bold tracking-tight">{product.name}</h1>
          <p data-testid="product-price" className="text-2xl font-semibold">
            {from !== null ? (
              t.rich('from', { price: () => <Price minor={from} currency={product.currency} /> })
            ) : (
              <Price minor={variant?.priceMinor ?? product.priceMinor} currency={product.currency} />
            )}
          </p>
          <p className="leading-relaxed text-zinc-700 dark:text-zinc-300">{product.description}</p>
          {hasOptions ? (
            <p
              data-testid="stock-hint"
              className={hint ? 'text-sm font-medium text-amber-800 dark:text-amber-300' : 'text-sm text-zinc-600 dark:text-zinc-400'}
            >
              {soldOut
                ? t('outOfStock')
                : variant
                  ? (hint ?? t('inStock', { count: variant.stock }))
                  : t('choose', { options: product.options.map((o) => nameOf(o.name).toLocaleLowerCase(locale)).join(t('and')) })}
            </p>
          ) : (
            // A file is not counted out like goods: its stock only matters once it runs out.
            (soldOut || product.deliverable !== 'file') && (
              <p className={soldOut ? 'text-sm font-medium text-red-700 dark:text-red-400' : 'text-sm text-zinc-600 dark:text-zinc-400'}>
                {soldOut ? t('outOfStock') : t('inStock', { count: product.stock })}
              </p>
            )
          )}
          {product.kind === 'digital' && (
            <p className="text-sm font-medium text-emerald-700 dark:text-emerald-400" data-testid="digital-note">
              {product.deliverable === 'license_key' ? t('digitalKey') : t('digitalFile')}
            </p>
          )}
          {hasOptions ? (
            // Keyed by the choice: a new choice starts with a fresh form (no stale "Choose a size").
            <AddToCartForm
              key={variant?.sku ?? 'none'}
              productId={product.id}
              variantId={variant?.id ?? null}
              disabled={soldOut || variant?.stock === 0}
            >
              <VariantPicker slug={product.slug} options={buildPicker(product.options, product.variants, selection)} />
            </AddToCartForm>
          ) : (
            <AddToCartForm productId={product.id} disabled={soldOut} />
          )}
        </div>
      </article>
      {related.length > 0 && (
        <section aria-labelledby="related-heading" className="mt-16">
          <h2 id="related-heading" className="mb-6 text-xl font-bold tracking-tight">
            {t('related')}
          </h2>
          <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-4" data-testid="related-products">
            {related.map((p) => (
              <ProductCard key={p.id} product={p} />
            ))}
          </ul>
        </section>
      )}
      <ProductJsonLd product={product} origin={env().APP_URL} path={alternates(`/products/${product.slug}`, locale).canonical} />
    </>
  );
}
