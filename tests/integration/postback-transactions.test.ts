// What one postback costs the shop's connection pool: two short transactions (store + look up, then
// apply + verdict), no connection held while the gateway answers, and the sandbox's queries on a
// pool of their own. PostgreSQL only: it counts checkouts of the node-postgres pool (PGlite has none).
import type { Pool } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb, getSandboxDb, type DbHandle } from '@/db/client';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { startFakeCryptoCloud, type FakeCryptoCloud } from '../helpers/fake-cryptocloud';
import { SANDBOX_SECRET, orderState, orderWithInvoice, postbacksFor, startShop, startSink, type Shop } from '../helpers/shop';

const onPostgres = process.env.TEST_DB === 'postgres';

const poolOf = (handle: DbHandle) => (handle.db as unknown as { $client: Pool }).$client;

/** Count the pool's checkouts (one per transaction or single statement) while `fn` runs. */
async function checkouts(pool: Pool, fn: () => Promise<void>): Promise<number> {
  let n = 0;
  const count = () => n++;
  pool.on('acquire', count);
  try {
    await fn();
  } finally {
    pool.off('acquire', count);
  }
  return n;
}

describe.skipIf(!onPostgres)('database work of one postback (PostgreSQL only)', () => {
  let shop: Shop;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let fake: FakeCryptoCloud;

  beforeAll(async () => {
    shop = await startShop();
    sink = await startSink();
    fake = await startFakeCryptoCloud();
  });
  afterEach(() => shop.setEnv(Object.fromEntries(Object.keys(fake.env).map((k) => [k, undefined]))));
  afterAll(async () => {
    await fake.close();
    await sink.close();
    await shop.close();
  });

  const deliver = (invoiceUuid: string, token: string) =>
    fetch(`${shop.url}/api/cryptocloud/postback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'success', invoice_id: invoiceSuffix(invoiceUuid), token }),
    });

  it('a paying postback takes two transactions and holds no connection while the gateway answers; a repeat takes one and no API call', async () => {
    shop.setEnv(fake.env);
    const o = await orderWithInvoice();
    fake.invoices.get(o.invoiceUuid)!.status = 'paid';
    const pool = poolOf(await getDb());
    let heldDuringInfo: number | null = null;
    fake.duringInfo = () => {
      heldDuringInfo = pool.totalCount - pool.idleCount;
    };
    try {
      const paying = await checkouts(pool, async () => {
        expect((await deliver(o.invoiceUuid, await signPostbackToken(o.invoiceUuid, fake.secretKey))).status).toBe(200);
      });
      expect(paying).toBe(2);
      expect(heldDuringInfo).toBe(0);
      expect((await orderState(o.orderId)).order.status).toBe('paid');

      const asked = fake.infoRequests.length;
      const token = await signPostbackToken(o.invoiceUuid, fake.secretKey, { ttlSec: 301 }); // a new delivery
      const repeat = await checkouts(pool, async () => {
        expect((await deliver(o.invoiceUuid, token)).status).toBe(200);
      });
      expect(repeat).toBe(1);
      expect(fake.infoRequests.length).toBe(asked);
      expect((await postbacksFor(o.invoiceUuid)).map((p) => p.verdict)).toEqual(['applied', 'duplicate']);
    } finally {
      fake.duringInfo = null;
    }
  });

  it("the built-in sandbox answers the info call from its own pool, not the shop's", async () => {
    shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url });
    const o = await orderWithInvoice();
    expect((await shop.control(o.invoiceUuid, 'pay', { outcome: 'paid' })).status).toBe(200);
    const shopPool = poolOf(await getDb());
    const sandboxPool = poolOf(await getSandboxDb());
    expect(sandboxPool).not.toBe(shopPool);
    let sandboxCheckouts = 0;
    const shopCheckouts = await checkouts(shopPool, async () => {
      sandboxCheckouts = await checkouts(sandboxPool, async () => {
        expect((await deliver(o.invoiceUuid, await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET))).status).toBe(200);
      });
    });
    expect(shopCheckouts).toBe(2);
    expect(sandboxCheckouts).toBe(1); // merchant/info: one query
    expect((await orderState(o.orderId)).order.status).toBe('paid');
  });
});
