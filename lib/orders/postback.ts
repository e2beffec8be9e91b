import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { orders, payments, POSTBACK_VERDICTS, postbackEvents, type PostbackVerdict } from '@/db/schema';
import {
  getInvoices,
  parsePostbackBody,
  gatewayConfig,
  verifyPostback,
  type ActiveGatewayConfig,
  type InvoiceBatch,
  type InvoiceInfo,
  type UnreadableInvoice,
} from '@/lib/cryptocloud';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { createLimiter, QueueTimeout, type Limiter } from '@/lib/limiter';
import { fail, ok, type Result } from '@/lib/result';
import { applyInvoiceInfoIn, applyPaymentIfUnchanged, type ApplyOutcome, type RecordOutcome, type SeenPayment } from './apply-invoice';
import { lockedOrderColumns } from './state-machine';
import { recordUnreadableInvoices } from './unreadable-invoices';

/** Real postbacks are about 2 KB; anything far larger is not one. */
export const MAX_POSTBACK_BYTES = 16 * 1024;

/** Why a postback was not taken: the route maps each kind to its HTTP status. */
export type PostbackFailureKind =
  | 'malformed'
  | 'unsupported-media-type'
  | 'unauthorized'
  | 'not_configured'
  | 'database_unavailable'
  | 'gateway_unavailable'
  | 'invoice_unconfirmed'
  | 'busy';

/** Taken (with what processing found), or refused: a refusal of a transient kind is to be retried. */
export type PostbackOutcome = Result<{ verdict: PostbackVerdict }, { kind: PostbackFailureKind; message: string }>;

const refuse = (kind: PostbackFailureKind, message: string): PostbackOutcome => fail({ kind, message });
const taken = (verdict: PostbackVerdict): PostbackOutcome => ok({ verdict });

function verdictOf(outcome: ApplyOutcome): PostbackVerdict {
  switch (outcome.kind) {
    case 'applied':
      return 'applied';
    case 'unchanged':
      return 'duplicate';
    case 'mismatch':
    case 'no-news':
      return 'mismatch';
  }
}

/**
 * Record what processing found. A row stands for one distinct body, which concurrent or repeated
 * deliveries may process more than once: its verdict only moves to a stronger one (received <
 * unmatched < duplicate < mismatch < matched < applied), so the delivery that applied the payment
 * is never overwritten by a duplicate that finished later.
 */
function verdictWrite(db: Db | Tx, id: number, verdict: PostbackVerdict, detail: string | null, orderId?: string, guard?: SQL) {
  const notStronger = POSTBACK_VERDICTS.slice(0, POSTBACK_VERDICTS.indexOf(verdict) + 1);
  return db
    .update(postbackEvents)
    .set({ verdict, detail, processedAt: new Date(), ...(orderId ? { orderId } : {}) })
    .where(and(eq(postbackEvents.id, id), inArray(postbackEvents.verdict, notStronger), guard))
    .returning({ id: postbackEvents.id });
}

async function setVerdict(db: Db | Tx, id: number, verdict: PostbackVerdict, detail: string | null, orderId?: string) {
  await verdictWrite(db, id, verdict, detail, orderId);
}

/** What the info API said about this one invoice: readable, unreadable, or nothing (not listed yet). */
function findInAnswer(batch: InvoiceBatch, invoiceUuid: string): { invoice: InvoiceInfo } | { unreadable: UnreadableInvoice } | null {
  const invoice = batch.invoices.find((i) => i.uuid === invoiceUuid);
  if (invoice) return { invoice };
  // We asked about this invoice alone: an unreadable item that names no invoice is about it.
  const unreadable = batch.unreadable.find((u) => u.uuid === null || u.uuid === invoiceUuid);
  return unreadable ? { unreadable: { ...unreadable, uuid: invoiceUuid } } : null;
}

const ALREADY_PAID = 'order already paid';

