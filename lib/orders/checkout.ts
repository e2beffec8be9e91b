import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { cartItems, orderEvents, orderItems, orders, payments, products } from '@/db/schema';
import { cancelInvoice, createInvoice } from '@/lib/cryptocloud/client';
import { gatewayConfig } from '@/lib/cryptocloud/config';
import { env } from '@/lib/env';
import { minorToDecimalString, multiplyMinor } from '@/lib/money';
import { transitionOrder } from './state-machine';

/** 256 random bits: the order token is the only credential for its order page. */
export function newOrderToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh idempotency key for one rendering of the checkout form. */
export function newCheckoutKey(): string {
  return randomBytes(24).toString('base64url');
}

export const orderTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const checkoutInputSchema = z.object({
  email: z
    .string({ error: 'Enter your email address.' })
    .trim()
    .min(1, 'Enter your email address.')
    .max(254, 'That email address is too long.')
    .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' })),
  checkoutKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'This checkout form has expired. Reload the page and try again.'),
});
export type CheckoutInput = z.infer<typeof checkoutInputSchema>;

export type PlaceOrderResult =
  | { ok: true; orderId: string; publicToken: string; created: boolean }
  | { ok: false; reason: 'empty' | 'unavailable' | 'out_of_stock' | 'currency'; message: string };

