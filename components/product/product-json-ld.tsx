import type { ProductDetail } from '@/lib/catalog';
import { minorToDecimalString } from '@/lib/money';

const IN_STOCK = 'https://schema.org/InStock';
const OUT_OF_STOCK = 'https://schema.org/OutOfStock';

/** schema.org `Product` with one `Offer` per variant (an `AggregateOffer` over them), or one `Offer`. */
export function productJsonLd(product: ProductDetail, origin: string, path = `/products/${product.slug}`) {
  const url = `${origin}${path}`;
  const offer = (sku: string | undefined, priceMinor: number, stock: number, offerUrl: string) => ({
    '@type': 'Offer',
    ...(sku ? { sku } : {}),
    url: offerUrl,
    price: minorToDecimalString(priceMinor, product.currency),
    priceCurrency: product.currency,
    availability: stock > 0 ? IN_STOCK : OUT_OF_STOCK,
  });
  const prices = product.variants.map((v) => v.priceMinor);
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    description: product.description,
    image: product.images.map((i) => new URL(i.src, origin).toString()),
    url,
    offers:
      product.variants.length === 0
        ? offer(undefined, product.priceMinor, product.stock, url)
        : {
            '@type': 'AggregateOffer',
            priceCurrency: product.currency,
            lowPrice: minorToDecimalString(Math.min(...prices), product.currency),
            highPrice: minorToDecimalString(Math.max(...prices), product.currency),
            offerCount: product.variants.length,
            availability: product.variants.some((v) => v.stock > 0) ? IN_STOCK : OUT_OF_STOCK,
            offers: product.variants.map((v) => offer(v.sku, v.priceMinor, v.stock, `${url}?variant=${encodeURIComponent(v.sku)}`)),
          },
  };
}

/** The JSON-LD script; `<` is escaped so no text in it can close the script element. */
export function ProductJsonLd({ product, origin, path }: { product: ProductDetail; origin: string; path?: string }) {
  return (
    <script
      type="application/ld+json"
      data-testid="product-json-ld"
      dangerouslySetInnerHTML={{ __html: JSON.stringify(productJsonLd(product, origin, path)).replace(/</g, '\\u003c') }}
    />
  );
}
