import 'server-only';
import { and, asc, eq, getTableColumns, inArray, isNull, sql, type SQL, type WithSubquery } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '@/db/client';
import { orderEvents, orderItems, orders, outbox, products, productVariants, type OrderStatus } from '@/db/schema';
import { dueOnTransition, takeDeliverables } from '@/lib/fulfilment/on-transition';
import { fail, ok, type Result } from '@/lib/result';

/**
 * Every status an order may move to, from each status. Nothing leaves `paid`; a payment that
 * arrives for an `expired` or `canceled` order goes to `needs_review`, never silently to `paid`.
 * `needs_review` is resolved by the merchant only (cause `admin`).
 */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['awaiting_payment', 'partially_paid', 'paid', 'expired', 'canceled', 'needs_review'],
  awaiting_payment: ['partially_paid', 'paid', 'expired', 'canceled', 'needs_review'],
  // Money was received: an expiry goes to review, never to `expired`.
  partially_paid: ['paid', 'canceled', 'needs_review'],
  paid: [],
  expired: ['needs_review'],
  canceled: ['needs_review'],
  needs_review: ['paid', 'canceled'],
};

/** Statuses after which nothing happens without the merchant. */
export const FINAL_STATUSES: readonly OrderStatus[] = ['paid', 'expired', 'canceled', 'needs_review'];

