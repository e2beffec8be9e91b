import { ProductCard } from '@/components/product/product-card';
import type { ProductView } from '@/lib/catalog';

/** Cards a phone shows before any scrolling (one column): their pictures are fetched first. */
const FIRST_CARDS = 1;

/** A listing's products as cards: one column on phones, up to three on wide screens. */
export function ProductGrid({ products }: { products: ProductView[] }) {
  return (
    <ul data-testid="product-grid" className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {products.map((p, i) => (
        <ProductCard key={p.id} product={p} first={i < FIRST_CARDS} />
      ))}
    </ul>
  );
}
