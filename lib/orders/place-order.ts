import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Tx } from '@/db/client';
import { cartItems, orderEvents, orderItems, orders, productOptions, products, productVariants } from '@/db/schema';
import { quoteShipping, SHIPPING_FIELDS, shippingFormSchema, toShippingChoice, type ShippingChoice } from '@/lib/fulfilment';
import { DEFAULT_LOCALE, type Locale } from '@/i18n/routing';
import { multiplyMinor } from '@/lib/money';
import { fail, ok, type Result } from '@/lib/result';
import { refusalWriter } from '@/lib/i18n/refusals';
import { localizedProductTexts } from '@/lib/translations';
import { variantLabel } from '@/lib/variants';
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

/** What creating an order's invoice reads from the order (lib/orders/invoice.ts). */
export interface InvoiceFacts {
  publicToken: string;
  totalMinor: number;
  currency: string;
  email: string;
  locale: string;
}

export type PlaceOrderResult = Result<
  {
    orderId: string;
    publicToken: string;
    locale: string;
    created: boolean;
    /** With `claimInvoice`, for an order this call created: its invoice claim is this caller's. */
    claimed: InvoiceFacts | null;
  },
  CheckoutError
>;

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
 *
 * `claimInvoice`: the new order is born with its invoice claim taken (`invoice_requested_at`), for a
 * caller that creates the invoice right away (checkout, with createClaimedInvoice): the claim costs
 * no statement of its own. Anyone else who tries to invoice the order meanwhile waits, as for any
 * claim; a caller that dies before releasing it leaves it to lapse after invoiceClaimTtlMs().
 */