export function isFinal(status: OrderStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Statuses that only the merchant may move an order out of. */
const MERCHANT_ONLY: readonly OrderStatus[] = ['needs_review'];

/** The statuses from which `cause` may move an order to `to` (the `WHERE status IN (…)`). */
export function sourcesOf(to: OrderStatus, cause: TransitionCause): OrderStatus[] {
  return (Object.keys(TRANSITIONS) as OrderStatus[]).filter(
    (from) => TRANSITIONS[from].includes(to) && (cause === 'admin' || !MERCHANT_ONLY.includes(from)),
  );
}

export type TransitionCause = 'checkout' | 'invoice_created' | 'postback' | 'reconciler' | 'payment_window' | 'admin';

export interface TransitionInput {
  orderId: string;
  to: OrderStatus;
  cause: TransitionCause;
  detail?: Record<string, unknown>;
  now?: Date;
  /**
   * The order row as the caller read it with `FOR UPDATE` in this same transaction (lockedOrderColumns):
   * it is not locked and read again. Without it, the row is locked and read here.
   */
  locked?: LockedOrder;
  /** Other columns the caller changes together with the status, in the same UPDATE. */
  alsoSet?: Pick<Partial<typeof orders.$inferInsert>, 'invoiceRequestedAt'>;
  /**
   * Other writes that belong to this move (the payment row the gateway's answer updates, a
   * postback's verdict), as data-modifying CTEs sent in the move's own statement, so they cost no
   * round trip of their own. Sent only if the move goes ahead. Names taken: `moved`, `logged`, `mail`.
   */
  along?: WithSubquery[];
  /**
   * A write sent as a CTE of the move's UPDATE itself, so it is applied whether or not the order
   * moves (recording the invoice that causes the move: an invoice created is never forgotten). Only
   * for a move that takes no goods (no `locked`, not to `paid`), whose UPDATE is always sent.
   */
  withUpdate?: WithSubquery;
}

/** What the state machine needs from the locked order row. */
export interface LockedOrder {
  status: OrderStatus;
  stockReleasedAt: Date | null;
  /** Whether any line is a digital product (license keys, files to hand over when paid). */
  hasDigital: boolean;
}

/** Columns for a caller's locked read of the order that it hands to transitionOrder as `locked`. */
export const lockedOrderColumns = {
  status: orders.status,
  stockReleasedAt: orders.stockReleasedAt,
  // Written out: drizzle leaves columns unqualified in a one-table select, which the subquery needs.
  hasDigital: sql<boolean>`exists (select 1 from "order_items" i join "products" p on p."id" = i."product_id" where i."order_id" = "orders"."id" and p."kind" = 'digital')`,
};

/** A product without enough stock (or license keys) for a paid order's items. */
export interface StockShortage {
  productId: number;
  name: string;
  wanted: number;
  inStock: number;
  /** What is short: units on the shelf, or keys in the product's pool. */
  of: 'stock' | 'license keys';
}

/**
 * Why an order did not move: it does not exist, its status (`current`, as read under the row lock)
 * is not a source of the move (or changed meanwhile), or it is short of what a paid order hands over.
 */
export type TransitionRefusal =
  | { kind: 'not-found'; current: null }
  | { kind: 'not-allowed'; current: OrderStatus }
  | { kind: 'short'; current: OrderStatus; shortage: StockShortage[] };

/** A move that happened says which status it left. */
export type TransitionResult = Result<{ from: OrderStatus }, TransitionRefusal>;

/**
 * The one way an order's status changes: a conditional `UPDATE … WHERE status IN (allowed sources)`
 * in the caller's transaction, plus an order event. Concurrent callers cannot both win: the loser
 * updates no row and gets a `not-allowed` refusal. Moving to `expired`/`canceled` puts reserved stock back,
 * at most once per order.
 */
export async function transitionOrder(tx: Tx, input: TransitionInput): Promise<TransitionResult> {
  const now = input.now ?? new Date();
  const sources = sourcesOf(input.to, input.cause);
  const set = moveSet(input, now);
  let from: OrderStatus;
  if (input.withUpdate && (input.locked || input.to === 'paid'))
    throw new Error('transitionOrder: `withUpdate` needs a move that takes no goods');
  if (input.locked || input.to === 'paid') {
    // Lock the row first (unless the caller did) so the event records the status we actually left.
    const [current] = input.locked
      ? [input.locked]
      : await tx.select(lockedOrderColumns).from(orders).where(eq(orders.id, input.orderId)).for('update');
    if (!current) return fail({ kind: 'not-found', current: null });
    if (!sources.includes(current.status)) return fail({ kind: 'not-allowed', current: current.status });
    if (input.to === 'paid' && (current.stockReleasedAt !== null || current.hasDigital)) {
      const shortage = await takeGoodsForPayment(tx, input.orderId, current.stockReleasedAt !== null, now);
      if (shortage.length > 0) return fail({ kind: 'short', current: current.status, shortage });
    }
    // The row is locked and its status is a source: the UPDATE cannot miss. The event, the email it
    // makes due and the caller's writes go in the same statement (data-modifying CTEs).
    const moved = tx.$with('moved').as(
      tx
        .update(orders)
        .set(set)
        .where(and(eq(orders.id, input.orderId), inArray(orders.status, sources)))
        .returning({ id: orders.id }),
    );
    const updated = await tx
      .with(moved, ...recordChange(tx, input, current.status, now), ...(input.along ?? []))
      .select({ id: moved.id })
      .from(moved);
    // Everything in the statement is undone with the transaction, never committed without its move.
    if (updated.length === 0) throw new Error(`order ${input.orderId} did not move from ${current.status} although locked`);
    from = current.status;
  } else {
    // Nothing to take before this move: locking the row, reading the status it leaves and moving
    // it are one statement (the subquery locks the row and yields its status before the update).
    const prev = tx
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(eq(orders.id, input.orderId))
      .for('update')
      .as('prev');
    const [moved] = await tx
      .with(...(input.withUpdate ? [input.withUpdate] : []))
      .update(orders)
      .set(set)
      .from(prev)
      .where(and(eq(orders.id, prev.id), inArray(orders.status, sources)))
      .returning({ from: prev.status });
    if (!moved) {
      const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, input.orderId));
      return fail(current ? { kind: 'not-allowed', current: current.status } : { kind: 'not-found', current: null });
    }
    from = moved.from;
    // The event, the email it makes due and the caller's writes, in one statement.
    const [logged, ...email] = recordChange(tx, input, from, now);
    await tx
      .with(logged, ...email, ...(input.along ?? []))
      .select({ id: logged.id })
      .from(logged);
  }
  if (input.to === 'expired' || input.to === 'canceled') await releaseStock(tx, input.orderId, now);
  return ok({ from });
}

/** The columns a move sets: the status, when, and what the caller changes with it. */
function moveSet(input: Pick<TransitionInput, 'to' | 'alsoSet'>, now: Date) {
  return { ...input.alsoSet, status: input.to, updatedAt: now, ...(input.to === 'paid' ? { paidAt: now } : {}) };
}

/**
 * A condition for a caller's write that goes along with `transitionOrderIfUnchanged`: true only
 * when the order moved (the statement's `moved` CTE returned its row).
 */
export const IF_MOVED: SQL = sql`exists (select 1 from "moved")`;

/** Whether `transitionOrderIfUnchanged` can make this move from the order as the caller saw it. */
export function movableWithoutLock(seen: LockedOrder, to: OrderStatus, cause: TransitionCause): boolean {
  // Stock to put back (expired, canceled) or goods to take (a released or digital order that is
  // paid) take more than one statement: those moves lock the row in a transaction.
  if (to === 'expired' || to === 'canceled') return false;
  if (to === 'paid' && (seen.stockReleasedAt !== null || seen.hasDigital)) return false;
  return sourcesOf(to, cause).includes(seen.status);
}

