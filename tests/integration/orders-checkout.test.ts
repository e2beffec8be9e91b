import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orders, payments } from '@/db/schema';
import { addToCart, getCart, newCartId } from '@/lib/cart';
import { createInvoice } from '@/lib/cryptocloud';
import { minorToDecimalString } from '@/lib/money';
import { createClaimedInvoice, ensureInvoice } from '@/lib/orders/invoice';
import { placeOrder } from '@/lib/orders/place-order';
import { findOrderIdByToken, getOrderView } from '@/lib/orders/queries';
import { reconcile, reconcileOnView } from '@/lib/orders/reconcile';
import { startRouteServer } from '../helpers/route-server';
import {
  orderState,
  orderWithInvoice,
  placeTestOrder,
  postbacksFor,
  productBySlug,
  setStock,
  startShop,
  startSink,
  testShipping,
  variantBySku,
  type Shop,
} from '../helpers/shop';

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;

// The goods here are physical: each checkout ships to the same test address.
let shipping: Awaited<ReturnType<typeof testShipping>>;

beforeAll(async () => {
  shop = await startShop();
  shipping = await testShipping();
  sink = await startSink();
});
afterAll(async () => {
  await sink.close();
  await shop.close();
});
beforeEach(() =>
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url, APP_URL: shop.url, CRYPTOCLOUD_TIMEOUT_MS: undefined, CRON_SECRET: undefined }),
);

