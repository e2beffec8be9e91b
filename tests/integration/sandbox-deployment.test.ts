// A sandbox others can reach (a production deployment with CRYPTOCLOUD_SANDBOX=on) runs on
// credentials generated for this installation: the published defaults open nothing (no invoice
// list with every order token, no cancelling other buyers' invoices), and the shop still takes
// payments through it end to end.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, openDb } from '@/db/client';
import { sandboxCredentials as credentialsTable, sandboxInvoices } from '@/db/schema';
import { gatewayConfig } from '@/lib/cryptocloud';
import { ensureInvoice } from '@/lib/orders/invoice';
import { DEFAULT_SANDBOX_CREDENTIALS, loadOrCreateSandboxCredentials, sandboxCredentials } from '@/lib/sandbox/credentials';
import { loadPayPage } from '@/lib/sandbox/pay-page';
import { orderState, orderWithInvoice, placeTestOrder, startShop, type Shop } from '../helpers/shop';
import type { TestDb } from '../helpers/test-db';

const DEPLOYED = { CRYPTOCLOUD_SANDBOX: 'on', DEPLOY_ENV: 'production' };

let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
});
afterAll(async () => {
  shop.setEnv({ CRYPTOCLOUD_SANDBOX: undefined, DEPLOY_ENV: undefined, CRYPTOCLOUD_SANDBOX_API_KEY: undefined });
  await shop.close();
});
beforeEach(() => shop.setEnv({ ...DEPLOYED, CRYPTOCLOUD_SANDBOX_API_KEY: undefined }));

function api(path: string, key: string, body: unknown) {
  return fetch(`${shop.url}/api/sandbox/cryptocloud/${path}`, {
    method: 'POST',
    headers: { Authorization: `Token ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A valid list body: today's invoices (dd.mm.yyyy, UTC), up to 100. */
function todaysInvoices() {
  const d = new Date();
  const day = `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
  return { start: day, end: day, offset: 0, limit: 100 };
}

async function sandboxStatus(uuid: string) {
  const { db } = await getDb();
  const [row] = await db.select({ status: sandboxInvoices.status }).from(sandboxInvoices).where(eq(sandboxInvoices.uuid, uuid));
  return row?.status;
}

describe('deployed sandbox credentials', () => {
  it('are generated for this installation, stored once, and shaped like a real project’s', async () => {
    const creds = await sandboxCredentials();
    expect(creds.apiKey).not.toBe(DEFAULT_SANDBOX_CREDENTIALS.apiKey);
    expect(creds.shopId).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(creds.secretKey).toMatch(/^[A-Za-z0-9]{36}$/);
    expect(creds.apiKey.length).toBeGreaterThanOrEqual(64);
    const { db } = await getDb();
    expect(
      await db
        .select({ apiKey: credentialsTable.apiKey, shopId: credentialsTable.shopId, secretKey: credentialsTable.secretKey })
        .from(credentialsTable),
    ).toEqual([creds]);
    const config = await gatewayConfig();
    expect(config).toMatchObject({ mode: 'sandbox', ...creds });
  });

  it('the published default key gets 401 on merchant/list and on cancel, and cancels nothing', async () => {
    const order = await orderWithInvoice();
    const defaults = DEFAULT_SANDBOX_CREDENTIALS.apiKey;

    const list = await api('v2/invoice/merchant/list', defaults, todaysInvoices());
    expect(list.status).toBe(401);
    const listed = await list.text();
    expect(listed).toBe(JSON.stringify({ status: 'error', result: { authorization: 'Unauthorized request.' } }));
    expect(listed).not.toContain(order.publicToken);

    const cancel = await api('v2/invoice/merchant/canceled', defaults, { uuid: order.invoiceUuid });
    expect(cancel.status).toBe(401);
    expect(await sandboxStatus(order.invoiceUuid)).toBe('created');
    expect((await orderState(order.orderId)).order.status).toBe('awaiting_payment');
    expect((await api(`control/invoices/${order.invoiceUuid}/pay`, defaults, { outcome: 'paid' })).status).toBe(401);

    // The installation's own key does work: the 401s are about the key, not the request.
    const own = await api('v2/invoice/merchant/list', (await sandboxCredentials()).apiKey, todaysInvoices());
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(order.publicToken);
  });

  it('the shop still takes a payment end to end: invoice, pay, signed postback, paid order', async () => {
    const creds = await sandboxCredentials();
    const order = await placeTestOrder([['hash-rate-notebook', 1]]);
    const invoice = await ensureInvoice(order.orderId);
    if (!invoice.ok) throw new Error(invoice.error.message);

    const paid = await api(`control/invoices/${invoice.value.invoiceUuid}/pay`, creds.apiKey, { outcome: 'paid' });
    expect(paid.status).toBe(200);
    // The postback is signed with the generated secret and the shop verifies it with the same one.
    expect(((await paid.json()) as { result: { postback: { status: number } } }).result.postback.status).toBe(200);
    await expect.poll(async () => (await orderState(order.orderId)).order.status).toBe('paid');

    const page = JSON.stringify(await loadPayPage(invoice.value.invoiceUuid));
    for (const secret of [creds.apiKey, creds.secretKey]) expect(page).not.toContain(secret);
  });

  it('a CRYPTOCLOUD_SANDBOX_* variable that is set wins over the generated value', async () => {
    const generated = await sandboxCredentials();
    shop.setEnv({ CRYPTOCLOUD_SANDBOX_API_KEY: 'an-operator-chosen-key' });
    expect(await sandboxCredentials()).toEqual({ ...generated, apiKey: 'an-operator-chosen-key' });
  });

  it('local development keeps the published defaults', async () => {
    shop.setEnv({ CRYPTOCLOUD_SANDBOX: undefined, DEPLOY_ENV: undefined });
    expect(await sandboxCredentials()).toEqual(DEFAULT_SANDBOX_CREDENTIALS);
  });

  // Last: it replaces the stored row, which earlier tests' cached credentials came from.
  it('two instances starting at once agree on one credential set', async () => {
    const current = (await getDb()) as TestDb;
    await current.db.delete(credentialsTable);
    // A second connection pool to the same database stands for a second instance (PGlite has one).
    const second = current.url ? await openDb({ url: current.url }) : current;
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => loadOrCreateSandboxCredentials((i % 2 ? second : current).db)),
      );
      expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
      expect(await current.db.$count(credentialsTable)).toBe(1);
    } finally {
      if (second !== current) await second.close();
    }
  });
});
