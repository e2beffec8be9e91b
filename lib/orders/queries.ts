import 'server-only';
import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { orderEvents, orderFulfilments, orderItems, orders, payments, productTranslations, products, type OrderStatus } from '@/db/schema';
import { DEFAULT_LOCALE, type Locale } from '@/i18n/routing';
import { optionNameIn } from '@/lib/i18n/messages';
import { relabel } from '@/lib/variants';
import { addressLines, deliverablesOf, downloadUrl } from '@/lib/fulfilment';
import { formatOrderNumber } from './order-number';
import { orderTokenSchema } from './tokens';

/** What the buyer's order page may show: no internal ids, no email, no gateway payloads. */
/** An order line as bought (name and prices are the order's snapshot; the image is the product's). */
export interface OrderItemLine {
  productId: number;
  name: string;
  image: string;
  /** The variant's label ("Size: M") and SKU as bought; null for a product without options. */
  variantLabel: string | null;
  sku: string | null;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
}

export interface OrderView {
  /** The number the buyer reads out (formatOrderNumber), not a credential. */
  number: string;
  status: OrderStatus;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  createdAt: Date;
  paidAt: Date | null;
  items: OrderItemLine[];
  events: Array<{ from: OrderStatus | null; to: OrderStatus; cause: string; at: Date }>;
  payment: {
    invoiceUuid: string;
    link: string;
    status: string;
    expiresAt: Date | null;
    toSurcharge: string | null;
    overpaidAmount: string | null;
    cryptoCurrency: string | null;
  } | null;
  /** Set when the merchant marked the order as sent out. */
  fulfilment: { note: string | null; trackingRef: string | null; at: Date } | null;
  /** The shipping line and address of an order with goods to send. */
  shipping: { name: string; optionId: number | null; priceMinor: number; addressLines: string[] } | null;
  /** What a paid order delivers digitally: fresh signed download links and its license keys. */
  digital: {
    downloads: Array<{ name: string; fileName: string; url: string; remaining: number }>;
    keys: Array<{ name: string; key: string }>;
  } | null;
}

/**
 * The order behind a public token. The token in the URL is the credential: a malformed or unknown
 * token is simply "not found", exactly like a missing page.
 */
export async function findOrderIdByToken(token: string): Promise<string | null> {
  if (!orderTokenSchema.safeParse(token).success) return null;
  const { db } = await getDb();
  const [row] = await db.select({ id: orders.id }).from(orders).where(eq(orders.publicToken, token));
  return row?.id ?? null;
}

/** What the way back from the pay page needs: the order's id, and its token and language for its page's link. */
export async function findOrderLinkByToken(token: string): Promise<{ id: string; publicToken: string; locale: string } | null> {
  if (!orderTokenSchema.safeParse(token).success) return null;
  const { db } = await getDb();
  const [row] = await db
    .select({ id: orders.id, publicToken: orders.publicToken, locale: orders.locale })
    .from(orders)
    .where(eq(orders.publicToken, token));
  return row ?? null;
}

/** An order's lines as snapshotted at checkout, in order: for the buyer's page and the back office. */
export function orderItemsOf(db: Db, orderId: string) {
  return db
    .select({
      productId: orderItems.productId,
      name: orderItems.name,
      image: products.image,
      sku: orderItems.sku,
      variantLabel: orderItems.variantLabel,
      quantity: orderItems.quantity,
      unitPriceMinor: orderItems.unitPriceMinor,
      lineTotalMinor: orderItems.lineTotalMinor,
    })
    .from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.id));
}

/** What "order again" puts back in a cart: each line's product, its variant (a size) and quantity. */
export async function reorderLines(orderId: string) {
  const { db } = await getDb();
  return db
    .select({ productId: orderItems.productId, variantId: orderItems.variantId, quantity: orderItems.quantity })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.id));
}

