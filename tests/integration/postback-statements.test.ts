// What one checkout and one paying postback cost the database, counted (never timed): the statements
// the app sends (a drizzle logger, as `npm run bench` counts them) and the transactions they run in.
// A checkout is one transaction to place the order and one to record its invoice. A paying postback
// for goods to ship is two statements and no transaction: storing it reads the order, and the
// payment's update, the order's update (conditional on the status read), the event, the buyer's
// email (queued unrendered) and the postback's verdict go in one more (data-modifying CTEs). Goods
// to take (a file to download) are taken under the order's row lock: one locked read, then the
// same writes in one statement. Nothing is rendered or re-read while the order is locked. A repeat
// about the paid invoice is answered without the info API, from one statement.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb, setDb, type DbHandle } from '@/db/client';
import * as schema from '@/db/schema';
import type { OrderStatus } from '@/db/schema';
import type { Db } from '@/db/types';
import { newCartId } from '@/lib/cart';
import { eq } from 'drizzle-orm';
import { getInvoices, invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { applyPaymentIfUnchanged } from '@/lib/orders/apply-invoice';
import { transitionOrder } from '@/lib/orders/state-machine';
import { createClaimedInvoice } from '@/lib/orders/invoice';
import { placeOrder } from '@/lib/orders/place-order';
import { startFakeCryptoCloud, type FakeCryptoCloud } from '../helpers/fake-cryptocloud';
import { addProductToCart, orderState, orderWithInvoice, postbacksFor, startShop, startSink, type Shop } from '../helpers/shop';

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;
let fake: FakeCryptoCloud;
let original: DbHandle;
/** Statements sent, each with whether it ran inside a transaction. */
const sent: Array<{ sql: string; inTransaction: boolean }> = [];
let transactions = 0;
let depth = 0;

/** The same database through a drizzle instance that records every statement and transaction. */
async function countingDb(handle: DbHandle): Promise<Db> {
  const logger = { logQuery: (query: string) => sent.push({ sql: query, inTransaction: depth > 0 }) };
  const client = (handle.db as unknown as { $client: unknown }).$client;
  const db = (handle.kind === 'pglite'
    ? (await import('drizzle-orm/pglite')).drizzle({ client: client as never, schema, logger })
    : (await import('drizzle-orm/node-postgres')).drizzle({ client: client as never, schema, logger })) as unknown as Db;
  const transaction = db.transaction.bind(db);
  db.transaction = (async (fn: Parameters<Db['transaction']>[0], config?: Parameters<Db['transaction']>[1]) => {
    transactions++;
    depth++;
    try {
      return await transaction(fn, config);
    } finally {
      depth--;
    }
  }) as Db['transaction'];
  return db;
}

/** Committed units of work: each transaction, and each statement sent outside one. */
const units = () => transactions + sent.filter((s) => !s.inTransaction).length;

beforeAll(async () => {
  shop = await startShop();
  sink = await startSink();
  fake = await startFakeCryptoCloud();
  original = await getDb();
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url });
});
afterEach(() => {
  setDb(original);
  shop.setEnv(Object.fromEntries(Object.keys(fake.env).map((k) => [k, undefined])));
});
afterAll(async () => {
  await fake.close();
  await sink.close();
  await shop.close();
});

