import { ProductCard } from '@/components/product/product-card';
import { listActiveProducts } from '@/lib/catalog';
import { whenDatabaseUp } from '@/lib/unavailable';

// The catalog lives in the app's database, which does not exist at build time.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const products = await whenDatabaseUp('/', listActiveProducts);
  return (
    <section aria-labelledby="catalog-heading">
      <h1 id="catalog-heading" className="mb-6 text-2xl font-bold tracking-tight sm:text-3xl">
        All products
      </h1>
      {products.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">No products yet.</p>
      ) : (
        <ul className="grid grid-cols-1 gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {products.map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </ul>
      )}
    </section>
  );
}
