import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm, CheckboxField, Field } from '@/components/admin/action-form';
import { requireAdminPage } from '@/lib/auth';
import { env } from '@/lib/env';
import { describeCountries, describePrice, listShippingOptions, type ShippingOption } from '@/lib/fulfilment';
import { minorToDecimalString } from '@/lib/money';
import { shippingOptionTranslationsForEditor, translationLocales } from '@/lib/translations';
import { saveShippingOptionAction, translateShippingOptionAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Shipping options' };

function OptionFields({ option, currency }: { option?: ShippingOption; currency: string }) {
  return (
    <>
      <input type="hidden" name="id" value={option?.id ?? ''} />
      <Field name="name" label="Name" required maxLength={80} defaultValue={option?.name} />
      <Field
        name="countries"
        label="Ships to"
        required
        maxLength={2000}
        defaultValue={option?.countries.join(' ')}
        hint="Two-letter country codes separated by spaces (DE FR GB), or * for everywhere."
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          name="price"
          label={`Price (${currency})`}
          required
          inputMode="decimal"
          defaultValue={option ? minorToDecimalString(option.priceMinor, option.currency) : undefined}
        />
        <Field
          name="freeAbove"
          label={`Free from (${currency})`}
          inputMode="decimal"
          defaultValue={option?.freeAboveMinor != null ? minorToDecimalString(option.freeAboveMinor, option.currency) : undefined}
          hint="Order subtotal; empty: never free."
        />
        <Field name="sortOrder" label="Position" required inputMode="numeric" defaultValue={String(option?.sortOrder ?? 100)} />
      </div>
      <CheckboxField name="active" label="Offered at checkout" defaultChecked={option?.active ?? true} />
    </>
  );
}

/** Shipping options: where each ships, its flat price and free-shipping threshold. Checkout reads them from here. */
export default async function ShippingOptionsPage() {
  await requireAdminPage('/admin/shipping/options');
  const options = await listShippingOptions({ all: true });
  const currency = env().SHOP_CURRENCY;
  const translated = await shippingOptionTranslationsForEditor();
  return (
    <section aria-labelledby="options-heading" className="max-w-3xl space-y-6">
      <Link href="/admin/shipping" className="text-sm font-medium text-brand-600 hover:underline">
        ← To pack and ship
      </Link>
      <h1 id="options-heading" className="text-2xl font-bold">
        Shipping options
      </h1>
      <ul className="space-y-4">
        {options.map((o) => (
          <li key={o.id} className="rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800" data-testid="shipping-option-row">
            <details>
              <summary className="cursor-pointer">
                <span className="font-semibold">{o.name}</span>: {describePrice(o)}; ships to {describeCountries(o.countries)}
                {!o.active && <span className="ml-2 rounded bg-zinc-200 px-1.5 text-xs font-semibold dark:bg-zinc-700">not offered</span>}
              </summary>
              <div className="mt-4">
                <ActionForm action={saveShippingOptionAction} submitLabel="Save" pendingLabel="Saving…" testId={`shipping-option-${o.id}`}>
                  <OptionFields option={o} currency={currency} />
                </ActionForm>
                {translationLocales().map(({ locale, label }) => (
                  <div key={locale} className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
                    <ActionForm
                      action={translateShippingOptionAction}
                      submitLabel={`Save the ${label} name`}
                      pendingLabel="Saving…"
                      testId={`shipping-option-${o.id}-${locale}`}
                    >
                      <input type="hidden" name="id" value={o.id} />
                      <input type="hidden" name="locale" value={locale} />
                      <Field
                        name="name"
                        label={`Name (${label})`}
                        maxLength={80}
                        defaultValue={translated.get(o.id)?.[locale] ?? ''}
                        hint={`Shown to buyers who shop in ${label}; empty: the name above.`}
                      />
                    </ActionForm>
                  </div>
                ))}
              </div>
            </details>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-option-heading" className="space-y-3 rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 id="new-option-heading" className="text-lg font-semibold">
          New shipping option
        </h2>
        <ActionForm action={saveShippingOptionAction} submitLabel="Add option" pendingLabel="Adding…" testId="new-shipping-option">
          <OptionFields currency={currency} />
        </ActionForm>
      </section>
    </section>
  );
}
