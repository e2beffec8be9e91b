import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orderFulfilments, orderRefunds, postbackEvents, sandboxInvoices } from '@/db/schema';
import { signPostbackToken } from '@/lib/cryptocloud';
import type { Admin } from '@/lib/auth';
import { cancelUnpaidOrder, flagRefundOwed, fulfilOrder, recheckOrder, reprocessPostback, resolveReview } from '@/lib/orders/admin-actions';
import { getOrderView } from '@/lib/orders/queries';
import {
  SANDBOX_SECRET,
  lateOrder,
  orderState,
  orderWithInvoice,
  placeTestOrder,
  postbacksFor,
  productBySlug,
  setStock,
  startShop,
  startSink,
  type Shop,
} from '../helpers/shop';

const admin: Admin = { id: 'admin-user-id', email: 'merchant@example.com', name: null };

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
  // The sandbox's postbacks go to a sink unless a test wants them delivered to the shop.
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url });
});

async function control(uuid: string, action: 'pay' | 'expire' | 'pay-late', body?: unknown) {
  const res = await shop.control(uuid, action, body);
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The last event, which must name the admin and the reason. */
async function lastEvent(orderId: string) {
  return (await orderState(orderId)).events.at(-1)!;
}

describe('re-check', () => {
  it('applies what the info API says now, and notes who asked', async () => {
    const o = await orderWithInvoice();
    await control(o.invoiceUuid, 'pay', { outcome: 'paid' }); // its postback goes to the sink
    expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment');
    const r = await recheckOrder(admin, o.orderId);
    expect(r).toMatchObject({ ok: true, value: { message: expect.stringContaining('awaiting_payment → paid') } });
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('paid');
    expect(s.transitions.slice(-2)).toEqual(['awaiting_payment→paid', 'paid→paid']);
    expect(s.events.at(-2)?.cause).toBe('reconciler');
    expect(s.events.at(-1)).toMatchObject({
      cause: 'admin',
      detail: { action: 'recheck', by: { email: admin.email }, reason: 'Re-checked with CryptoCloud' },
    });
  });

  it('never resolves a review by itself', async () => {
    const o = await lateOrder(shop, sink.url, 'whitepaper-poster', 1);
    await recheckOrder(admin, o.orderId);
    expect((await orderState(o.orderId)).order.status).toBe('needs_review');
  });
});

describe('cancel an unpaid order', () => {
  it('cancels the invoice at CryptoCloud, then the order, and puts the stock back', async () => {
    const before = (await productBySlug('hash-rate-notebook')).stock;
    const o = await orderWithInvoice([['hash-rate-notebook', 3]]);
    expect((await productBySlug('hash-rate-notebook')).stock).toBe(before - 3);
    const r = await cancelUnpaidOrder(admin, o.orderId, 'Buyer asked by email');
    expect(r).toMatchObject({ ok: true });
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('canceled');
    expect(s.payment?.status).toBe('canceled');
    expect((await productBySlug('hash-rate-notebook')).stock).toBe(before);
    expect(await lastEvent(o.orderId)).toMatchObject({
      cause: 'admin',
      fromStatus: 'awaiting_payment',
      toStatus: 'canceled',
      detail: { action: 'cancel', reason: 'Buyer asked by email', by: { id: admin.id, email: admin.email } },
    });
    const { db } = await getDb();
    const [invoice] = await db.select().from(sandboxInvoices).where(eq(sandboxInvoices.uuid, o.invoiceUuid));
    expect(invoice?.status).toBe('canceled');
    // Nobody can pay it any more.
    expect((await shop.control(o.invoiceUuid, 'pay', { outcome: 'paid' })).status).toBe(409);
  });

  it('refuses when the invoice was paid meanwhile, and takes the gateway’s word instead', async () => {
    const before = (await productBySlug('node-runner-mug')).stock;
    const o = await orderWithInvoice([['node-runner-mug', 1]]);
    await control(o.invoiceUuid, 'pay', { outcome: 'paid' });
    const r = await cancelUnpaidOrder(admin, o.orderId, 'Too slow');
    expect(r).toMatchObject({ ok: false, error: { kind: 'not-allowed', message: expect.stringContaining('paid at CryptoCloud') } });
    expect((await orderState(o.orderId)).order.status).toBe('paid');
    expect((await productBySlug('node-runner-mug')).stock).toBe(before - 1);
  });

  it('cancels a pending order that never got an invoice, and refuses paid orders', async () => {
    const pending = await placeTestOrder([['genesis-block-hoodie', 1]]);
    expect(await cancelUnpaidOrder(admin, pending.orderId, 'Test order')).toMatchObject({ ok: true });
    expect((await orderState(pending.orderId)).order.status).toBe('canceled');

    const paid = await orderWithInvoice();
    await control(paid.invoiceUuid, 'pay', { outcome: 'paid' });
    await recheckOrder(admin, paid.orderId);
    expect(await cancelUnpaidOrder(admin, paid.orderId, 'no')).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
    expect((await orderState(paid.orderId)).order.status).toBe('paid');
  });
});

describe('resolve a review', () => {
  it('marks paid, taking the released stock again, with who and why', async () => {
    const o = await lateOrder(shop, sink.url, 'merkle-tree-socks', 2);
    // The late confirmation's postback was stored and sent the order to review.
    expect((await postbacksFor(o.invoiceUuid)).map((p) => [p.verdict, p.detail])).toEqual([
      ['mismatch', 'payment arrived after the order was expired'],
    ]);
    const released = (await productBySlug('merkle-tree-socks')).stock;
    const r = await resolveReview(admin, o.orderId, 'paid', 'Money arrived 3 minutes late; goods available');
    expect(r).toMatchObject({ ok: true });
    const s = await orderState(o.orderId);
    expect(s.order).toMatchObject({ status: 'paid', stockReleasedAt: null });
    expect(s.order.paidAt).not.toBeNull();
    expect((await productBySlug('merkle-tree-socks')).stock).toBe(released - 2);
    expect(s.events.at(-1)).toMatchObject({
      cause: 'admin',
      fromStatus: 'needs_review',
      toStatus: 'paid',
      detail: { action: 'resolve', decision: 'paid', reason: 'Money arrived 3 minutes late; goods available', by: { email: admin.email } },
    });
  });

  it('refuses to mark paid without the stock, and changes nothing', async () => {
    const o = await lateOrder(shop, sink.url, 'block-height-wall-clock', 2);
    await setStock('block-height-wall-clock', 1);
    const r = await resolveReview(admin, o.orderId, 'paid', 'Late money');
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'out-of-stock', message: expect.stringContaining('Block Height Wall Clock: 2 needed, 1 in stock') },
    });
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('needs_review');
    expect(s.order.stockReleasedAt).not.toBeNull();
    expect((await productBySlug('block-height-wall-clock')).stock).toBe(1);
    expect(s.events.at(-1)?.toStatus).toBe('needs_review');
  });

  it('cancels without giving the stock back twice, then a refund owed can be flagged', async () => {
    const o = await lateOrder(shop, sink.url, 'faraday-wallet-pouch', 1);
    const released = (await productBySlug('faraday-wallet-pouch')).stock;
    expect(await resolveReview(admin, o.orderId, 'canceled', 'Out of season')).toMatchObject({ ok: true });
    expect((await orderState(o.orderId)).order.status).toBe('canceled');
    expect((await productBySlug('faraday-wallet-pouch')).stock).toBe(released);
    expect(await resolveReview(admin, o.orderId, 'paid', 'changed my mind')).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });

    const r = await flagRefundOwed(admin, o.orderId, {
      amount: '30.5',
      currency: 'USDT_TRC20',
      invoiceUuid: o.invoiceUuid,
      reason: 'Paid after expiry, order canceled',
    });
    expect(r).toMatchObject({ ok: true });
    const { db } = await getDb();
    const [refund] = await db.select().from(orderRefunds).where(eq(orderRefunds.orderId, o.orderId));
    expect(refund).toMatchObject({ currency: 'USDT_TRC20', invoiceUuid: o.invoiceUuid, flaggedBy: admin.email });
    expect(Number(refund!.amount)).toBe(30.5);
    expect(await lastEvent(o.orderId)).toMatchObject({
      cause: 'admin',
      fromStatus: 'canceled',
      toStatus: 'canceled',
      detail: { action: 'refund_owed', amount: '30.5' },
    });
  });
});

