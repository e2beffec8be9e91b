'use server';

import { revalidatePath } from 'next/cache';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { addToCart, quantitySchema, removeFromCart, setCartQuantity } from '@/lib/cart';
import { ensureCartId, readCartId } from '@/lib/cart-cookie';
import { gatewaySettings } from '@/lib/cryptocloud/config';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { clientAddress } from '@/lib/http/client-address';
import { checkoutInputSchema, placeOrder } from '@/lib/orders/place-order';
import { ensureInvoice } from '@/lib/orders/invoice';
import { consumeRateLimit } from '@/lib/rate-limit';

export interface CartFormState {
  status: 'idle' | 'ok' | 'error';
  message: string;
  field?: 'quantity' | 'product';
}

const productIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

type Parsed = { ok: true; productId: number; quantity: number } | { ok: false; state: CartFormState };

function parse(formData: FormData): Parsed {
  const productId = productIdSchema.safeParse(formData.get('productId'));
  if (!productId.success) return { ok: false, state: { status: 'error', field: 'product', message: 'Unknown product.' } };
  const quantity = quantitySchema.safeParse(formData.get('quantity') ?? '');
  if (!quantity.success) {
    const message = quantity.error.issues[0]?.message ?? 'Invalid quantity.';
    return { ok: false, state: { status: 'error', field: 'quantity', message } };
  }
  return { ok: true, productId: productId.data, quantity: quantity.data };
}

export async function addToCartAction(_prev: CartFormState, formData: FormData): Promise<CartFormState> {
  const input = parse(formData);
  if (!input.ok) return input.state;
  const result = await addToCart(await ensureCartId(), input.productId, input.quantity);
  if (!result.ok) return { status: 'error', field: result.field, message: result.message };
  revalidatePath('/', 'layout');
  return { status: 'ok', message: `Added to cart. You now have ${result.quantity} in your cart.` };
}

export async function updateCartItemAction(_prev: CartFormState, formData: FormData): Promise<CartFormState> {
  const input = parse(formData);
  if (!input.ok) return input.state;
  const cartId = await readCartId();
  if (!cartId) return { status: 'error', field: 'product', message: 'Your cart is empty.' };
  const result = await setCartQuantity(cartId, input.productId, input.quantity);
  if (!result.ok) return { status: 'error', field: result.field, message: result.message };
  revalidatePath('/', 'layout');
  return { status: 'ok', message: 'Quantity updated.' };
}

export async function removeCartItemAction(formData: FormData): Promise<void> {
  const productId = productIdSchema.safeParse(formData.get('productId'));
  const cartId = await readCartId();
  if (!productId.success || !cartId) return;
  await removeFromCart(cartId, productId.data);
  revalidatePath('/', 'layout');
}

export interface CheckoutFormState {
  message: string;
  fieldErrors?: { email?: string };
}

/**
 * Checkout. Only the buyer's email and the form's idempotency key are read from the form: items,
 * prices and stock come from the database. Redirects to the gateway's pay page (a link the client
 * has checked against the allowed hosts), or to the order page when the gateway is unavailable.
 */
export async function checkoutAction(_prev: CheckoutFormState, formData: FormData): Promise<CheckoutFormState> {
  const parsed = checkoutInputSchema.safeParse({ email: formData.get('email') ?? '', checkoutKey: formData.get('checkoutKey') ?? '' });
  if (!parsed.success) {
    const email = parsed.error.issues.find((i) => i.path[0] === 'email')?.message;
    const other = parsed.error.issues.find((i) => i.path[0] !== 'email')?.message;
    return { message: other ?? '', fieldErrors: email ? { email } : undefined };
  }
  const cartId = await readCartId();
  if (!cartId) return { message: 'Your cart is empty.' };
  // An order that can never be paid must not hold stock (production refuses to start like this).
  if (gatewaySettings().mode === 'disabled') return { message: 'This shop is not taking payments at the moment. Nothing was reserved or charged.' };
  let placed: Awaited<ReturnType<typeof placeOrder>>;
  try {
    // Each order reserves stock and creates an invoice: a script must not be able to hold it all.
    const { CHECKOUT_RATE_LIMIT, CHECKOUT_RATE_WINDOW_SECONDS } = env();
    const limited = await consumeRateLimit(`checkout:${clientAddress(await headers())}`, CHECKOUT_RATE_LIMIT, CHECKOUT_RATE_WINDOW_SECONDS);
    if (!limited.ok) {
      const minutes = Math.ceil(limited.retryAfterSeconds / 60);
      return { message: `Too many orders from your network in a short time. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
    }
    placed = await placeOrder(cartId, parsed.data);
  } catch (err) {
    console.error('[checkout] could not place the order:', errorSummary(err));
    return { message: 'The shop could not take your order just now. Nothing was reserved or charged: please try again in a moment.' };
  }
  if (!placed.ok) return { message: placed.message };

  (await cookies()).set('last_order', placed.publicToken, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().APP_URL.startsWith('https://'),
    path: '/',
    maxAge: 60 * 60 * 24 * 7,
  });
  revalidatePath('/', 'layout');
  let target = `/orders/${placed.publicToken}?payment=unavailable`;
  try {
    const invoice = await ensureInvoice(placed.orderId);
    if (invoice.ok) target = invoice.link;
  } catch (err) {
    // The order exists and the cart is empty: its page offers "Pay now" (and the reconciler can
    // still attach an invoice that was created at the gateway).
    console.error('[checkout] invoice step failed:', errorSummary(err));
  }
  redirect(target);
}
