import 'server-only';
import { and, desc, eq, gt, inArray, isNull, lt, ne, notExists, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { getDb } from '@/db/client';
import { orders, payments } from '@/db/schema';
import { cancelInvoice, createInvoice, gatewayConfig, invoiceLocale, type ActiveGatewayConfig } from '@/lib/cryptocloud';
import { env } from '@/lib/env';
import { minorToDecimalString } from '@/lib/money';
import { fail, ok, type Result } from '@/lib/result';
import type { InvoiceFacts } from './place-order';
import { transitionOrder, transitionOrderIfUnchanged, type TransitionCause, type TransitionResult } from './state-machine';

export interface InvoiceRecord {
  orderId: string;
  invoiceUuid: string;
  /** Already checked against the pay-link allow-list ('' when there is none to offer). */
  link: string;
  status: string;
  /** The invoice's fiat amount as a decimal string, and its currency. */
  amount: string;
  currency: string;
  cryptoCurrency?: string | null;
  testMode: boolean;
  expiresAt: Date | null;
  raw: Record<string, unknown>;
  cause: Extract<TransitionCause, 'invoice_created' | 'reconciler'>;
}

/**
 * Attach a gateway invoice to its order and move the order to `awaiting_payment`, in the caller's
 * transaction: the one place a payment row is written, whether checkout created the invoice or the
 * reconciler found it through a postback that came first. Recording the same invoice twice is a no-op.
 */
export async function recordInvoice(
  tx: Tx,
  invoice: InvoiceRecord,
  alsoSet?: Parameters<typeof transitionOrder>[1]['alsoSet'],
): Promise<TransitionResult> {
  return transitionOrder(tx, {
    orderId: invoice.orderId,
    to: 'awaiting_payment',
    cause: invoice.cause,
    detail: { invoice: invoice.invoiceUuid },
    alsoSet,
    // The payment row in the move's own statement (recorded even when the order does not move).
    withUpdate: paymentRecord(tx, invoice),
  });
}

/** The invoice's payment row, as the CTE `recorded`; recording the same invoice twice is a no-op. */
function paymentRecord(db: Db | Tx, invoice: InvoiceRecord) {
  return db.$with('recorded').as(
    db
      .insert(payments)
      .values({
        orderId: invoice.orderId,
        invoiceUuid: invoice.invoiceUuid,
        link: invoice.link,
        status: invoice.status,
        amount: invoice.amount,
        currency: invoice.currency,
        cryptoCurrency: invoice.cryptoCurrency ?? null,
        testMode: invoice.testMode,
        expiresAt: invoice.expiresAt,
        lastInfo: invoice.raw,
      })
      .onConflictDoNothing({ target: payments.invoiceUuid })
      .returning({ id: payments.id }),
  );
}

/** How long one request may hold the right to create an order's invoice (gateway timeout + margin). */
export function invoiceClaimTtlMs(): number {
  return env().CRYPTOCLOUD_TIMEOUT_MS + 10_000;
}

export type EnsureInvoiceResult = Result<
  { link: string; invoiceUuid: string; reused: boolean },
  { kind: 'not-payable' | 'gateway' | 'busy'; message: string }
>;

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
  if (config.mode === 'disabled') return fail({ kind: 'gateway', message: config.reason });
  const claimTtlMs = invoiceClaimTtlMs();
  const deadline = Date.now() + claimTtlMs;

  // The common case, a fresh order from checkout: claim it and read what the invoice needs in one
  // statement (pending, nobody creating an invoice, none usable yet). Anything else takes the loop.
  const [fresh] = await db
    .update(orders)
    .set({ invoiceRequestedAt: new Date() })
    .where(
      and(
        eq(orders.id, orderId),
        eq(orders.status, 'pending'),
        isNull(orders.invoiceRequestedAt),
        notExists(
          db
            .select({ one: sql`1` })
            .from(payments)
            .where(and(eq(payments.orderId, orderId), inArray(payments.status, ['created', 'partial']))),
        ),
      ),
    )
    .returning(invoiceColumns);
  if (fresh) return createFor(orderId, fresh, config);

  for (;;) {
    const [order] = await db
      .select({ status: orders.status, ...invoiceColumns })
      .from(orders)
      .where(eq(orders.id, orderId));
    if (!order) return fail({ kind: 'not-payable', message: 'Order not found.' });
    const existing = await usableInvoice(orderId, now);
    if (existing && ['pending', 'awaiting_payment', 'partially_paid'].includes(order.status)) {
      return ok({ link: existing.link, invoiceUuid: existing.invoiceUuid, reused: true });
    }
    if (order.status !== 'pending') {
      return fail({ kind: 'not-payable', message: 'This order cannot be paid any more.' });
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
      if (Date.now() > deadline) return fail({ kind: 'busy', message: GATEWAY_DOWN });
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }

    return createFor(orderId, order, config);
  }
}

