'use client';

import { useActionState, useId } from 'react';
import { removeCartItemAction, updateCartItemAction } from '@/app/(shop)/cart/actions';
import type { ActionState } from '@/lib/action-state';
import { inputClass, secondaryButtonClass } from '@/components/ui/button';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';

const initial: ActionState<'quantity'> = {};

export function CartLineForm({
  productId,
  variantId,
  quantity,
  name,
}: {
  productId: number;
  /** The line's variant (size), when the product has options. */
  variantId: number | null;
  quantity: number;
  name: string;
}) {
  const [state, action, pending] = useActionState(updateCartItemAction, initial);
  const [, remove, removing] = useActionState(removeCartItemAction, {});
  const id = useId();
  const invalid = state.ok === false;
  const message = state.fieldErrors?.quantity ?? state.message;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-end gap-2">
        <form action={action} onSubmit={submitWithoutReset(action)} className="flex items-end gap-2" noValidate>
          <input type="hidden" name="productId" value={productId} />
          {variantId !== null && <input type="hidden" name="variantId" value={variantId} />}
          <div className="w-20">
            <label htmlFor={`${id}-qty`} className="sr-only">
              Quantity of {name}
            </label>
            <input
              id={`${id}-qty`}
              name="quantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={99}
              defaultValue={state.values?.quantity ?? quantity}
              data-testid="cart-line-quantity"
              aria-invalid={invalid}
              aria-describedby={`${id}-msg`}
              className={inputClass}
            />
          </div>
          <button type="submit" disabled={pending} className={secondaryButtonClass}>
            Update
          </button>
        </form>
        <form action={remove}>
          <input type="hidden" name="productId" value={productId} />
          {variantId !== null && <input type="hidden" name="variantId" value={variantId} />}
          <button type="submit" disabled={removing} className={secondaryButtonClass} aria-label={`Remove ${name} from cart`}>
            Remove
          </button>
        </form>
      </div>
      <p id={`${id}-msg`} role={invalid ? 'alert' : 'status'} className={invalid ? 'text-sm text-red-700 dark:text-red-400' : 'sr-only'}>
        {message}
      </p>
    </div>
  );
}
