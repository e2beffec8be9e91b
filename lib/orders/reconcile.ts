import 'server-only';
import { and, eq, gt, inArray, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { orders, payments, postbackEvents } from '@/db/schema';
import { acceptPayLink, gatewayConfig, getInvoices, payLinkPolicy, type InvoiceInfo } from '@/lib/cryptocloud';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { applyInvoiceInfo } from './apply-invoice';
import { invoiceClaimTtlMs, recordInvoice } from './invoice';
import { transitionOrder } from './state-machine';
import { recordUnreadableInvoices } from './unreadable-invoices';

const BATCH = 100; // merchant/info takes at most 100 uuids
const MAX_PER_RUN = 2_000;
const STALE_RECEIVED_MS = 60_000;
const LATE_PAYMENT_WINDOW_MS = 48 * 3_600_000;

export interface ReconcileReport {
  checked: number;
  applied: number;
  mismatched: number;
  /** Invoices the info API described in a way we refuse to read: recorded, not applied. */
  unreadable: number;
  matchedPostbacks: number;
  expiredWithoutInvoice: number;
  errors: string[];
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Ask the info API about these invoices, 100 at a time; failures are reported, not thrown. An
 * invoice it describes in a way we cannot read is recorded for the merchant and left out, so it
 * never holds back the rest of its batch; its order stays as it is and is asked about next run.
 */
async function fetchInfos(db: Db, uuids: string[], report: ReconcileReport): Promise<InvoiceInfo[]> {
  const config = await gatewayConfig();
  if (config.mode === 'disabled') {
    report.errors.push(config.reason);
    return [];
  }
  const infos: InvoiceInfo[] = [];
  for (const batch of chunks(uuids, BATCH)) {
    const res = await getInvoices(batch, { config });
    if (!res.ok) {
      report.errors.push(`info API: ${res.error.kind}: ${res.error.message}`);
      continue;
    }
    infos.push(...res.value.invoices);
    if (res.value.unreadable.length === 0) continue;
    report.unreadable += res.value.unreadable.length;
    try {
      await recordUnreadableInvoices(db, res.value.unreadable);
    } catch (err) {
      report.errors.push(`recording unreadable invoices: ${errorSummary(err)}`);
    }
  }
  return infos;
}

/** Apply each invoice on its own: one that fails is reported and does not stop the others. */
async function applyAll(db: Db, infos: InvoiceInfo[], report: ReconcileReport): Promise<Set<string>> {
  const done = new Set<string>();
  for (const info of infos) {
    report.checked++;
    try {
      const outcome = await applyInvoiceInfo(db, info, 'reconciler');
      if (outcome?.kind === 'applied') report.applied++;
      if (outcome?.kind === 'mismatch') report.mismatched++;
      done.add(info.uuid);
    } catch (err) {
      report.errors.push(`${info.uuid}: ${errorSummary(err)}`);
    }
  }
  return done;
}

/**
 * Postbacks whose invoice we did not know yet (they can beat checkout's write of the invoice id):
 * attach the invoice to its order through the info API's order_id, then apply it like any other.
 */
async function matchUnmatchedPostbacks(db: Db, now: Date, report: ReconcileReport) {
  const rows = await db
    .selectDistinct({ invoiceUuid: postbackEvents.invoiceUuid })
    .from(postbackEvents)
    .where(
      or(
        eq(postbackEvents.verdict, 'unmatched'),
        // Left `received` by a delivery that answered 503 (database or info API down) a while ago.
        and(eq(postbackEvents.verdict, 'received'), lt(postbackEvents.lastReceivedAt, new Date(now.getTime() - STALE_RECEIVED_MS))),
      ),
    )
    .limit(MAX_PER_RUN);
  if (rows.length === 0) return;
  const infos = await fetchInfos(
    db,
    rows.map((r) => r.invoiceUuid),
    report,
  );
  const policy = payLinkPolicy();
  for (const info of infos) {
    const [known] = await db.select({ orderId: payments.orderId }).from(payments).where(eq(payments.invoiceUuid, info.uuid));
    let orderId = known?.orderId;
    if (!orderId && info.orderId) {
      const [order] = await db
        .select({ id: orders.id, currency: orders.currency, totalMinor: orders.totalMinor })
        .from(orders)
        .where(eq(orders.publicToken, info.orderId));
      if (order) {
        await db.transaction((tx) =>
          recordInvoice(tx, {
            orderId: order.id,
            invoiceUuid: info.uuid,
            link: acceptPayLink(info.link ?? '', policy) ?? '',
            status: 'created',
            amount: info.amountInFiat ?? info.amountUsd ?? '0',
            currency: info.fiatCurrency ?? order.currency,
            testMode: info.testMode,
            expiresAt: info.expiresAt,
            raw: info.raw,
            cause: 'reconciler',
          }),
        );
        orderId = order.id;
      }
    }
    if (!orderId) continue; // still unknown: kept for a later run, and visible to the merchant
    if (!(await applyAll(db, [info], report)).has(info.uuid)) continue;
    const matched = await db
      .update(postbackEvents)
      .set({ verdict: 'matched', orderId, processedAt: new Date(), detail: 'confirmed by the reconciler' })
      .where(and(eq(postbackEvents.invoiceUuid, info.uuid), inArray(postbackEvents.verdict, ['unmatched', 'received'])))
      .returning({ id: postbackEvents.id });
    report.matchedPostbacks += matched.length;
  }
}

/** Orders that never got an invoice within the payment window expire, giving their stock back. */
async function expireStalePending(db: Db, now: Date, report: ReconcileReport, orderIds?: string[]) {
  const windowMs = env().CHECKOUT_TIME_TO_PAY_MINUTES * 60_000;
  const claimedBefore = new Date(now.getTime() - invoiceClaimTtlMs());
  const stale = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.status, 'pending'),
        lt(orders.createdAt, new Date(now.getTime() - windowMs)),
        // Not while an invoice is being created for it.
        or(isNull(orders.invoiceRequestedAt), lt(orders.invoiceRequestedAt, claimedBefore)),
        notExists(
          db
            .select({ one: sql`1` })
            .from(payments)
            .where(eq(payments.orderId, orders.id)),
        ),
        orderIds ? inArray(orders.id, orderIds) : undefined,
      ),
    )
    .limit(MAX_PER_RUN);
  for (const { id } of stale) {
    const changed = await db.transaction(async (tx) => {
      // Re-check under the row lock: "Pay now" may be creating an invoice right now.
      const [o] = await tx
        .select({ status: orders.status, claimedAt: orders.invoiceRequestedAt })
        .from(orders)
        .where(eq(orders.id, id))
        .for('update');
      if (!o || o.status !== 'pending' || (o.claimedAt && o.claimedAt > claimedBefore)) return false;
      const [invoice] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.orderId, id)).limit(1);
      if (invoice) return false;
      const r = await transitionOrder(tx, {
        orderId: id,
        to: 'expired',
        cause: 'payment_window',
        detail: { reason: 'no invoice within the payment window' },
        now,
      });
      return r.ok;
    });
    if (changed) report.expiredWithoutInvoice++;
  }
}

