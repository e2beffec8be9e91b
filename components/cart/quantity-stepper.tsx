'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useId, useOptimistic, useState, type FormEvent } from 'react';
import { removeCartItemAction, updateCartItemAction } from '@/app/[locale]/cart/actions';
import type { ActionState } from '@/lib/action-state';
import { inputClass } from '@/components/ui/button';

const initial: ActionState<'quantity'> = {};
const MAX = 99;
const stepClass =
  'inline-flex size-9 shrink-0 items-center justify-center rounded-lg border border-zinc-300 text-lg leading-none font-semibold text-zinc-800 hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-40 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-800';

/** The field's text as a quantity the stepper can count from, or null. */
function countable(text: string): number | null {
  return /^[0-9]{1,2}$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : null;
}

/**
 * A cart line's quantity: −/+ buttons and a field that takes a typed number (Enter sends it), and a
 * remove button. Changes show at once (useOptimistic) and settle to the quantity the server kept:
 * a refused step falls back to it, a refused typed value stays in the field next to the message.
 * Without JavaScript the same forms post natively (−/+ send a step, Enter sends the field).
 */
export function QuantityStepper({
  productId,
  variantId,
  quantity,
  name,
  testId = 'cart-line-quantity',
}: {
  productId: number;
  /** The line's variant (size), when the product has options. */
  variantId: number | null;
  quantity: number;
  name: string;
  testId?: string;
}) {
  const t = useTranslations('cartClient');
  const [state, action] = useActionState(updateCartItemAction, initial);
  const [, remove, removing] = useActionState(removeCartItemAction, {});
  const [draft, setDraft] = useState<string | null>(null);
  // A newer answer: once the server took a change, the field follows the cart again.
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    if (state.ok) setDraft(null);
  }
  const failed = state.ok === false;
  const settled = draft ?? (failed && state.values?.quantity !== undefined ? state.values.quantity : String(quantity));
  const [shown, setShown] = useOptimistic(settled);
  const id = useId();
  const message = state.fieldErrors?.quantity ?? state.message;
  const current = countable(shown);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    const step = formData.get('step');
    startTransition(() => {
      if (step !== null) {
        // A step counts from the field when it holds a quantity, else from the cart's own.
        const from = countable(String(formData.get('quantity'))) ?? quantity;
        formData.set('quantity', String(from));
        setDraft(null);
        setShown(String(Math.min(MAX, Math.max(1, from + Number(step)))));
      }
      action(formData);
    });
  }

  return (
    <div className="space-y-1">
      <div className="flex items-center gap-3">
        <form action={action} onSubmit={submit} className="flex items-center gap-1" noValidate>
          {/* The default button: Enter in the field sends the typed quantity (not a step). */}
          <button type="submit" className="sr-only" tabIndex={-1} aria-hidden="true">
            {t('update')}
          </button>
          <input type="hidden" name="productId" value={productId} />
          {variantId !== null && <input type="hidden" name="variantId" value={variantId} />}
          <button
            type="submit"
            name="step"
            value="-1"
            disabled={current !== null && current <= 1}
            aria-label={t('fewer', { name })}
            className={stepClass}
          >
            −
          </button>
          <label htmlFor={`${id}-qty`} className="sr-only">
            {t('quantityOf', { name })}
          </label>
          <input
            id={`${id}-qty`}
            name="quantity"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={shown}
            onChange={(e) => setDraft(e.target.value)}
            data-testid={testId}
            aria-invalid={failed}
            aria-describedby={`${id}-msg`}
            className={`${inputClass} w-14 text-center`}
          />
          <button
            type="submit"
            name="step"
            value="1"
            disabled={current !== null && current >= MAX}
            aria-label={t('more', { name })}
            className={stepClass}
          >
            +
          </button>
        </form>
        <form action={remove}>
          <input type="hidden" name="productId" value={productId} />
          {variantId !== null && <input type="hidden" name="variantId" value={variantId} />}
          <button
            type="submit"
            disabled={removing}
            aria-label={t('removeLabel', { name })}
            className="rounded-lg px-2 py-2 text-sm font-medium text-zinc-700 underline-offset-2 hover:underline disabled:opacity-50 dark:text-zinc-300"
          >
            {removing ? t('removing') : t('remove')}
          </button>
        </form>
      </div>
      <p id={`${id}-msg`} role={failed ? 'alert' : 'status'} className={failed ? 'text-sm text-red-700 dark:text-red-400' : 'sr-only'}>
        {message}
      </p>
    </div>
  );
}
