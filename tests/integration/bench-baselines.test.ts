// The bare baselines `npm run bench` compares with exist only while STOREFRONT_BENCH is set: a shop
// without the flag answers 404 (lib/bench.ts), and a production deployment refuses the flag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { parseEnv } from '@/lib/env';
import { startRouteServer, type RouteServer } from '../helpers/route-server';
import { SANDBOX_SECRET, orderState, orderWithInvoice, startShop, startSink, type Shop } from '../helpers/shop';

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;
let bench: RouteServer;

beforeAll(async () => {
  shop = await startShop();
  sink = await startSink();
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url });
  bench = await startRouteServer({ '/api/bench/postback-baseline': () => import('@/app/api/bench/postback-baseline/route') });
});
afterAll(async () => {
  shop.setEnv({ STOREFRONT_BENCH: undefined });
  await bench.close();
  await sink.close();
  await shop.close();
});

async function baselinePostback(invoiceUuid: string, secret = SANDBOX_SECRET) {
  return fetch(`${bench.url}/api/bench/postback-baseline`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      status: 'success',
      invoice_id: invoiceSuffix(invoiceUuid),
      token: await signPostbackToken(invoiceUuid, secret),
    }),
  });
}

describe('the postback baseline route', () => {
  it('answers 404 and changes nothing without the benchmark flag', async () => {
    shop.setEnv({ STOREFRONT_BENCH: undefined });
    const order = await orderWithInvoice();
    const res = await baselinePostback(order.invoiceUuid);
    expect(res.status).toBe(404);
    expect((await orderState(order.orderId)).order.status).toBe('awaiting_payment');
  });

  it('with the flag, refuses a token signed with another secret and marks the order paid on a valid one', async () => {
    shop.setEnv({ STOREFRONT_BENCH: 'true' });
    const order = await orderWithInvoice();
    const forged = await baselinePostback(order.invoiceUuid, 'not-the-secret');
    expect(forged.status).toBe(401);
    expect((await orderState(order.orderId)).order.status).toBe('awaiting_payment');

    const res = await baselinePostback(order.invoiceUuid);
    expect(res.status).toBe(200);
    expect((await orderState(order.orderId)).order.status).toBe('paid');
  });
});

describe('the benchmark flag', () => {
  it('is refused in a production deployment', () => {
    expect(() => parseEnv({ STOREFRONT_BENCH: 'true', DEPLOY_ENV: 'production', DATABASE_URL: 'postgres://x@h/db' })).toThrow(
      /STOREFRONT_BENCH/,
    );
    expect(parseEnv({ STOREFRONT_BENCH: 'true' }).STOREFRONT_BENCH).toBe(true);
    expect(parseEnv({}).STOREFRONT_BENCH).toBe(false);
  });
});
