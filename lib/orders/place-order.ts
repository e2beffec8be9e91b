import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { cartItems, orderEvents, orderItems, orders, products } from '@/db/schema';
import { quoteShipping, SHIPPING_FIELDS, shippingFormSchema, toShippingChoice, type ShippingChoice } from '@/lib/fulfilment';
import { DEFAULT_LOCALE, type Locale } from '@/i18n/routing';
import { multiplyMinor } from '@/lib/money';
import { fail, ok, type Result } from '@/lib/result';
import { newOrderToken } from './tokens';

export const checkoutInputSchema = z.object({
  email: z
    .string({ error: 'Enter your email address.' })
    .trim()
    .min(1, 'Enter your email address.')
    .max(254, 'That email address is too long.')
    .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' })),
  checkoutKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'This checkout form has expired. Reload the page and try again.'),
});
export type CheckoutInput = z.infer<typeof checkoutInputSchema> & {
  /** Where to send the goods and how; required when the cart holds physical goods, ignored otherwise. */
  shipping?: ShippingChoice | null;
  /** The buyer's language, negotiated by the caller from the request (lib/i18n/negotiate.ts). Default: the shop's. */
  locale?: Locale;
};

/**
 * The checkout form: email, key, and, when the form showed the shipping fields (`delivery=ship`),
 * a valid address and a shipping option. Whether the order needs them is decided by placeOrder from
 * the cart in the database; the flag only says which fields the buyer was asked for.
 */
export const checkoutFormSchema = checkoutInputSchema
  .extend({
    delivery: z.enum(['ship', 'none']).default('none'),
    ...Object.fromEntries(SHIPPING_FIELDS.map((f) => [f, z.string().optional()])),
  })
  .transform((v, ctx): CheckoutInput => {
    const base = { email: v.email, checkoutKey: v.checkoutKey };
    if (v.delivery === 'none') return { ...base, shipping: null };
    const shipping = shippingFormSchema.safeParse(v);
    if (shipping.success) return { ...base, shipping: toShippingChoice(shipping.data) };
    for (const issue of shipping.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  });

type Refusal = 'empty' | 'unavailable' | 'out_of_stock' | 'currency' | 'shipping';

/** Why a checkout was refused; `field` names the form field the message belongs next to, if any. */
export type CheckoutError = { kind: Refusal; message: string; field?: string };

export type PlaceOrderResult = Result<{ orderId: string; publicToken: string; locale: string; created: boolean }, CheckoutError>;

class CheckoutRefusal extends Error {
  constructor(
    readonly reason: Refusal,
    message: string,
    readonly field?: string,
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
  if (existing) return ok({ ...existing, created: false });
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

      const reserved: Array<{ productId: number; name: string; unitPriceMinor: number; quantity: number; currency: string; kind: string }> =
        [];
      for (const line of lines) {
        const [p] = await tx
          .update(products)
          .set({ stock: sql`${products.stock} - ${line.quantity}`, updatedAt: new Date() })
          .where(and(eq(products.id, line.productId), eq(products.active, true), sql`${products.stock} >= ${line.quantity}`))
          .returning({ name: products.name, priceMinor: products.priceMinor, currency: products.currency, kind: products.kind });
        if (!p) {
          const [info] = await tx
            .select({ name: products.name, active: products.active, stock: products.stock })
            .from(products)
            .where(eq(products.id, line.productId));
          if (!info || !info.active)
            throw new CheckoutRefusal(
              'unavailable',
              `${info?.name ?? 'A product in your cart'} is no longer available. Remove it to continue.`,
            );
          throw new CheckoutRefusal(
            'out_of_stock',
            info.stock === 0
              ? `${info.name} is out of stock. Remove it to continue.`
              : `Only ${info.stock} of ${info.name} left in stock. Lower the quantity to continue.`,
          );
        }
        reserved.push({
          productId: line.productId,
          name: p.name,
          unitPriceMinor: p.priceMinor,
          quantity: line.quantity,
          currency: p.currency,
          kind: p.kind,
        });
      }
      const currency = reserved[0]!.currency;
      if (reserved.some((r) => r.currency !== currency)) {
        throw new CheckoutRefusal('currency', 'Items priced in different currencies cannot be paid with one invoice.');
      }
      const subtotal = reserved.reduce((sum, r) => sum + multiplyMinor(r.unitPriceMinor, r.quantity), 0);
      // Goods to send need an address and an option, priced here from the database.
      let shipping: { address: ShippingChoice['address']; optionId: number; name: string; priceMinor: number } | null = null;
      if (reserved.some((r) => r.kind === 'physical')) {
        if (!input.shipping)
          throw new CheckoutRefusal('shipping', 'Your cart holds goods to send: enter a shipping address and choose how to ship.');
        const quote = await quoteShipping(tx, input.shipping, subtotal, currency);
        if (!quote.ok) throw new CheckoutRefusal('shipping', quote.error.message, quote.error.field);
        shipping = { address: input.shipping.address, ...quote.value };
      }

      const [order] = await tx
        .insert(orders)
        .values({
          publicToken: newOrderToken(),
          checkoutKey: input.checkoutKey,
          status: 'pending',
          currency,
          subtotalMinor: subtotal,
          shippingMinor: shipping?.priceMinor ?? 0,
          totalMinor: subtotal + (shipping?.priceMinor ?? 0),
          email: input.email,
          locale: input.locale ?? DEFAULT_LOCALE,
          shippingAddress: shipping?.address ?? null,
          shippingOptionId: shipping?.optionId ?? null,
          shippingName: shipping?.name ?? null,
        })
        .onConflictDoNothing({ target: orders.checkoutKey })
        .returning({ id: orders.id, publicToken: orders.publicToken, locale: orders.locale });
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
      return ok({ orderId: order.id, publicToken: order.publicToken, locale: order.locale, created: true });
    });
  } catch (err) {
    if (!(err instanceof CheckoutRefusal) && !(err instanceof DuplicateSubmit)) throw err;
    // The same form submitted twice at once: the first submit emptied the cart (or took the key),
    // so the second one answers with the order the first created.
    const winner = await findByCheckoutKey(input.checkoutKey);
    if (winner) return ok({ ...winner, created: false });
    if (err instanceof CheckoutRefusal)
      return fail<CheckoutError>({ kind: err.reason, message: err.message, ...(err.field ? { field: err.field } : {}) });
    throw err;
  }
}

class DuplicateSubmit extends Error {}

async function findByCheckoutKey(checkoutKey: string) {
  const { db } = await getDb();
  const [row] = await db
    .select({ orderId: orders.id, publicToken: orders.publicToken, locale: orders.locale })
    .from(orders)
    .where(eq(orders.checkoutKey, checkoutKey));
  return row ?? null;
}
