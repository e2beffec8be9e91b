import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import { cartItems, carts, products, type ProductKind } from '@/db/schema';
import { multiplyMinor } from '@/lib/money';
import { fail, ok, type Result } from '@/lib/result';

export const MAX_LINE_QUANTITY = 99;

const ENTER_QUANTITY = 'Enter a quantity.';
const WHOLE_NUMBER = `Enter a whole number from 1 to ${MAX_LINE_QUANTITY}.`;
const AT_MOST = `You can order at most ${MAX_LINE_QUANTITY} of one item.`;

/**
 * Quantity typed by a buyer: a whole number from 1 to 99 in ASCII digits, nothing else (no 1.5,
 * 1e9, -0, "2abc", other scripts' digits). Every refusal carries one of the shop's own messages:
 * the digits are compared as text before any conversion, so 99999999999999999999 or 10 KB of
 * digits never reach float maths or zod's generic number messages.
 */
export const quantitySchema = z
  .string({ error: ENTER_QUANTITY })
  .trim()
  .min(1, { error: ENTER_QUANTITY, abort: true })
  .regex(/^[0-9]+$/, { error: WHOLE_NUMBER, abort: true })
  .refine((digits) => digits.replace(/^0+/, '').length <= String(MAX_LINE_QUANTITY).length, { error: AT_MOST, abort: true })
  .transform(Number)
  .pipe(z.number({ error: WHOLE_NUMBER }).min(1, WHOLE_NUMBER).max(MAX_LINE_QUANTITY, AT_MOST));

export const cartIdSchema = z.uuid();

export interface CartLine {
  productId: number;
  slug: string;
  name: string;
  image: string;
  unitPriceMinor: number;
  currency: string;
  quantity: number;
  lineTotalMinor: number;
  stock: number;
  available: boolean;
  /** Why this line cannot be bought as it is, for the buyer. */
  problem: string | null;
  /** Physical goods need a shipping address at checkout. */
  kind: ProductKind;
}

export interface CartView {
  id: string | null;
  lines: CartLine[];
  itemCount: number;
  /** Sum of purchasable lines, in minor units of `currency`. */
  subtotalMinor: number;
  currency: string | null;
  /** True when every line can be bought as it stands. */
  purchasable: boolean;
}

/** Why a cart change was refused; `kind` is the form field the message belongs next to. */
export type CartError = { kind: 'quantity' | 'product'; message: string };
export type CartMutation = Result<{ quantity: number }, CartError>;

const EMPTY: CartView = { id: null, lines: [], itemCount: 0, subtotalMinor: 0, currency: null, purchasable: false };

export function newCartId(): string {
  return randomUUID();
}

/** The cart's lines with prices and stock read from the database now, never from the client. */
export async function getCart(cartId: string | null | undefined): Promise<CartView> {
  if (!cartId || !cartIdSchema.safeParse(cartId).success) return EMPTY;
  const { db } = await getDb();
  const rows = await db
    .select({
      productId: products.id,
      slug: products.slug,
      name: products.name,
      image: products.image,
      unitPriceMinor: products.priceMinor,
      currency: products.currency,
      quantity: cartItems.quantity,
      stock: products.stock,
      active: products.active,
      kind: products.kind,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.createdAt), asc(products.id));
  const lines: CartLine[] = rows.map((r) => {
    let problem: string | null = null;
    if (!r.active) problem = 'This product is no longer available.';
    else if (r.stock === 0) problem = 'Out of stock.';
    else if (r.quantity > r.stock) problem = `Only ${r.stock} left in stock.`;
    return {
      productId: r.productId,
      slug: r.slug,
      name: r.name,
      image: r.image,
      unitPriceMinor: r.unitPriceMinor,
      currency: r.currency,
      quantity: r.quantity,
      lineTotalMinor: multiplyMinor(r.unitPriceMinor, r.quantity),
      stock: r.stock,
      available: problem === null,
      problem,
      kind: r.kind,
    };
  });
  const currency = lines[0]?.currency ?? null;
  return {
    id: cartId,
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    subtotalMinor: lines.filter((l) => l.available).reduce((n, l) => n + l.lineTotalMinor, 0),
    currency,
    purchasable: lines.length > 0 && lines.every((l) => l.available),
  };
}

export async function getCartCount(cartId: string | null | undefined): Promise<number> {
  if (!cartId || !cartIdSchema.safeParse(cartId).success) return 0;
  const { db } = await getDb();
  const [row] = await db
    .select({ n: sql<string>`coalesce(sum(${cartItems.quantity}), 0)` })
    .from(cartItems)
    .where(eq(cartItems.cartId, cartId));
  return Number(row?.n ?? 0);
}

