import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { downloadGrants, licenseKeys, orders } from '@/db/schema';
import { signPostbackToken } from '@/lib/cryptocloud';
import { downloadUrl } from '@/lib/fulfilment';
import { getOrderView } from '@/lib/orders/queries';
import {
  deliveredEmailsOf,
  deliverPostback,
  orderState,
  orderWithInvoice,
  productBySlug,
  SANDBOX_SECRET,
  setStock,
  startShop,
  startSink,
  type Shop,
} from '../helpers/shop';

// Digital delivery after payment: license keys handed out once each under concurrent payments,
// download links that refuse everything but the paid order's own signed, fresh, counted link.

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
  // The sandbox's own postbacks go to a sink: each test delivers them to the shop itself.
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url, DOWNLOAD_LIMIT: undefined });
});

async function pay(invoiceUuid: string, outcome: 'paid' | 'partial' = 'paid') {
  const res = await shop.control(invoiceUuid, 'pay', { outcome });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function paidOrder(items: Array<[string, number]>) {
  const o = await orderWithInvoice(items);
  await pay(o.invoiceUuid);
  expect((await deliverPostback(shop.url, o.invoiceUuid)).status).toBe(200);
  expect((await orderState(o.orderId)).order.status).toBe('paid');
  return o;
}

const GUIDE = readFileSync('storage/digital/self-custody-field-guide.pdf');

describe('license keys', () => {
  it(
    '50 concurrent payments for 10 keys: 10 orders paid, each with its own key; the rest go to review, none gets a key twice',
    { timeout: 240_000 },
    async () => {
      const { db } = await getDb();
      const product = await productBySlug('mempool-desk-license');
      // A pool of exactly 10 keys, and stock enough for 50 orders (as after a wrong manual stock edit).
      await db.delete(licenseKeys).where(eq(licenseKeys.productId, product.id));
      await db
        .insert(licenseKeys)
        .values(Array.from({ length: 10 }, (_, i) => ({ productId: product.id, key: `KEY-${i}`, uploadedBy: 'test' })));
      await setStock('mempool-desk-license', 50);

      const placed: Awaited<ReturnType<typeof orderWithInvoice>>[] = [];
      for (let i = 0; i < 50; i += 10)
        placed.push(...(await Promise.all(Array.from({ length: 10 }, () => orderWithInvoice([['mempool-desk-license', 1]])))));
      for (let i = 0; i < 50; i += 10) await Promise.all(placed.slice(i, i + 10).map((o) => pay(o.invoiceUuid)));
      const tokens = await Promise.all(placed.map((o) => signPostbackToken(o.invoiceUuid, SANDBOX_SECRET)));
      const responses = await Promise.all(placed.map((o, i) => deliverPostback(shop.url, o.invoiceUuid, { token: tokens[i] })));
      expect(responses.filter((r) => r.status !== 200)).toHaveLength(0);

      const ids = placed.map((o) => o.orderId);
      const rows = await db.select({ id: orders.id, status: orders.status }).from(orders).where(inArray(orders.id, ids));
      const paid = rows.filter((r) => r.status === 'paid').map((r) => r.id);
      expect(paid).toHaveLength(10);
      expect(rows.filter((r) => r.status === 'needs_review')).toHaveLength(40);
      const given = await db
        .select({ key: licenseKeys.key, orderId: licenseKeys.orderId })
        .from(licenseKeys)
        .where(and(eq(licenseKeys.productId, product.id), isNotNull(licenseKeys.orderId)));
      expect(given).toHaveLength(10);
      expect(new Set(given.map((k) => k.key)).size).toBe(10);
      expect(new Set(given.map((k) => k.orderId))).toEqual(new Set(paid));
      // Each paid order's receipt carries its own key; orders under review got no receipt.
      const receipts = (await deliveredEmailsOf(...ids)).filter((m) => m.kind === 'order_paid');
      expect(receipts.map((r) => r.orderId).sort()).toEqual([...paid].sort());
      for (const r of receipts) expect(r.text).toContain(given.find((k) => k.orderId === r.orderId)!.key);
    },
  );

  it('a key shows on the paid order page; an unpaid order shows none', async () => {
    const { db } = await getDb();
    const product = await productBySlug('mempool-desk-license');
    await db.insert(licenseKeys).values({ productId: product.id, key: 'PAGE-KEY-1', uploadedBy: 'test' }).onConflictDoNothing();
    await setStock('mempool-desk-license', 5);
    const unpaid = await orderWithInvoice([['mempool-desk-license', 1]]);
    expect((await getOrderView(unpaid.orderId))?.digital).toBeNull();
    const o = await paidOrder([['mempool-desk-license', 1]]);
    expect((await getOrderView(o.orderId))?.digital?.keys).toEqual([{ name: 'Mempool Desk License Key', key: 'PAGE-KEY-1' }]);
  });
});

describe('download links', () => {
  it('the paid order’s link streams the file, counted up to the limit: the limit + 1th download is refused', async () => {
    shop.setEnv({ DOWNLOAD_LIMIT: '2' });
    const o = await paidOrder([['self-custody-field-guide', 1]]);
    const url = (await getOrderView(o.orderId))!.digital!.downloads[0]!.url;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('Self-Custody-Field-Guide.pdf');
      expect(Buffer.from(await res.arrayBuffer()).equals(GUIDE)).toBe(true);
    }
    const third = await fetch(url);
    expect(third.status).toBe(403);
    expect(await third.text()).toMatch(/downloaded as many times as allowed/);
    const { db } = await getDb();
    const [grant] = await db.select().from(downloadGrants).where(eq(downloadGrants.orderId, o.orderId));
    expect(grant?.downloadCount).toBe(2);
  });

  it('concurrent clicks never pass the limit', async () => {
    shop.setEnv({ DOWNLOAD_LIMIT: '3' });
    const o = await paidOrder([['self-custody-field-guide', 1]]);
    const url = (await getOrderView(o.orderId))!.digital!.downloads[0]!.url;
    const statuses = await Promise.all(Array.from({ length: 10 }, async () => (await fetch(url)).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 403)).toHaveLength(7);
  });

  it('refuses an expired signature, a tampered one, another order’s token, and an order that is not paid', async () => {
    const { db } = await getDb();
    const a = await paidOrder([['self-custody-field-guide', 1]]);
    const b = await paidOrder([['self-custody-field-guide', 1]]);
    const [grantA] = await db.select().from(downloadGrants).where(eq(downloadGrants.orderId, a.orderId));
    const tokenA = a.publicToken;

    const expired = await downloadUrl(db, tokenA, grantA!.id, new Date(Date.now() - 73 * 3600_000));
    expect((await fetch(expired.url)).status).toBe(410);

    const fresh = (await downloadUrl(db, tokenA, grantA!.id)).url;
    // Order B's token in order A's link: the signature does not cover it.
    expect((await fetch(fresh.replace(tokenA, b.publicToken))).status).toBe(403);
    // A link signed for B's token but naming A's file: B does not own that grant.
    expect((await fetch((await downloadUrl(db, b.publicToken, grantA!.id)).url)).status).toBe(404);
    // A later expiry written into the link by hand.
    const u = new URL(fresh);
    u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600));
    expect((await fetch(u)).status).toBe(403);
    expect((await fetch(fresh.replace(/signature=[^&]+/, 'signature=' + 'A'.repeat(43)))).status).toBe(403);

    // An order that is not paid has no grant; one given by hand (partly paid, under review) is still refused.
    for (const outcome of ['partial', 'review'] as const) {
      const c = await orderWithInvoice([['self-custody-field-guide', 1]]);
      if (outcome === 'partial') {
        await pay(c.invoiceUuid, 'partial');
        await deliverPostback(shop.url, c.invoiceUuid);
        expect((await orderState(c.orderId)).order.status).toBe('partially_paid');
      } else {
        await db.update(orders).set({ status: 'needs_review' }).where(eq(orders.id, c.orderId));
      }
      expect(await db.select().from(downloadGrants).where(eq(downloadGrants.orderId, c.orderId))).toEqual([]);
      const product = await productBySlug('self-custody-field-guide');
      const [grant] = await db
        .insert(downloadGrants)
        .values({ orderId: c.orderId, productId: product.id, fileKey: product.fileKey!, fileName: product.fileName!, maxDownloads: 5 })
        .returning();
      const res = await fetch((await downloadUrl(db, c.publicToken, grant!.id)).url);
      expect(res.status).toBe(403);
      expect(await res.text()).toMatch(/not paid/);
    }
    // Nothing above was counted as a download.
    expect((await db.select().from(downloadGrants).where(eq(downloadGrants.orderId, a.orderId)))[0]?.downloadCount).toBe(0);
  });
});
