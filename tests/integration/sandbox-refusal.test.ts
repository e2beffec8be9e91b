// The sandbox must not exist where real money flows: every sandbox route answers 404 when real
// keys are configured, and in a production deployment unless CRYPTOCLOUD_SANDBOX=on.
import { count } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { sandboxInvoices } from '@/db/schema';
import { resetEnvCache } from '@/lib/env';
import { sandboxCredentials } from '@/lib/sandbox/credentials';
import type { RouteServer } from '../helpers/route-server';
import { startSandboxApi } from '../helpers/sandbox-server';

const SANDBOX_ENV = [
  'CRYPTOCLOUD_API_KEY',
  'CRYPTOCLOUD_SHOP_ID',
  'CRYPTOCLOUD_SECRET_KEY',
  'DEPLOY_ENV',
  'VERCEL_ENV',
  'CRYPTOCLOUD_SANDBOX',
];

let server: RouteServer;

beforeAll(async () => {
  server = await startSandboxApi();
});

afterAll(() => server.close());

function reset() {
  for (const k of SANDBOX_ENV) delete process.env[k];
  resetEnvCache();
}

afterEach(reset);

function configure(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  resetEnvCache();
}

const PATHS = [
  'v2/invoice/create',
  'v2/invoice/merchant/info',
  'v2/invoice/merchant/canceled',
  'v2/invoice/merchant/list',
  'v2/invoice/merchant/statistics',
  'v2/merchant/wallet/balance/all',
  'v2/invoice/static/create',
  'control/invoices/INV-AAAAAAAA/pay',
  'control/invoices/INV-AAAAAAAA/expire',
  'control/invoices/INV-AAAAAAAA/resend-postback',
];

async function statuses(key: string): Promise<number[]> {
  const out: number[] = [];
  for (const p of PATHS) {
    for (const method of ['POST', 'GET']) {
      const res = await fetch(`${server.url}/api/sandbox/cryptocloud/${p}`, {
        method,
        headers: { authorization: `Token ${key}`, 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify({ shop_id: 'SANDBOXSHOP00001', amount: 10, outcome: 'paid' }) : undefined,
      });
      out.push(res.status);
    }
  }
  return out;
}

async function invoiceCount(): Promise<number> {
  const { db } = await getDb();
  const [row] = await db.select({ n: count() }).from(sandboxInvoices);
  return Number(row!.n);
}

describe('sandbox refusal', () => {
  it('serves while no real key is configured (control case)', async () => {
    const res = await fetch(`${server.url}/api/sandbox/cryptocloud/v2/merchant/wallet/balance/all`, {
      method: 'POST',
      headers: { authorization: 'Token sandbox-api-key' },
    });
    expect(res.status).toBe(200);
  });

  it('answers 404 on every route when real keys are configured, even with the sandbox key', async () => {
    configure({ CRYPTOCLOUD_API_KEY: 'real-key', CRYPTOCLOUD_SHOP_ID: 'RealShop00000001', CRYPTOCLOUD_SECRET_KEY: 'real-secret' });
    const before = await invoiceCount();
    expect(new Set(await statuses('sandbox-api-key'))).toEqual(new Set([404]));
    expect(new Set(await statuses('real-key'))).toEqual(new Set([404]));
    expect(await invoiceCount()).toBe(before);
  });

  it('answers 404 in a production deployment unless CRYPTOCLOUD_SANDBOX=on', async () => {
    configure({ DEPLOY_ENV: 'production' });
    expect(new Set(await statuses('sandbox-api-key'))).toEqual(new Set([404]));
    reset();
    configure({ VERCEL_ENV: 'production' });
    expect(new Set(await statuses('sandbox-api-key'))).toEqual(new Set([404]));
    configure({ CRYPTOCLOUD_SANDBOX: 'on' });
    const balance = (key: string) =>
      fetch(`${server.url}/api/sandbox/cryptocloud/v2/merchant/wallet/balance/all`, {
        method: 'POST',
        headers: { authorization: `Token ${key}` },
      });
    // On, but not with the published key: with the installation's own (sandbox-deployment.test.ts).
    expect((await balance('sandbox-api-key')).status).toBe(401);
    expect((await balance((await sandboxCredentials()).apiKey)).status).toBe(200);
  });

  it('answers 404 when switched off explicitly', async () => {
    configure({ CRYPTOCLOUD_SANDBOX: 'off' });
    expect(new Set(await statuses('sandbox-api-key'))).toEqual(new Set([404]));
  });
});