describe('checkout', () => {
  it('50 concurrent checkouts for a product with stock 10: exactly 10 orders, the rest out of stock', async () => {
    await setStock('faraday-wallet-pouch', 10);
    const pouch = await productBySlug('faraday-wallet-pouch');
    const carts = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const cartId = newCartId();
        await addToCart(cartId, pouch.id, 1);
        return cartId;
      }),
    );
    const results = await Promise.all(
      carts.map((cartId, i) => placeOrder(cartId, { email: `b${i}@example.com`, checkoutKey: `concurrent-checkout-${i}`, shipping })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(40);
    for (const r of refused)
      expect(r).toMatchObject({ ok: false, error: { kind: 'out_of_stock', message: expect.stringContaining('out of stock') } });
    expect((await productBySlug('faraday-wallet-pouch')).stock).toBe(0);
    // Refused buyers keep their carts.
    const leftover = await Promise.all(carts.map((c) => getCart(c)));
    expect(leftover.filter((c) => c.lines.length === 1)).toHaveLength(40);
  });

  it('prices come from the database at checkout, not from the cart or the form', async () => {
    const cartId = newCartId();
    const mug = await productBySlug('genesis-block-hoodie');
    await addToCart(cartId, mug.id, 2, (await variantBySku('GBH-L')).id);
    const { db } = await getDb();
    const { products } = await import('@/db/schema');
    await db.update(products).set({ priceMinor: 6100 }).where(eq(products.id, mug.id));
    const placed = await placeOrder(cartId, { email: 'a@example.com', checkoutKey: 'price-from-db-0001', shipping });
    if (!placed.ok) throw new Error(placed.error.message);
    const view = await getOrderView(placed.value.orderId);
    expect(view?.totalMinor).toBe(12_200);
    expect(view?.items).toMatchObject([{ name: 'Genesis Block Hoodie', quantity: 2, unitPriceMinor: 6100, lineTotalMinor: 12_200 }]);
    expect((await getCart(cartId)).lines).toHaveLength(0);
  });

  it('a double submit (same checkout key, concurrently) makes one order and one invoice, same link for both', async () => {
    const cartId = newCartId();
    await addToCart(cartId, (await productBySlug('hash-rate-notebook')).id, 1);
    const stock = (await productBySlug('hash-rate-notebook')).stock;
    const input = { email: 'twice@example.com', checkoutKey: 'double-submit-key-0001', shipping };
    const [a, b] = await Promise.all([placeOrder(cartId, input), placeOrder(cartId, input)]);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(a.value.orderId).toBe(b.value.orderId);
    const [ia, ib] = await Promise.all([ensureInvoice(a.value.orderId), ensureInvoice(b.value.orderId)]);
    if (!ia.ok || !ib.ok) throw new Error('no invoice');
    expect(ia.value.link).toBe(ib.value.link);
    const { db } = await getDb();
    expect(await db.$count(orders, eq(orders.checkoutKey, input.checkoutKey))).toBe(1);
    expect(await db.$count(payments, eq(payments.orderId, a.value.orderId))).toBe(1);
    expect((await productBySlug('hash-rate-notebook')).stock).toBe(stock - 1);
    expect(ia.value.link).toMatch(new RegExp(`^${shop.url}/sandbox/pay/[A-Z0-9]{8}$`));
  });

  it('one checkout key from two carts (a copied form): one order, the second cart kept and its stock given back', async () => {
    const notebook = await productBySlug('hash-rate-notebook');
    const [first, second] = [newCartId(), newCartId()];
    await addToCart(first, notebook.id, 1);
    await addToCart(second, notebook.id, 2);
    const input = { email: 'copied@example.com', checkoutKey: 'copied-form-key-0001', shipping };
    const a = await placeOrder(first, input);
    const b = await placeOrder(second, input);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(b.value).toMatchObject({ orderId: a.value.orderId, created: false });
    const { db } = await getDb();
    expect(await db.$count(orders, eq(orders.checkoutKey, input.checkoutKey))).toBe(1);
    expect((await productBySlug('hash-rate-notebook')).stock).toBe(notebook.stock - 1);
    expect((await getCart(second)).lines.map((l) => l.quantity)).toEqual([2]);
  });

  it('an order born with its invoice claim: a concurrent "Pay now" waits for it and gets the same invoice', async () => {
    const cartId = newCartId();
    await addToCart(cartId, (await productBySlug('hash-rate-notebook')).id, 1);
    const placed = await placeOrder(
      cartId,
      { email: 'claimed@example.com', checkoutKey: 'born-claimed-key-0001', shipping },
      { claimInvoice: true },
    );
    if (!placed.ok || !placed.value.claimed) throw new Error('not placed with its claim');
    const [checkout, payNow] = await Promise.all([
      createClaimedInvoice(placed.value.orderId, placed.value.claimed),
      ensureInvoice(placed.value.orderId),
    ]);
    if (!checkout.ok || !payNow.ok) throw new Error('no invoice');
    expect(payNow.value).toMatchObject({ link: checkout.value.link, reused: true });
    const { db } = await getDb();
    expect(await db.$count(payments, eq(payments.orderId, placed.value.orderId))).toBe(1);
    const s = await orderState(placed.value.orderId);
    expect(s.order).toMatchObject({ status: 'awaiting_payment', invoiceRequestedAt: null });
    expect(s.transitions).toEqual(['∅→pending', 'pending→awaiting_payment']);
  });

  it('10 concurrent checkouts of one cart with different checkout keys: one order, stock reserved once', async () => {
    const cartId = newCartId();
    const poster = await productBySlug('whitepaper-poster');
    const pins = await productBySlug('lightning-enamel-pin-set');
    await addToCart(cartId, poster.id, 2);
    await addToCart(cartId, pins.id, 1);
    const keys = Array.from({ length: 10 }, (_, i) => `one-cart-many-keys-${i}`);
    const results = await Promise.all(keys.map((checkoutKey) => placeOrder(cartId, { email: 'race@example.com', checkoutKey, shipping })));

    const placed = results.filter((r) => r.ok);
    expect(placed).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok))
      expect(r).toEqual({ ok: false, error: { kind: 'empty', message: 'Your cart is empty.' } });
    const { db } = await getDb();
    expect(await db.$count(orders, inArray(orders.checkoutKey, keys))).toBe(1);
    expect((await productBySlug('whitepaper-poster')).stock).toBe(poster.stock - 2);
    expect((await productBySlug('lightning-enamel-pin-set')).stock).toBe(pins.stock - 1);
    const view = await getOrderView(placed[0]!.ok ? placed[0]!.value.orderId : '');
    expect(view?.items.map((i) => [i.name, i.quantity])).toEqual([
      [poster.name, 2],
      [pins.name, 1],
    ]);
    expect((await getCart(cartId)).lines).toHaveLength(0);
  });

  it('an inactive product in the cart: clear message, no order', async () => {
    const cartId = newCartId();
    const socks = await productBySlug('merkle-tree-socks');
    expect(await addToCart(cartId, socks.id, 1, (await variantBySku('MTS-SM')).id)).toMatchObject({ ok: true });
    const { db } = await getDb();
    const { products } = await import('@/db/schema');
    await db.update(products).set({ active: false }).where(eq(products.id, socks.id));
    try {
      const r = await placeOrder(cartId, { email: 'a@example.com', checkoutKey: 'inactive-product-01', shipping });
      expect(r).toMatchObject({
        ok: false,
        error: { kind: 'unavailable', message: expect.stringContaining('Merkle Tree Socks is no longer available') },
      });
      expect(await db.$count(orders, eq(orders.checkoutKey, 'inactive-product-01'))).toBe(0);
      expect((await productBySlug('merkle-tree-socks')).stock).toBe(socks.stock);
    } finally {
      await db.update(products).set({ active: true }).where(eq(products.id, socks.id));
    }
  });

  it.each([
    ['down (connection refused)', 'refused'],
    ['answering garbage', 'garbage'],
    ['linking to a foreign host', 'foreign-link'],
    ['too slow (timeout)', 'hang'],
  ])('gateway %s: the order stays pending with no invoice; "Pay now" later works', async (_name, mode) => {
    const stub = await startRouteServer({
      '/api/sandbox/cryptocloud/v2/[...path]': async () => ({
        POST: async (req: Request) => {
          if (mode === 'garbage') return new Response('<html>oops</html>', { status: 200 });
          if (mode === 'foreign-link') {
            return Response.json({
              status: 'success',
              result: { uuid: 'INV-ABCDEFGH', link: 'https://evil.example/ABCDEFGH', status: 'created', amount: 16, test_mode: true },
            });
          }
          // Hangs until the gateway client gives up and goes away (CRYPTOCLOUD_TIMEOUT_MS below).
          await new Promise((resolve) => req.signal.addEventListener('abort', resolve, { once: true }));
          return new Response('late');
        },
      }),
    });
    const order = await placeTestOrder([['node-runner-mug', 1]]);
    shop.setEnv({ APP_URL: mode === 'refused' ? 'http://127.0.0.1:1' : stub.url, CRYPTOCLOUD_TIMEOUT_MS: '300' });
    try {
      const r = await ensureInvoice(order.orderId);
      expect(r).toMatchObject({ ok: false, error: { kind: 'gateway', message: expect.stringContaining('try "Pay now" again') } });
    } finally {
      shop.setEnv({ APP_URL: shop.url, CRYPTOCLOUD_TIMEOUT_MS: undefined });
      await stub.close();
    }
    let s = await orderState(order.orderId);
    expect(s.order.status).toBe('pending');
    expect(s.payment).toBeUndefined();
    const retry = await ensureInvoice(order.orderId);
    expect(retry).toMatchObject({ ok: true, value: { reused: false } });
    s = await orderState(order.orderId);
    expect(s.order.status).toBe('awaiting_payment');
    // "Pay now" again reuses the still-valid invoice.
    expect(await ensureInvoice(order.orderId)).toMatchObject({ ok: true, value: { reused: true, link: retry.ok ? retry.value.link : '' } });
  });
});

