// Contract: the app's own CryptoCloud client, pointed at the sandbox by gatewayConfig() (no real
// keys configured), talks to it over real HTTP for every endpoint and reads every error kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActiveGatewayConfig,
  cancelInvoice,
  createInvoice,
  createStaticWallet,
  gatewayConfig,
  getBalance,
  getInvoices,
  getStatistics,
  listInvoices,
} from '@/lib/cryptocloud';
import type { RouteServer } from '../helpers/route-server';
import { startSandboxApi } from '../helpers/sandbox-server';

let server: RouteServer;
let config: ActiveGatewayConfig;

beforeAll(async () => {
  server = await startSandboxApi();
  const c = await gatewayConfig();
  if (c.mode !== 'sandbox') throw new Error(`expected sandbox mode, got ${c.mode}`);
  config = c;
});

afterAll(() => server.close());

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('client ↔ sandbox contract', () => {
  it('creates an invoice whose link the client accepts, then reads, pays and lists it', async () => {
    const created = unwrap(
      await createInvoice(
        {
          amount: '49.00',
          currency: 'EUR',
          orderId: 'ORD-CONTRACT',
          addFields: { timeToPay: { hours: 1, minutes: 0 }, availableCurrencies: ['USDT_TRC20', 'BTC'] },
          locale: 'en',
        },
        { config },
      ),
    );
    expect(created.uuid).toMatch(/^INV-[A-Z0-9]{8}$/);
    expect(created.link).toBe(`${server.url}/sandbox/pay/${created.uuid.slice(4)}`);
    expect(created).toMatchObject({ status: 'created', amountInFiat: '49', fiatCurrency: 'EUR', amountUsd: '52.92', testMode: true });
    expect(created.currency).toMatchObject({ code: 'USDT', fullcode: 'USDT_TRC20' });
    expect(created.expiresAt!.getTime() - created.createdAt!.getTime()).toBe(3600_000);

    const [info] = unwrap(await getInvoices([created.uuid.slice(4)], { config })).invoices;
    expect(info).toMatchObject({
      uuid: created.uuid,
      status: 'created',
      invoiceStatus: 'start',
      orderId: 'ORD-CONTRACT',
      amountToPay: '54.32',
      amountPaid: '0',
      toSurcharge: '54.32',
      fiatCurrency: 'EUR',
      testMode: true,
    });

    const pay = await fetch(`${server.url}/api/sandbox/cryptocloud/control/invoices/${created.uuid}/pay`, {
      method: 'POST',
      headers: { authorization: `Token ${config.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'overpaid' }),
    });
    expect(pay.status).toBe(200);
    const [paid] = unwrap(await getInvoices([created.uuid], { config })).invoices;
    expect(paid).toMatchObject({ status: 'overpaid', invoiceStatus: 'success', toSurcharge: '0' });
    expect(paid!.finishedAt).toBeInstanceOf(Date);

    const today = new Date();
    const listed = unwrap(await listInvoices({ start: today, end: today, offset: 0, limit: 100 }, { config }));
    expect(listed.invoices.map((i) => i.uuid)).toContain(created.uuid);
    expect(listed.unreadable).toEqual([]);

    const stats = unwrap(await getStatistics({ start: today, end: today }, { config }));
    expect(stats.count.overpaid).toBeGreaterThanOrEqual(1);
    expect(stats.count.all).toBeGreaterThanOrEqual(1);
    expect(Number(stats.amount.overpaid)).toBeGreaterThanOrEqual(52.92);
  });

  it('cancels once; the second cancel is an api-validation error', async () => {
    const created = unwrap(await createInvoice({ amount: '5', orderId: 'ORD-CANCEL' }, { config }));
    unwrap(await cancelInvoice(created.uuid, { config }));
    const again = await cancelInvoice(created.uuid, { config });
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.error).toMatchObject({ kind: 'api-validation', status: 400, fields: { validate_error: 'Invoice is not created' } });
    const [info] = unwrap(await getInvoices([created.uuid], { config })).invoices;
    expect(info!.status).toBe('canceled');
    expect(unwrap(await getInvoices(['INV-ZZZZZZZZ'], { config }))).toEqual({ invoices: [], unreadable: [] });
  });

  it('reads balances and static wallets', async () => {
    const balance = unwrap(await getBalance({ config }));
    expect(balance.find((b) => b.currency === 'USDT_TRC20')).toMatchObject({ shortCode: 'USDT', balanceCrypto: '0', balanceUsd: '0' });
    const wallet = unwrap(await createStaticWallet({ currency: 'BTC', identify: 'customer-1' }, { config }));
    expect(wallet.uuid).toMatch(/^[A-Z0-9]{32}$/);
    expect(wallet.address).toMatch(/^bc1q/);
  });

  it('maps a wrong key and a garbage JWT key to unauthorized', async () => {
    const wrong = await getBalance({ config: { ...config, apiKey: 'not-the-sandbox-key' } });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok)
      expect(wrong.error).toMatchObject({ kind: 'unauthorized', status: 401, fields: { authorization: 'Unauthorized request.' } });
    const jwt = await createInvoice({ amount: '1' }, { config: { ...config, apiKey: 'xxx.yyy.zzz' } });
    expect(jwt.ok).toBe(false);
    if (!jwt.ok) {
      expect(jwt.error).toMatchObject({ kind: 'unauthorized', status: 401 });
      expect(jwt.error.message).toContain('Signature verification failed');
    }
  });

  it('maps the API field errors to api-validation with the exact messages', async () => {
    const currency = await createInvoice({ amount: '10', currency: 'XYZ' }, { config });
    expect(currency.ok).toBe(false);
    if (!currency.ok) {
      expect(currency.error).toMatchObject({ kind: 'api-validation', status: 400 });
      expect(currency.error.fields?.currency).toMatch(/^Invalid account currency specified\. Available currencies 'USD', /);
    }
    const shop = await createInvoice({ amount: '10' }, { config: { ...config, shopId: 'SomeoneElsesShop' } });
    expect(shop.ok).toBe(false);
    if (!shop.ok) expect(shop.error).toMatchObject({ kind: 'api-validation', fields: { shop_id: 'Invalid shop_id.' } });
    const wallet = await createStaticWallet({ currency: 'DOGE', identify: 'c' }, { config });
    expect(wallet.ok).toBe(false);
    if (!wallet.ok) expect(wallet.error).toMatchObject({ kind: 'api-validation', fields: { currency: 'Invalid value currency.' } });
  });
});
