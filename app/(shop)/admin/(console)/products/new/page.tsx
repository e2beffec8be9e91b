import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/admin/action-form';
import { ProductFields } from '@/components/admin/product-fields';
import { requireAdminPage } from '@/lib/auth';
import { env } from '@/lib/env';
import { createProductAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New product' };

export default async function NewProductPage() {
  await requireAdminPage('/admin/products/new');
  return (
    <section aria-labelledby="new-product-heading" className="max-w-2xl space-y-6">
      <Link href="/admin/products" className="text-sm font-medium text-brand-600 hover:underline">
        ← Products
      </Link>
      <h1 id="new-product-heading" className="text-2xl font-bold">
        New product
      </h1>
      <ActionForm action={createProductAction} submitLabel="Create product" pendingLabel="Saving…" testId="product-form">
        <ProductFields currency={env().SHOP_CURRENCY} />
      </ActionForm>
    </section>
  );
}