/** The verdict's detail: what the gateway said and what became of the order. */
function detailOf(invoice: InvoiceInfo, outcome: ApplyOutcome): string {
  return outcome.kind === 'mismatch' || outcome.kind === 'no-news'
    ? outcome.reason
    : `gateway ${invoice.status}; order ${outcome.kind === 'applied' ? `${outcome.from} → ${outcome.to}` : outcome.status}`;
}

/**
 * Store a verified postback in the inbox and read its payment and order, in one statement (one
 * round trip, one connection checkout). `payment` is undefined when no payment has this invoice;
 * otherwise it holds what deciding a paying answer needs without a lock (`applyPaymentIfUnchanged`).
 * A delivery about an invoice that already paid its order is recorded as a duplicate here, so the
 * gateway's repeats cost this one statement and nothing else.
 */
async function storeAndFind(db: Db, values: { invoiceUuid: string; dedupeKey: string; contentType: string; rawBody: string }) {
  const now = new Date();
  // Written out (aliases): the same statement's snapshot as the payment read below.
  const paidAlready = sql`exists (select 1 from "payments" p join "orders" o on o."id" = p."order_id" where p."invoice_uuid" = ${values.invoiceUuid} and o."status" = 'paid' and p."status" in ('paid', 'overpaid'))`;
  // A replay of a body whose row is still `received` or `unmatched` becomes a duplicate; a stronger verdict stays.
  const upgrades = sql`excluded."verdict" = 'duplicate' and ${postbackEvents.verdict} in ('received', 'unmatched')`;
  const inbox = db.$with('inbox').as(
    db
      .insert(postbackEvents)
      .values({
        ...values,
        verdict: sql`case when ${paidAlready} then 'duplicate' else 'received' end`,
        detail: sql`case when ${paidAlready} then ${ALREADY_PAID} end`,
        processedAt: sql`case when ${paidAlready} then ${now.toISOString()}::timestamptz end`,
        orderId: sql`case when ${paidAlready} then (select p."order_id" from "payments" p where p."invoice_uuid" = ${values.invoiceUuid}) end`,
      })
      .onConflictDoUpdate({
        target: postbackEvents.dedupeKey,
        set: {
          repeatCount: sql`${postbackEvents.repeatCount} + 1`,
          lastReceivedAt: now,
          verdict: sql`case when ${upgrades} then excluded."verdict" else ${postbackEvents.verdict} end`,
          detail: sql`case when ${upgrades} then excluded."detail" else ${postbackEvents.detail} end`,
          processedAt: sql`case when ${upgrades} then excluded."processed_at" else ${postbackEvents.processedAt} end`,
          orderId: sql`coalesce(${postbackEvents.orderId}, excluded."order_id")`,
        },
      })
      .returning({ id: postbackEvents.id }),
  );
  const [row] = await db
    .with(inbox)
    .select({
      eventId: inbox.id,
      orderId: payments.orderId,
      paymentId: payments.id,
      paymentStatus: payments.status,
      publicToken: orders.publicToken,
      totalMinor: orders.totalMinor,
      currency: orders.currency,
      ...lockedOrderColumns,
    })
    .from(inbox)
    .leftJoin(payments, eq(payments.invoiceUuid, values.invoiceUuid))
    .leftJoin(orders, eq(orders.id, payments.orderId));
  if (!row) throw new Error('the inbox row was not returned');
  const { eventId, orderId, paymentId, paymentStatus, publicToken, totalMinor, currency, status } = row;
  const payment: SeenPayment | undefined =
    orderId !== null &&
    paymentId !== null &&
    paymentStatus !== null &&
    publicToken !== null &&
    totalMinor !== null &&
    currency !== null &&
    status !== null
      ? {
          orderId,
          paymentId,
          paymentStatus,
          publicToken,
          totalMinor,
          currency,
          status,
          stockReleasedAt: row.stockReleasedAt,
          hasDigital: row.hasDigital === true,
        }
      : undefined;
  // Nothing can change a paid order: a repeat about the invoice that paid it (the gateway retrying,
  // a replay) needs no API call. Another invoice of a paid order is still confirmed (a refund case).
  const duplicate = payment?.status === 'paid' && (payment.paymentStatus === 'paid' || payment.paymentStatus === 'overpaid');
  return { eventId, payment, duplicate };
}

