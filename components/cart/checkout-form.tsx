'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { checkoutAction } from '@/app/[locale]/cart/actions';
import type { ActionState } from '@/lib/action-state';
import { buttonClass, inputClass } from '@/components/ui/button';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';

const initial: ActionState = {};

/** What the form offers for goods to send: the countries, and the options with their prices as text. */
export interface ShippingFormData {
  countries: ReadonlyArray<{ code: string; name: string }>;
  options: ReadonlyArray<{ id: number; name: string; price: string; where: string }>;
}

function TextField({
  state,
  name,
  label,
  autoComplete,
  maxLength,
  required = true,
}: {
  state: ActionState;
  name: string;
  label: string;
  autoComplete: string;
  maxLength: number;
  required?: boolean;
}) {
  const t = useTranslations('cartClient');
  const id = useId();
  const error = state.fieldErrors?.[name];
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
        {!required && <span className="font-normal text-zinc-500 dark:text-zinc-400">{t('optional')}</span>}
      </label>
      <input
        id={id}
        name={name}
        autoComplete={autoComplete}
        required={required}
        maxLength={maxLength}
        defaultValue={state.values?.[name]}
        data-testid={`checkout-${name}`}
        aria-invalid={!!error}
        aria-describedby={`${id}-msg`}
        className={inputClass}
      />
      <p id={`${id}-msg`} role={error ? 'alert' : undefined} className="mt-1 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </div>
  );
}

function ShippingFields({ state, shipping }: { state: ActionState; shipping: ShippingFormData }) {
  const t = useTranslations('cartClient');
  const id = useId();
  const countryError = state.fieldErrors?.shipCountry;
  const optionError = state.fieldErrors?.shippingOptionId;
  return (
    <fieldset className="space-y-3" data-testid="shipping-fields">
      <legend className="mb-1 text-sm font-semibold">{t('shippingAddress')}</legend>
      <input type="hidden" name="delivery" value="ship" />
      <TextField state={state} name="shipName" label={t('fullName')} autoComplete="shipping name" maxLength={100} />
      <TextField state={state} name="shipLine1" label={t('line1')} autoComplete="shipping address-line1" maxLength={200} />
      <TextField state={state} name="shipLine2" label={t('line2')} autoComplete="shipping address-line2" maxLength={200} required={false} />
      <div className="grid grid-cols-2 gap-3">
        <TextField state={state} name="shipPostalCode" label={t('postalCode')} autoComplete="shipping postal-code" maxLength={20} />
        <TextField state={state} name="shipCity" label={t('city')} autoComplete="shipping address-level2" maxLength={100} />
      </div>
      <TextField
        state={state}
        name="shipRegion"
        label={t('region')}
        autoComplete="shipping address-level1"
        maxLength={100}
        required={false}
      />
      <div>
        <label htmlFor={`${id}-country`} className="mb-1 block text-sm font-medium">
          {t('country')}
        </label>
        <select
          id={`${id}-country`}
          name="shipCountry"
          autoComplete="shipping country"
          required
          defaultValue={state.values?.shipCountry ?? ''}
          data-testid="checkout-shipCountry"
          aria-invalid={!!countryError}
          aria-describedby={`${id}-country-msg`}
          className={inputClass}
        >
          <option value="" disabled>
            {t('chooseCountry')}
          </option>
          {shipping.countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <p id={`${id}-country-msg`} role={countryError ? 'alert' : undefined} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {countryError}
        </p>
      </div>
      <fieldset aria-describedby={`${id}-option-msg`} data-testid="shipping-options">
        <legend className="mb-1 text-sm font-medium">{t('shipping')}</legend>
        <div className="space-y-2">
          {shipping.options.map((o) => (
            <label key={o.id} className="flex items-start gap-2 rounded-lg border border-zinc-200 p-2 text-sm dark:border-zinc-800">
              <input
                type="radio"
                name="shippingOptionId"
                value={o.id}
                required
                defaultChecked={state.values?.shippingOptionId === String(o.id)}
                data-testid="shipping-option"
                className="mt-1 accent-brand-600"
              />
              <span>
                <span className="block font-medium">{t('optionPrice', { name: o.name, price: o.price })}</span>
                <span className="block text-zinc-600 dark:text-zinc-400">{t('shipsTo', { where: o.where })}</span>
              </span>
            </label>
          ))}
        </div>
        <p id={`${id}-option-msg`} role={optionError ? 'alert' : undefined} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {optionError}
        </p>
      </fieldset>
    </fieldset>
  );
}

/**
 * Email (+ the shipping address and option when the cart holds goods to send) and an idempotency
 * key; everything price-like, shipping included, is decided on the server.
 */
export function CheckoutForm({
  checkoutKey,
  disabled,
  shipping,
}: {
  checkoutKey: string;
  disabled: boolean;
  shipping: ShippingFormData | null;
}) {
  const t = useTranslations('cartClient');
  const [state, action, pending] = useActionState(checkoutAction, initial);
  const id = useId();
  const emailError = state.fieldErrors?.email;
  return (
    <form action={action} onSubmit={submitWithoutReset(action)} className="space-y-3" noValidate data-testid="checkout-form">
      <input type="hidden" name="checkoutKey" value={checkoutKey} />
      <div>
        <label htmlFor={`${id}-email`} className="mb-1 block text-sm font-medium">
          {t('email')}
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          defaultValue={state.values?.email}
          data-testid="checkout-email"
          aria-invalid={!!emailError}
          aria-describedby={`${id}-email-msg`}
          className={inputClass}
        />
        <p id={`${id}-email-msg`} role={emailError ? 'alert' : undefined} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {emailError}
        </p>
      </div>
      {shipping && <ShippingFields state={state} shipping={shipping} />}
      {state.message && (
        <p
          role="alert"
          data-testid="checkout-error"
          className="rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {state.message}
        </p>
      )}
      <button type="submit" data-testid="checkout-submit" disabled={disabled || pending} className={`${buttonClass} w-full`}>
        {pending ? t('paying') : t('pay')}
      </button>
    </form>
  );
}
