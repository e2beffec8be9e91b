import 'server-only';
import Decimal from 'decimal.js';
import { and, eq, inArray, ne, sql, type SQL, type WithSubquery } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { orders, payments, type OrderStatus } from '@/db/schema';
import { allowTestInvoices, type InvoiceInfo } from '@/lib/cryptocloud';
import { decimalToMinor } from '@/lib/money';
import {
  IF_MOVED,
  lockedOrderColumns,
  movableWithoutLock,
  transitionOrder,
  transitionOrderIfUnchanged,
  type LockedOrder,
  type TransitionCause,
} from './state-machine';

export type ApplyOutcome =
  /** The order moved to a new status. */
  | { kind: 'applied'; from: OrderStatus; to: OrderStatus }
  /** The order already reflects what the gateway says (a duplicate or late signal). */
  | { kind: 'unchanged'; status: OrderStatus }
  /** The gateway says something we refuse to act on automatically; the order went to review. */
  | { kind: 'mismatch'; reason: string; status: OrderStatus }
  /** The gateway's status carries no news (e.g. `created` while a postback claimed payment). */
  | { kind: 'no-news'; status: OrderStatus; reason: string };

function fiatAmountOf(info: InvoiceInfo, currency: string): { amount: string | null; currency: string | null } {
  if (info.amountInFiat && info.fiatCurrency) return { amount: info.amountInFiat, currency: info.fiatCurrency };
  // Older payloads have no fiat fields: USD orders can still be checked against amount_usd.
  if (currency === 'USD' && info.amountUsd) return { amount: info.amountUsd, currency: 'USD' };
  return { amount: null, currency: info.fiatCurrency };
}

/** Why a paid invoice must not complete this order automatically, or null when it may. */
function paymentProblem(info: InvoiceInfo, order: { publicToken: string; totalMinor: number; currency: string }): string | null {
  if (info.orderId !== null && info.orderId !== order.publicToken) return 'invoice belongs to another order';
  const fiat = fiatAmountOf(info, order.currency);
  if (fiat.currency !== null && fiat.currency !== order.currency) {
    return `currency ${fiat.currency} differs from the order's ${order.currency}`;
  }
  if (fiat.amount === null) return 'the gateway reported no fiat amount to compare with the order total';
  if (decimalToMinor(fiat.amount, order.currency) !== order.totalMinor) {
    return `invoice amount ${fiat.amount} ${order.currency} differs from the order total`;
  }
  if (info.testMode && !allowTestInvoices()) return 'test-mode invoice refused in production';
  return null;
}

function overpaidBy(info: InvoiceInfo): string | null {
  if (!info.amountPaid || !info.amountToPay) return null;
  const diff = new Decimal(info.amountPaid).minus(info.amountToPay);
  return diff.isPositive() && !diff.isZero() ? diff.toFixed() : null;
}

/** Whether the gateway reports any money received on this invoice. */
function moneyReceived(info: InvoiceInfo): boolean {
  return [info.amountPaid, info.amountPaidUsd, info.received, info.receivedUsd].some((v) => v !== null && new Decimal(v).gt(0));
}

// How far an invoice has got at the gateway. A reading older than what we stored (a reconciler
// that fetched `created` just before a postback applied `overpaid`) must not overwrite it.
const GATEWAY_PROGRESS: Record<string, number> = { created: 0, partial: 1, canceled: 2, paid: 3, overpaid: 3 };

/**
 * Apply what the gateway's info API says about one of our invoices to its order, in one
 * transaction. Only confirmed gateway state (never a postback body) reaches this function.
 * Idempotent: applying the same info twice changes nothing the second time.
 */
export function applyInvoiceInfo(db: Db, info: InvoiceInfo, cause: TransitionCause): Promise<ApplyOutcome | null> {
  return db.transaction((tx) => applyInvoiceInfoIn(tx, info, cause));
}

