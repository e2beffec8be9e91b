import 'server-only';
import Decimal from 'decimal.js';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import {
  orderEvents,
  orderFulfilments,
  orderItems,
  orderRefunds,
  orders,
  outbox,
  payments,
  POSTBACK_VERDICTS,
  postbackEvents,
  products,
  type OrderStatus,
} from '@/db/schema';
import type { Admin } from '@/lib/auth';
import { deliverablesOf, queueDigitalDelivery, queueShippedEmail } from '@/lib/fulfilment';
import { cancelInvoice, gatewayConfig, getInvoices, type ActiveGatewayConfig, type InvoiceInfo } from '@/lib/cryptocloud';
import { fail, ok, type Result } from '@/lib/result';
import { applyInvoiceInfo, type ApplyOutcome } from './apply-invoice';
import { invoiceClaimTtlMs } from './invoice';
import { reconcile } from './reconcile';
import { transitionOrder, type StockShortage } from './state-machine';
import { recordUnreadableInvoices } from './unreadable-invoices';

// What a merchant can do to an order. Every function records who did it and why in the order's
// events (cause `admin`), and every status change goes through transitionOrder. Re-checks apply the
// gateway's answer with the automatic rules (cause `reconciler`): an admin pressing "re-check" must
// not silently resolve a review, which only resolveReview does.

export type AdminOrderError = {
  kind: 'not-found' | 'not-allowed' | 'gateway' | 'out-of-stock' | 'busy';
  message: string;
};

type AdminResult<T = { message: string }> = Promise<Result<T, AdminOrderError>>;

const NOT_FOUND = fail({ kind: 'not-found' as const, message: 'There is no such order.' });
const by = (admin: Admin) => ({ id: admin.id, email: admin.email });

/** An event that changes no status: who did what and why, in the order's timeline. */
async function noteOnOrder(tx: Tx, orderId: string, admin: Admin, detail: Record<string, unknown>): Promise<OrderStatus | null> {
  const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) return null;
  await tx
    .insert(orderEvents)
    .values({ orderId, fromStatus: order.status, toStatus: order.status, cause: 'admin', detail: { ...detail, by: by(admin) } });
  return order.status;
}

async function activeGateway(): Promise<Result<ActiveGatewayConfig, AdminOrderError>> {
  const config = await gatewayConfig();
  return config.mode === 'disabled' ? fail({ kind: 'gateway', message: config.reason }) : ok(config);
}

function describe(outcome: ApplyOutcome | null): string {
  if (!outcome) return 'no order has this invoice';
  switch (outcome.kind) {
    case 'applied':
      return `order ${outcome.from} → ${outcome.to}`;
    case 'unchanged':
      return `order stays ${outcome.status}`;
    case 'mismatch':
    case 'no-news':
      return outcome.reason;
  }
}

async function invoicesOf(orderId: string) {
  const { db } = await getDb();
  return db
    .select({ id: payments.id, invoiceUuid: payments.invoiceUuid, status: payments.status })
    .from(payments)
    .where(eq(payments.orderId, orderId))
    .orderBy(asc(payments.createdAt));
}

/** Ask the gateway about these invoices now and apply what it says (automatic rules). */
async function applyFromGateway(
  config: ActiveGatewayConfig,
  uuids: string[],
): Promise<Result<Array<{ invoice: string; gatewayStatus: string; result: string }>, AdminOrderError>> {
  const answer = await getInvoices(uuids, { config });
  if (!answer.ok)
    return fail({ kind: 'gateway', message: `CryptoCloud could not be asked (${answer.error.message}). Nothing was changed.` });
  const { db } = await getDb();
  const found = new Map<string, InvoiceInfo>(answer.value.invoices.map((i) => [i.uuid, i]));
  // An answer we cannot read (an undocumented status, a broken item) is kept for the merchant and never applied.
  await recordUnreadableInvoices(db, answer.value.unreadable);
  const unreadable = new Map(answer.value.unreadable.flatMap((u) => (u.uuid ? [[u.uuid, u] as const] : [])));
  const results = [];
  for (const invoice of uuids) {
    const info = found.get(invoice);
    const odd = unreadable.get(invoice);
    results.push(
      info
        ? { invoice, gatewayStatus: info.status, result: describe(await applyInvoiceInfo(db, info, 'reconciler')) }
        : odd
          ? { invoice, gatewayStatus: odd.status ?? 'unreadable', result: `CryptoCloud's answer was not applied: ${odd.reason}` }
          : { invoice, gatewayStatus: 'unknown', result: 'CryptoCloud does not list this invoice' },
    );
  }
  return ok(results);
}

