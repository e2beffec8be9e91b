import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm, Field } from '@/components/admin/action-form';
import { ProductFields } from '@/components/admin/product-fields';
import { EditHistory, TranslationForms } from '@/components/admin/catalog-editor';
import { requireAdminPage } from '@/lib/auth';
import { subjectHistory } from '@/lib/audit-history';
import { adminVariants, getProduct } from '@/lib/catalog-admin';
import { env } from '@/lib/env';
import { freeKeyCount } from '@/lib/fulfilment';
import { minorToDecimalString } from '@/lib/money';
import { productTranslationsForEditor } from '@/lib/translations';
import { addLicenseKeysAction, translateProductAction, updateProductAction, updateVariantAction } from '../actions';

export const dynamic = 'force-dynamic';

const HISTORY_VERBS: Record<string, string> = {
  'product.create': 'Created',
  'product.variant.update': 'Variant edited',
  'product.translate': 'Translated',
};
export const metadata: Metadata = { title: 'Edit product' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export default async function EditProductPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireAdminPage(`/admin/products/${id}`);
  const productId = /^\d{1,9}$/.test(id) ? Number(id) : null;
  const product = productId ? await getProduct(productId) : null;
  if (!product) notFound();
  const history = await subjectHistory('product', product.id);
  const keys = product.deliverable === 'license_key' ? await freeKeyCount(product.id) : null;
  const variants = await adminVariants(product);
  const currency = env().SHOP_CURRENCY;
  const translations = await productTranslationsForEditor(product.id);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <section aria-labelledby="edit-product-heading" className="max-w-2xl space-y-6">
        <Link href="/admin/products" className="text-sm font-medium text-brand-600 hover:underline">
          ← Products
        </Link>
        <h1 id="edit-product-heading" className="text-2xl font-bold">
          {product.name}
        </h1>
        {(await searchParams).saved && (
          <p role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
            Product created.{' '}
            <Link href={`/products/${product.slug}`} className="underline">
              See it in the shop
            </Link>
          </p>
        )}
        {product.currency !== currency && (
          <p role="note" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
            This product is priced in {product.currency}, the shop in {currency}: saving prices it in {currency}.
          </p>
        )}
        <ActionForm action={updateProductAction} submitLabel="Save" pendingLabel="Saving…" testId="product-form">
          <input type="hidden" name="id" value={product.id} />
          <ProductFields product={product} currency={currency} hasVariants={variants.length > 0} />
        </ActionForm>
        <Link href={`/products/${product.slug}`} className="text-sm font-medium text-brand-600 hover:underline">
          View in the shop
        </Link>
        {variants.length > 0 && (
          <section
            aria-labelledby="variants-heading"
            className="space-y-3 rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800"
            data-testid="variants"
          >
            <h2 id="variants-heading" className="text-lg font-semibold">
              Variants
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Each variant has its own stock; leave its price empty to sell it at the product’s price (
              {minorToDecimalString(product.priceMinor, product.currency)} {product.currency}).
            </p>
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {variants.map((v) => (
                <li key={v.id} className="py-3" data-testid="variant-row" data-sku={v.sku}>
                  <p className="mb-2 text-sm font-medium">
                    {v.label} <span className="font-mono text-zinc-500 dark:text-zinc-400">{v.sku}</span>
                  </p>
                  <ActionForm
                    action={updateVariantAction}
                    submitLabel={`Save ${v.sku}`}
                    pendingLabel="Saving…"
                    testId={`variant-${v.sku}`}
                    variant="secondary"
                    className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]"
                  >
                    <input type="hidden" name="variantId" value={v.id} />
                    <Field name="stock" label="In stock" required inputMode="numeric" defaultValue={String(v.stock)} />
                    <Field
                      name="price"
                      label={`Price (${currency}), empty: the product’s`}
                      inputMode="decimal"
                      defaultValue={v.ownPriceMinor === null ? '' : minorToDecimalString(v.ownPriceMinor, product.currency)}
                    />
                  </ActionForm>
                </li>
              ))}
            </ul>
          </section>
        )}
        <TranslationForms
          translations={translations}
          action={translateProductAction}
          id={product.id}
          testIdPrefix="product-translation"
          nameMaxLength={120}
          descriptionMaxLength={5000}
        />
        {keys && (
          <section
            aria-labelledby="keys-heading"
            className="space-y-3 rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800"
            data-testid="license-keys"
          >
            <h2 id="keys-heading" className="text-lg font-semibold">
              License keys
            </h2>
            <p className="text-sm" data-testid="license-keys-count">
              {keys.free} of {keys.total} keys not given out yet. Each paid order takes one key per unit, never one another order had. With
              no key left the product is sold out; an order paid without a key goes to review.
            </p>
            <ActionForm action={addLicenseKeysAction} submitLabel="Add keys" pendingLabel="Adding…" testId="add-keys">
              <input type="hidden" name="id" value={product.id} />
              <Field name="keys" label="New keys, one per line" multiline required />
            </ActionForm>
          </section>
        )}
      </section>
      <EditHistory history={history} verbs={HISTORY_VERBS} testId="product-history" withoutDetail={['product.create']} />
    </div>
  );
}
