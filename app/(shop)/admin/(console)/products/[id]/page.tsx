import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm, Field } from '@/components/admin/action-form';
import { ProductFields } from '@/components/admin/product-fields';
import { Timestamp } from '@/components/admin/timestamp';
import { requireAdminPage } from '@/lib/auth';
import { adminVariants, getProduct, productHistory } from '@/lib/catalog-admin';
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

const show = (v: unknown) => (typeof v === 'string' ? (v.length > 60 ? `${v.slice(0, 60)}…` : v) : JSON.stringify(v));

export default async function EditProductPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireAdminPage(`/admin/products/${id}`);
  const productId = /^\d{1,9}$/.test(id) ? Number(id) : null;
  const product = productId ? await getProduct(productId) : null;
  if (!product) notFound();
  const history = await productHistory(product.id);
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
        {translations.map((tr) => (
          <section
            key={tr.locale}
            aria-labelledby={`translation-${tr.locale}-heading`}
            className="space-y-3 rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800"
          >
            <h2 id={`translation-${tr.locale}-heading`} className="text-lg font-semibold">
              {tr.label} ({tr.locale})
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Shown to buyers who shop in {tr.label}. Left empty, they see the name and description above.
            </p>
            <ActionForm
              action={translateProductAction}
              submitLabel="Save"
              pendingLabel="Saving…"
              testId={`product-translation-${tr.locale}`}
            >
              <input type="hidden" name="id" value={product.id} />
              <input type="hidden" name="locale" value={tr.locale} />
              <Field name="name" label={`Name (${tr.label})`} maxLength={120} defaultValue={tr.name} />
              <Field name="description" label={`Description (${tr.label})`} multiline maxLength={5000} defaultValue={tr.description} />
            </ActionForm>
          </section>
        ))}
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
      <aside aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        {history.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No changes made in the back office yet.</p>
        ) : (
          <ol className="space-y-3 text-sm" data-testid="product-history">
            {history.map((h) => (
              <li key={h.id} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
                <p className="font-medium">
                  {HISTORY_VERBS[h.action] ?? 'Edited'} by {h.actorEmail}
                </p>
                <p className="text-zinc-500 dark:text-zinc-400">
                  <Timestamp date={h.at} />
                </p>
                {h.action !== 'product.create' && h.detail && (
                  <ul className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                    {Object.entries(h.detail).map(([field, change]) => (
                      <li key={field}>
                        {field}: {Array.isArray(change) ? `${show(change[0])} → ${show(change[1])}` : show(change)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </aside>
    </div>
  );
}
