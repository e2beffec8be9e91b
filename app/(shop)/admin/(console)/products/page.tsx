import type { Metadata } from 'next';
import Link from 'next/link';
import { Price } from '@/components/product/price';
import { buttonClass } from '@/components/ui/button';
import { requireAdminPage } from '@/lib/auth';
import { listAllProducts } from '@/lib/catalog-admin';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Products' };

export default async function AdminProductsPage() {
  await requireAdminPage('/admin/products');
  const products = await listAllProducts();
  return (
    <section aria-labelledby="products-heading" className="space-y-6">
      <div className="flex items-center justify-between gap-4">
        <h1 id="products-heading" className="text-2xl font-bold">
          Products
        </h1>
        <Link href="/admin/products/new" className={buttonClass} data-testid="new-product">
          New product
        </Link>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-sm" data-testid="product-table">
          <thead className="text-left text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-2 pr-3 font-medium">Product</th>
              <th className="py-2 pr-3 font-medium">Price</th>
              <th className="py-2 pr-3 font-medium">In stock</th>
              <th className="py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {products.map((p) => (
              <tr key={p.id} data-testid="product-row">
                <td className="py-2 pr-3">
                  <Link href={`/admin/products/${p.id}`} className="font-medium text-brand-600 hover:underline">
                    {p.name}
                  </Link>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">/products/{p.slug}</span>
                </td>
                <td className="py-2 pr-3">
                  <Price minor={p.priceMinor} currency={p.currency} />
                </td>
                <td className={`py-2 pr-3 ${p.stock === 0 ? 'font-semibold text-red-700 dark:text-red-400' : ''}`}>{p.stock}</td>
                <td className="py-2">{p.active ? 'On sale' : 'Hidden'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
