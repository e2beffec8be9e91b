'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useId, useRef, type ReactNode } from 'react';
import { addToCartAction } from '@/app/[locale]/cart/actions';
import { openCartDrawer } from '@/components/cart/open-cart-drawer';
import type { ActionState } from '@/lib/action-state';
import { buttonClass, inputClass } from '@/components/ui/button';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';

const initial: ActionState<'quantity' | 'variant'> = {};

/**
 * Quantity and "Add to cart". A product with options passes its picker as `children` and the chosen
 * variant (null until every option is chosen): the server answers "Choose a size" next to the picker.
 */
export function AddToCartForm({
  productId,
  variantId = null,
  disabled,
  children,
}: {
  productId: number;
  variantId?: number | null;
  disabled: boolean;
  children?: ReactNode;
}) {
  const t = useTranslations('cartClient');
  const [state, action, pending] = useActionState(addToCartAction, initial);
  const id = useId();
  const submit = useRef<HTMLButtonElement>(null);
  const quantityError = state.fieldErrors?.quantity;
  const variantError = state.fieldErrors?.variant;
  const failed = state.ok === false;
  const message = quantityError ?? (variantError ? undefined : state.message);
  // Each answer is a new object: every successful add opens the drawer, with the refreshed cart.
  useEffect(() => {
    if (state.ok) openCartDrawer(submit.current);
  }, [state]);
  return (
    <form action={action} onSubmit={submitWithoutReset(action)} className="space-y-3" noValidate>
      <input type="hidden" name="productId" value={productId} />
      {children && (
        <div>
          {children}
          {variantId !== null && <input type="hidden" name="variantId" value={variantId} />}
          <p id={`${id}-variant-msg`} role="alert" data-testid="variant-message" className="mt-2 text-sm text-red-700 dark:text-red-400">
            {variantError}
          </p>
        </div>
      )}
      <div className="flex items-end gap-3">
        <div className="w-28">
          <label htmlFor={`${id}-qty`} className="mb-1 block text-sm font-medium">
            {t('quantity')}
          </label>
          <input
            id={`${id}-qty`}
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={99}
            step={1}
            defaultValue={state.values?.quantity ?? 1}
            required
            data-testid="quantity-input"
            aria-invalid={!!quantityError}
            aria-describedby={`${id}-msg`}
            className={inputClass}
          />
        </div>
        <button ref={submit} type="submit" data-testid="add-to-cart" disabled={disabled || pending} className={buttonClass}>
          {pending ? t('adding') : t('add')}
        </button>
      </div>
      <p
        id={`${id}-msg`}
        role={failed ? 'alert' : 'status'}
        data-testid="add-to-cart-message"
        className={failed ? 'text-sm text-red-700 dark:text-red-400' : 'text-sm text-emerald-700 dark:text-emerald-400'}
      >
        {message}
      </p>
    </form>
  );
}