class CheckoutRefusal extends Error {
  constructor(
    readonly reason: 'empty' | 'unavailable' | 'out_of_stock' | 'currency',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Turn the cart into a `pending` order, in one transaction: the cart's lines are claimed (deleted)
 * first, so one cart yields at most one order however many checkouts race for it; prices and stock
 * are read from the database (never from the form); stock is reserved with a conditional decrement
 * that never goes below zero. The checkout key makes a repeated or concurrent submit of the same
 * form return the order the first one created.
 */
export async function placeOrder(cartId: string, input: CheckoutInput): Promise<PlaceOrderResult> {
  const { db } = await getDb();
  const existing = await findByCheckoutKey(input.checkoutKey);
  if (existing) return { ok: true, ...existing, created: false };
  try {
    return await db.transaction(async (tx) => {
      // Deleting the cart's lines is the claim: a concurrent checkout of the same cart (another tab,
      // or a script with other checkout keys) waits on these rows, then finds none and orders nothing.
      // A refusal below rolls the delete back, so a refused buyer keeps the cart.
      const claimed = await tx
        .delete(cartItems)
        .where(eq(cartItems.cartId, cartId))
        .returning({ productId: cartItems.productId, quantity: cartItems.quantity });
      if (claimed.length === 0) throw new CheckoutRefusal('empty', 'Your cart is empty.');
      // One lock order on products for every checkout: no deadlocks.
      const lines = claimed.sort((a, b) => a.productId - b.productId);

      const reserved: Array<{ productId: number; name: string; unitPriceMinor: number; quantity: number; currency: string }> = [];
      for (const line of lines) {
        const [p] = await tx
          .update(products)
          .set({ stock: sql`${products.stock} - ${line.quantity}`, updatedAt: new Date() })
          .where(and(eq(products.id, line.productId), eq(products.active, true), sql`${products.stock} >= ${line.quantity}`))
          .returning({ name: products.name, priceMinor: products.priceMinor, currency: products.currency });
        if (!p) {
          const [info] = await tx
            .select({ name: products.name, active: products.active, stock: products.stock })
            .from(products)
            .where(eq(products.id, line.productId));
          if (!info || !info.active) throw new CheckoutRefusal('unavailable', `${info?.name ?? 'A product in your cart'} is no longer available. Remove it to continue.`);
          throw new CheckoutRefusal(
            'out_of_stock',
            info.stock === 0
              ? `${info.name} is out of stock. Remove it to continue.`
              : `Only ${info.stock} of ${info.name} left in stock. Lower the quantity to continue.`,
          );
        }
        reserved.push({ productId: line.productId, name: p.name, unitPriceMinor: p.priceMinor, quantity: line.quantity, currency: p.currency });
      }
      const currency = reserved[0]!.currency;
      if (reserved.some((r) => r.currency !== currency)) {
        throw new CheckoutRefusal('currency', 'Items priced in different currencies cannot be paid with one invoice.');
      }
      const total = reserved.reduce((sum, r) => sum + multiplyMinor(r.unitPriceMinor, r.quantity), 0);

      const [order] = await tx
        .insert(orders)
        .values({
          publicToken: newOrderToken(),
          checkoutKey: input.checkoutKey,
          status: 'pending',
          currency,
          subtotalMinor: total,
          totalMinor: total,
          email: input.email,
        })
        .onConflictDoNothing({ target: orders.checkoutKey })
        .returning({ id: orders.id, publicToken: orders.publicToken });
      // A concurrent submit of the same form won: undo our reservation and use its order.
      if (!order) throw new DuplicateSubmit();

      await tx.insert(orderItems).values(
        reserved.map((r) => ({
          orderId: order.id,
          productId: r.productId,
          name: r.name,
          unitPriceMinor: r.unitPriceMinor,
          quantity: r.quantity,
          lineTotalMinor: multiplyMinor(r.unitPriceMinor, r.quantity),
        })),
      );
      await tx.insert(orderEvents).values({ orderId: order.id, fromStatus: null, toStatus: 'pending', cause: 'checkout' });
      return { ok: true as const, orderId: order.id, publicToken: order.publicToken, created: true };
    });
  } catch (err) {
    if (!(err instanceof CheckoutRefusal) && !(err instanceof DuplicateSubmit)) throw err;
    // The same form submitted twice at once: the first submit emptied the cart (or took the key),
    // so the second one answers with the order the first created.
    const winner = await findByCheckoutKey(input.checkoutKey);
    if (winner) return { ok: true, ...winner, created: false };
    if (err instanceof CheckoutRefusal) return { ok: false, reason: err.reason, message: err.message };
    throw err;
  }
}

class DuplicateSubmit extends Error {}

async function findByCheckoutKey(checkoutKey: string) {
  const { db } = await getDb();
  const [row] = await db
    .select({ orderId: orders.id, publicToken: orders.publicToken })
    .from(orders)
    .where(eq(orders.checkoutKey, checkoutKey));
  return row ?? null;
}

/** How long one request may hold the right to create an order's invoice (gateway timeout + margin). */
export function invoiceClaimTtlMs(): number {
  return env().CRYPTOCLOUD_TIMEOUT_MS + 10_000;
}

export type EnsureInvoiceResult =
  | { ok: true; link: string; invoiceUuid: string; reused: boolean }
  | { ok: false; reason: 'not-payable' | 'gateway' | 'busy'; message: string };

const GATEWAY_DOWN = 'The payment provider could not be reached. Your order is saved: try "Pay now" again in a moment.';

/** A payment link still worth sending the buyer to: not expiring within the next minute. */
async function usableInvoice(orderId: string, now: Date) {
  const { db } = await getDb();
  const [p] = await db
    .select({ link: payments.link, invoiceUuid: payments.invoiceUuid })
    .from(payments)
    .where(
      and(
        eq(payments.orderId, orderId),
        inArray(payments.status, ['created', 'partial']),
        ne(payments.link, ''),
        or(isNull(payments.expiresAt), gt(payments.expiresAt, new Date(now.getTime() + 60_000))),
      ),
    )
    .orderBy(desc(payments.createdAt))
    .limit(1);
  return p ?? null;
}

/**
 * Give a payable order a CryptoCloud invoice and return its link. A still-valid invoice is reused;
 * otherwise one caller at a time (claimed on the order row) creates one, so a double submit makes
 * one invoice and both callers get the same link. A gateway failure leaves the order `pending`.
 */
export async function ensureInvoice(orderId: string, now = new Date()): Promise<EnsureInvoiceResult> {
  const { db } = await getDb();
  const config = await gatewayConfig();
  if (config.mode === 'disabled') return { ok: false, reason: 'gateway', message: config.reason };
  const claimTtlMs = invoiceClaimTtlMs();
  const deadline = Date.now() + claimTtlMs;

  for (;;) {
    const [order] = await db
      .select({
        status: orders.status,
        publicToken: orders.publicToken,
        totalMinor: orders.totalMinor,
        currency: orders.currency,
        email: orders.email,
      })
      .from(orders)
      .where(eq(orders.id, orderId));
    if (!order) return { ok: false, reason: 'not-payable', message: 'Order not found.' };
    const existing = await usableInvoice(orderId, now);
    if (existing && ['pending', 'awaiting_payment', 'partially_paid'].includes(order.status)) {
      return { ok: true, link: existing.link, invoiceUuid: existing.invoiceUuid, reused: true };
    }
    if (order.status !== 'pending') {
      return { ok: false, reason: 'not-payable', message: 'This order cannot be paid any more.' };
    }

    const claimed = await db
      .update(orders)
      .set({ invoiceRequestedAt: new Date() })
      .where(
        and(
          eq(orders.id, orderId),
          eq(orders.status, 'pending'),
          or(isNull(orders.invoiceRequestedAt), lt(orders.invoiceRequestedAt, new Date(Date.now() - claimTtlMs))),
        ),
      )
      .returning({ id: orders.id });
    if (claimed.length === 0) {
      // Another request is creating the invoice right now: wait for its result.
      if (Date.now() > deadline) return { ok: false, reason: 'busy', message: GATEWAY_DOWN };
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }

    const minutes = env().CHECKOUT_TIME_TO_PAY_MINUTES;
    const created = await createInvoice(
      {
        amount: minorToDecimalString(order.totalMinor, order.currency),
        currency: order.currency,
        orderId: order.publicToken,
        email: order.email,
        addFields: { timeToPay: { hours: Math.floor(minutes / 60), minutes: minutes % 60 } },
        locale: config.locale,
      },
      { config },
    );
    if (!created.ok) {
      await db.update(orders).set({ invoiceRequestedAt: null }).where(eq(orders.id, orderId));
      console.warn(`[checkout] invoice creation failed for order ${orderId}: ${created.error.kind}: ${created.error.message}`);
      return { ok: false, reason: 'gateway', message: GATEWAY_DOWN };
    }
    const invoice = created.value;
    const moved = await db.transaction(async (tx) => {
      await tx
        .insert(payments)
        .values({
          orderId,
          invoiceUuid: invoice.uuid,
          link: invoice.link,
          status: invoice.status,
          amount: minorToDecimalString(order.totalMinor, order.currency),
          currency: order.currency,
          cryptoCurrency: invoice.currency?.fullcode ?? null,
          testMode: invoice.testMode,
          expiresAt: invoice.expiresAt,
          lastInfo: invoice.raw,
        })
        .onConflictDoNothing({ target: payments.invoiceUuid });
      const r = await transitionOrder(tx, {
        orderId,
        to: 'awaiting_payment',
        cause: 'invoice_created',
        detail: { invoice: invoice.uuid },
      });
      await tx.update(orders).set({ invoiceRequestedAt: null }).where(eq(orders.id, orderId));
      return r;
    });
    if (!moved.changed) {
      // The order stopped being payable meanwhile (expired): never send the buyer to pay it.
      const canceled = await cancelInvoice(invoice.uuid, { config });
      if (!canceled.ok) console.warn(`[checkout] could not cancel ${invoice.uuid} of a closed order: ${canceled.error.message}`);
      return { ok: false, reason: 'not-payable', message: 'This order cannot be paid any more.' };
    }
    return { ok: true, link: invoice.link, invoiceUuid: invoice.uuid, reused: false };
  }
}
