import { getTranslations } from 'next-intl/server';
import { Link } from '@/i18n/navigation';
import type { ProductView } from '@/lib/catalog';
import { Price } from './price';

/**
 * `first`: the card is among the first a phone shows without scrolling, so its picture is fetched
 * first (it is the page's largest paint); every other card's picture waits until it is near the
 * viewport, so it does not compete with the first for the connection.
 */
export async function ProductCard({ product, first = false }: { product: ProductView; first?: boolean }) {
  const t = await getTranslations('listing');
  return (
    <li data-testid="product-card" className="group">
      <Link
        href={`/products/${product.slug}`}
        className="block overflow-hidden rounded-2xl border border-zinc-200 bg-white transition hover:shadow-lg focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
        <img
          src={product.image}
          alt={product.name}
          width={600}
          height={600}
          {...(first ? { fetchPriority: 'high' as const } : { loading: 'lazy' as const })}
          decoding="async"
          className="aspect-square w-full object-cover"
        />
        <div className="flex items-start justify-between gap-3 p-4">
          <h2 className="font-medium group-hover:underline">{product.name}</h2>
          <Price minor={product.priceMinor} currency={product.currency} className="shrink-0 font-semibold" />
        </div>
        {product.stock === 0 && <p className="px-4 pb-4 text-sm text-red-700 dark:text-red-400">{t('outOfStock')}</p>}
      </Link>
    </li>
  );
}
