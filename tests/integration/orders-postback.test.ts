import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, openDb, setDb, type DbHandle } from '@/db/client';
import { orderEvents, orders, postbackEvents } from '@/db/schema';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { reconcile } from '@/lib/orders/reconcile';
import {
  SANDBOX_SECRET,
  orderState,
  orderWithInvoice,
  postbacksFor,
  productBySlug,
  setStock,
  startShop,
  startSink,
  type Shop,
} from '../helpers/shop';

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;

beforeAll(async () => {
  shop = await startShop();
  sink = await startSink();
});
afterAll(async () => {
  await sink.close();
  await shop.close();
});
beforeEach(() => {
  // By default the sandbox's own postbacks go nowhere useful: tests deliver them by hand.
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url, CRYPTOCLOUD_ALLOW_TEST_INVOICES: undefined });
});

async function postback(invoiceUuid: string, opts: { token?: string; form?: boolean; body?: Record<string, unknown> } = {}) {
  const token = opts.token ?? (await signPostbackToken(invoiceUuid, SANDBOX_SECRET));
  const fields = {
    status: 'success',
    invoice_id: invoiceSuffix(invoiceUuid),
    amount_crypto: '16.3',
    currency: 'USDT_TRC20',
    order_id: 'whatever',
    token,
    ...opts.body,
  };
  const body = opts.form ? new URLSearchParams(fields as Record<string, string>).toString() : JSON.stringify(fields);
  return fetch(`${shop.url}/api/cryptocloud/postback`, {
    method: 'POST',
    headers: { 'Content-Type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body,
  });
}

/** Deliver a postback while the info API (the sandbox, reached through APP_URL) is unreachable. */
async function postbackWhileInfoApiDown(invoiceUuid: string, token: string) {
  const url = `${shop.url}/api/cryptocloud/postback`;
  shop.setEnv({ APP_URL: 'http://127.0.0.1:1' });
  try {
    return await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ invoice_id: invoiceSuffix(invoiceUuid), token }),
    });
  } finally {
    shop.setEnv({ APP_URL: shop.url });
  }
}