describe('reconciler', () => {
  it('pays an order whose postback never came, and a second run changes nothing', async () => {
    const o = await orderWithInvoice();
    await shop.control(o.invoiceUuid, 'pay', { outcome: 'paid' });
    expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment');
    const first = await reconcile();
    expect(first.errors).toEqual([]);
    expect((await orderState(o.orderId)).order.status).toBe('paid');
    await reconcile();
    const s = await orderState(o.orderId);
    expect(s.events.filter((e) => e.toStatus === 'paid')).toHaveLength(1);
    expect(s.events.at(-1)?.cause).toBe('reconciler');
  });

  it('expires an order whose invoice expired and puts its stock back exactly once', async () => {
    const before = (await productBySlug('block-height-wall-clock')).stock;
    const o = await orderWithInvoice([['block-height-wall-clock', 3]]);
    expect((await productBySlug('block-height-wall-clock')).stock).toBe(before - 3);
    await shop.control(o.invoiceUuid, 'expire');
    await reconcile();
    await reconcile();
    const s = await orderState(o.orderId);
    expect(s.order.status).toBe('expired');
    expect(s.order.stockReleasedAt).not.toBeNull();
    expect((await productBySlug('block-height-wall-clock')).stock).toBe(before);
  });

  it('matches a postback that arrived before checkout stored the invoice id', async () => {
    const order = await placeTestOrder([['node-runner-mug', 1]]);
    // The invoice exists at the gateway but checkout has not stored it yet (it crashed or is slow).
    const { totalMinor } = (await orderState(order.orderId)).order; // the mug and its shipping
    const created = await createInvoice({ amount: minorToDecimalString(totalMinor, 'USD'), currency: 'USD', orderId: order.publicToken });
    if (!created.ok) throw new Error(created.error.message);
    shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: undefined }); // deliver to the shop
    await shop.control(created.value.uuid, 'pay', { outcome: 'paid' });
    expect((await postbacksFor(created.value.uuid)).map((p) => p.verdict)).toEqual(['unmatched']);
    expect((await orderState(order.orderId)).order.status).toBe('pending');

    const report = await reconcile();
    expect(report.matchedPostbacks).toBe(1);
    const s = await orderState(order.orderId);
    expect(s.order.status).toBe('paid');
    expect(s.payment?.invoiceUuid).toBe(created.value.uuid);
    expect((await postbacksFor(created.value.uuid)).map((p) => p.verdict)).toEqual(['matched']);
  });

  it('expires pending orders that never got an invoice within the payment window, releasing stock', async () => {
    const before = (await productBySlug('node-runner-mug')).stock;
    const order = await placeTestOrder([['node-runner-mug', 2]]);
    await reconcile(); // inside the window: untouched
    expect((await orderState(order.orderId)).order.status).toBe('pending');
    await reconcile({ now: new Date(Date.now() + 61 * 60_000) });
    const s = await orderState(order.orderId);
    expect(s.order.status).toBe('expired');
    expect(s.events.at(-1)?.cause).toBe('payment_window');
    expect((await productBySlug('node-runner-mug')).stock).toBe(before);
  });

  it('runs on an order page view only after 30 s and at most once per 15 s', async () => {
    const o = await orderWithInvoice();
    await shop.control(o.invoiceUuid, 'pay', { outcome: 'paid' });
    expect(await reconcileOnView(o.orderId)).toBe(false); // too young
    const later = new Date(Date.now() + 31_000);
    expect(await reconcileOnView(o.orderId, later)).toBe(true);
    expect((await orderState(o.orderId)).order.status).toBe('paid');
    const o2 = await orderWithInvoice();
    expect(await reconcileOnView(o2.orderId, later)).toBe(true);
    expect(await reconcileOnView(o2.orderId, new Date(later.getTime() + 5_000))).toBe(false);
    expect(await reconcileOnView(o2.orderId, new Date(later.getTime() + 16_000))).toBe(true);
  });

  it('runs in the background on a long-running server and pays a missed postback by itself', async () => {
    const { startBackgroundReconciler, stopBackgroundReconciler } = await import('@/lib/orders/background');
    const o = await orderWithInvoice();
    await shop.control(o.invoiceUuid, 'pay', { outcome: 'paid' }); // postback lost (sink)
    shop.setEnv({ RECONCILE_INTERVAL_SECONDS: '1' });
    try {
      expect(startBackgroundReconciler()).toBe(true);
      expect(startBackgroundReconciler()).toBe(false); // one per process
      await expect.poll(async () => (await orderState(o.orderId)).order.status, { timeout: 5_000 }).toBe('paid');
    } finally {
      stopBackgroundReconciler();
      shop.setEnv({ RECONCILE_INTERVAL_SECONDS: undefined });
    }
    shop.setEnv({ RECONCILE_INTERVAL_SECONDS: '0' });
    expect(startBackgroundReconciler()).toBe(false);
    shop.setEnv({ RECONCILE_INTERVAL_SECONDS: undefined });
  });

  it('GET /api/cron/reconcile requires the bearer secret', async () => {
    const url = `${shop.url}/api/cron/reconcile`;
    expect((await fetch(url)).status).toBe(401); // no secret configured
    shop.setEnv({ CRON_SECRET: 'a-long-enough-cron-secret' });
    expect((await fetch(url, { headers: { Authorization: 'Bearer wrong-secret-of-some-length' } })).status).toBe(401);
    const ok = await fetch(url, { headers: { Authorization: 'Bearer a-long-enough-cron-secret' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', errors: [] });
  });
});

describe('order page lookup', () => {
  it('finds orders only by their full token', async () => {
    const o = await placeTestOrder([['node-runner-mug', 1]]);
    expect(o.publicToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await findOrderIdByToken(o.publicToken)).toBe(o.orderId);
    expect(await findOrderIdByToken(o.publicToken.slice(0, 42))).toBeNull();
    expect(await findOrderIdByToken('1')).toBeNull();
    expect(await findOrderIdByToken(o.orderId)).toBeNull();
  });
});
