import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import { cartItems, carts, productOptions, products, productVariants, type ProductKind } from '@/db/schema';
import { multiplyMinor } from '@/lib/money';
import { fail, ok, type Result } from '@/lib/result';
import { DEFAULT_LOCALE, type Locale } from '@/i18n/routing';
import { optionNameIn, translator } from '@/lib/i18n/messages';
import { refusalWriter, type RefusalWriter } from '@/lib/i18n/refusals';
import { localizedProductTexts } from '@/lib/translations';
import { variantLabel } from '@/lib/variants';

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
  /** The chosen variant (a size), or null for a product without options. */
  variantId: number | null;
  sku: string | null;
  /** "Size: M"; null without a variant. */
  variantLabel: string | null;
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

/** Why a cart change was refused; `kind` is the form field the message belongs next to (`variant`: the picker). */
export type CartError = { kind: 'quantity' | 'product' | 'variant'; message: string };
export type CartMutation = Result<{ quantity: number }, CartError>;

const EMPTY: CartView = { id: null, lines: [], itemCount: 0, subtotalMinor: 0, currency: null, purchasable: false };

export function newCartId(): string {
  return randomUUID();
}

/** The cart's lines with prices and stock read from the database now, never from the client. */
export async function getCart(cartId: string | null | undefined, locale: Locale = DEFAULT_LOCALE): Promise<CartView> {
  if (!cartId || !cartIdSchema.safeParse(cartId).success) return EMPTY;
  const { db } = await getDb();
  const rows = await db
    .select({
      productId: products.id,
      variantId: cartItems.variantId,
      sku: productVariants.sku,
      variantOptions: productVariants.options,
      slug: products.slug,
      name: products.name,
      image: products.image,
      unitPriceMinor: sql<number>`coalesce(${productVariants.priceMinor}, ${products.priceMinor})`.mapWith(Number),
      currency: products.currency,
      quantity: cartItems.quantity,
      stock: sql<number>`coalesce(${productVariants.stock}, ${products.stock})`.mapWith(Number),
      active: products.active,
      kind: products.kind,
      // A line added before its product got options (sizes) cannot be bought as it is.
      needsVariant: sql<boolean>`${cartItems.variantId} is null and exists (select 1 from ${productVariants} where ${productVariants.productId} = ${products.id})`,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .leftJoin(productVariants, eq(productVariants.id, cartItems.variantId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.createdAt), asc(products.id), asc(cartItems.variantId));
  const optionsOf = await optionOrder(
    db,
    rows.filter((r) => r.variantId !== null).map((r) => r.productId),
  );
  // Names in the buyer's language; the cart's own words from the message files.
  const [texts, t, nameOf] = await Promise.all([
    locale === DEFAULT_LOCALE
      ? null
      : localizedProductTexts(
          db,
          rows.map((r) => r.productId),
          locale,
        ),
    translator(locale, 'cartLine'),
    optionNameIn(locale),
  ]);
  const lines: CartLine[] = rows.map((r) => {
    let problem: string | null = null;
    if (!r.active) problem = t('unavailable');
    else if (r.needsVariant) problem = t('needsVariant');
    else if (r.stock === 0) problem = t('outOfStock');
    else if (r.quantity > r.stock) problem = t('onlyLeft', { stock: r.stock });
    return {
      productId: r.productId,
      variantId: r.variantId,
      sku: r.sku,
      variantLabel: r.variantOptions ? variantLabel(optionsOf.get(r.productId) ?? [], r.variantOptions, nameOf) : null,
      slug: r.slug,
      name: texts?.get(r.productId)?.name ?? r.name,
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

/** Each product's options in their order (for variant labels). */
async function optionOrder(db: Db, productIds: number[]): Promise<Map<number, Array<{ name: string; values: string[] }>>> {
  const byProduct = new Map<number, Array<{ name: string; values: string[] }>>();
  if (productIds.length === 0) return byProduct;
  const rows = await db
    .select({ productId: productOptions.productId, name: productOptions.name, values: productOptions.values })
    .from(productOptions)
    .where(sql`${productOptions.productId} in ${[...new Set(productIds)]}`)
    .orderBy(asc(productOptions.position), asc(productOptions.id));
  for (const r of rows) byProduct.set(r.productId, [...(byProduct.get(r.productId) ?? []), r]);
  return byProduct;
}

/** The line's product as the cart sees it: the variant's stock when one is named; whether it needs one. */
async function productForCart(db: Db, productId: number, variantId: number | null) {
  const [p] = await db
    .select({
      stock: variantId === null ? products.stock : productVariants.stock,
      active: products.active,
      options: sql<
        string[] | null
      >`(select array_agg(${productOptions.name} order by ${productOptions.position}, ${productOptions.id}) from ${productOptions} where ${productOptions.productId} = ${products.id})`,
    })
    .from(products)
    .leftJoin(productVariants, and(eq(productVariants.id, variantId ?? -1), eq(productVariants.productId, products.id)))
    .where(eq(products.id, productId))
    .limit(1);
  if (!p) return undefined;
  return { ...p, stock: p.stock ?? 0, unknownVariant: variantId !== null && p.stock === null };
}

function checkLine(
  p: { stock: number; active: boolean; options: string[] | null; unknownVariant: boolean } | undefined,
  quantity: number,
  variantId: number | null,
  { t, options }: RefusalWriter,
): CartError | null {
  if (!p || !p.active) return { kind: 'product', message: t('notAvailable') };
  if (p.unknownVariant || (variantId !== null && p.options === null)) return { kind: 'variant', message: t('choiceNotAvailable') };
  if (variantId === null && p.options !== null) return { kind: 'variant', message: t('chooseFirst', { options: options(p.options) }) };
  if (p.stock === 0)
    return variantId === null ? { kind: 'product', message: t('productOutOfStock') } : { kind: 'variant', message: t('choiceSoldOut') };
  if (quantity > MAX_LINE_QUANTITY) return { kind: 'quantity', message: t('atMost', { max: MAX_LINE_QUANTITY }) };
  if (quantity > p.stock) return { kind: 'quantity', message: t('onlyLeft', { stock: p.stock }) };
  return null;
}

/** A quantity that no product could take (callers outside the forms skip quantitySchema). */
function checkQuantity(quantity: number): CartError | null {
  if (!Number.isInteger(quantity) || quantity < 1) return { kind: 'quantity', message: WHOLE_NUMBER };
  if (quantity > MAX_LINE_QUANTITY) return { kind: 'quantity', message: AT_MOST };
  return null;
}

/** The cart line of a product, and of the variant when one is named (null: the product without options). */
function lineOf(cartId: string, productId: number, variantId: number | null): SQL {
  return and(
    eq(cartItems.cartId, cartId),
    eq(cartItems.productId, productId),
    variantId === null ? isNull(cartItems.variantId) : eq(cartItems.variantId, variantId),
  )!;
}

/**
 * How many of a line can be bought now, read inside the statement that writes the line: the
 * variant's stock when it names one of this product's variants, else the product's when it has no
 * variants; null (nothing) for an inactive product, a variant of another product, or a product with
 * options added without choosing.
 */
function purchasableStock(productId: SQL | number, variantId: SQL | number | null): SQL {
  const variant = variantId === null ? sql`null::integer` : sql`(${variantId})::integer`;
  return sql`(select case when ${variant} is null
      then (case when not exists (select 1 from ${productVariants} where ${productVariants.productId} = p.id) then p.stock end)
      else (select v.stock from ${productVariants} v where v.id = ${variant} and v.product_id = p.id) end
    from ${products} p where p.id = ${productId} and p.active)`;
}

/**
 * Add `quantity` of a product (of one variant, for a product with options) to the cart, creating
 * the cart row if needed. Nothing changes when the product or variant is unavailable, no variant
 * was chosen for a product that has options, or the resulting line would exceed stock or the
 * per-line maximum. The check and the write are one statement, so concurrent adds of the same line
 * can neither overshoot the limits nor report a quantity the line does not have.
 */
export async function addToCart(
  cartId: string,
  productId: number,
  quantity: number,
  variantId: number | null = null,
  locale: Locale = DEFAULT_LOCALE,
): Promise<CartMutation> {
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
          variantId: sql<number | null>`${variantId}::integer`.as('variant_id'),
          quantity: sql<number>`${quantity}::integer`.as('quantity'),
          createdAt: sql<Date>`now()`.as('created_at'),
          updatedAt: sql<Date>`now()`.as('updated_at'),
        })
        .from(products)
        .where(and(eq(products.id, productId), sql`${purchasableStock(productId, variantId)} >= ${quantity}`)),
    )
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.productId, cartItems.variantId],
      set: { quantity: sql`${cartItems.quantity} + excluded.quantity`, updatedAt: sql`now()` },
      // Checked against the line as it is once this statement holds its lock.
      setWhere: sql`${cartItems.quantity} + excluded.quantity <= least(${MAX_LINE_QUANTITY}, ${purchasableStock(
        sql`excluded.product_id`,
        sql`excluded.variant_id`,
      )})`,
    })
    .returning({ quantity: cartItems.quantity });
  if (line) return ok({ quantity: line.quantity });

  // Refused: explain why from what the cart and the product look like now.
  const [existing] = await db
    .select({ quantity: cartItems.quantity })
    .from(cartItems)
    .where(lineOf(cartId, productId, variantId));
  const [p, words] = await Promise.all([productForCart(db, productId, variantId), refusalWriter(locale)]);
  const problem = checkLine(p, (existing?.quantity ?? 0) + quantity, variantId, words) ?? {
    kind: 'quantity',
    message: words.t('changedMeanwhile'),
  };
  if (problem.kind === 'quantity' && existing) {
    return fail({ ...problem, message: words.t('alreadyHave', { problem: problem.message, quantity: existing.quantity }) });
  }
  return fail(problem);
}

/** Set a line's quantity exactly (the cart page's quantity field), checked in the same statement. */
export async function setCartQuantity(
  cartId: string,
  productId: number,
  quantity: number,
  variantId: number | null = null,
  locale: Locale = DEFAULT_LOCALE,
): Promise<CartMutation> {
  const invalid = checkQuantity(quantity);
  if (invalid) return fail(invalid);
  const { db } = await getDb();
  const [line] = await db
    .update(cartItems)
    .set({ quantity, updatedAt: new Date() })
    .where(and(lineOf(cartId, productId, variantId), sql`${quantity} <= ${purchasableStock(productId, variantId)}`))
    .returning({ quantity: cartItems.quantity });
  if (line) return ok({ quantity: line.quantity });
  const [p, words] = await Promise.all([productForCart(db, productId, variantId), refusalWriter(locale)]);
  return fail(checkLine(p, quantity, variantId, words) ?? { kind: 'product', message: words.t('notInCart') });
}

export async function removeFromCart(cartId: string, productId: number, variantId: number | null = null): Promise<void> {
  const { db } = await getDb();
  await db.delete(cartItems).where(lineOf(cartId, productId, variantId));
}
