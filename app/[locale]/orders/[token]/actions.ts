'use server';

import { redirect as redirectOut } from 'next/navigation';
import { redirect } from '@/i18n/navigation';
import { z } from 'zod';
import type { ActionState } from '@/lib/action-state';
import { validatedAction } from '@/lib/actions';
import { actionLocale, actionTranslator, inActionLocale } from '@/lib/i18n/action-locale';
import { addToCart } from '@/lib/cart';
import { ensureCartId } from '@/lib/cart-cookie';
import { ensureInvoice } from '@/lib/orders/invoice';
import { findOrderIdByToken, getOrderView, reorderLines } from '@/lib/orders/queries';

// The order page's forms carry its token, the order's only credential: found by it or not at all.
const byToken = z.object({ token: z.string().max(64, 'Order not found.') });

/** "Pay now": reuse the order's still-valid invoice or create one, then go to the pay page. */
export const payNowAction = validatedAction(
  byToken,
  async ({ token }): Promise<ActionState> => {
    const orderId = await findOrderIdByToken(token);
    if (!orderId) return { ok: false, message: (await actionTranslator('actions'))('orderNotFound') };
    const result = await ensureInvoice(orderId);
    if (!result.ok) return { ok: false, message: result.error.message };
    // The pay page is outside the shop: no language prefix.
    redirectOut(result.value.link);
  },
  { label: 'pay now', localize: inActionLocale },
);

/** "Order again" for an expired or canceled order: its items go back into the cart. */
export const orderAgainAction = validatedAction(
  byToken,
  async ({ token }): Promise<ActionState> => {
    const orderId = await findOrderIdByToken(token);
    const order = orderId ? await getOrderView(orderId) : null;
    const locale = await actionLocale();
    if (!orderId || !order || (order.status !== 'expired' && order.status !== 'canceled')) return redirect({ href: '/cart', locale });
    const cartId = await ensureCartId();
    // Each line with the size it was bought in; one no longer on sale or in stock is left out (the
    // cart shows what could be put back).
    for (const line of await reorderLines(orderId)) await addToCart(cartId, line.productId, line.quantity, line.variantId, locale);
    return redirect({ href: '/cart', locale });
  },
  { label: 'order again', localize: inActionLocale },
);