/**
 * Catch what postbacks did not bring: ask the info API about the invoices of every order still
 * waiting for money (a missed postback, a partial payment, an expiry), match postbacks that came
 * before their invoice was stored, and expire orders that never got an invoice. Every change goes
 * through the same transitions as postbacks, so running it alongside them changes nothing twice.
 */
export async function reconcile(options: { now?: Date; orderIds?: string[] } = {}): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const { db } = await getDb();
  const report: ReconcileReport = {
    checked: 0,
    applied: 0,
    mismatched: 0,
    unreadable: 0,
    matchedPostbacks: 0,
    expiredWithoutInvoice: 0,
    errors: [],
  };

  const open = await db
    .select({ invoiceUuid: payments.invoiceUuid, orderId: orders.id })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(
      and(
        or(
          and(inArray(orders.status, ['pending', 'awaiting_payment', 'partially_paid']), inArray(payments.status, ['created', 'partial'])),
          // A transaction sent before expiry can still confirm after it: keep asking for a while.
          and(eq(orders.status, 'expired'), gt(payments.expiresAt, new Date(now.getTime() - LATE_PAYMENT_WINDOW_MS))),
        ),
        options.orderIds ? inArray(orders.id, options.orderIds) : undefined,
      ),
    )
    // Least recently checked first, so a backlog larger than one run still gets through.
    .orderBy(sql`${orders.lastReconciledAt} asc nulls first`)
    .limit(MAX_PER_RUN);
  await applyAll(
    db,
    await fetchInfos(
      db,
      open.map((p) => p.invoiceUuid),
      report,
    ),
    report,
  );
  if (open.length > 0) {
    await db
      .update(orders)
      .set({ lastReconciledAt: now })
      .where(inArray(orders.id, [...new Set(open.map((p) => p.orderId))]));
  }

  if (!options.orderIds) await matchUnmatchedPostbacks(db, now, report);
  await expireStalePending(db, now, report, options.orderIds);
  return report;
}

const VIEW_MIN_AGE_MS = 30_000;
const VIEW_MIN_INTERVAL_MS = 15_000;

/**
 * Reconcile one order because its buyer is looking at it: only once it has waited 30 s (or
 * `minAgeMs`: a buyer sent back by the gateway is news at once), and at most once per 15 s per
 * order (claimed on the row, so concurrent viewers trigger one check).
 */
export async function reconcileOnView(orderId: string, now = new Date(), minAgeMs = VIEW_MIN_AGE_MS): Promise<boolean> {
  const { db } = await getDb();
  const claimed = await db
    .update(orders)
    .set({ lastReconciledAt: now })
    .where(
      and(
        eq(orders.id, orderId),
        inArray(orders.status, ['pending', 'awaiting_payment', 'partially_paid']),
        lt(orders.createdAt, new Date(now.getTime() - minAgeMs)),
        or(isNull(orders.lastReconciledAt), lt(orders.lastReconciledAt, new Date(now.getTime() - VIEW_MIN_INTERVAL_MS))),
      ),
    )
    .returning({ id: orders.id });
  if (claimed.length === 0) return false;
  await reconcile({ now, orderIds: [orderId] });
  return true;
}