async function pay(invoiceUuid: string, outcome: 'paid' | 'partial' | 'overpaid') {
  const res = await shop.control(invoiceUuid, 'pay', { outcome });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe('postback → paid, exactly once', () => {
  it('the sandbox pays, its own postback arrives (JSON), and the order is paid once', async () => {
    shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: undefined }); // default: ${APP_URL}/api/cryptocloud/postback
    const mugBefore = (await productBySlug('node-runner-mug')).stock;
    const o = await orderWithInvoice([['node-runner-mug', 2]]);
    expect((await productBySlug('node-runner-mug')).stock).toBe(mugBefore - 2);
    await pay(o.invoiceUuid, 'paid');
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('paid');
    expect(s.transitions).toEqual(['∅→pending', 'pending→awaiting_payment', 'awaiting_payment→paid']);
    expect(s.events.at(-1)?.cause).toBe('postback');
    expect(s.payment?.status).toBe('paid');
    expect((await postbacksFor(o.invoiceUuid)).map((p) => p.verdict)).toEqual(['applied']);
    expect((await productBySlug('node-runner-mug')).stock).toBe(mugBefore - 2);
  });

  it('the same, with form-encoded postbacks', async () => {
    shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: undefined, CRYPTOCLOUD_SANDBOX_POSTBACK_FORMAT: 'form' });
    try {
      const o = await orderWithInvoice();
      await pay(o.invoiceUuid, 'paid');
      expect((await orderState(o.orderId)).order.status).toBe('paid');
      const [event] = await postbacksFor(o.invoiceUuid);
      expect(event?.contentType).toContain('application/x-www-form-urlencoded');
      expect(event?.verdict).toBe('applied');
    } finally {
      shop.setEnv({ CRYPTOCLOUD_SANDBOX_POSTBACK_FORMAT: undefined });
    }
  });

  it('100 concurrent identical postbacks make one transition and one paid event', async () => {
    const stockBefore = (await productBySlug('whitepaper-poster')).stock;
    const o = await orderWithInvoice([['whitepaper-poster', 1]]);
    await pay(o.invoiceUuid, 'paid');
    expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment'); // delivered to the sink only
    const token = await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET);
    const responses = await Promise.all(Array.from({ length: 100 }, () => postback(o.invoiceUuid, { token })));
    expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('paid');
    expect(s.events.filter((e) => e.toStatus === 'paid')).toHaveLength(1);
    // One inbox row for the one distinct body, counting every delivery, marked by the one that applied it.
    const inbox = await postbacksFor(o.invoiceUuid);
    expect(inbox.map((p) => [p.verdict, p.repeatCount])).toEqual([['applied', 100]]);
    // A later delivery with a fresh token is a new row, found already paid.
    expect(
      (
        await postback(o.invoiceUuid, {
          token: await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET, { now: new Date(Date.now() + 2_000) }),
        })
      ).status,
    ).toBe(200);
    expect((await postbacksFor(o.invoiceUuid)).map((p) => p.verdict)).toEqual(['applied', 'duplicate']);
    expect((await productBySlug('whitepaper-poster')).stock).toBe(stockBefore - 1);
  });

  // Setting up 200 orders through the sandbox is most of this test's work: on a loaded machine it
  // needs far longer than the default timeout, so it gets its own.
  it('200 distinct postbacks at once: every order paid', { timeout: 240_000 }, async () => {
    await setStock('lightning-enamel-pin-set', 1_000);
    const placed: Awaited<ReturnType<typeof orderWithInvoice>>[] = [];
    for (let i = 0; i < 200; i += 10) {
      placed.push(...(await Promise.all(Array.from({ length: 10 }, () => orderWithInvoice([['lightning-enamel-pin-set', 1]])))));
    }
    for (let i = 0; i < placed.length; i += 10) await Promise.all(placed.slice(i, i + 10).map((o) => pay(o.invoiceUuid, 'paid')));
    const responses = await Promise.all(placed.map((o) => postback(o.invoiceUuid)));
    expect(responses.filter((r) => r.status !== 200)).toHaveLength(0);
    const { db } = await getDb();
    for (const o of placed) {
      const [row] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, o.orderId));
      expect(row?.status).toBe('paid');
    }
    const paidEvents = await db.select().from(orderEvents).where(eq(orderEvents.toStatus, 'paid'));
    expect(paidEvents.filter((e) => placed.some((o) => o.orderId === e.orderId))).toHaveLength(200);
  });

  it('the reconciler running alongside postbacks changes nothing twice', async () => {
    const o = await orderWithInvoice();
    await pay(o.invoiceUuid, 'paid');
    const token = await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET);
    const results = await Promise.all([
      reconcile(),
      ...Array.from({ length: 20 }, () => postback(o.invoiceUuid, { token })),
      reconcile({ orderIds: [o.orderId] }),
    ]);
    expect(results.slice(1, -1).every((r) => (r as Response).status === 200)).toBe(true);
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('paid');
    expect(s.events.filter((e) => e.toStatus === 'paid')).toHaveLength(1);
  });

  it('partial → partially_paid with the amount due, then a top-up → paid', async () => {
    const o = await orderWithInvoice();
    await pay(o.invoiceUuid, 'partial');
    await postback(o.invoiceUuid);
    let s = await orderState(o.orderId);
    expect(s.order.status).toBe('partially_paid');
    expect(Number(s.payment?.toSurcharge)).toBeGreaterThan(0);
    await pay(o.invoiceUuid, 'paid');
    await postback(o.invoiceUuid);
    s = await orderState(o.orderId);
    expect(s.order.status).toBe('paid');
    expect(s.transitions.slice(-2)).toEqual(['awaiting_payment→partially_paid', 'partially_paid→paid']);
  });

  it('overpaid → paid, with the overpaid amount recorded', async () => {
    const o = await orderWithInvoice();
    await pay(o.invoiceUuid, 'overpaid');
    await postback(o.invoiceUuid);
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('paid');
    expect(s.payment?.status).toBe('overpaid');
    expect(Number(s.payment?.overpaidAmount)).toBeGreaterThan(0);
  });
});