describe('refunds owed and fulfilment', () => {
  it('refuses a refund flag when no money came in', async () => {
    const o = await orderWithInvoice();
    expect(await flagRefundOwed(admin, o.orderId, { amount: '1', currency: 'USD', reason: 'none' })).toMatchObject({
      ok: false,
      error: { kind: 'not-allowed' },
    });
    const { db } = await getDb();
    expect(await db.select().from(orderRefunds).where(eq(orderRefunds.orderId, o.orderId))).toEqual([]);
  });

  it('marks a paid order fulfilled once, shown on the buyer’s page; unpaid orders cannot be', async () => {
    const unpaid = await orderWithInvoice();
    expect(await fulfilOrder(admin, unpaid.orderId, {})).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });

    const o = await orderWithInvoice();
    await control(o.invoiceUuid, 'pay', { outcome: 'paid' });
    await recheckOrder(admin, o.orderId);
    expect(await fulfilOrder(admin, o.orderId, { trackingRef: 'DHL 123', note: 'Sent in a blue box' })).toMatchObject({ ok: true });
    expect(await fulfilOrder(admin, o.orderId, {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('already') } });
    const { db } = await getDb();
    expect(await db.select().from(orderFulfilments).where(eq(orderFulfilments.orderId, o.orderId))).toHaveLength(1);
    const view = await getOrderView(o.orderId);
    expect(view?.fulfilment).toMatchObject({ trackingRef: 'DHL 123', note: 'Sent in a blue box' });
    // The merchant's notes stay out of the buyer's timeline.
    expect(view?.events.map((e) => `${e.from ?? '∅'}→${e.to}`)).toEqual(['∅→pending', 'pending→awaiting_payment', 'awaiting_payment→paid']);
  });
});

