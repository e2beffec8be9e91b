'use server';

import { revalidatePath } from 'next/cache';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '@/lib/action-state';
import { validatedAction } from '@/lib/actions';
import { actionLocale, actionTranslator, inActionLocale, orderLocale } from '@/lib/i18n/action-locale';
import { addToCart, quantitySchema, removeFromCart, setCartQuantity, type CartError } from '@/lib/cart';
import { ensureCartId, readCartId } from '@/lib/cart-cookie';
import { gatewaySettings } from '@/lib/cryptocloud';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { clientAddress } from '@/lib/http/client-address';
import { createClaimedInvoice, ensureInvoice } from '@/lib/orders/invoice';
import { SHIPPING_FIELDS } from '@/lib/fulfilment';
import { checkoutFormSchema, placeOrder } from '@/lib/orders/place-order';
import { orderPath } from '@/lib/i18n/paths';
import { consumeRateLimit } from '@/lib/rate-limit';

const UNKNOWN_PRODUCT = 'Unknown product.';
const productId = z
  .string()
  .regex(/^[0-9]{1,10}$/, UNKNOWN_PRODUCT)
  .transform(Number)
  .pipe(z.number().int().positive(UNKNOWN_PRODUCT).max(2_147_483_647, UNKNOWN_PRODUCT));
/** The chosen variant (a size); empty or absent for a product without options. */
const variantId = z
  .string()
  .regex(/^[0-9]{0,10}$/, 'Choose again.')
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .pipe(z.number().int().positive('Choose again.').max(2_147_483_647, 'Choose again.').nullable());
const cartLine = z.object({ productId, variantId, quantity: quantitySchema });
// The stepper's −/+ buttons send the quantity the field shows and a step; typing sends no step.
const cartLineChange = cartLine.extend({ step: z.enum(['-1', '1']).optional() });

type LineField = 'quantity' | 'variant';

/** A refused cart change, next to the quantity field or the variant picker, or for the form as a whole. */
function refused(error: CartError, quantity: string): ActionState<LineField> {
  const values = { quantity };
  return error.kind === 'product'
    ? { ok: false, message: error.message, values }
    : { ok: false, fieldErrors: { [error.kind]: error.message }, values };
}

export const addToCartAction = validatedAction(
  cartLine,
  async ({ productId, variantId, quantity }, formData): Promise<ActionState<LineField>> => {
    const result = await addToCart(await ensureCartId(), productId, quantity, variantId, await actionLocale());
    if (!result.ok) return refused(result.error, String(formData.get('quantity')));
    revalidatePath('/', 'layout');
    return { ok: true, message: (await actionTranslator('actions'))('added', { quantity: result.value.quantity }) };
  },
  { label: 'add to cart', fields: ['quantity', 'variant'], localize: inActionLocale },
);

export const updateCartItemAction = validatedAction(
  cartLineChange,
  async ({ productId, variantId, quantity, step }, formData): Promise<ActionState<LineField>> => {
    const cartId = await readCartId();
    if (!cartId) return { ok: false, message: (await actionTranslator('actions'))('cartEmpty') };
    const result = await setCartQuantity(cartId, productId, quantity + Number(step ?? 0), variantId, await actionLocale());
    if (!result.ok) return refused(result.error, String(formData.get('quantity')));
    revalidatePath('/', 'layout');
    return { ok: true, message: (await actionTranslator('actions'))('updated') };
  },
  { label: 'update cart', fields: ['quantity'], localize: inActionLocale },
);

export const removeCartItemAction = validatedAction(
  z.object({ productId, variantId }),
  async ({ productId, variantId }): Promise<ActionState> => {
    const cartId = await readCartId();
    if (cartId) await removeFromCart(cartId, productId, variantId);
    revalidatePath('/', 'layout');
    return { ok: true };
  },
  { label: 'remove from cart', localize: inActionLocale },
);

const CHECKOUT_FIELDS = ['email', ...SHIPPING_FIELDS] as const;
type CheckoutField = (typeof CHECKOUT_FIELDS)[number];

/**
 * Checkout. Only the buyer's email, the shipping address and chosen option, and the form's
 * idempotency key are read from the form: items, prices, stock and the shipping price come from
 * the database. Redirects to the gateway's pay page (a link the client has checked against the
 * allowed hosts), or to the order page when the gateway is unavailable. The order's language is the
 * buyer's, negotiated from the locale cookie and Accept-Language: no form field can set it.
 */
export const checkoutAction = validatedAction(
  checkoutFormSchema,
  async (input, formData): Promise<ActionState<CheckoutField>> => {
    // What the buyer typed, so a refused form comes back filled in.
    const values = Object.fromEntries(
      CHECKOUT_FIELDS.flatMap((f) => (typeof formData.get(f) === 'string' ? [[f, String(formData.get(f)).slice(0, 300)]] : [])),
    );
    const cartId = await readCartId();
    if (!cartId) return { ok: false, message: (await actionTranslator('actions'))('cartEmpty'), values };
    // An order that can never be paid must not hold stock (production refuses to start like this).
    if (gatewaySettings().mode === 'disabled') {
      return { ok: false, message: 'This shop is not taking payments at the moment. Nothing was reserved or charged.', values };
    }
    let placed: Awaited<ReturnType<typeof placeOrder>>;
    try {
      // Each order reserves stock and creates an invoice: a script must not be able to hold it all.
      const { CHECKOUT_RATE_LIMIT, CHECKOUT_RATE_WINDOW_SECONDS } = env();
      const limited = await consumeRateLimit(
        `checkout:${clientAddress(await headers())}`,
        CHECKOUT_RATE_LIMIT,
        CHECKOUT_RATE_WINDOW_SECONDS,
      );
      if (!limited.ok) {
        const minutes = Math.ceil(limited.error.retryAfterSeconds / 60);
        return {
          ok: false,
          message: `Too many orders from your network in a short time. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          values,
        };
      }
      // Born with its invoice claim: the invoice is created below, without a claim statement.
      placed = await placeOrder(cartId, { ...input, locale: await orderLocale() }, { claimInvoice: true });
    } catch (err) {
      console.error('[checkout] could not place the order:', errorSummary(err));
      return {
        ok: false,
        message: 'The shop could not take your order just now. Nothing was reserved or charged: please try again in a moment.',
        values,
      };
    }
    if (!placed.ok) {
      const { field, message } = placed.error;
      return field ? { ok: false, fieldErrors: { [field]: message }, values } : { ok: false, message, values };
    }

    (await cookies()).set('last_order', placed.value.publicToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: env().APP_URL.startsWith('https://'),
      path: '/',
      maxAge: 60 * 60 * 24 * 7,
    });
    revalidatePath('/', 'layout');
    let target = `${orderPath(placed.value)}?payment=unavailable`;
    try {
      const { orderId, claimed } = placed.value;
      const invoice = await (claimed ? createClaimedInvoice(orderId, claimed) : ensureInvoice(orderId));
      if (invoice.ok) target = invoice.value.link;
    } catch (err) {
      // The order exists and the cart is empty: its page offers "Pay now" (and the reconciler can
      // still attach an invoice that was created at the gateway).
      console.error('[checkout] invoice step failed:', errorSummary(err));
    }
    redirect(target);
  },
  { label: 'checkout', fields: CHECKOUT_FIELDS, localize: inActionLocale },
);
