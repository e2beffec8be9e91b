'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addToCart, quantitySchema, removeFromCart, setCartQuantity } from '@/lib/cart';
import { ensureCartId, readCartId } from '@/lib/cart-cookie';

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