const deliver = async (invoiceUuid: string, token: string) => {
  const res = await fetch(`${shop.url}/api/cryptocloud/postback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'success', invoice_id: invoiceSuffix(invoiceUuid), token }),
  });
  return { status: res.status, body: (await res.json()) as { verdict?: string } };
};

/** Count what `fn` sends through the app's database handle. */
async function counted(fn: () => Promise<void>) {
  setDb({ ...original, db: await countingDb(original) });
  sent.length = 0;
  transactions = 0;
  try {
    await fn();
  } finally {
    setDb(original);
  }
  // Transaction control (node-postgres sends BEGIN/COMMIT through the logger; the digital goods are
  // taken in a savepoint) is not work: transactions are counted apart.
  const work = sent.map((s) => s.sql).filter((q) => !/^(begin|commit|rollback|(release )?savepoint )/i.test(q));
  return { statements: work, units: units() };
}

describe('database work of one checkout, counted', () => {
  it('a file to download: 2 units of work; the order, its items and its first event in one statement; no claim statement; the invoice in one statement', async () => {
    shop.setEnv(fake.env);
    const cartId = newCartId();
    expect((await addProductToCart(cartId, 'self-custody-field-guide', 1)).ok).toBe(true);
    let orderId = '';
    const checkout = await counted(async () => {
      // As the checkout action does.
      const placed = await placeOrder(
        cartId,
        { email: 'counted@example.com', checkoutKey: 'counted-checkout-0001' },
        { claimInvoice: true },
      );
      if (!placed.ok || !placed.value.claimed) throw new Error('not placed');
      orderId = placed.value.orderId;
      const invoice = await createClaimedInvoice(orderId, placed.value.claimed);
      expect(invoice.ok).toBe(true);
    });
    const s = await orderState(orderId);
    expect(s.order).toMatchObject({ status: 'awaiting_payment', invoiceRequestedAt: null });
    expect(s.transitions).toEqual(['∅→pending', 'pending→awaiting_payment']);
    expect(s.payment).toBeDefined();

    expect(checkout.units).toBe(2);
    const placing = checkout.statements.filter((q) => /insert into "orders"/i.test(q));
    expect(placing).toHaveLength(1);
    expect(placing[0]).toMatch(/insert into "order_items"/i);
    expect(placing[0]).toMatch(/insert into "order_events"/i);
    // Only the move to awaiting_payment updates the order (it releases the claim too).
    expect(checkout.statements.filter((q) => /^(with .*)?update "orders"/is.test(q))).toHaveLength(1);
    // Claim the cart, reserve the stock, the order; then, outside a transaction, the payment with
    // the move (conditional on the order still pending), its event and email.
    expect(checkout.statements).toHaveLength(4);
    expect(checkout.statements[3]).toMatch(/insert into "payments"/i);
    expect(checkout.statements[3]).toMatch(/insert into "order_events"/i);
  });
});

describe('database work of one paying postback, counted', () => {
  for (const [what, items] of [
    ['goods to ship', [['node-runner-mug', 1]]],
    ['a file to download', [['self-custody-field-guide', 1]]],
  ] as const) {
    const unlocked = what === 'goods to ship';
    it(`${what}: ${unlocked ? 'two statements, no transaction, no lock' : 'at most 2 transactions; one locked read'}, then payment, order, event, email and verdict in one statement`, async () => {
      shop.setEnv(fake.env);
      const o = await orderWithInvoice(items.map(([slug, n]) => [slug, n]));
      fake.invoices.get(o.invoiceUuid)!.status = 'paid';
      const token = await signPostbackToken(o.invoiceUuid, fake.secretKey);

      const paying = await counted(async () => {
        const r = await deliver(o.invoiceUuid, token);
        expect(r).toEqual({ status: 200, body: expect.objectContaining({ verdict: 'applied' }) });
      });
      const s = await orderState(o.orderId);
      expect(s.order.status).toBe('paid');
      expect(s.events.filter((e) => e.toStatus === 'paid')).toHaveLength(1);
      expect(s.payment).toMatchObject({ status: 'paid' });
      const [stored] = await postbacksFor(o.invoiceUuid);
      expect(stored).toMatchObject({ verdict: 'applied', orderId: o.orderId, detail: 'gateway paid; order awaiting_payment → paid' });

      expect(paying.units).toBeLessThanOrEqual(2);
      const locked = paying.statements.filter((q) => /for update of "orders"/i.test(q));
      const moves = paying.statements.filter((q) => /update "orders"/i.test(q));
      if (unlocked) {
        expect(locked).toHaveLength(0);
        expect(transactions).toBe(0);
        // The move takes the row's lock only if it is free: it never waits for one.
        expect(moves[0]).toMatch(/for update skip locked/i);
      } else {
        expect(locked).toHaveLength(1);
        expect(locked[0]).toMatch(/for update of "orders"/i);
      }
      expect(moves).toHaveLength(1);
      // The payment, the order, its event, the receipt (unrendered: no read of the order's lines, no
      // React render) and the postback's verdict go out together, in the order's UPDATE statement.
      for (const write of [/update "payments"/i, /insert into "order_events"/i, /insert into "outbox"/i, /update "postback_events"/i])
        expect(moves[0]).toMatch(write);
      expect(paying.statements.filter((q) => /insert into "order_events"/i.test(q))).toHaveLength(1);
      // Goods to ship: store + find, everything else. A file: store + find, the locked read,
      // everything else, then its lines and its download grant.
      expect(paying.statements).toHaveLength(unlocked ? 2 : 5);
    });
  }

  it('a repeat about the paid invoice: one statement, no info API call, recorded in the inbox', async () => {
    shop.setEnv(fake.env);
    const o = await orderWithInvoice();
    fake.invoices.get(o.invoiceUuid)!.status = 'paid';
    expect((await deliver(o.invoiceUuid, await signPostbackToken(o.invoiceUuid, fake.secretKey))).status).toBe(200);
    const asked = fake.infoRequests.length;

    const later = await signPostbackToken(o.invoiceUuid, fake.secretKey, { ttlSec: 301 }); // a new delivery
    const repeat = await counted(async () => {
      expect(await deliver(o.invoiceUuid, later)).toEqual({ status: 200, body: expect.objectContaining({ verdict: 'duplicate' }) });
    });
    expect(repeat.statements).toHaveLength(1);
    expect(repeat.units).toBe(1);
    expect(fake.infoRequests.length).toBe(asked);
    expect((await postbacksFor(o.invoiceUuid)).map((p) => p.verdict)).toEqual(['applied', 'duplicate']);
  });
});

/**
 * An order whose invoice the gateway reports paid (its `InvoiceInfo`), and the order and payment
 * as the postback's first statement reads them (`seen`), with the status read as `status`.
 */
async function paidAtGatewayAsSeen(status: OrderStatus = 'awaiting_payment') {
  const o = await orderWithInvoice();
  fake.invoices.get(o.invoiceUuid)!.status = 'paid';
  const info = await getInvoices([o.invoiceUuid]);
  if (!info.ok) throw new Error(info.error.message);
  const { db } = await getDb();
  const [row] = await db
    .select({
      paymentId: schema.payments.id,
      paymentStatus: schema.payments.status,
      totalMinor: schema.orders.totalMinor,
      currency: schema.orders.currency,
    })
    .from(schema.payments)
    .innerJoin(schema.orders, eq(schema.orders.id, schema.payments.orderId))
    .where(eq(schema.payments.invoiceUuid, o.invoiceUuid));
  const seen = { orderId: o.orderId, publicToken: o.publicToken, ...row!, status, stockReleasedAt: null, hasDigital: false };
  return { o, db, invoice: info.value.invoices[0]!, seen };
}

describe('a paying answer for an order that changed after the postback read it', () => {
  it('the one statement writes nothing, and the postback is decided again under the lock', async () => {
    shop.setEnv(fake.env);
    const { o, db, invoice, seen } = await paidAtGatewayAsSeen();
    const before = await orderState(o.orderId);
    const outbox = async () => (await db.select().from(schema.outbox).where(eq(schema.outbox.orderId, o.orderId))).length;
    const mails = await outbox();

    // Read while it was still pending: the order moved since (to awaiting_payment), so nothing moves.
    expect(await applyPaymentIfUnchanged(db, invoice, 'postback', { ...seen, status: 'pending' })).toBeNull();
    const after = await orderState(o.orderId);
    expect(after.order.status).toBe('awaiting_payment');
    expect(after.events).toHaveLength(before.events.length);
    expect(after.payment).toEqual(before.payment);
    expect(await outbox()).toBe(mails);

    // The merchant cancels it between the postback's read and its move: the postback's one statement
    // misses, and under the lock the payment of a canceled order goes to review, never to paid.
    await db.transaction((tx) => transitionOrder(tx, { orderId: o.orderId, to: 'canceled', cause: 'admin' }));
    expect(await applyPaymentIfUnchanged(db, invoice, 'postback', { ...seen, status: 'awaiting_payment' })).toBeNull();
    expect((await orderState(o.orderId)).order.status).toBe('canceled');
    const r = await deliver(o.invoiceUuid, await signPostbackToken(o.invoiceUuid, fake.secretKey));
    expect(r).toEqual({ status: 200, body: expect.objectContaining({ verdict: 'mismatch' }) });
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('needs_review');
    expect(s.transitions.slice(-2)).toEqual(['awaiting_payment→canceled', 'canceled→needs_review']);
    expect(s.payment).toMatchObject({ status: 'paid' });

    // Read as it is: moved, with the payment, event and email.
    const fresh = await paidAtGatewayAsSeen();
    const outcome = await applyPaymentIfUnchanged(db, fresh.invoice, 'postback', fresh.seen);
    expect(outcome).toEqual({ kind: 'applied', from: 'awaiting_payment', to: 'paid' });
    const paid = await orderState(fresh.o.orderId);
    expect(paid.order.status).toBe('paid');
    expect(paid.transitions.at(-1)).toBe('awaiting_payment→paid');
    expect(paid.payment).toMatchObject({ status: 'paid' });
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.orderId, fresh.o.orderId))).toContainEqual(
      expect.objectContaining({ kind: 'order_paid' }),
    );
  });
});

describe.skipIf(process.env.TEST_DB !== 'postgres')(
  'an order someone else holds locked right now (PostgreSQL only: PGlite runs one transaction at a time)',
  () => {
    it('the one statement does not wait for the lock: it writes nothing and the locked path waits instead', async () => {
      shop.setEnv(fake.env);
      const { o, db, invoice, seen } = await paidAtGatewayAsSeen();
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const held = new Promise<void>((r) => (holding = r));
      // Another transaction holds the order's row lock until told to let go.
      const holder = db.transaction(async (tx) => {
        await tx.select({ id: schema.orders.id }).from(schema.orders).where(eq(schema.orders.id, o.orderId)).for('update');
        holding();
        await released;
      });
      await held;
      expect(await applyPaymentIfUnchanged(db, invoice, 'postback', seen)).toBeNull();
      release();
      await holder;
      expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment');
      expect((await deliver(o.invoiceUuid, await signPostbackToken(o.invoiceUuid, fake.secretKey))).status).toBe(200);
      expect((await orderState(o.orderId)).order.status).toBe('paid');
    });
  },
);