describe('postbacks that must not pay', () => {
  it('forged, expired, wrong-secret, alg none and id-mismatch tokens: 401, nothing stored or changed', async () => {
    const o = await orderWithInvoice();
    const other = await orderWithInvoice();
    await pay(o.invoiceUuid, 'paid');
    const now = Math.floor(Date.now() / 1000);
    const key = new TextEncoder().encode(SANDBOX_SECRET);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ id: invoiceSuffix(o.invoiceUuid), exp: now + 300 })).toString('base64url')}.`;
    const tokens = {
      forged: 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IlhYWFhYWFhYIn0.c2lnbmF0dXJl',
      expired: await new SignJWT({ id: invoiceSuffix(o.invoiceUuid) })
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime(now - 360)
        .sign(key),
      wrongSecret: await signPostbackToken(o.invoiceUuid, 'not-the-secret'),
      algNone: none,
      hs512: await new SignJWT({ id: invoiceSuffix(o.invoiceUuid) })
        .setProtectedHeader({ alg: 'HS512' })
        .setExpirationTime(now + 300)
        .sign(key),
      otherInvoice: await signPostbackToken(other.invoiceUuid, SANDBOX_SECRET),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await postback(o.invoiceUuid, { token });
      expect(res.status, name).toBe(401);
    }
    expect((await postback(o.invoiceUuid, { body: { token: undefined } })).status).toBe(401);
    expect(await postbacksFor(o.invoiceUuid)).toHaveLength(0);
    expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment');
    expect((await orderState(other.orderId)).order.status).toBe('awaiting_payment');
  });

  it("the body's order_id is ignored: the stored invoice decides which order is evaluated", async () => {
    const a = await orderWithInvoice();
    const b = await orderWithInvoice();
    await pay(a.invoiceUuid, 'paid');
    const res = await postback(a.invoiceUuid, { body: { order_id: b.publicToken, status: 'success' } });
    expect(res.status).toBe(200);
    expect((await orderState(a.orderId)).order.status).toBe('paid');
    expect((await orderState(b.orderId)).order.status).toBe('awaiting_payment');
  });

  it('a postback claiming success for an unpaid invoice changes nothing (mismatch)', async () => {
    const o = await orderWithInvoice();
    const res = await postback(o.invoiceUuid);
    expect(res.status).toBe(200);
    expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment');
    expect((await postbacksFor(o.invoiceUuid)).map((p) => p.verdict)).toEqual(['mismatch']);
  });

  it('test-mode invoices are refused where they are not allowed: needs_review', async () => {
    shop.setEnv({ CRYPTOCLOUD_ALLOW_TEST_INVOICES: 'false' });
    const o = await orderWithInvoice();
    await pay(o.invoiceUuid, 'paid');
    await postback(o.invoiceUuid);
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('needs_review');
    expect(s.events.at(-1)?.detail).toMatchObject({ reason: expect.stringContaining('test-mode') });
  });

  it('an invoice whose amount or currency differs from the order goes to needs_review', async () => {
    const { db } = await getDb();
    const { createInvoice } = await import('@/lib/cryptocloud');
    const { payments } = await import('@/db/schema');
    for (const [amount, currency] of [
      ['1.00', 'USD'],
      ['16.00', 'EUR'],
    ] as const) {
      const o = await orderWithInvoice(); // a $16.00 order
      const wrong = await createInvoice({ amount, currency, orderId: o.publicToken });
      if (!wrong.ok) throw new Error(wrong.error.message);
      // As if the order had been bound to the wrong invoice (a bug or tampering upstream).
      await db.update(payments).set({ invoiceUuid: wrong.value.uuid }).where(eq(payments.orderId, o.orderId));
      await pay(wrong.value.uuid, 'paid');
      expect((await postback(wrong.value.uuid)).status).toBe(200);
      const s = await orderState(o.orderId);
      expect(s.order.status, `${amount} ${currency}`).toBe('needs_review');
      expect((await postbacksFor(wrong.value.uuid)).map((p) => p.verdict)).toEqual(['mismatch']);
    }
  });

  it('a payment for an expired order goes to needs_review, never paid', async () => {
    const o = await orderWithInvoice();
    expect((await shop.control(o.invoiceUuid, 'expire')).status).toBe(200);
    await reconcile();
    expect((await orderState(o.orderId)).order.status).toBe('expired');
    // Late money: force the sandbox invoice to paid behind the expiry, then notify.
    const { sandboxInvoices } = await import('@/db/schema');
    const { db } = await getDb();
    await db
      .update(sandboxInvoices)
      .set({ status: 'paid', expiresAt: new Date(Date.now() + 3_600_000) })
      .where(eq(sandboxInvoices.uuid, o.invoiceUuid));
    await postback(o.invoiceUuid);
    expect((await orderState(o.orderId)).order.status).toBe('needs_review');
  });
});

describe('bad requests', () => {
  it('answers 413, 415, 400 and 405 without touching the database', async () => {
    const url = `${shop.url}/api/cryptocloud/postback`;
    const big = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(64 * 1024) });
    expect(big.status).toBe(413);
    expect((await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: '<a/>' })).status).toBe(415);
    expect((await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' })).status).toBe(400);
    expect((await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '' })).status).toBe(400);
    expect(
      (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"invoice_id":{"a":1},"token":"x"}' }))
        .status,
    ).toBe(400);
    for (const method of ['GET', 'PUT', 'DELETE']) expect((await fetch(url, { method })).status).toBe(405);
    const { db } = await getDb();
    expect(await db.$count(postbackEvents, eq(postbackEvents.contentType, 'text/xml'))).toBe(0);
  });
});

describe('faults', () => {
  it('database down → 503, then the same postback succeeds', async () => {
    const o = await orderWithInvoice();
    await pay(o.invoiceUuid, 'paid');
    const token = await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET);
    const healthy = await getDb();
    // A database that refuses connections (nothing listens on port 1).
    const down: DbHandle = await openDb({ url: 'postgres://postgres@127.0.0.1:1/none' });
    setDb(down);
    try {
      const res = await postback(o.invoiceUuid, { token });
      expect(res.status).toBe(503);
    } finally {
      setDb(healthy);
      await down.close();
    }
    expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment');
    const res = await postback(o.invoiceUuid, { token });
    expect(res.status).toBe(200);
    expect((await orderState(o.orderId)).order.status).toBe('paid');
  });

  it('info API down → 503 and not paid; later the same postback pays', async () => {
    const o = await orderWithInvoice();
    await pay(o.invoiceUuid, 'paid');
    const token = await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET);
    expect((await postbackWhileInfoApiDown(o.invoiceUuid, token)).status).toBe(503);
    expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment');
    expect((await postback(o.invoiceUuid, { token })).status).toBe(200);
    expect((await orderState(o.orderId)).order.status).toBe('paid');
  });
});

describe('money never vanishes', () => {
  it('an invoice that expires with an unseen partial payment goes to review, not expired', async () => {
    const o = await orderWithInvoice();
    await pay(o.invoiceUuid, 'partial'); // its postback went to the sink: we never saw it
    expect((await shop.control(o.invoiceUuid, 'expire')).status).toBe(200);
    await reconcile();
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('needs_review');
    expect(s.order.stockReleasedAt).toBeNull();
    expect(s.events.at(-1)?.detail).toMatchObject({ reason: 'invoice expired with money received' });
  });

  it('a payment confirmed after expiry, whose postback never came, is found by the reconciler', async () => {
    const o = await orderWithInvoice();
    await shop.control(o.invoiceUuid, 'expire');
    await reconcile();
    expect((await orderState(o.orderId)).order.status).toBe('expired');
    const { sandboxInvoices } = await import('@/db/schema');
    const { db } = await getDb();
    await db.update(sandboxInvoices).set({ status: 'paid', amountPaid: '17.4' }).where(eq(sandboxInvoices.uuid, o.invoiceUuid));
    await reconcile();
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('needs_review');
    expect(s.events.at(-1)).toMatchObject({ cause: 'reconciler', detail: { reason: 'payment arrived after the order was expired' } });
  });

  it('a postback left unconfirmed by an outage is confirmed by a later reconciler run', async () => {
    const o = await orderWithInvoice();
    await pay(o.invoiceUuid, 'paid');
    const token = await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET);
    expect((await postbackWhileInfoApiDown(o.invoiceUuid, token)).status).toBe(503);
    expect((await postbacksFor(o.invoiceUuid)).map((p) => p.verdict)).toEqual(['received']);
    // The gateway never retries; a run a few minutes later catches it (via the open order, and
    // marks the inbox row as confirmed).
    await reconcile({ now: new Date(Date.now() + 3 * 60_000) });
    expect((await orderState(o.orderId)).order.status).toBe('paid');
    expect((await postbacksFor(o.invoiceUuid)).map((p) => p.verdict)).toEqual(['matched']);
  });

  it('an older gateway reading never overwrites a newer one on the payment', async () => {
    const { getInvoices } = await import('@/lib/cryptocloud');
    const { applyInvoiceInfo } = await import('@/lib/orders/apply-invoice');
    const o = await orderWithInvoice();
    const before = await getInvoices([o.invoiceUuid]);
    if (!before.ok) throw new Error(before.error.message);
    await pay(o.invoiceUuid, 'overpaid');
    await postback(o.invoiceUuid);
    const paid = (await orderState(o.orderId)).payment;
    expect(paid?.status).toBe('overpaid');
    const { db } = await getDb();
    await applyInvoiceInfo(db, before.value.invoices[0]!, 'reconciler'); // the stale `created` reading
    const after = (await orderState(o.orderId)).payment;
    expect(after?.status).toBe('overpaid');
    expect(after?.overpaidAmount).toBe(paid?.overpaidAmount);
    expect((await orderState(o.orderId)).order.status).toBe('paid');
  });

  it('a second invoice paid for an already paid order is flagged for a refund, not called a duplicate', async () => {
    const { createInvoice } = await import('@/lib/cryptocloud');
    const { payments } = await import('@/db/schema');
    const o = await orderWithInvoice();
    await pay(o.invoiceUuid, 'paid');
    await postback(o.invoiceUuid);
    expect((await orderState(o.orderId)).order.status).toBe('paid');
    const second = await createInvoice({ amount: '16.00', currency: 'USD', orderId: o.publicToken });
    if (!second.ok) throw new Error(second.error.message);
    const { db } = await getDb();
    await db
      .insert(payments)
      .values({ orderId: o.orderId, invoiceUuid: second.value.uuid, link: second.value.link, amount: '16.00', currency: 'USD' });
    await pay(second.value.uuid, 'paid');
    expect((await postback(second.value.uuid)).status).toBe(200);
    const [event] = await postbacksFor(second.value.uuid);
    expect(event?.verdict).toBe('mismatch');
    expect(event?.detail).toContain(`order already paid through ${o.invoiceUuid}: refund this payment`);
    expect((await orderState(o.orderId)).events.filter((e) => e.toStatus === 'paid')).toHaveLength(1);
  });
});
