'use client';

import { useActionState, useId } from 'react';
import { removeCartItemAction, updateCartItemAction, type CartFormState } from '@/app/cart/actions';
import { inputClass, secondaryButtonClass } from '@/components/ui/button';

const initial: CartFormState = { status: 'idle', message: '' };

export function CartLineForm({ productId, quantity, name }: { productId: number; quantity: number; name: string }) {
  const [state, action, pending] = useActionState(updateCartItemAction, initial);
  const id = useId();
  const invalid = state.status === 'error';
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-end gap-2">
        <form action={action} className="flex items-end gap-2" noValidate>
          <input type="hidden" name="productId" value={productId} />
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
              defaultValue={quantity}
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
        <form action={removeCartItemAction}>
          <input type="hidden" name="productId" value={productId} />
          <button type="submit" className={secondaryButtonClass} aria-label={`Remove ${name} from cart`}>
            Remove
          </button>
        </form>
      </div>
      <p id={`${id}-msg`} role={invalid ? 'alert' : 'status'} className={invalid ? 'text-sm text-red-700 dark:text-red-400' : 'sr-only'}>
        {state.message}
      </p>
    </div>
  );
}
