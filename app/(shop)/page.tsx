import { ProductListing } from '@/components/catalog/product-listing';
import { listProducts } from '@/lib/catalog-listing';
import { parseListingParams } from '@/lib/catalog-params';
import { whenDatabaseUp } from '@/lib/unavailable';

// The catalog lives in the app's database, which does not exist at build time.
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HomePage({ searchParams }: Props) {
  const { sort, sorts } = parseListingParams(await searchParams, { search: false });
  const products = await whenDatabaseUp('/', () => listProducts({ sort }));
  return (
    <ProductListing
      title="All products"
      products={products}
      path="/"
      sort={sort}
      sorts={sorts}
      empty={<p className="text-zinc-600 dark:text-zinc-400">No products yet.</p>}
    />
  );
}