// Postbacks one instance works on at once: twice its pool, so the connections stay busy while half
// of them wait for the info API. A burst waits its turn here rather than in the pool, whose acquire
// timeout (meant to detect a database that is down) would answer a merely busy moment with 503s;
// the wait is bounded, and a database that is down still fails each turn quickly. Storing a
// postback (one statement, which also answers a repeat about a paid invoice) has turns of its own,
// so repeats never wait behind the info API calls and transactions of new payments.
// The embedded database (PGlite) has no pool and no acquire timeout, and lives in a long-running
// server: there a burst waits as long as it takes instead of being refused.
const QUEUE_PATIENCE_MS = 30_000;
const patience = () => (env().databaseUrl ? QUEUE_PATIENCE_MS : null);
let turns: Limiter | undefined;
let storeTurns: Limiter | undefined;
const postbackTurns = () => (turns ??= createLimiter(2 * env().DB_POOL_MAX, patience()));
const inboxTurns = () => (storeTurns ??= createLimiter(env().DB_POOL_MAX, patience()));

// The last delivery queued per invoice in this instance. A delivery about an invoice that is being
// confirmed and applied waits for that work to finish before it is stored: the gateway's repeats
// (or a storm of identical postbacks) then find the order paid and cost one statement each,
// instead of each asking the info API and queueing a transaction that would change nothing.
const inFlight = new Map<string, Promise<void>>();

/**
 * CryptoCloud's payment notification. The body is only a hint: after the token verifies, the
 * postback is stored, the payment is found by OUR stored invoice uuid (never the body's order_id),
 * and the invoice's state is confirmed through the info API before anything changes. Answers 503
 * when the database or the info API is unavailable, so the gateway (or the reconciler) can retry.
 * At most two short transactions, neither held across the info API call; a burst waits its turn.
 */
export async function receivePostback({ raw, contentType }: { raw: string; contentType: string | null }): Promise<PostbackOutcome> {
  const parsed = parsePostbackBody(raw, contentType);
  if (!parsed.ok) return refuse(parsed.error.kind, parsed.error.message);

  const config = await gatewayConfig();
  if (config.mode === 'disabled') return refuse('not_configured', config.reason);
  const verified = await verifyPostback(parsed.value, config.secretKey);
  if (!verified.ok) {
    // Unverified requests are never stored: one bounded log line only.
    console.warn(`[postback] rejected: ${verified.error.message}`.slice(0, 200));
    return refuse(verified.error.kind, verified.error.message);
  }
  const { invoiceUuid } = verified.value;
  const run = async () => {
    try {
      return await processVerified(invoiceUuid, raw, contentType, config);
    } catch (err) {
      if (!(err instanceof QueueTimeout)) throw err;
      console.error(`[postback] not processed: waited ${QUEUE_PATIENCE_MS} ms for a turn`);
      return refuse('busy', 'Too many postbacks at once; try again later.');
    }
  };
  // One at a time per invoice in this instance, first come first served; queued before the first
  // await, so deliveries arriving together find each other.
  const ahead = inFlight.get(invoiceUuid);
  const mine = ahead ? ahead.then(run) : run();
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  inFlight.set(invoiceUuid, settled);
  void settled.then(() => {
    if (inFlight.get(invoiceUuid) === settled) inFlight.delete(invoiceUuid);
  });
  return mine;
}