/**
 * A move decided on the order as the caller read it earlier, without a lock (`seen`), sent as ONE
 * statement outside any transaction: the UPDATE changes the row only if its status is still the
 * one seen (and, to `paid`, nothing was released and nothing is digital), and the event and the
 * email come from its result. The caller's `along` writes go in the same statement: conditioned on
 * `IF_MOVED` when they belong to the move, or not, to be written either way (an invoice). The
 * statement takes the row lock only if it is free (SKIP LOCKED), so it never waits. Answers whether
 * the order moved; when it did not (it changed since it was read, or someone holds it right now),
 * nothing but the unconditioned `along` writes was written, and the caller
 * decides again under a lock.
 */
export async function transitionOrderIfUnchanged(db: Db, input: Omit<TransitionInput, 'locked' | 'withUpdate'> & { seen: LockedOrder }) {
  const { seen } = input;
  if (!movableWithoutLock(seen, input.to, input.cause))
    throw new Error(`transitionOrderIfUnchanged: ${seen.status} → ${input.to} needs the lock`);
  const now = input.now ?? new Date();
  const set = moveSet(input, now);
  const nothingToTake = input.to === 'paid' ? [isNull(orders.stockReleasedAt), sql`not ${lockedOrderColumns.hasDigital}`] : [];
  const moved = db.$with('moved').as(
    db
      .update(orders)
      .set(set)
      .where(
        and(
          eq(orders.id, input.orderId),
          eq(orders.status, seen.status),
          ...nothingToTake,
          // Never waits for a lock: a row someone else is changing right now is left to the locked
          // path, whose transaction a dead connection rolls back (an autocommit statement that
          // waited would still apply once the lock is free, after its caller had given up).
          sql`${orders.id} in (select o."id" from "orders" o where o."id" = ${input.orderId} for update skip locked)`,
        ),
      )
      .returning({ id: orders.id }),
  );
  const [logged, mail] = changeRecords(input, seen.status, now);
  const rows = await db
    .with(
      moved,
      // Hand-written statements: `$with` with a selection (none is read) takes SQL.
      db.$with('logged', {}).as(insertIfMoved(orderEvents, logged)),
      ...(mail ? [db.$with('mail', {}).as(sql`${insertIfMoved(outbox, mail)} on conflict ("dedupe_key") do nothing`)] : []),
      ...(input.along ?? []),
    )
    .select({ id: moved.id })
    .from(moved);
  return rows.length > 0;
}