export async function placeOrder(
  cartId: string,
  input: CheckoutInput,
  options: { claimInvoice?: boolean } = {},
): Promise<PlaceOrderResult> {
  const { db } = await getDb();
  const locale = input.locale ?? DEFAULT_LOCALE;
  // No look-up of the checkout key first: a repeated submit finds the cart empty (or the key taken
  // by the insert below), and the refusal path answers with the order the first submit created.
  try {
    return await db.transaction(async (tx) => {
      // Deleting the cart's lines is the claim: a concurrent checkout of the same cart (another tab,
      // or a script with other checkout keys) waits on these rows, then finds none and orders nothing.
      // A refusal below rolls the delete back, so a refused buyer keeps the cart.
      const claimed = await tx
        .delete(cartItems)
        .where(eq(cartItems.cartId, cartId))
        .returning({ productId: cartItems.productId, variantId: cartItems.variantId, quantity: cartItems.quantity });
      if (claimed.length === 0) throw new CheckoutRefusal('empty', (await refusalWriter(locale)).t('cartEmpty'));
      // One lock order for every checkout (products by id, each one's variants by id; a variant's
      // decrement locks its product through the stock trigger right after): no deadlocks.
      const lines = claimed.sort((a, b) => a.productId - b.productId || (a.variantId ?? 0) - (b.variantId ?? 0));

      const reserved: Reserved[] = [];
      for (const line of lines) {
        if (line.variantId !== null) {
          reserved.push(await reserveVariant(tx, { ...line, variantId: line.variantId }, locale));
          continue;
        }
        const [p] = await tx
          .update(products)
          .set({ stock: sql`${products.stock} - ${line.quantity}`, updatedAt: new Date() })
          .where(
            and(
              eq(products.id, line.productId),
              eq(products.active, true),
              sql`${products.stock} >= ${line.quantity}`,
              // A product with variants is bought by variant (its stock is theirs, kept by a trigger).
              sql`not exists (select 1 from ${productVariants} where ${productVariants.productId} = ${products.id})`,
            ),
          )
          .returning({ name: products.name, priceMinor: products.priceMinor, currency: products.currency, kind: products.kind });
        if (!p) {
          const [info] = await tx
            .select({ name: products.name, active: products.active, stock: products.stock })
            .from(products)
            .where(eq(products.id, line.productId));
          if (!info || !info.active) throw await productGone(tx, line.productId, info?.name, locale);
          const { t, options } = await refusalWriter(locale);
          const product = await nameIn(tx, line.productId, info.name, locale);
          const optionNames = await optionNamesOf(tx, line.productId);
          if (optionNames.length > 0)
            throw new CheckoutRefusal('unavailable', t('chooseOptionOf', { options: options(optionNames), product }));
          throw new CheckoutRefusal(
            'out_of_stock',
            info.stock === 0 ? t('outOfStockNamed', { product }) : t('onlyLeftOf', { stock: info.stock, product }),
          );
        }
        reserved.push({
          productId: line.productId,
          variantId: null,
          sku: null,
          variantLabel: null,
          name: p.name,
          unitPriceMinor: p.priceMinor,
          quantity: line.quantity,
          currency: p.currency,
          kind: p.kind,
        });
      }
      const currency = reserved[0]!.currency;
      if (reserved.some((r) => r.currency !== currency)) {
        throw new CheckoutRefusal('currency', (await refusalWriter(locale)).t('currencies'));
      }
      const subtotal = reserved.reduce((sum, r) => sum + multiplyMinor(r.unitPriceMinor, r.quantity), 0);
      // Goods to send need an address and an option, priced here from the database.
      let shipping: { address: ShippingChoice['address']; optionId: number; name: string; priceMinor: number } | null = null;
      if (reserved.some((r) => r.kind === 'physical')) {
        if (!input.shipping) throw new CheckoutRefusal('shipping', (await refusalWriter(locale)).t('needsAddress'));
        const quote = await quoteShipping(tx, input.shipping, subtotal, currency, locale);
        if (!quote.ok) throw new CheckoutRefusal('shipping', quote.error.message, quote.error.field);
        shipping = { address: input.shipping.address, ...quote.value };
      }

      // The order, its items and its first event in one statement, with the ids made here. A checkout
      // key already taken (the same form submitted twice at once, from another cart) fails the whole
      // statement, which rolls our reservation back; the order that took the key is the answer.
      const orderId = randomUUID();
      const publicToken = newOrderToken();
      const totalMinor = subtotal + (shipping?.priceMinor ?? 0);
      const placed = tx.$with('placed').as(
        tx
          .insert(orders)
          .values({
            id: orderId,
            publicToken,
            checkoutKey: input.checkoutKey,
            status: 'pending',
            currency,
            subtotalMinor: subtotal,
            shippingMinor: shipping?.priceMinor ?? 0,
            totalMinor,
            email: input.email,
            locale,
            shippingAddress: shipping?.address ?? null,
            shippingOptionId: shipping?.optionId ?? null,
            shippingName: shipping?.name ?? null,
            invoiceRequestedAt: options.claimInvoice ? new Date() : null,
          })
          .returning({ id: orders.id }),
      );
      const items = tx.$with('items').as(
        tx
          .insert(orderItems)
          .values(
            reserved.map((r) => ({
              orderId,
              productId: r.productId,
              name: r.name,
              variantId: r.variantId,
              sku: r.sku,
              variantLabel: r.variantLabel,
              unitPriceMinor: r.unitPriceMinor,
              quantity: r.quantity,
              lineTotalMinor: multiplyMinor(r.unitPriceMinor, r.quantity),
            })),
          )
          .returning({ id: orderItems.id }),
      );
      try {
        await tx.with(placed, items).insert(orderEvents).values({ orderId, fromStatus: null, toStatus: 'pending', cause: 'checkout' });
      } catch (err) {
        if (violates(err, 'orders_checkout_key_key')) throw new DuplicateSubmit();
        throw err;
      }
      const invoiceClaim = options.claimInvoice ? { publicToken, totalMinor, currency, email: input.email, locale } : null;
      return ok({ orderId, publicToken, locale, created: true, claimed: invoiceClaim });
    });
  } catch (err) {
    if (!(err instanceof CheckoutRefusal) && !(err instanceof DuplicateSubmit)) throw err;
    // The same form submitted twice at once: the first submit emptied the cart (or took the key),
    // so the second one answers with the order the first created.
    const winner = await findByCheckoutKey(input.checkoutKey);
    if (winner) return ok({ ...winner, created: false, claimed: null });
    if (err instanceof CheckoutRefusal)
      return fail<CheckoutError>({ kind: err.reason, message: err.message, ...(err.field ? { field: err.field } : {}) });
    throw err;
  }
}

class DuplicateSubmit extends Error {}

/** Whether `err` (or what it wraps: drizzle wraps the driver's error) is a unique violation of `constraint`. */
function violates(err: unknown, constraint: string): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const { code, constraint: name } = e as Error & { code?: unknown; constraint?: unknown };
    if (code === '23505' && name === constraint) return true;
  }
  return false;
}