describe('postback inbox', () => {
  it('re-processes a postback left `received` by an outage', async () => {
    const o = await orderWithInvoice();
    await control(o.invoiceUuid, 'pay', { outcome: 'paid' });
    const { db } = await getDb();
    const token = await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET);
    const [row] = await db
      .insert(postbackEvents)
      .values({
        invoiceUuid: o.invoiceUuid,
        dedupeKey: `test-${o.invoiceUuid}`,
        contentType: 'application/json',
        rawBody: JSON.stringify({ token }),
        verdict: 'received',
        detail: 'info API unavailable: network',
      })
      .returning({ id: postbackEvents.id });
    const r = await reprocessPostback(admin, row!.id);
    expect(r).toMatchObject({ ok: true, value: { verdict: 'matched' } });
    expect((await orderState(o.orderId)).order.status).toBe('paid');
    const [after] = await db.select().from(postbackEvents).where(eq(postbackEvents.id, row!.id));
    expect(after).toMatchObject({ verdict: 'matched', orderId: o.orderId, detail: expect.stringContaining(admin.email) });
    expect(await reprocessPostback(admin, row!.id)).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
  });
});

describe('unknown orders', () => {
  it('are answered “not found” by every action', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const r of [
      await cancelUnpaidOrder(admin, missing, 'x'),
      await resolveReview(admin, missing, 'paid', 'x'),
      await fulfilOrder(admin, missing, {}),
      await flagRefundOwed(admin, missing, { amount: '1', currency: 'USD', reason: 'x' }),
      await recheckOrder(admin, missing),
    ]) {
      expect(r).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    }
  });
});

describe('sandbox pay-late control', () => {
  it('confirms only an invoice that expired, once', async () => {
    const o = await orderWithInvoice();
    expect((await shop.control(o.invoiceUuid, 'pay-late')).status).toBe(409);
    await control(o.invoiceUuid, 'expire');
    await control(o.invoiceUuid, 'pay-late');
    const { db } = await getDb();
    const [invoice] = await db.select().from(sandboxInvoices).where(eq(sandboxInvoices.uuid, o.invoiceUuid));
    expect(invoice).toMatchObject({ status: 'paid', invoiceStatus: 'success', amountPaid: invoice!.amountToPay });
    expect((await shop.control(o.invoiceUuid, 'pay-late')).status).toBe(409);
  });
});
