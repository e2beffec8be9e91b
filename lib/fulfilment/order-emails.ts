import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { orderItems, orders, outbox, payments } from '@/db/schema';
import { readStoredInvoice } from '@/lib/cryptocloud';
import { env } from '@/lib/env';
import { formatOrderNumber } from '@/lib/orders/order-number';
import { errorSummary } from '@/lib/errors';
import { toLocale } from '@/lib/i18n/messages';
import { orderUrl } from '@/lib/i18n/paths';
import { queueMail, registerMailRenderer, unrenderedMail, type MailMessage, type RenderedMail } from '@/lib/mail';
import {
  digitalDeliveryMessage,
  orderExpiredMessage,
  orderNewsFallback,
  orderPlacedMessage,
  orderShippedMessage,
  partiallyPaidMessage,
  paymentReceivedMessage,
  type CryptoAmount,
  type Deliverables,
  type OrderEmailBase,
} from '@/lib/mail/templates/orders';
import { formatDecimal } from '@/lib/money';
import { localizedProductTexts, localizedShippingNames } from '@/lib/translations';
import { deliverablesOf } from './deliverables';
import { downloadUrl } from './download-links';
import { addressLines } from './shipping';

// Which email each change of an order makes due, queued in the transaction that makes the change
// (the outbox). One message per order and kind, ever: the dedupe key `order:<id>:<kind>` makes a
// repeated transition queue nothing. A status change queues its email unrendered (one INSERT, no
// reads while the payment holds the order's lock); the sender that claims it renders it from the
// committed order, in the order's language (renderTransitionEmail). The merchant's emails (shipped,
// downloads again) are rendered when queued, as they carry what the merchant typed.

export type OrderEmailKind = 'placed' | 'paid' | 'partially_paid' | 'expired' | 'shipped';

const dedupeKey = (orderId: string, kind: string) => `order:${orderId}:${kind}`;

/** The emails a status change makes due, by the status moved to (the outbox row's kind is `order_<kind>`). */
const TRANSITION_EMAILS: Partial<Record<string, 'placed' | 'paid' | 'partially_paid' | 'expired'>> = {
  awaiting_payment: 'placed',
  partially_paid: 'partially_paid',
  paid: 'paid',
  expired: 'expired',
};

const withVariant = (name: string, label: string | null) => (label ? `${name} (${label})` : name);

async function loadBase(db: Db | Tx, orderId: string): Promise<(OrderEmailBase & { token: string; paidAt: Date | null }) | null> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const lines = await db
    .select({
      productId: orderItems.productId,
      name: orderItems.name,
      variantLabel: orderItems.variantLabel,
      quantity: orderItems.quantity,
      lineTotalMinor: orderItems.lineTotalMinor,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.id));
  // Names in the buyer's language from the catalog's translations; the checkout snapshot (the
  // default language) for a product or option since deleted or never translated.
  const locale = toLocale(order.locale);
  const texts = await localizedProductTexts(
    db,
    lines.flatMap((l) => (l.productId === null ? [] : [l.productId])),
    locale,
  );
  const items = lines.map((l) => ({
    // The size is part of what the buyer reads as the item's name.
    name: withVariant((l.productId !== null ? texts.get(l.productId)?.name : undefined) ?? l.name, l.variantLabel),
    quantity: l.quantity,
    lineTotalMinor: l.lineTotalMinor,
  }));
  const shippingName =
    order.shippingOptionId !== null
      ? ((await localizedShippingNames(db, [order.shippingOptionId], locale)).get(order.shippingOptionId) ?? order.shippingName)
      : order.shippingName;
  return {
    token: order.publicToken,
    paidAt: order.paidAt,
    to: order.email,
    locale,
    orderUrl: orderUrl(order),
    reference: formatOrderNumber(order.number),
    currency: order.currency,
    items,
    subtotalMinor: order.subtotalMinor,
    shipping: shippingName ? { name: shippingName, priceMinor: order.shippingMinor } : null,
    totalMinor: order.totalMinor,
    addressLines: order.shippingAddress ? addressLines(order.shippingAddress) : null,
  };
}

/** The order's latest invoice, preferring one that was paid. */
async function paymentOf(db: Db | Tx, orderId: string) {
  const columns = {
    invoiceUuid: payments.invoiceUuid,
    link: payments.link,
    expiresAt: payments.expiresAt,
    toSurcharge: payments.toSurcharge,
    cryptoCurrency: payments.cryptoCurrency,
    lastInfo: payments.lastInfo,
  };
  const [paid] = await db
    .select(columns)
    .from(payments)
    .where(and(eq(payments.orderId, orderId), inArray(payments.status, ['paid', 'overpaid'])))
    .orderBy(desc(payments.updatedAt))
    .limit(1);
  if (paid) return paid;
  const [latest] = await db.select(columns).from(payments).where(eq(payments.orderId, orderId)).orderBy(desc(payments.createdAt)).limit(1);
  return latest ?? null;
}

/** "USDT_TRC20" → USDT on TRC20 (the network as the gateway named it when it did). */
function cryptoOf(amount: string | null, fullcode: string | null, network?: string | null): CryptoAmount | null {
  if (!amount || !fullcode) return null;
  const [ticker, codeNetwork] = fullcode.split('_');
  return { amount: formatDecimal(amount), ticker: ticker!, network: network ?? codeNetwork ?? null };
}

