// What one postback costs the shop's connection pool: two short transactions (store + look up, then
// apply + verdict) and no connection held while the gateway answers. PostgreSQL only: it counts
// checkouts of the node-postgres pool (PGlite has none).
import type { Pool } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb, type DbHandle } from '@/db/client';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { startFakeCryptoCloud, type FakeCryptoCloud } from '../helpers/fake-cryptocloud';
import { orderState, orderWithInvoice, postbacksFor, startShop, type Shop } from '../helpers/shop';

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
  let fake: FakeCryptoCloud;

  beforeAll(async () => {
    shop = await startShop();
    fake = await startFakeCryptoCloud();
  });
  afterEach(() => shop.setEnv(Object.fromEntries(Object.keys(fake.env).map((k) => [k, undefined]))));
  afterAll(async () => {
    await fake.close();
    await shop.close();
  });

  const deliver = (invoiceUuid: string, token: string) =>
    fetch(`${shop.url}/api/cryptocloud/postback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'success', invoice_id: invoiceSuffix(invoiceUuid), token }),
    });

  it('a paying postback takes two transactions and holds no connection while the gateway answers; a repeat takes two and no API call', async () => {
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
      expect(repeat).toBe(2);
      expect(fake.infoRequests.length).toBe(asked);
      expect((await postbacksFor(o.invoiceUuid)).map((p) => p.verdict)).toEqual(['applied', 'duplicate']);
    } finally {
      fake.duringInfo = null;
    }
  });
});