/** Re-check the order's invoices with CryptoCloud's info API now. */
export async function recheckOrder(admin: Admin, orderId: string): AdminResult {
  const invoices = await invoicesOf(orderId);
  if (invoices.length === 0) {
    const { db } = await getDb();
    const [exists] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId));
    return exists
      ? fail({ kind: 'not-allowed', message: 'This order has no invoice at CryptoCloud yet: there is nothing to re-check.' })
      : NOT_FOUND;
  }
  const config = await activeGateway();
  if (!config.ok) return config;
  const results = await applyFromGateway(
    config.value,
    invoices.map((i) => i.invoiceUuid),
  );
  if (!results.ok) return results;
  const { db } = await getDb();
  await db.transaction((tx) =>
    noteOnOrder(tx, orderId, admin, { action: 'recheck', reason: 'Re-checked with CryptoCloud', invoices: results.value }),
  );
  return ok({ message: results.value.map((r) => `${r.invoice}: ${r.gatewayStatus} at CryptoCloud; ${r.result}.`).join(' ') });
}

/**
 * Cancel an order nobody paid: its open invoices are canceled at CryptoCloud first (so nobody can
 * pay them any more), then the order is canceled and its stock goes back on the shelf. If the
 * gateway refuses (the invoice got paid meanwhile), the order is updated from the gateway instead.
 */
export async function cancelUnpaidOrder(admin: Admin, orderId: string, reason: string): AdminResult {
  const { db } = await getDb();
  const [order] = await db
    .select({ status: orders.status, invoiceRequestedAt: orders.invoiceRequestedAt })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order) return NOT_FOUND;
  if (order.status !== 'pending' && order.status !== 'awaiting_payment') {
    return fail({ kind: 'not-allowed', message: `Only an unpaid order can be canceled; this one is ${order.status.replace('_', ' ')}.` });
  }
  if (order.status === 'pending' && order.invoiceRequestedAt && order.invoiceRequestedAt.getTime() > Date.now() - invoiceClaimTtlMs()) {
    return fail({ kind: 'busy', message: 'An invoice is being created for this order right now. Try again in a minute.' });
  }
  const invoices = await invoicesOf(orderId);
  if (invoices.some((i) => !['created', 'canceled'].includes(i.status))) {
    return fail({ kind: 'not-allowed', message: 'Money was received for this order: re-check it instead of canceling.' });
  }
  const open = invoices.filter((i) => i.status === 'created');
  if (open.length > 0) {
    const config = await activeGateway();
    if (!config.ok) return config;
    for (const invoice of open) {
      const canceled = await cancelInvoice(invoice.invoiceUuid, { config: config.value });
      if (canceled.ok) continue;
      if (canceled.error.kind !== 'api-validation') {
        return fail({
          kind: 'gateway',
          message: `CryptoCloud could not cancel ${invoice.invoiceUuid} (${canceled.error.message}). Nothing was changed.`,
        });
      }
      // Refused: the invoice is no longer open there (paid, partly paid, expired). Take its word.
      const checked = await applyFromGateway(config.value, [invoice.invoiceUuid]);
      const detail = checked.ok
        ? checked.value.map((r) => `${r.gatewayStatus} at CryptoCloud; ${r.result}`).join('; ')
        : checked.error.message;
      return fail({
        kind: 'not-allowed',
        message: `CryptoCloud would not cancel ${invoice.invoiceUuid}: ${detail}. The order was not canceled.`,
      });
    }
  }
  const result = await db.transaction(async (tx) => {
    const moved = await transitionOrder(tx, {
      orderId,
      to: 'canceled',
      cause: 'admin',
      detail: { action: 'cancel', reason, by: by(admin), invoices: open.map((i) => i.invoiceUuid) },
    });
    if (moved.ok && open.length > 0) {
      await tx
        .update(payments)
        .set({ status: 'canceled', updatedAt: new Date() })
        .where(
          and(
            inArray(
              payments.id,
              open.map((i) => i.id),
            ),
            eq(payments.status, 'created'),
          ),
        );
    }
    return moved;
  });
  if (!result.ok)
    return fail({
      kind: 'not-allowed',
      message: `The order changed meanwhile: it is now ${result.error.current ?? 'gone'}. Nothing was canceled.`,
    });
  return ok({
    message: `Order canceled${open.length ? ` and ${open.map((i) => i.invoiceUuid).join(', ')} canceled at CryptoCloud` : ''}; its items are back in stock.`,
  });
}

