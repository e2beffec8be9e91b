'use client';

import { useActionState, useId } from 'react';
import { checkoutAction } from '@/app/(shop)/cart/actions';
import type { ActionState } from '@/lib/action-state';
import { buttonClass, inputClass } from '@/components/ui/button';

const initial: ActionState<'email'> = {};

/** Email + idempotency key; everything price-like is decided on the server. */
export function CheckoutForm({ checkoutKey, disabled }: { checkoutKey: string; disabled: boolean }) {
  const [state, action, pending] = useActionState(checkoutAction, initial);
  const id = useId();
  const emailError = state.fieldErrors?.email;
  return (
    <form action={action} className="space-y-3" noValidate data-testid="checkout-form">
      <input type="hidden" name="checkoutKey" value={checkoutKey} />
      <div>
        <label htmlFor={`${id}-email`} className="mb-1 block text-sm font-medium">
          Email for your receipt
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          // Keeps what the buyer typed when the server refuses it (React resets the form after an action).
          key={state.values?.email}
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
      {state.message && (
        <p role="alert" data-testid="checkout-error" className="rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {state.message}
        </p>
      )}
      <button type="submit" data-testid="checkout-submit" disabled={disabled || pending} className={`${buttonClass} w-full`}>
        {pending ? 'Creating your invoice…' : 'Pay with crypto'}
      </button>
    </form>
  );
}
