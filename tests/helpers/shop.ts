// A running shop for integration tests: the real route handlers (sandbox API, sandbox control API,
// postback, cron) served over HTTP, the app pointed at them, and helpers that act like a buyer.
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orderEvents, orders, outbox, payments, postbackEvents, products, productVariants, shippingOptions } from '@/db/schema';
import { addToCart, newCartId } from '@/lib/cart';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { resetEnvCache } from '@/lib/env';
import { deliverMail, mailboxTransport } from '@/lib/mail';
import { ensureInvoice } from '@/lib/orders/invoice';
import { placeOrder } from '@/lib/orders/place-order';
import { reconcile } from '@/lib/orders/reconcile';
import { startRouteServer, type RouteServer } from './route-server';
import { SANDBOX_ROUTES } from './sandbox-server';

export const SANDBOX_KEY = 'sandbox-api-key';
export const SANDBOX_SECRET = 'sandbox-secret-key';

const ENV_KEYS = [
  'APP_URL',
  'CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES',
  'CRYPTOCLOUD_SANDBOX_NOTIFY_URL',
  'CRYPTOCLOUD_SANDBOX_POSTBACK_FORMAT',
  'CRON_SECRET',
];

export interface Shop {
  url: string;
  server: RouteServer;
  setEnv(vars: Record<string, string | undefined>): void;
  control(uuid: string, action: 'pay' | 'expire' | 'resend-postback' | 'pay-late', body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export async function startShop(): Promise<Shop> {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  const server = await startRouteServer({
    ...SANDBOX_ROUTES,
    '/api/cryptocloud/postback': () => import('@/app/api/cryptocloud/postback/route'),
    '/api/cron/reconcile': () => import('@/app/api/cron/reconcile/route'),
    '/api/health': () => import('@/app/api/health/route'),
    '/api/orders/[token]/downloads/[grant]': () => import('@/app/api/orders/[token]/downloads/[grant]/route'),
  });
  const setEnv = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  };
  // No background retries: each test decides what gets delivered.
  setEnv({ APP_URL: server.url, CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES: '0', CRYPTOCLOUD_SANDBOX_NOTIFY_URL: undefined });
  return {
    url: server.url,
    server,
    setEnv,
    control: (uuid, action, body) =>
      fetch(`${server.url}/api/sandbox/cryptocloud/control/invoices/${uuid}/${action}`, {
        method: 'POST',
        headers: { Authorization: `Token ${SANDBOX_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      }),
    async close() {
      await server.close();
      setEnv(saved);
    },
  };
}

export async function productBySlug(slug: string) {
  const { db } = await getDb();
  const [p] = await db.select().from(products).where(eq(products.slug, slug));
  if (!p) throw new Error(`no product ${slug}`);
  return p;
}

/** A variant by SKU (e.g. GBH-M, the hoodie in M). */
export async function variantBySku(sku: string) {
  const { db } = await getDb();
  const [v] = await db.select().from(productVariants).where(eq(productVariants.sku, sku));
  if (!v) throw new Error(`no variant ${sku}`);
  return v;
}

/**
 * Add a product as a buyer would from its page: a product with sizes in the size with the most
 * stock (the helpers' callers care about the product, not the size).
 */
export async function addProductToCart(cartId: string, slug: string, quantity: number) {
  const { db } = await getDb();
  const product = await productBySlug(slug);
  const [variant] = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .where(eq(productVariants.productId, product.id))
    .orderBy(desc(productVariants.stock), asc(productVariants.id))
    .limit(1);
  return addToCart(cartId, product.id, quantity, variant?.id ?? null);
}

export async function setStock(slug: string, stock: number) {
  const { db } = await getDb();
  await db.update(products).set({ stock }).where(eq(products.slug, slug));
}

/** A shipping address in Berlin and the seeded EU option (ignored by checkout for digital-only carts). */
export async function testShipping() {
  const { db } = await getDb();
  const [option] = await db
    .select({ id: shippingOptions.id })
    .from(shippingOptions)
    .where(eq(shippingOptions.name, 'Standard (EU and UK)'));
  if (!option) throw new Error('the seeded shipping option is missing');
  return {
    address: { name: 'Test Buyer', line1: 'Teststraße 1', line2: null, city: 'Berlin', postalCode: '10117', region: null, country: 'DE' },
    optionId: option.id,
  };
}

/** A buyer's cart with these items, checked out: returns the pending order (no invoice yet). */
export async function placeTestOrder(
  items: Array<[slug: string, quantity: number]>,
  checkoutKey = randomBytes(18).toString('base64url'),
  email = 'buyer@example.com',
) {
  const cartId = newCartId();
  for (const [slug, qty] of items) {
    const added = await addProductToCart(cartId, slug, qty);
    if (!added.ok) throw new Error(`could not add ${slug}: ${added.error.message}`);
  }
  const placed = await placeOrder(cartId, { email, checkoutKey, shipping: await testShipping() });
  if (!placed.ok) throw new Error(`checkout refused: ${placed.error.message}`);
  return { ...placed.value, cartId, checkoutKey };
}

/** Place an order and give it a sandbox invoice, as the checkout action does. */
export async function orderWithInvoice(items: Array<[string, number]> = [['node-runner-mug', 1]]) {
  const order = await placeTestOrder(items);
  const invoice = await ensureInvoice(order.orderId);
  if (!invoice.ok) throw new Error(`invoice failed: ${invoice.error.message}`);
  return { ...order, invoiceUuid: invoice.value.invoiceUuid, link: invoice.value.link };
}

export async function orderState(orderId: string) {
  const { db } = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
  const [payment] = await db.select().from(payments).where(eq(payments.orderId, orderId));
  return { order: order!, events, payment, transitions: events.map((e) => `${e.fromStatus ?? '∅'}→${e.toStatus}`) };
}

export async function postbacksFor(invoiceUuid: string) {
  const { db } = await getDb();
  return db.select().from(postbackEvents).where(eq(postbackEvents.invoiceUuid, invoiceUuid)).orderBy(asc(postbackEvents.id));
}

/** A receiver for sandbox postbacks that only counts them (so tests can deliver by hand). */
export async function startSink() {
  const received: string[] = [];
  const sink = await startRouteServer({
    '/sink': async () => ({
      POST: async (req: Request) => {
        received.push(await req.text());
        return new Response('ok');
      },
    }),
  });
  return { url: `${sink.url}/sink`, received, close: () => sink.close() };
}

/** Deliver a signed JSON postback about `invoiceUuid` to the shop, as CryptoCloud does. */
export async function deliverPostback(shopUrl: string, invoiceUuid: string, opts: { token?: string; signal?: AbortSignal } = {}) {
  const token = opts.token ?? (await signPostbackToken(invoiceUuid, SANDBOX_SECRET));
  return fetch(`${shopUrl}/api/cryptocloud/postback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      status: 'success',
      invoice_id: invoiceSuffix(invoiceUuid),
      amount_crypto: '16.3',
      currency: 'USDT_TRC20',
      order_id: 'whatever',
      token,
    }),
    signal: opts.signal,
  });
}

/**
 * An order whose money arrived after it expired (the sandbox's late confirmation, delivered to the
 * shop as a postback): under review, its stock back on the shelf. `sinkUrl` is where the sandbox's
 * postbacks go otherwise, and go again afterwards.
 */
export async function lateOrder(shop: Shop, sinkUrl: string, slug = 'merkle-tree-socks', quantity = 2) {
  const o = await orderWithInvoice([[slug, quantity]]);
  const ok = async (res: Response) => {
    if (res.status !== 200) throw new Error(`sandbox control answered ${res.status}: ${await res.text()}`);
  };
  await ok(await shop.control(o.invoiceUuid, 'expire'));
  await reconcile({ orderIds: [o.orderId] });
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: undefined });
  try {
    await ok(await shop.control(o.invoiceUuid, 'pay-late'));
  } finally {
    shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sinkUrl });
  }
  const s = await orderState(o.orderId);
  if (s.order.status !== 'needs_review' || !s.order.stockReleasedAt)
    throw new Error(`expected a released order under review, got ${s.order.status}`);
  return o;
}

/**
 * Deliver the orders' queued emails to the development mailbox, as the background sender would
 * (an order's email is rendered when it is sent), and return them rendered, oldest first.
 */
export async function deliveredEmailsOf(...orderIds: string[]) {
  const { db } = await getDb();
  const due = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(inArray(outbox.orderId, orderIds), eq(outbox.status, 'pending')));
  for (const { id } of due) await deliverMail(id, { transport: mailboxTransport });
  const rows = await db.select().from(outbox).where(inArray(outbox.orderId, orderIds)).orderBy(asc(outbox.id));
  return rows.map((r) => {
    if (r.toAddress === null || r.subject === null || r.html === null || r.text === null)
      throw new Error(`outbox #${r.id} was not rendered`);
    return { ...r, toAddress: r.toAddress, subject: r.subject, html: r.html, text: r.text };
  });
}