/** Download links (fresh, signed now) and license keys of a paid order. */
export async function deliverablesFor(db: Db | Tx, orderId: string, token: string, now: Date): Promise<Deliverables> {
  const { keys, grants } = await deliverablesOf(db, orderId);
  const links = await Promise.all(grants.map((g) => downloadUrl(db, token, g.id, now)));
  return {
    downloads: grants.map((g, i) => ({ name: g.name, fileName: g.fileName, url: links[i]!.url })),
    keys: keys.map((k) => ({ name: k.name, key: k.key })),
    linksExpireAt: links[0]?.expiresAt ?? null,
    downloadLimit: env().DOWNLOAD_LIMIT,
  };
}

/**
 * Queue one email about an order, once (its dedupe key). A message that fails to render must not
 * undo the payment or shipment it reports: a plain note with the order page link goes instead.
 */
async function queueOnce(
  db: Db | Tx,
  orderId: string,
  kind: string,
  build: (base: OrderEmailBase & { token: string }) => Promise<MailMessage>,
): Promise<void> {
  const key = dedupeKey(orderId, kind);
  const [queued] = await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, key));
  if (queued) return;
  const base = await loadBase(db, orderId);
  if (!base) return;
  let message: MailMessage;
  try {
    message = await build(base);
  } catch (err) {
    console.error(`[mail] could not render the ${kind} email of order ${orderId}:`, errorSummary(err));
    message = await orderNewsFallback(base, kind);
  }
  await queueMail(db, { ...message, dedupeKey: key, orderId });
}

/**
 * The outbox row a status change makes due, if any, unrendered: the state machine inserts it in
 * the change's transaction, in one statement with the order event.
 */
export function emailDueOn(orderId: string, to: string) {
  const kind = TRANSITION_EMAILS[to];
  return kind ? unrenderedMail({ kind: `order_${kind}`, orderId, dedupeKey: dedupeKey(orderId, kind) }) : null;
}

/** Render a status change's email from the committed order, at delivery (null: the order is gone). */
async function renderTransitionEmail(row: { kind: string; orderId: string | null }): Promise<RenderedMail | null> {
  if (!row.orderId) return null;
  const orderId = row.orderId;
  const kind = row.kind.replace(/^order_/, '');
  const { db } = await getDb();
  const now = new Date();
  // Every read in one transaction (one snapshot of the order, one commit); the rendering after it,
  // so nothing is held while React renders.
  const facts = await db.transaction(async (tx) => {
    const base = await loadBase(tx, orderId);
    if (!base) return null;
    const p = await paymentOf(tx, orderId);
    const deliverables = kind === 'paid' ? await deliverablesFor(tx, orderId, base.token, now) : null;
    return { base, p, deliverables };
  });
  if (!facts) return null;
  const { base, p, deliverables } = facts;
  try {
    switch (kind) {
      case 'placed':
        return await orderPlacedMessage(base, { link: p?.link || base.orderUrl, expiresAt: p?.expiresAt ?? null });
      case 'partially_paid':
        return await partiallyPaidMessage(base, {
          stillDue: cryptoOf(p?.toSurcharge ?? null, p?.cryptoCurrency ?? null),
          payLink: p?.link || null,
        });
      case 'paid': {
        const info = p?.lastInfo ? readStoredInvoice(p.lastInfo) : null;
        const paid = info
          ? cryptoOf(info.amountPaid ?? info.received, info.currency?.fullcode ?? p?.cryptoCurrency ?? null, info.currency?.networkCode)
          : null;
        return await paymentReceivedMessage(base, { invoiceUuid: p?.invoiceUuid ?? null, paid, paidAt: base.paidAt ?? now }, deliverables!);
      }
      case 'expired':
        return await orderExpiredMessage(base);
    }
    throw new Error(`unknown order email ${row.kind}`);
  } catch (err) {
    // A message that fails to render still reaches the buyer: a plain note with the order page link.
    console.error(`[mail] could not render the ${kind} email of order ${orderId}:`, errorSummary(err));
    return orderNewsFallback(base, kind);
  }
}

registerMailRenderer(
  Object.values(TRANSITION_EMAILS).map((kind) => `order_${kind}`),
  renderTransitionEmail,
);

/** The "on its way" email, queued in the transaction that records the shipment. */
export function queueShippedEmail(tx: Tx, orderId: string, shipment: { trackingRef: string | null; note: string | null }): Promise<void> {
  return queueOnce(tx, orderId, 'shipped', (base) => orderShippedMessage(base, shipment));
}

/**
 * Fresh download links (and the keys) by email again, when the merchant sends them: each sending is
 * its own message (`downloads:<n>`), queued with the audit note in one transaction.
 */
export async function queueDigitalDelivery(tx: Tx, orderId: string, sequence: number, now: Date): Promise<void> {
  return queueOnce(tx, orderId, `downloads:${sequence}`, async (base) =>
    digitalDeliveryMessage(base, await deliverablesFor(tx, orderId, base.token, now)),
  );
}