/** Everything after the token verified: store, find the payment, confirm, apply. */
async function processVerified(
  invoiceUuid: string,
  raw: string,
  contentType: string | null,
  config: ActiveGatewayConfig,
): Promise<PostbackOutcome> {
  // First transaction: store the postback and find its payment, one statement.
  let db: Db;
  let stored: Awaited<ReturnType<typeof storeAndFind>>;
  try {
    db = (await getDb()).db;
    // A byte-identical replay (same token) shares the row of its first delivery and is counted.
    const dedupeKey = createHash('sha256')
      .update(`${contentType ?? ''}\n${raw}`)
      .digest('hex');
    stored = await inboxTurns().run(() => storeAndFind(db, { invoiceUuid, dedupeKey, contentType: contentType ?? '', rawBody: raw }));
  } catch (err) {
    if (err instanceof QueueTimeout) throw err;
    console.error('[postback] database unavailable:', errorSummary(err));
    return refuse('database_unavailable', 'Try again later.');
  }
  const { eventId, payment, duplicate } = stored;
  // Recorded as a duplicate by the statement that stored it.
  if (duplicate) return taken('duplicate');

  if (!payment) {
    // Possibly before checkout stored the invoice id: kept for the reconciler to match. Only
    // acknowledged once that is recorded, or the postback could be lost.
    try {
      await setVerdict(db, eventId, 'unmatched', 'no payment with this invoice uuid yet');
    } catch (err) {
      console.error('[postback] database unavailable:', errorSummary(err));
      return refuse('database_unavailable', 'Try again later.');
    }
    return taken('unmatched');
  }

  // Confirming and applying: at most 2 × DB_POOL_MAX at once in this instance.
  return postbackTurns().run(() => confirmAndApply(db, eventId, payment, invoiceUuid, config));
}

/** The info API's word on one invoice, then applied to its order with the postback's verdict. */
async function confirmAndApply(
  db: Db,
  eventId: number,
  payment: SeenPayment,
  invoiceUuid: string,
  config: ActiveGatewayConfig,
): Promise<PostbackOutcome> {
  // No connection is held while the gateway answers (up to CRYPTOCLOUD_TIMEOUT_MS).
  const info = await getInvoices([invoiceUuid], { config });
  if (!info.ok) {
    await setVerdict(db, eventId, 'received', `info API unavailable: ${info.error.kind}`, payment.orderId).catch(() => undefined);
    return refuse('gateway_unavailable', 'Could not confirm the invoice; try again later.');
  }
  const answer = findInAnswer(info.value, invoiceUuid);
  if (!answer) {
    await setVerdict(db, eventId, 'received', 'info API does not know this invoice', payment.orderId).catch(() => undefined);
    return refuse('invoice_unconfirmed', 'The gateway does not list this invoice yet; try again later.');
  }

  // The verdict goes out in the statement that applies the gateway's word.
  const recordVerdict =
    (q: Db | Tx, invoice: InvoiceInfo): RecordOutcome =>
    (o, guard) => [q.$with('verdict').as(verdictWrite(q, eventId, verdictOf(o), detailOf(invoice, o), payment.orderId, guard))];
  // Second and last statement (or transaction): what the gateway said, applied with the verdict.
  try {
    if ('invoice' in answer) {
      // The common case, a payment of an order still open as stored above: one statement, no transaction.
      const fast = await applyPaymentIfUnchanged(db, answer.invoice, 'postback', payment, recordVerdict(db, answer.invoice));
      if (fast) return taken(verdictOf(fast));
    }
    // Anything else, or an order that changed since: decided under the order's row lock.
    const verdict = await db.transaction(async (tx): Promise<PostbackVerdict> => {
      if ('unreadable' in answer) {
        // Asking again would get the same answer, so this is acknowledged (no retries forever)
        // and kept for the merchant. The order is left alone: an unknown status is never taken as
        // paid, and the reconciler keeps asking about the invoice.
        await recordUnreadableInvoices(tx, [answer.unreadable]);
        await setVerdict(tx, eventId, 'mismatch', `info API: ${answer.unreadable.reason}; order left unchanged`, payment.orderId);
        return 'mismatch';
      }
      const outcome = await applyInvoiceInfoIn(tx, answer.invoice, 'postback', recordVerdict(tx, answer.invoice));
      if (!outcome) {
        await setVerdict(tx, eventId, 'unmatched', 'payment disappeared');
        return 'unmatched';
      }
      return verdictOf(outcome);
    });
    return taken(verdict);
  } catch (err) {
    console.error('[postback] could not apply:', errorSummary(err));
    return refuse('database_unavailable', 'Try again later.');
  }
}
