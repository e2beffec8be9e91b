'use server';

import { redirect } from 'next/navigation';
import { addToCart } from '@/lib/cart';
import { ensureCartId } from '@/lib/cart-cookie';
import { errorSummary } from '@/lib/errors';
import { ensureInvoice } from '@/lib/orders/invoice';
import { findOrderIdByToken, getOrderView } from '@/lib/orders/queries';

export interface PayNowState {
  message: string;
}

/** "Pay now": reuse the order's still-valid invoice or create one, then go to the pay page. */
export async function payNowAction(_prev: PayNowState, formData: FormData): Promise<PayNowState> {
  const orderId = await findOrderIdByToken(String(formData.get('token') ?? ''));
  if (!orderId) return { message: 'Order not found.' };
  let result: Awaited<ReturnType<typeof ensureInvoice>>;
  try {
    result = await ensureInvoice(orderId);
  } catch (err) {
    console.error('[pay now]', errorSummary(err));
    return { message: 'Something went wrong on our side. Your order is saved: try again in a moment.' };
  }
  if (!result.ok) return { message: result.message };
  redirect(result.link);
}

/** "Order again" for an expired or canceled order: its items go back into the cart. */
export async function orderAgainAction(formData: FormData): Promise<void> {
  const orderId = await findOrderIdByToken(String(formData.get('token') ?? ''));
  const order = orderId ? await getOrderView(orderId) : null;
  if (!order || (order.status !== 'expired' && order.status !== 'canceled')) redirect('/cart');
  const cartId = await ensureCartId();
  for (const item of order.items) await addToCart(cartId, item.productId, item.quantity);
  redirect('/cart');
}