function shortageMessage(shortage: StockShortage[]): string {
  const lines = shortage
    .map((s) => `${s.name}: ${s.wanted} needed, ${s.inStock} ${s.of === 'stock' ? 'in stock' : 'license keys left'}`)
    .join('; ');
  const what = shortage.some((s) => s.of === 'stock') ? 'stock' : 'license keys';
  return `Not enough ${what} to fulfil this order (${lines}). ${what === 'stock' ? 'Restock the product' : 'Upload more keys'}, or cancel the order and refund the buyer.`;
}

/** Resolve an order under review: paid (its items are taken off the shelf again if they went back) or canceled. */
export async function resolveReview(admin: Admin, orderId: string, decision: 'paid' | 'canceled', reason: string): AdminResult {
  const { db } = await getDb();
  const result = await db.transaction((tx) =>
    transitionOrder(tx, { orderId, to: decision, cause: 'admin', detail: { action: 'resolve', decision, reason, by: by(admin) } }),
  );
  if (result.ok) {
    return ok({
      message:
        decision === 'paid'
          ? 'Marked paid. The buyer’s order page shows it now.'
          : 'Order canceled; its items are back in stock. Flag a refund if money came in.',
    });
  }
  const refusal = result.error;
  if (refusal.kind === 'not-found') return NOT_FOUND;
  if (refusal.kind === 'short') return fail({ kind: 'out-of-stock', message: shortageMessage(refusal.shortage) });
  return fail({ kind: 'not-allowed', message: `This order is not under review (it is ${refusal.current.replace('_', ' ')}).` });
}

export interface RefundInput {
  /** Exact decimal string, e.g. "12.5". */
  amount: string;
  /** Fiat code or a crypto code such as USDT_TRC20. */
  currency: string;
  invoiceUuid?: string;
  reason: string;
}

/** Record that money came in that the merchant owes back (a canceled order, a second invoice, an overpayment). */
export async function flagRefundOwed(admin: Admin, orderId: string, input: RefundInput): AdminResult {
  const invoices = await invoicesOf(orderId);
  const { db } = await getDb();
  const [order] = await db.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId));
  if (!order) return NOT_FOUND;
  if (!invoices.some((i) => ['paid', 'overpaid', 'partial'].includes(i.status))) {
    return fail({
      kind: 'not-allowed',
      message: 'CryptoCloud reports no money received for this order (re-check it first if that is wrong).',
    });
  }
  if (input.invoiceUuid && !invoices.some((i) => i.invoiceUuid === input.invoiceUuid)) {
    return fail({ kind: 'not-allowed', message: `${input.invoiceUuid} is not an invoice of this order.` });
  }
  const amount = new Decimal(input.amount).toFixed();
  await db.transaction(async (tx) => {
    await tx.insert(orderRefunds).values({
      orderId,
      invoiceUuid: input.invoiceUuid ?? null,
      amount,
      currency: input.currency,
      reason: input.reason,
      flaggedBy: admin.email,
    });
    await noteOnOrder(tx, orderId, admin, {
      action: 'refund_owed',
      amount,
      currency: input.currency,
      invoice: input.invoiceUuid ?? null,
      reason: input.reason,
    });
  });
  return ok({ message: `Refund owed recorded: ${amount} ${input.currency}.` });
}

