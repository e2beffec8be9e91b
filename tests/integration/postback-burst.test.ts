// Postback bursts on two app instances sharing one PostgreSQL database: each instance is its own
// process with its own pool (tests/helpers/postback-instance.ts) and its own sandbox, which answers
// the info API calls. PostgreSQL only: PGlite is one in-process connection, with no pool to exhaust
// and no second process allowed.
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orderEvents, orders, postbackEvents } from '@/db/schema';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { startInstance, stopInstance, type Instance } from '../helpers/instance';
import { SANDBOX_SECRET, orderWithInvoice, setStock, startShop, startSink, type Shop } from '../helpers/shop';

const onPostgres = process.env.TEST_DB === 'postgres';
const INVOICES = 100;
const PER_INSTANCE = 300;

describe.skipIf(!onPostgres)('postback bursts on two instances (PostgreSQL only)', () => {
  let shop: Shop;
  let sink: Awaited<ReturnType<typeof startSink>>;
  const instances: Instance[] = [];

  beforeAll(async () => {
    shop = await startShop();
    sink = await startSink();
    shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url });
    const { url } = await getDb();
    if (!url) throw new Error('the test database has no connection string');
    instances.push(...(await Promise.all([startInstance(url), startInstance(url)])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await sink?.close();
    await shop?.close();
  });

  it(
    `${PER_INSTANCE} concurrent postbacks on each of two instances for ${INVOICES} invoices: no 5xx, every order paid once`,
    { timeout: 300_000 },
    async () => {
      await setStock('lightning-enamel-pin-set', 10_000);
      const placed: Awaited<ReturnType<typeof orderWithInvoice>>[] = [];
      for (let i = 0; i < INVOICES; i++) placed.push(await orderWithInvoice([['lightning-enamel-pin-set', 1]]));
      for (const o of placed) expect((await shop.control(o.invoiceUuid, 'pay', { outcome: 'paid' })).status).toBe(200);

      // The gateway signs every delivery afresh: each one is a distinct body (its own inbox row).
      const deliveries = await Promise.all(
        instances.flatMap((instance, i) =>
          Array.from({ length: PER_INSTANCE }, async (_, k) => {
            const o = placed[k % INVOICES]!;
            const token = await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET, { ttlSec: 300 + i * PER_INSTANCE + k });
            const body = JSON.stringify({
              status: 'success',
              invoice_id: invoiceSuffix(o.invoiceUuid),
              amount_crypto: '1',
              currency: 'USDT_TRC20',
              order_id: o.publicToken,
              token,
            });
            return { url: `${instance.url}/api/cryptocloud/postback`, body };
          }),
        ),
      );
      const t0 = Date.now();
      // "200", or the status with the error the body names ("503 database_unavailable"), or "no answer".
      const answers = await Promise.all(
        deliveries.map(({ url, body }) =>
          fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then(
            async (res) => {
              const json = (await res.json().catch(() => ({}))) as { error?: string };
              return res.status === 200 ? '200' : `${res.status} ${json.error ?? ''}`.trim();
            },
            () => 'no answer',
          ),
        ),
      );
      const histogram: Record<string, number> = {};
      for (const a of answers) histogram[a] = (histogram[a] ?? 0) + 1;
      console.log(`[postback-burst] ${deliveries.length} postbacks answered: ${JSON.stringify(histogram)} in ${Date.now() - t0} ms`);
      expect(histogram, instances.map((i) => i.stderr.join('').slice(-2_000)).join('\n')).toEqual({ '200': 2 * PER_INSTANCE });

      const { db } = await getDb();
      const orderIds = placed.map((o) => o.orderId);
      const [paid] = await db
        .select({ n: count() })
        .from(orders)
        .where(and(inArray(orders.id, orderIds), eq(orders.status, 'paid')));
      expect(paid?.n).toBe(INVOICES);
      const paidEvents = await db
        .select({ orderId: orderEvents.orderId, n: count() })
        .from(orderEvents)
        .where(and(inArray(orderEvents.orderId, orderIds), eq(orderEvents.toStatus, 'paid')))
        .groupBy(orderEvents.orderId);
      expect(paidEvents).toHaveLength(INVOICES);
      expect(paidEvents.every((e) => e.n === 1)).toBe(true);
      // Every delivery is kept; exactly one per invoice paid it, the others found it paid.
      const verdicts = await db
        .select({ verdict: postbackEvents.verdict, n: count() })
        .from(postbackEvents)
        .where(
          inArray(
            postbackEvents.invoiceUuid,
            placed.map((o) => o.invoiceUuid),
          ),
        )
        .groupBy(postbackEvents.verdict);
      expect(Object.fromEntries(verdicts.map((v) => [v.verdict, v.n]))).toEqual({
        applied: INVOICES,
        duplicate: 2 * PER_INSTANCE - INVOICES,
      });
    },
  );
});