interface Reserved {
  productId: number;
  variantId: number | null;
  sku: string | null;
  variantLabel: string | null;
  name: string;
  unitPriceMinor: number;
  quantity: number;
  currency: string;
  kind: string;
}

// ---- Refusals: they name the product, in the buyer's language (read only when refusing) ----

/** The names of a product's options ("Size"), in their order; none for a product without options. */
async function optionNamesOf(tx: Tx, productId: number): Promise<string[]> {
  const rows = await tx
    .select({ name: productOptions.name })
    .from(productOptions)
    .where(eq(productOptions.productId, productId))
    .orderBy(asc(productOptions.position), asc(productOptions.id));
  return rows.map((r) => r.name);
}

/** A product's name in `locale` (its translation, else the name as the merchant wrote it). */
async function nameIn(tx: Tx, productId: number, name: string, locale: Locale): Promise<string> {
  if (locale === DEFAULT_LOCALE) return name;
  return (await localizedProductTexts(tx, [productId], locale)).get(productId)?.name ?? name;
}

/** A product that is no longer sold (or no longer exists) stops the checkout. */
async function productGone(tx: Tx, productId: number, name: string | undefined, locale: Locale): Promise<CheckoutRefusal> {
  const { t } = await refusalWriter(locale);
  if (name === undefined) return new CheckoutRefusal('unavailable', t('someProductGone'));
  return new CheckoutRefusal('unavailable', t('productGone', { product: await nameIn(tx, productId, name, locale) }));
}

/**
 * Reserve a variant line: the same conditional decrement as a product's, on the variant's stock
 * (the trigger moves the product's with it), only while the product is active. The order item
 * keeps the SKU, the label and the price as they are now: the variant's own, or the product's.
 */
async function reserveVariant(tx: Tx, line: { productId: number; variantId: number; quantity: number }, locale: Locale): Promise<Reserved> {
  const [v] = await tx
    .update(productVariants)
    .set({ stock: sql`${productVariants.stock} - ${line.quantity}`, updatedAt: new Date() })
    .where(
      and(
        eq(productVariants.id, line.variantId),
        eq(productVariants.productId, line.productId),
        gte(productVariants.stock, line.quantity),
        sql`exists (select 1 from ${products} where ${products.id} = ${productVariants.productId} and ${products.active})`,
      ),
    )
    .returning({ sku: productVariants.sku, options: productVariants.options, priceMinor: productVariants.priceMinor });
  const [p] = await tx
    .select({
      name: products.name,
      active: products.active,
      priceMinor: products.priceMinor,
      currency: products.currency,
      kind: products.kind,
    })
    .from(products)
    .where(eq(products.id, line.productId));
  if (!p || !p.active) throw await productGone(tx, line.productId, p?.name, locale);
  const options = await tx
    .select({ name: productOptions.name, values: productOptions.values })
    .from(productOptions)
    .where(eq(productOptions.productId, line.productId))
    .orderBy(asc(productOptions.position), asc(productOptions.id));
  if (!v) {
    const [left] = await tx
      .select({ options: productVariants.options, stock: productVariants.stock })
      .from(productVariants)
      .where(and(eq(productVariants.id, line.variantId), eq(productVariants.productId, line.productId)));
    const { t, optionName } = await refusalWriter(locale);
    const name = await nameIn(tx, line.productId, p.name, locale);
    if (!left) throw new CheckoutRefusal('unavailable', t('choiceGone', { product: name }));
    const product = `${name} (${variantLabel(options, left.options, optionName)})`;
    throw new CheckoutRefusal(
      'out_of_stock',
      left.stock === 0 ? t('outOfStockNamed', { product }) : t('onlyLeftOf', { stock: left.stock, product }),
    );
  }
  return {
    productId: line.productId,
    variantId: line.variantId,
    sku: v.sku,
    variantLabel: variantLabel(options, v.options),
    name: p.name,
    unitPriceMinor: v.priceMinor ?? p.priceMinor,
    quantity: line.quantity,
    currency: p.currency,
    kind: p.kind,
  };
}

async function findByCheckoutKey(checkoutKey: string) {
  const { db } = await getDb();
  const [row] = await db
    .select({ orderId: orders.id, publicToken: orders.publicToken, locale: orders.locale })
    .from(orders)
    .where(eq(orders.checkoutKey, checkoutKey));
  return row ?? null;
}
