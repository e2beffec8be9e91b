import 'server-only';
import { and, asc, desc, eq, gt, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import {
  ORDER_STATUSES,
  orderEvents,
  orderFulfilments,
  orderRefunds,
  orders,
  payments,
  postbackEvents,
  type OrderStatus,
  type PostbackVerdict,
} from '@/db/schema';
import { normalizeInvoiceUuid } from '@/lib/cryptocloud';
import { orderItemsOf } from './queries';
import { orderTokenSchema } from './tokens';

// Read models of the back office. Lists are keyset-paginated on indexes (orders_created_idx,
// orders_status_created_idx, orders_email_search_idx, payments_invoice_uuid_key), and their counts
// stop at COUNT_CAP, so a page costs the same with 100 or 100,000 orders.

export const ORDER_PAGE_SIZE = 50;
export const COUNT_CAP = 1_000;

export const orderListQuerySchema = z.object({
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(254).optional().catch(undefined),
  before: z.string().max(100).optional().catch(undefined),
  after: z.string().max(100).optional().catch(undefined),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

export interface OrderListRow {
  id: string;
  email: string;
  status: OrderStatus;
  totalMinor: number;
  currency: string;
  createdAt: Date;
  invoiceUuid: string | null;
  fulfilled: boolean;
}

export interface OrderListPage {
  rows: OrderListRow[];
  /** Matches, exact up to COUNT_CAP. */
  count: number;
  countCapped: boolean;
  /** Cursors for the older / newer page, when there is one. */
  older: string | null;
  newer: string | null;
}

/** A position in the newest-first list: the row's created_at to the microsecond, and its id. */
const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6})~([0-9a-f-]{36})$/;
const cursorOf = sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '~' || ${orders.id}`;

function parseCursor(value: string | undefined): { at: string; id: string } | null {
  const m = value ? CURSOR.exec(value) : null;
  return m ? { at: `${m[1]}Z`, id: m[2]! } : null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What the search box means: an INV- id, an order token, an order id, or the start of an email. */
function searchCondition(q: string): SQL {
  const invoice = normalizeInvoiceUuid(q);
  if (invoice && /^inv-/i.test(q.trim())) {
    return inArray(orders.id, sql`(select ${payments.orderId} from ${payments} where ${payments.invoiceUuid} = ${invoice})`);
  }
  if (orderTokenSchema.safeParse(q).success) return eq(orders.publicToken, q);
  if (z.uuid().safeParse(q).success) return eq(orders.id, q.toLowerCase());
  return sql`lower(${orders.email}) like ${`${escapeLike(q.toLowerCase())}%`}`;
}

/**
 * The two queries behind a page of the order list: the rows (one more than a page, to know whether
 * there is another) and the capped count. Separate so tests can EXPLAIN exactly these.
 */
export function orderListQueries(db: Db, query: OrderListQuery) {
  const filters = and(query.status ? eq(orders.status, query.status) : undefined, query.q ? searchCondition(query.q) : undefined);
  const before = parseCursor(query.before);
  const after = before ? null : parseCursor(query.after);
  const position = before
    ? sql`(${orders.createdAt}, ${orders.id}) < (${before.at}::timestamptz, ${before.id}::uuid)`
    : after
      ? sql`(${orders.createdAt}, ${orders.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`
      : undefined;
  const direction = after ? asc : desc;
  const rows = db
    .select({
      id: orders.id,
      email: orders.email,
      status: orders.status,
      totalMinor: orders.totalMinor,
      currency: orders.currency,
      createdAt: orders.createdAt,
      cursor: cursorOf,
      // Drizzle leaves columns unqualified in a one-table select: name the outer row explicitly.
      invoiceUuid: sql<
        string | null
      >`(select p.invoice_uuid from ${payments} p where p.order_id = "orders"."id" order by p.created_at desc limit 1)`,
      fulfilled: sql<boolean>`exists (select 1 from ${orderFulfilments} f where f.order_id = "orders"."id")`,
    })
    .from(orders)
    .where(and(filters, position))
    .orderBy(direction(orders.createdAt), direction(orders.id))
    .limit(ORDER_PAGE_SIZE + 1);
  const count = db.select({ n: sql<number>`count(*)::int` }).from(
    sql`(${db
      .select({ one: sql`1` })
      .from(orders)
      .where(filters)
      .limit(COUNT_CAP + 1)}) as capped`,
  );
  return { rows, count, before, after };
}

/** One page of orders, newest first, filtered by status and searched; `before`/`after` are cursors. */
export async function listOrders(query: OrderListQuery): Promise<OrderListPage> {
  const { db } = await getDb();
  const q = orderListQueries(db, query);
  const { before, after } = q;
  const [fetched, [counted]] = await Promise.all([q.rows, q.count]);
  const more = fetched.length > ORDER_PAGE_SIZE;
  const page = fetched.slice(0, ORDER_PAGE_SIZE);
  if (after) page.reverse();
  const n = Number(counted?.n ?? 0);
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page.map(({ cursor: _cursor, ...row }) => row),
    count: Math.min(n, COUNT_CAP),
    countCapped: n > COUNT_CAP,
    older: last && (before || !after ? more : true) ? last.cursor : null,
    newer: first && (before || (after && more)) ? first.cursor : null,
  };
}

export const EXPORT_LIMIT = 10_000;

/** The newest EXPORT_LIMIT orders matching a list query, for a CSV export (same indexes as the list). */
export async function exportOrders(query: Pick<OrderListQuery, 'status' | 'q'>) {
  const { db } = await getDb();
  return db
    .select({
      id: orders.id,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      email: orders.email,
      status: orders.status,
      totalMinor: orders.totalMinor,
      currency: orders.currency,
    })
    .from(orders)
    .where(and(query.status ? eq(orders.status, query.status) : undefined, query.q ? searchCondition(query.q) : undefined))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(EXPORT_LIMIT);
}

export interface AdminOrderDetail {
  id: string;
  publicToken: string;
  email: string;
  status: OrderStatus;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  createdAt: Date;
  paidAt: Date | null;
  stockReleasedAt: Date | null;
  items: Array<{
    productId: number;
    name: string;
    variantLabel: string | null;
    sku: string | null;
    quantity: number;
    unitPriceMinor: number;
    lineTotalMinor: number;
  }>;
  payments: Array<{
    invoiceUuid: string;
    link: string;
    status: string;
    amount: string;
    currency: string;
    amountPaidUsd: string | null;
    overpaidAmount: string | null;
    toSurcharge: string | null;
    cryptoCurrency: string | null;
    testMode: boolean | null;
    expiresAt: Date | null;
    createdAt: Date;
    updatedAt: Date;
  }>;
  events: Array<{ id: number; from: OrderStatus | null; to: OrderStatus; cause: string; detail: Record<string, unknown> | null; at: Date }>;
  postbacks: Array<{
    id: number;
    invoiceUuid: string;
    verdict: PostbackVerdict;
    detail: string | null;
    contentType: string;
    rawBody: string;
    repeatCount: number;
    receivedAt: Date;
    lastReceivedAt: Date;
  }>;
  fulfilment: { note: string | null; trackingRef: string | null; fulfilledBy: string; createdAt: Date } | null;
  refunds: Array<{
    id: number;
    invoiceUuid: string | null;
    amount: string;
    currency: string;
    reason: string;
    flaggedBy: string;
    createdAt: Date;
  }>;
}

/** Everything the merchant sees about one order (by its id). */
export async function getAdminOrder(orderId: string): Promise<AdminOrderDetail | null> {
  if (!z.uuid().safeParse(orderId).success) return null;
  const { db } = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const [items, paymentRows, events, fulfilment, refunds] = await Promise.all([
    orderItemsOf(db, orderId),
    db
      .select({
        invoiceUuid: payments.invoiceUuid,
        link: payments.link,
        status: payments.status,
        amount: payments.amount,
        currency: payments.currency,
        amountPaidUsd: payments.amountPaidUsd,
        overpaidAmount: payments.overpaidAmount,
        toSurcharge: payments.toSurcharge,
        cryptoCurrency: payments.cryptoCurrency,
        testMode: payments.testMode,
        expiresAt: payments.expiresAt,
        createdAt: payments.createdAt,
        updatedAt: payments.updatedAt,
      })
      .from(payments)
      .where(eq(payments.orderId, orderId))
      .orderBy(asc(payments.createdAt)),
    db
      .select({
        id: orderEvents.id,
        from: orderEvents.fromStatus,
        to: orderEvents.toStatus,
        cause: orderEvents.cause,
        detail: orderEvents.detail,
        at: orderEvents.createdAt,
      })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
    db
      .select({
        note: orderFulfilments.note,
        trackingRef: orderFulfilments.trackingRef,
        fulfilledBy: orderFulfilments.fulfilledBy,
        createdAt: orderFulfilments.createdAt,
      })
      .from(orderFulfilments)
      .where(eq(orderFulfilments.orderId, orderId)),
    db
      .select({
        id: orderRefunds.id,
        invoiceUuid: orderRefunds.invoiceUuid,
        amount: orderRefunds.amount,
        currency: orderRefunds.currency,
        reason: orderRefunds.reason,
        flaggedBy: orderRefunds.flaggedBy,
        createdAt: orderRefunds.createdAt,
      })
      .from(orderRefunds)
      .where(eq(orderRefunds.orderId, orderId))
      .orderBy(asc(orderRefunds.id)),
  ]);
  const invoiceUuids = paymentRows.map((p) => p.invoiceUuid);
  // Postbacks about this order's invoices, including ones that arrived before the invoice was stored.
  const postbacks = await db
    .select({
      id: postbackEvents.id,
      invoiceUuid: postbackEvents.invoiceUuid,
      verdict: postbackEvents.verdict,
      detail: postbackEvents.detail,
      contentType: postbackEvents.contentType,
      rawBody: postbackEvents.rawBody,
      repeatCount: postbackEvents.repeatCount,
      receivedAt: postbackEvents.receivedAt,
      lastReceivedAt: postbackEvents.lastReceivedAt,
    })
    .from(postbackEvents)
    .where(or(eq(postbackEvents.orderId, orderId), invoiceUuids.length > 0 ? inArray(postbackEvents.invoiceUuid, invoiceUuids) : undefined))
    .orderBy(asc(postbackEvents.id))
    .limit(200);
  return {
    id: order.id,
    publicToken: order.publicToken,
    email: order.email,
    status: order.status,
    currency: order.currency,
    subtotalMinor: order.subtotalMinor,
    totalMinor: order.totalMinor,
    createdAt: order.createdAt,
    paidAt: order.paidAt,
    stockReleasedAt: order.stockReleasedAt,
    items,
    payments: paymentRows,
    events,
    postbacks,
    fulfilment: fulfilment[0] ?? null,
    refunds,
  };
}

export interface DashboardFigures {
  /** Per currency: orders placed and revenue paid (minor units) since each window's start. */
  byCurrency: Array<{
    currency: string;
    orders: { today: number; week: number; month: number };
    revenueMinor: { today: number; week: number; month: number };
  }>;
  needsReview: number;
  postbacks: { unmatched: number; mismatch: number };
}

const safeInt = (v: unknown) => {
  const n = Number(v ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${String(v)}`);
  return n;
};

/** Today (since 00:00 UTC), the last 7 and the last 30 days; postbacks over the last 7 days. */
export async function dashboardFigures(now = new Date()): Promise<DashboardFigures> {
  const { db } = await getDb();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const week = new Date(now.getTime() - 7 * 86_400_000);
  const month = new Date(now.getTime() - 30 * 86_400_000);
  const since = (col: typeof orders.createdAt | typeof orders.paidAt, d: Date) => sql`${col} >= ${d.toISOString()}::timestamptz`;
  const [placed, paid, [review], postbackCounts] = await Promise.all([
    db
      .select({
        currency: orders.currency,
        today: sql<string>`count(*) filter (where ${since(orders.createdAt, today)})`,
        week: sql<string>`count(*) filter (where ${since(orders.createdAt, week)})`,
        month: sql<string>`count(*)`,
      })
      .from(orders)
      .where(gte(orders.createdAt, month))
      .groupBy(orders.currency),
    db
      .select({
        currency: orders.currency,
        today: sql<string>`coalesce(sum(${orders.totalMinor}) filter (where ${since(orders.paidAt, today)}), 0)`,
        week: sql<string>`coalesce(sum(${orders.totalMinor}) filter (where ${since(orders.paidAt, week)}), 0)`,
        month: sql<string>`coalesce(sum(${orders.totalMinor}), 0)`,
      })
      .from(orders)
      .where(and(eq(orders.status, 'paid'), gte(orders.paidAt, month)))
      .groupBy(orders.currency),
    db
      .select({ n: sql<string>`count(*)` })
      .from(orders)
      .where(eq(orders.status, 'needs_review')),
    db
      .select({ verdict: postbackEvents.verdict, n: sql<string>`count(*)` })
      .from(postbackEvents)
      .where(and(inArray(postbackEvents.verdict, ['unmatched', 'mismatch']), gt(postbackEvents.lastReceivedAt, week)))
      .groupBy(postbackEvents.verdict),
  ]);
  const currencies = [...new Set([...placed.map((r) => r.currency), ...paid.map((r) => r.currency)])].sort();
  return {
    byCurrency: currencies.map((currency) => {
      const o = placed.find((r) => r.currency === currency);
      const p = paid.find((r) => r.currency === currency);
      return {
        currency,
        orders: { today: safeInt(o?.today), week: safeInt(o?.week), month: safeInt(o?.month) },
        revenueMinor: { today: safeInt(p?.today), week: safeInt(p?.week), month: safeInt(p?.month) },
      };
    }),
    needsReview: safeInt(review?.n),
    postbacks: {
      unmatched: safeInt(postbackCounts.find((r) => r.verdict === 'unmatched')?.n),
      mismatch: safeInt(postbackCounts.find((r) => r.verdict === 'mismatch')?.n),
    },
  };
}

export const POSTBACK_PAGE_SIZE = 50;

export interface PostbackRow {
  id: number;
  invoiceUuid: string;
  verdict: PostbackVerdict;
  detail: string | null;
  orderId: string | null;
  repeatCount: number;
  receivedAt: Date;
  lastReceivedAt: Date;
  contentType: string;
  rawBody: string;
}

/** The postback inbox, newest first (by id, the primary key), optionally one verdict; `before` is an id. */
export async function listPostbacks(query: {
  verdict?: PostbackVerdict;
  before?: number;
}): Promise<{ rows: PostbackRow[]; older: number | null }> {
  const { db } = await getDb();
  const rows = await db
    .select({
      id: postbackEvents.id,
      invoiceUuid: postbackEvents.invoiceUuid,
      verdict: postbackEvents.verdict,
      detail: postbackEvents.detail,
      orderId: postbackEvents.orderId,
      repeatCount: postbackEvents.repeatCount,
      receivedAt: postbackEvents.receivedAt,
      lastReceivedAt: postbackEvents.lastReceivedAt,
      contentType: postbackEvents.contentType,
      rawBody: postbackEvents.rawBody,
    })
    .from(postbackEvents)
    .where(
      and(
        query.verdict ? eq(postbackEvents.verdict, query.verdict) : undefined,
        query.before ? lt(postbackEvents.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(postbackEvents.id))
    .limit(POSTBACK_PAGE_SIZE + 1);
  const page = rows.slice(0, POSTBACK_PAGE_SIZE);
  return { rows: page, older: rows.length > POSTBACK_PAGE_SIZE ? page.at(-1)!.id : null };
}
