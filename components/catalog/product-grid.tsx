import { ProductCard } from '@/components/product/product-card';
import type { ProductView } from '@/lib/catalog';

/** A listing's products as cards: one column on phones, up to three on wide screens. */
export function ProductGrid({ products }: { products: ProductView[] }) {
  return (
    <ul data-testid="product-grid" className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {products.map((p) => (
        <ProductCard key={p.id} product={p} />
      ))}
    </ul>
  );
}
