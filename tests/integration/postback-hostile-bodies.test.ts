// Catalogue group D on the postback route, over HTTP: bodies that are too large or lie about their
// size, strange types and characters, and a burst of invalid tokens. Each gets a 4xx with a reason
// and leaves the database as it was.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { postbackEvents } from '@/db/schema';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { SANDBOX_SECRET, orderState, orderWithInvoice, startShop, startSink, type Shop } from '../helpers/shop';

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;
let url: string;

beforeAll(async () => {
  shop = await startShop();
  sink = await startSink();
  // The sandbox's own postbacks go elsewhere: this file delivers every postback itself.
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url });
  url = `${shop.url}/api/cryptocloud/postback`;
});
afterAll(async () => {
  await sink.close();
  await shop.close();
});

async function inboxSize() {
  const { db } = await getDb();
  return db.$count(postbackEvents);
}

const post = (body: BodyInit, contentType = 'application/json', init: RequestInit = {}) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': contentType }, body, ...init });

describe('hostile postback bodies (catalogue D)', () => {
  it('D4: 1 MB and 10 MB bodies get 413 with a reason, nothing stored', async () => {
    const before = await inboxSize();
    for (const size of [1024 * 1024, 10 * 1024 * 1024]) {
      const res = await post(JSON.stringify({ token: 'x', invoice_id: 'A'.repeat(size) }));
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: 'payload_too_large' });
    }
    expect(await inboxSize()).toBe(before);
  });

  it('D5: a body without a declared length (chunked) is cut off at the cap with 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(8 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 256 KiB in 8 KiB pieces, far past the 16 KiB cap, with no Content-Length header.
        if (sent++ < 32) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await post(body, 'application/json', { duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it.each([
    ['a NUL byte in invoice_id', { invoice_id: 'AB\u0000CDEFG' }],
    ['unicode look-alikes in invoice_id', { invoice_id: 'ＡＢＣＤＥＦＧＨ' }],
    ['a 10 KB string field', { order_id: 'o'.repeat(10_000) }],
    ['invoice_id as a number too large to be one', { invoice_id: 1e300 }],
    ['token as an object', { token: { alg: 'none' } }],
  ])('D7: %s → 4xx with a reason, nothing stored', async (_, patch) => {
    const before = await inboxSize();
    const token = await signPostbackToken('INV-ABCDEFGH', SANDBOX_SECRET);
    const res = await post(JSON.stringify({ status: 'success', invoice_id: 'ABCDEFGH', token, ...patch }));
    expect([400, 401]).toContain(res.status);
    expect(await res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    expect(await inboxSize()).toBe(before);
  });

  it('D6: a form with a key sent twice is refused as 400, and the order it names is untouched', async () => {
    const o = await orderWithInvoice();
    const token = await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET);
    const body = `invoice_id=${invoiceSuffix(o.invoiceUuid)}&token=${token}&invoice_id=AAAAAAAA`;
    const res = await post(body, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(400);
    expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment');
  });

  it('D9: a burst of 1,000 invalid tokens gets 1,000 × 401 and no inbox growth; a valid postback still works', async () => {
    const o = await orderWithInvoice();
    await shop.control(o.invoiceUuid, 'pay', { outcome: 'paid' });
    expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment'); // delivered to the sink only
    const before = await inboxSize();
    const forged = await signPostbackToken(o.invoiceUuid, 'not-the-secret-key');
    const body = JSON.stringify({ status: 'success', invoice_id: invoiceSuffix(o.invoiceUuid), token: forged });
    const warn = console.warn;
    console.warn = () => undefined; // one "[postback] rejected" line per request is expected here
    const statuses: number[] = [];
    try {
      for (let i = 0; i < 10; i++) {
        const batch = await Promise.all(Array.from({ length: 100 }, () => post(body)));
        statuses.push(...batch.map((r) => r.status));
      }
    } finally {
      console.warn = warn;
    }
    expect(statuses.filter((s) => s !== 401)).toEqual([]);
    expect(statuses).toHaveLength(1_000);
    expect(await inboxSize()).toBe(before);
    const valid = await post(
      JSON.stringify({ invoice_id: invoiceSuffix(o.invoiceUuid), token: await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET) }),
    );
    expect(valid.status).toBe(200);
    expect((await orderState(o.orderId)).order.status).toBe('paid');
    const { db } = await getDb();
    expect(await db.$count(postbackEvents, eq(postbackEvents.invoiceUuid, o.invoiceUuid))).toBe(1);
  });
});