/**
 * The invoice of an order the caller has just placed with its claim taken (placeOrder's
 * `claimInvoice`): no claim statement, straight to the gateway; the claim is released either way.
 */
export async function createClaimedInvoice(orderId: string, order: InvoiceFacts): Promise<EnsureInvoiceResult> {
  const config = await gatewayConfig();
  if (config.mode === 'disabled') {
    const { db } = await getDb();
    await db.update(orders).set({ invoiceRequestedAt: null }).where(eq(orders.id, orderId));
    return fail({ kind: 'gateway', message: config.reason });
  }
  return createFor(orderId, order, config);
}

/** What creating an order's invoice reads from the order. */
const invoiceColumns = {
  publicToken: orders.publicToken,
  totalMinor: orders.totalMinor,
  currency: orders.currency,
  email: orders.email,
  locale: orders.locale,
};

/**
 * Create the invoice of an order this caller has claimed (invoice_requested_at), record it and move
 * the order to `awaiting_payment`, releasing the claim in the same UPDATE.
 */
async function createFor(orderId: string, order: InvoiceFacts, config: ActiveGatewayConfig): Promise<EnsureInvoiceResult> {
  const { db } = await getDb();
  const minutes = env().CHECKOUT_TIME_TO_PAY_MINUTES;
  const created = await createInvoice(
    {
      amount: minorToDecimalString(order.totalMinor, order.currency),
      currency: order.currency,
      orderId: order.publicToken,
      email: order.email,
      addFields: { timeToPay: { hours: Math.floor(minutes / 60), minutes: minutes % 60 } },
      // The pay page in the buyer's language (the merchant's CRYPTOCLOUD_LOCALE when the gateway lacks it).
      locale: invoiceLocale(order.locale) ?? config.locale,
    },
    { config },
  );
  if (!created.ok) {
    await db.update(orders).set({ invoiceRequestedAt: null }).where(eq(orders.id, orderId));
    console.warn(`[checkout] invoice creation failed for order ${orderId}: ${created.error.kind}: ${created.error.message}`);
    return fail({ kind: 'gateway', message: GATEWAY_DOWN });
  }
  const invoice = created.value;
  const record: InvoiceRecord = {
    orderId,
    invoiceUuid: invoice.uuid,
    link: invoice.link,
    status: invoice.status,
    amount: minorToDecimalString(order.totalMinor, order.currency),
    currency: order.currency,
    cryptoCurrency: invoice.currency?.fullcode ?? null,
    testMode: invoice.testMode,
    expiresAt: invoice.expiresAt,
    raw: invoice.raw,
    cause: 'invoice_created',
  };
  const release = { invoiceRequestedAt: null };
  // Every caller claimed the order while it was pending: if it still is, the payment row, the move
  // with the claim's release, its event and email go in one statement, no transaction. The payment
  // row is written whether or not the order moves.
  const movedAsClaimed = await transitionOrderIfUnchanged(db, {
    orderId,
    to: 'awaiting_payment',
    cause: 'invoice_created',
    detail: { invoice: invoice.uuid },
    alsoSet: release,
    seen: { status: 'pending', stockReleasedAt: null, hasDigital: false },
    along: [paymentRecord(db, record)],
  });
  // Otherwise (the order changed meanwhile), decided under the row lock.
  const moved = movedAsClaimed
    ? ok({ from: 'pending' as const })
    : await db.transaction(async (tx) => {
        const r = await recordInvoice(tx, record, release);
        // Moved: the claim went with the status. Not moved: release it on its own.
        if (!r.ok) await tx.update(orders).set(release).where(eq(orders.id, orderId));
        return r;
      });
  if (!moved.ok) {
    // The order stopped being payable meanwhile (expired): never send the buyer to pay it.
    const canceled = await cancelInvoice(invoice.uuid, { config });
    if (!canceled.ok) console.warn(`[checkout] could not cancel ${invoice.uuid} of a closed order: ${canceled.error.message}`);
    return fail({ kind: 'not-payable', message: 'This order cannot be paid any more.' });
  }
  return ok({ link: invoice.link, invoiceUuid: invoice.uuid, reused: false });
}