async function productForCart(db: Db, productId: number) {
  const [p] = await db
    .select({ id: products.id, stock: products.stock, active: products.active, name: products.name })
    .from(products)
    .where(eq(products.id, productId))
    .limit(1);
  return p;
}

function checkLine(p: { stock: number; active: boolean } | undefined, quantity: number): CartError | null {
  if (!p || !p.active) return { kind: 'product', message: 'This product is not available.' };
  if (p.stock === 0) return { kind: 'product', message: 'This product is out of stock.' };
  if (quantity > MAX_LINE_QUANTITY) return { kind: 'quantity', message: AT_MOST };
  if (quantity > p.stock) return { kind: 'quantity', message: `Only ${p.stock} left in stock.` };
  return null;
}

/** A quantity that no product could take (callers outside the forms skip quantitySchema). */
function checkQuantity(quantity: number): CartError | null {
  if (!Number.isInteger(quantity) || quantity < 1) return { kind: 'quantity', message: WHOLE_NUMBER };
  if (quantity > MAX_LINE_QUANTITY) return { kind: 'quantity', message: AT_MOST };
  return null;
}

/**
 * Add `quantity` of a product to the cart (creating the cart row if needed). Nothing changes when
 * the product is unavailable or the resulting line would exceed stock or the per-line maximum.
 * The check and the write are one statement, so concurrent adds of the same product can neither
 * overshoot the limits nor report a quantity the line does not have.
 */
export async function addToCart(cartId: string, productId: number, quantity: number): Promise<CartMutation> {
  const invalid = checkQuantity(quantity);
  if (invalid) return fail(invalid);
  const { db } = await getDb();
  await db
    .insert(carts)
    .values({ id: cartId })
    .onConflictDoUpdate({ target: carts.id, set: { updatedAt: new Date() } });
  const [line] = await db
    .insert(cartItems)
    .select(
      db
        .select({
          cartId: sql<string>`${cartId}::uuid`.as('cart_id'),
          productId: products.id,
          quantity: sql<number>`${quantity}::integer`.as('quantity'),
          createdAt: sql<Date>`now()`.as('created_at'),
          updatedAt: sql<Date>`now()`.as('updated_at'),
        })
        .from(products)
        .where(and(eq(products.id, productId), eq(products.active, true), gte(products.stock, quantity))),
    )
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.productId],
      set: { quantity: sql`${cartItems.quantity} + excluded.quantity`, updatedAt: sql`now()` },
      // Checked against the line as it is once this statement holds its lock.
      setWhere: sql`${cartItems.quantity} + excluded.quantity <= least(${MAX_LINE_QUANTITY}, (${db
        .select({ stock: products.stock })
        .from(products)
        .where(and(sql`${products.id} = excluded.product_id`, eq(products.active, true)))}))`,
    })
    .returning({ quantity: cartItems.quantity });
  if (line) return ok({ quantity: line.quantity });

  // Refused: explain why from what the cart and the product look like now.
  const [existing] = await db
    .select({ quantity: cartItems.quantity })
    .from(cartItems)
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
  const problem = checkLine(await productForCart(db, productId), (existing?.quantity ?? 0) + quantity) ?? {
    kind: 'quantity',
    message: 'Your cart changed meanwhile. Please try again.',
  };
  if (problem.kind === 'quantity' && existing) {
    return fail({ ...problem, message: `${problem.message} You already have ${existing.quantity} in your cart.` });
  }
  return fail(problem);
}

/** Set a line's quantity exactly (the cart page's quantity field), checked in the same statement. */
export async function setCartQuantity(cartId: string, productId: number, quantity: number): Promise<CartMutation> {
  const invalid = checkQuantity(quantity);
  if (invalid) return fail(invalid);
  const { db } = await getDb();
  const [line] = await db
    .update(cartItems)
    .set({ quantity, updatedAt: new Date() })
    .where(
      and(
        eq(cartItems.cartId, cartId),
        eq(cartItems.productId, productId),
        sql`${quantity} <= (${db
          .select({ stock: products.stock })
          .from(products)
          .where(and(eq(products.id, productId), eq(products.active, true)))})`,
      ),
    )
    .returning({ quantity: cartItems.quantity });
  if (line) return ok({ quantity: line.quantity });
  return fail(
    checkLine(await productForCart(db, productId), quantity) ?? { kind: 'product', message: 'This item is no longer in your cart.' },
  );
}

export async function removeFromCart(cartId: string, productId: number): Promise<void> {
  const { db } = await getDb();
  await db.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
}