export async function getOrderView(orderId: string): Promise<OrderView | null> {
  const { db } = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const [items, events, [payment], [fulfilment]] = await Promise.all([
    orderItemsOf(db, orderId),
    db
      .select({ from: orderEvents.fromStatus, to: orderEvents.toStatus, cause: orderEvents.cause, at: orderEvents.createdAt })
      .from(orderEvents)
      // Status changes only: the merchant's notes (re-checks, refunds owed) are not the buyer's business.
      .where(and(eq(orderEvents.orderId, orderId), or(isNull(orderEvents.fromStatus), ne(orderEvents.fromStatus, orderEvents.toStatus))))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
    db
      .select({
        invoiceUuid: payments.invoiceUuid,
        link: payments.link,
        status: payments.status,
        expiresAt: payments.expiresAt,
        toSurcharge: payments.toSurcharge,
        overpaidAmount: payments.overpaidAmount,
        cryptoCurrency: payments.cryptoCurrency,
      })
      .from(payments)
      .where(eq(payments.orderId, orderId))
      .orderBy(desc(payments.createdAt))
      .limit(1),
    db
      .select({ note: orderFulfilments.note, trackingRef: orderFulfilments.trackingRef, at: orderFulfilments.createdAt })
      .from(orderFulfilments)
      .where(eq(orderFulfilments.orderId, orderId)),
  ]);
  return {
    digital: order.status === 'paid' ? await digitalOf(db, orderId, order.publicToken) : null,
    shipping:
      order.shippingName && order.shippingAddress
        ? {
            name: order.shippingName,
            optionId: order.shippingOptionId,
            priceMinor: order.shippingMinor,
            addressLines: addressLines(order.shippingAddress),
          }
        : null,
    number: formatOrderNumber(order.number),
    status: order.status,
    currency: order.currency,
    subtotalMinor: order.subtotalMinor,
    totalMinor: order.totalMinor,
    createdAt: order.createdAt,
    paidAt: order.paidAt,
    items,
    events,
    payment: payment ?? null,
    fulfilment: fulfilment ?? null,
  };
}

async function digitalOf(db: Awaited<ReturnType<typeof getDb>>['db'], orderId: string, token: string): Promise<OrderView['digital']> {
  const { keys, grants } = await deliverablesOf(db, orderId);
  if (keys.length === 0 && grants.length === 0) return null;
  const downloads = await Promise.all(
    grants.map(async (g) => ({
      name: g.name,
      fileName: g.fileName,
      url: (await downloadUrl(db, token, g.id)).url,
      remaining: g.maxDownloads - g.downloadCount,
    })),
  );
  return { downloads, keys: keys.map((k) => ({ name: k.name, key: k.key })) };
}

/** The order's status by its public token, in one query: the order page polls this every second. */
export async function getOrderStatusByToken(
  token: string,
): Promise<{ id: string; status: OrderStatus; updatedAt: Date; createdAt: Date; lastReconciledAt: Date | null } | null> {
  if (!orderTokenSchema.safeParse(token).success) return null;
  const { db } = await getDb();
  const [row] = await db
    .select({
      id: orders.id,
      status: orders.status,
      updatedAt: orders.updatedAt,
      createdAt: orders.createdAt,
      lastReconciledAt: orders.lastReconciledAt,
    })
    .from(orders)
    .where(eq(orders.publicToken, token));
  return row ?? null;
}

export interface BuyerOrder {
  publicToken: string;
  number: string;
  status: OrderStatus;
  currency: string;
  totalMinor: number;
  createdAt: Date;
  items: string[];
}

/**
 * Every order placed with this email address, newest first ("My orders"). The caller must have
 * proved the address (a signed-in session): the list carries each order's token, its credential.
 */
export async function ordersByEmail(email: string, locale: Locale = DEFAULT_LOCALE, limit = 200): Promise<BuyerOrder[]> {
  const { db } = await getDb();
  const rows = await db
    .select({
      id: orders.id,
      number: orders.number,
      publicToken: orders.publicToken,
      status: orders.status,
      currency: orders.currency,
      totalMinor: orders.totalMinor,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(sql`lower(${orders.email}) = ${email.toLowerCase()}`)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit);
  if (rows.length === 0) return [];
  // Each line named as bought, or by its product's translation into the page's language.
  const [items, nameOf] = await Promise.all([
    db
      .select({
        orderId: orderItems.orderId,
        name: sql<string>`coalesce(${productTranslations.name}, ${orderItems.name})`,
        variantLabel: orderItems.variantLabel,
        quantity: orderItems.quantity,
      })
      .from(orderItems)
      .leftJoin(productTranslations, and(eq(productTranslations.productId, orderItems.productId), eq(productTranslations.locale, locale)))
      .where(
        inArray(
          orderItems.orderId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(orderItems.id)),
    optionNameIn(locale),
  ]);
  return rows.map(({ id, number, ...r }) => ({
    ...r,
    number: formatOrderNumber(number),
    items: items
      .filter((i) => i.orderId === id)
      .map((i) => `${i.quantity} × ${i.name}${i.variantLabel ? ` (${relabel(i.variantLabel, nameOf)})` : ''}`),
  }));
}