/**
 * Writes that record an outcome in the same transaction (a postback's verdict), as data-modifying
 * CTEs: they are sent with the last write `applyInvoiceInfoIn` makes, costing no round trip of
 * their own. Names taken: `payment`, and the state machine's (`moved`, `logged`, `mail`). `guard`,
 * when given, is a condition each write must add to its own: it is sent in a statement that may
 * turn out to change nothing (`applyPaymentIfUnchanged`).
 */
export type RecordOutcome = (outcome: ApplyOutcome, guard?: SQL) => WithSubquery[];

/** The payment row's update with what the gateway says, as the `payment` CTE; `guard` as in RecordOutcome. */
function paymentWrite(db: Db | Tx, paymentId: number, info: InvoiceInfo, guard?: SQL): WithSubquery {
  const overpaid = info.status === 'overpaid' ? overpaidBy(info) : null;
  return db.$with('payment').as(
    db
      .update(payments)
      .set({
        status: info.status,
        amountPaidUsd: info.amountPaidUsd,
        toSurcharge: info.toSurcharge,
        ...(overpaid ? { overpaidAmount: overpaid } : {}),
        cryptoCurrency: info.currency?.fullcode ?? null,
        testMode: info.testMode,
        ...(info.expiresAt ? { expiresAt: info.expiresAt } : {}),
        lastInfo: info.raw,
        updatedAt: new Date(),
      })
      .where(and(eq(payments.id, paymentId), guard))
      .returning({ id: payments.id }),
  );
}

/** The order and its payment as read, without a lock, before the gateway was asked (a postback's first statement). */
export interface SeenPayment extends LockedOrder {
  orderId: string;
  paymentId: number;
  paymentStatus: string;
  publicToken: string;
  totalMinor: number;
  currency: string;
}

/**
 * The common case of a postback in one statement and no transaction: the gateway confirms the
 * payment of an order that, as the caller read it (`seen`), is open and has nothing to take but its
 * status (`movableWithoutLock`). The order moves to `paid` only if it is still as seen; the payment's
 * update, the event, the email and `record`'s writes go with it, or nothing is written. Answers the
 * outcome, or null when this is not that case or the order changed since it was read: then
 * `applyInvoiceInfoIn` decides under the row lock, as it does for every other case.
 */
export async function applyPaymentIfUnchanged(
  db: Db,
  info: InvoiceInfo,
  cause: TransitionCause,
  seen: SeenPayment,
  record?: RecordOutcome,
): Promise<ApplyOutcome | null> {
  if (info.status !== 'paid' && info.status !== 'overpaid') return null;
  if (!movableWithoutLock(seen, 'paid', cause) || paymentProblem(info, seen) !== null) return null;
  const outcome: ApplyOutcome = { kind: 'applied', from: seen.status, to: 'paid' };
  const moved = await transitionOrderIfUnchanged(db, {
    orderId: seen.orderId,
    to: 'paid',
    cause,
    detail: { invoice: info.uuid, gatewayStatus: info.status, overpaid: overpaidBy(info) },
    seen,
    // A paying answer is the furthest an invoice gets (GATEWAY_PROGRESS): it is always written.
    along: [paymentWrite(db, seen.paymentId, info, IF_MOVED), ...(record?.(outcome, IF_MOVED) ?? [])],
  });
  return moved ? outcome : null;
}

/**
 * `applyInvoiceInfo` inside the caller's transaction, so it can record more in the same one
 * (`record`). A paying answer is two statements: the locked read of the order and its payment, then
 * the payment's update, the order's move, its event and email and `record`'s writes in one.
 */
