// What one checkout and one paying postback cost the database, counted (never timed): the statements
// the app sends (a drizzle logger, as `npm run bench` counts them) and the transactions they run in.
// A checkout is one transaction to place the order and one to record its invoice. The payment is
// applied with one locked read of the order, then one statement: the payment's update, the order's
// conditional update, the event, the buyer's email (queued unrendered) and the postback's verdict
// (data-modifying CTEs): nothing is rendered or re-read while the order is locked. A repeat about
// the paid invoice is answered without the info API, from one statement.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb, setDb, type DbHandle } from '@/db/client';
import * as schema from '@/db/schema';
import type { Db } from '@/db/types';
import { newCartId } from '@/lib/cart';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
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
  it('a file to download: 2 transactions; the order, its items and its first event in one statement; no claim statement', async () => {
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
    // Claim the cart, reserve the stock, the order; the payment with the move, its event and email.
    expect(checkout.statements).toHaveLength(5);
  });
});

describe('database work of one paying postback, counted', () => {
  for (const [what, items] of [
    ['goods to ship', [['node-runner-mug', 1]]],
    ['a file to download', [['self-custody-field-guide', 1]]],
  ] as const) {
    it(`${what}: at most 2 transactions; one locked read, then payment, order, event, email and verdict in one statement`, async () => {
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

      expect(paying.units).toBeLessThanOrEqual(2);
      const locked = paying.statements.filter((q) => /for update/i.test(q));
      expect(locked).toHaveLength(1);
      expect(locked[0]).toMatch(/for update of "orders"/i);
      const moves = paying.statements.filter((q) => /update "orders"/i.test(q));
      expect(moves).toHaveLength(1);
      // The payment, the order, its event, the receipt (unrendered: no read of the order's lines, no
      // React render) and the postback's verdict go out together, in the order's UPDATE statement.
      for (const write of [/update "payments"/i, /insert into "order_events"/i, /insert into "outbox"/i, /update "postback_events"/i])
        expect(moves[0]).toMatch(write);
      expect(paying.statements.filter((q) => /insert into "order_events"/i.test(q))).toHaveLength(1);
      // Goods to ship: store + find, the locked read, everything else. A file adds its lines and its
      // download grant.
      expect(paying.statements).toHaveLength(what === 'goods to ship' ? 3 : 5);
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