/** `INSERT INTO table (…) SELECT <values> FROM "moved"`: a row only if the order moved. */
function insertIfMoved<T extends PgTable>(table: T, values: Partial<T['$inferInsert']>): SQL {
  const given = Object.entries(getTableColumns(table)).filter(([key]) => (values as Record<string, unknown>)[key] !== undefined);
  const names = sql.join(
    given.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const params = sql.join(
    given.map(([key, column]) => sql`${sql.param((values as Record<string, unknown>)[key], column)}::${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select ${params} from "moved"`;
}

/** The rows a move writes besides itself: its order event, and the buyer's email it makes due. */
function changeRecords(input: Pick<TransitionInput, 'orderId' | 'to' | 'cause' | 'detail'>, from: OrderStatus, now: Date) {
  const event: typeof orderEvents.$inferInsert = {
    orderId: input.orderId,
    fromStatus: from,
    toStatus: input.to,
    cause: input.cause,
    detail: input.detail ?? null,
    createdAt: now,
  };
  return [event, dueOnTransition({ orderId: input.orderId, from, to: input.to }).email] as const;
}

/**
 * The order event of a move and the buyer's email it makes due (queued unrendered, deduplicated by
 * its key), as CTEs for the statement that writes them: `WITH logged AS (INSERT …), mail AS (INSERT …)`.
 */
function recordChange(tx: Tx, input: TransitionInput, from: OrderStatus, now: Date) {
  const [event, email] = changeRecords(input, from, now);
  const logged = tx.$with('logged').as(tx.insert(orderEvents).values(event).returning({ id: orderEvents.id }));
  if (!email) return [logged] as const;
  const mail = tx
    .$with('mail')
    .as(tx.insert(outbox).values(email).onConflictDoNothing({ target: outbox.dedupeKey }).returning({ id: outbox.id }));
  return [logged, mail] as const;
}

class Short extends Error {
  constructor(readonly shortage: StockShortage[]) {
    super('not enough goods for this order');
  }
}

/**
 * What a paid order must hold, all or nothing, in a savepoint: its items back off the shelf if
 * they went back (it expired first), and its digital goods (license keys, download grants).
 * Anything short rolls the savepoint back and is returned.
 */
async function takeGoodsForPayment(tx: Tx, orderId: string, released: boolean, now: Date): Promise<StockShortage[]> {
  try {
    await tx.transaction(async (sp) => {
      const stock = released ? await reserveStockAgain(sp, orderId, now) : [];
      const keys = stock.length > 0 ? [] : await takeDeliverables(sp, orderId, now);
      const shortage = [
        ...stock,
        ...keys.map((k) => ({ productId: k.productId, name: k.name, wanted: k.wanted, inStock: k.available, of: 'license keys' as const })),
      ];
      if (shortage.length > 0) throw new Short(shortage);
    });
    return [];
  } catch (err) {
    if (err instanceof Short) return err.shortage;
    throw err;
  }
}

/**
 * An order's reserved goods, one entry per product and variant, in the lock order checkout uses
 * (products by id, then variants by id). A variant line whose variant was deleted since has no
 * shelf to go back to (`gone`).
 */
async function reservedLines(tx: Tx, orderId: string) {
  const lines = await tx
    .select({ productId: orderItems.productId, variantId: orderItems.variantId, sku: orderItems.sku, quantity: orderItems.quantity })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.productId), asc(orderItems.variantId));
  const wanted = new Map<string, { productId: number; variantId: number | null; gone: boolean; quantity: number }>();
  for (const l of lines) {
    const key = `${l.productId}:${l.variantId ?? ''}:${l.sku ?? ''}`;
    const entry = wanted.get(key) ?? {
      productId: l.productId,
      variantId: l.variantId,
      gone: l.variantId === null && l.sku !== null,
      quantity: 0,
    };
    entry.quantity += l.quantity;
    wanted.set(key, entry);
  }
  return [...wanted.values()];
}

/**
 * Take a released order's items off the shelf again, all or nothing: the products (or variants) are
 * locked in the order checkout uses, every line is checked, and only then is stock decremented and
 * the release cleared (so a later cancel gives it back once more). Returns what is short, if anything.
 */
async function reserveStockAgain(tx: Tx, orderId: string, now: Date): Promise<StockShortage[]> {
  const wanted = await reservedLines(tx, orderId);
  const shortage: StockShortage[] = [];
  for (const { productId, variantId, gone, quantity } of wanted) {
    // A variant is locked before its product, as checkout's decrement and its trigger do.
    const [v] =
      variantId === null
        ? []
        : await tx.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId)).for('update');
    const [p] = await tx
      .select({ name: products.name, stock: products.stock })
      .from(products)
      .where(eq(products.id, productId))
      .for('update');
    const inStock = variantId !== null ? (v?.stock ?? 0) : gone ? 0 : (p?.stock ?? 0);
    if (!p || inStock < quantity)
      shortage.push({ productId, name: p?.name ?? `Product ${productId}`, wanted: quantity, inStock, of: 'stock' });
  }
  if (shortage.length > 0) return shortage;
  for (const { productId, variantId, quantity } of wanted) {
    if (variantId !== null) {
      // The stock trigger takes the same from the product.
      await tx
        .update(productVariants)
        .set({ stock: sql`${productVariants.stock} - ${quantity}`, updatedAt: now })
        .where(eq(productVariants.id, variantId));
    } else {
      await tx
        .update(products)
        .set({ stock: sql`${products.stock} - ${quantity}`, updatedAt: now })
        .where(eq(products.id, productId));
    }
  }
  await tx.update(orders).set({ stockReleasedAt: null }).where(eq(orders.id, orderId));
  return [];
}

/** Put an order's reserved stock back on the shelf, exactly once (guarded by stock_released_at). */
export async function releaseStock(tx: Tx, orderId: string, now = new Date()): Promise<boolean> {
  const claimed = await tx
    .update(orders)
    .set({ stockReleasedAt: now })
    .where(and(eq(orders.id, orderId), isNull(orders.stockReleasedAt)))
    .returning({ id: orders.id });
  if (claimed.length === 0) return false;
  // The lock order checkout uses: no deadlocks.
  for (const item of await reservedLines(tx, orderId)) {
    if (item.gone) continue; // its variant was deleted: there is no shelf to put it back on
    if (item.variantId !== null) {
      // The stock trigger gives the product the same back.
      await tx
        .update(productVariants)
        .set({ stock: sql`${productVariants.stock} + ${item.quantity}`, updatedAt: now })
        .where(eq(productVariants.id, item.variantId));
    } else {
      await tx
        .update(products)
        .set({ stock: sql`${products.stock} + ${item.quantity}`, updatedAt: now })
        .where(eq(products.id, item.productId));
    }
  }
  return true;
}