/** Mark a paid order as sent out; the note and tracking reference appear on the buyer's order page. */
export async function fulfilOrder(admin: Admin, orderId: string, input: { note?: string; trackingRef?: string }): AdminResult {
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) return NOT_FOUND;
    if (order.status !== 'paid') return fail({ kind: 'not-allowed' as const, message: 'Only a paid order can be marked fulfilled.' });
    const [row] = await tx
      .insert(orderFulfilments)
      .values({ orderId, note: input.note ?? null, trackingRef: input.trackingRef ?? null, fulfilledBy: admin.email })
      .onConflictDoNothing()
      .returning({ orderId: orderFulfilments.orderId });
    if (!row) return fail({ kind: 'not-allowed' as const, message: 'This order is already marked fulfilled.' });
    await noteOnOrder(tx, orderId, admin, {
      action: 'fulfil',
      reason: input.note ?? 'Marked fulfilled',
      trackingRef: input.trackingRef ?? null,
    });
    // Goods in a parcel: the buyer is told it is on its way (digital items were delivered on payment).
    const [parcel] = await tx
      .select({ id: orderItems.id })
      .from(orderItems)
      .innerJoin(products, eq(products.id, orderItems.productId))
      .where(and(eq(orderItems.orderId, orderId), eq(products.kind, 'physical')))
      .limit(1);
    if (parcel) {
      await queueShippedEmail(tx, orderId, { trackingRef: input.trackingRef ?? null, note: input.note ?? null });
      return ok({ message: 'Marked shipped. The buyer’s order page shows it now, and the “on its way” email is queued.' });
    }
    return ok({ message: 'Marked fulfilled. The buyer’s order page shows it now.' });
  });
}

/** Email a paid order's download links (fresh) and license keys to the buyer again. */
export async function resendDownloads(admin: Admin, orderId: string): AdminResult {
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [order] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) return NOT_FOUND;
    if (order.status !== 'paid') return fail({ kind: 'not-allowed' as const, message: 'Only a paid order has downloads to send.' });
    const digital = await deliverablesOf(tx, orderId);
    if (digital.keys.length === 0 && digital.grants.length === 0)
      return fail({ kind: 'not-allowed' as const, message: 'This order has nothing digital to send.' });
    const sent = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.orderId, orderId), eq(outbox.kind, 'order_downloads')));
    await queueDigitalDelivery(tx, orderId, sent.length + 1, new Date());
    await noteOnOrder(tx, orderId, admin, { action: 'resend_downloads', reason: 'Download links emailed again' });
    return ok({ message: 'Fresh download links are on their way to the buyer.' });
  });
}

/**
 * Process a stored postback again (one left `received` by an outage, or `unmatched` because its
 * invoice was not stored yet): confirm with the info API and apply, like the reconciler does.
 */
export async function reprocessPostback(admin: Admin, postbackId: number): AdminResult<{ message: string; verdict: string }> {
  const { db } = await getDb();
  const [row] = await db.select().from(postbackEvents).where(eq(postbackEvents.id, postbackId));
  if (!row) return fail({ kind: 'not-found', message: 'There is no such postback.' });
  if (row.verdict !== 'received' && row.verdict !== 'unmatched') {
    return fail({ kind: 'not-allowed', message: `This postback was already processed (${row.verdict}).` });
  }
  const [payment] = await db.select({ orderId: payments.orderId }).from(payments).where(eq(payments.invoiceUuid, row.invoiceUuid));
  if (!payment) {
    // Attaching an invoice to its order by the order id the gateway reports is the reconciler's job.
    const report = await reconcile();
    if (report.errors.length > 0 && report.checked === 0)
      return fail({ kind: 'gateway', message: `The reconciler could not run: ${report.errors[0]}` });
  } else {
    const config = await activeGateway();
    if (!config.ok) return config;
    const results = await applyFromGateway(config.value, [row.invoiceUuid]);
    if (!results.ok) return results;
    const detail = `re-processed by ${admin.email}: ${results.value[0]!.gatewayStatus} at CryptoCloud; ${results.value[0]!.result}`;
    // Verdicts only strengthen (see lib/orders/postback.ts): leave a stronger one set meanwhile alone.
    await db
      .update(postbackEvents)
      .set({ verdict: 'matched', detail, orderId: payment.orderId, processedAt: new Date() })
      .where(
        and(
          eq(postbackEvents.id, postbackId),
          inArray(postbackEvents.verdict, POSTBACK_VERDICTS.slice(0, POSTBACK_VERDICTS.indexOf('matched'))),
        ),
      );
    await db.transaction((tx) =>
      noteOnOrder(tx, payment.orderId, admin, { action: 'reprocess_postback', postback: postbackId, reason: detail }),
    );
  }
  const [after] = await db
    .select({ verdict: postbackEvents.verdict, detail: postbackEvents.detail })
    .from(postbackEvents)
    .where(eq(postbackEvents.id, postbackId));
  const verdict = after?.verdict ?? row.verdict;
  return ok({
    verdict,
    message:
      verdict === row.verdict
        ? `Still ${verdict}: ${after?.detail ?? 'no order has this invoice yet'}.`
        : `Now ${verdict}: ${after?.detail ?? ''}`,
  });
}