export async function applyInvoiceInfoIn(
  tx: Tx,
  info: InvoiceInfo,
  cause: TransitionCause,
  record?: RecordOutcome,
): Promise<ApplyOutcome | null> {
  const [row] = await tx
    .select({
      paymentId: payments.id,
      paymentStatus: payments.status,
      orderId: orders.id,
      publicToken: orders.publicToken,
      totalMinor: orders.totalMinor,
      currency: orders.currency,
      ...lockedOrderColumns,
    })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.invoiceUuid, info.uuid))
    .for('update', { of: orders });
  if (!row) return null;

  // What the gateway says about the payment, written with the order's move (or on its own after).
  const payment =
    (GATEWAY_PROGRESS[info.status] ?? 0) >= (GATEWAY_PROGRESS[row.paymentStatus] ?? 0) ? paymentWrite(tx, row.paymentId, info) : null;
  /** Whether the payment's update and `record` went out with a move. */
  let written = false;

  /** Move the order; `outcome` is what this call answers if the move goes ahead. */
  const move = async (
    to: OrderStatus,
    detail: Record<string, unknown>,
    outcome: ApplyOutcome = { kind: 'applied', from: row.status, to },
  ): Promise<ApplyOutcome> => {
    // The row is locked and read above: the state machine does not read it again.
    const locked = { status: row.status, stockReleasedAt: row.stockReleasedAt, hasDigital: row.hasDigital };
    const along = [...(payment ? [payment] : []), ...(record?.(outcome) ?? [])];
    const r = await transitionOrder(tx, { orderId: row.orderId, to, cause, detail: { invoice: info.uuid, ...detail }, locked, along });
    if (r.ok) {
      written = true;
      return outcome;
    }
    // Paid, but what was bought cannot be handed over (a license key pool ran dry): the merchant decides.
    if (r.error.kind === 'short')
      return review(`paid, but ${r.error.shortage.map((s) => `${s.name} has ${s.inStock} of ${s.wanted} ${s.of} needed`).join('; ')}`);
    return { kind: 'unchanged', status: r.error.current ?? row.status };
  };
  const review = async (reason: string): Promise<ApplyOutcome> => {
    const r = await move('needs_review', { gatewayStatus: info.status, reason }, { kind: 'mismatch', reason, status: 'needs_review' });
    return r.kind === 'mismatch' ? r : { kind: 'mismatch', reason, status: row.status };
  };

  const decide = async (): Promise<ApplyOutcome> => {
    switch (info.status) {
      case 'paid':
      case 'overpaid': {
        if (row.status === 'paid') {
          // Paid again through another invoice of the same order: nothing changes the order, but
          // the merchant owes the buyer a refund, so say so instead of calling it a duplicate.
          const [other] = await tx
            .select({ invoiceUuid: payments.invoiceUuid })
            .from(payments)
            .where(and(eq(payments.orderId, row.orderId), ne(payments.id, row.paymentId), inArray(payments.status, ['paid', 'overpaid'])))
            .limit(1);
          if (other)
            return { kind: 'mismatch', reason: `order already paid through ${other.invoiceUuid}: refund this payment`, status: 'paid' };
          return { kind: 'unchanged', status: 'paid' };
        }
        const problem = paymentProblem(info, row);
        if (problem) return review(problem);
        if (row.status === 'expired' || row.status === 'canceled') return review(`payment arrived after the order was ${row.status}`);
        return move('paid', { gatewayStatus: info.status, overpaid: overpaidBy(info) });
      }
      case 'partial':
        if (row.status === 'expired' || row.status === 'canceled')
          return review(`partial payment arrived after the order was ${row.status}`);
        if (row.status === 'partially_paid') return { kind: 'unchanged', status: row.status };
        return move('partially_paid', { gatewayStatus: 'partial', toSurcharge: info.toSurcharge });
      case 'canceled':
        // Money received on an invoice that then expired (whether or not we saw the partial
        // payment) must reach the merchant, never vanish into `expired`.
        if (row.status === 'partially_paid' || moneyReceived(info)) {
          if (row.status === 'needs_review') return { kind: 'unchanged', status: row.status };
          return review('invoice expired with money received');
        }
        return move('expired', { gatewayStatus: 'canceled' });
      case 'created':
        return { kind: 'no-news', status: row.status, reason: 'the gateway still reports the invoice as created' };
    }
  };

  const outcome = await decide();
  if (!written) {
    // No move: the payment's update and the record, together.
    const rest = [...(payment ? [payment] : []), ...(record?.(outcome) ?? [])];
    if (rest.length > 0)
      await tx
        .with(...rest)
        .select({ one: sql<number>`1` })
        .from(sql`(select) as "nothing"`);
  }
  return outcome;
}
