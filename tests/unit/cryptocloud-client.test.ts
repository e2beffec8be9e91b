import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cancelInvoice,
  createInvoice,
  createStaticWallet,
  getBalance,
  getInvoices,
  getStatistics,
  listInvoices,
  type ActiveGatewayConfig,
} from '@/lib/cryptocloud';
import { resetEnvCache } from '@/lib/env';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/cryptocloud', name), 'utf8');

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}
interface Reply {
  status?: number;
  body?: string;
  contentType?: string;
  /** Never answer (timeout tests). */
  hang?: boolean;
}

let server: Server;
let baseUrl: string;
let received: Received[] = [];
let reply: Reply = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: data ? JSON.parse(data) : undefined });
      if (reply.hang) return;
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  reply = {};
});

const config = (): ActiveGatewayConfig => ({
  mode: 'live',
  apiUrl: baseUrl,
  apiKey: 'k',
  shopId: 'SHOP',
  secretKey: 's',
  payHosts: ['pay.cryptocloud.plus', 'pay.trybit.com'],
  timeoutMs: 2000,
});

/** The create fixture with its `result` changed. */
function createBody(patch: Record<string, unknown>): string {
  const json = JSON.parse(fixture('create-success.trybit-2026.json')) as { result: Record<string, unknown> };
  return JSON.stringify({ ...json, result: { ...json.result, ...patch } });
}

describe('createInvoice', () => {
  it('sends the documented request and reads the 2026 response exactly', async () => {
    reply = { body: fixture('create-success.trybit-2026.json') };
    const r = await createInvoice(
      {
        amount: '100.00',
        currency: 'USD',
        orderId: 'ORDER_93223',
        email: 'buyer@example.com',
        locale: 'en',
        addFields: { timeToPay: { hours: 1, minutes: 0 }, availableCurrencies: ['USDT_TRC20', 'BTC'], cryptocurrency: 'ETH' },
      },
      { config: config() },
    );

    expect(received).toHaveLength(1);
    const req = received[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v2/invoice/create?locale=en');
    expect(req.headers.authorization).toBe('Token k');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.accept).toBe('application/json');
    expect(req.body).toEqual({
      shop_id: 'SHOP',
      amount: '100.00',
      currency: 'USD',
      order_id: 'ORDER_93223',
      email: 'buyer@example.com',
      add_fields: {
        time_to_pay: { hours: 1, minutes: 0 },
        available_currencies: ['USDT_TRC20', 'BTC'],
        cryptocurrency: 'ETH',
      },
    });

    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      uuid: 'INV-89UX09KA',
      link: 'https://pay.trybit.com/89UX09KA',
      status: 'created',
      amount: '0.034187',
      amountUsd: '100',
      amountInFiat: '100',
      fiatCurrency: 'USD',
      address: '0xb07427fc721C23674c48233ffE93D3846ee58B63',
      testMode: false,
      currency: { code: 'ETH', fullcode: 'ETH', name: 'Ethereum', networkCode: 'ERC20' },
    });
    expect(r.value.createdAt?.toISOString()).toBe('2026-01-27T09:03:58.958Z');
    expect(r.value.expiresAt?.toISOString()).toBe('2026-01-28T09:03:57.493Z');
    // The float fee survives untouched in raw for auditing.
    expect(r.value.raw.fee).toBe(1.499999996212864e-6);
    expect(r.value.raw.side_commission_service).toBe('merchant');
  });

  it('omits absent optional keys and add_fields, and sends no locale by default', async () => {
    reply = { body: fixture('create-success.docs.json') };
    const r = await createInvoice({ amount: '12.5' }, { config: config() });
    expect(received[0]!.url).toBe('/v2/invoice/create');
    expect(received[0]!.body).toEqual({ shop_id: 'SHOP', amount: '12.5' });
    expect(r.ok && r.value).toMatchObject({
      uuid: 'INV-XXXXXXXX',
      link: 'https://pay.cryptocloud.plus/XXXXXXXX',
      amount: '100',
      address: '',
      currency: { code: 'USDT', fullcode: 'USDT_TRC20', networkCode: 'TRC20' },
    });
  });

  it('uses the config locale when the input has none', async () => {
    reply = { body: fixture('create-success.docs.json') };
    await createInvoice({ amount: '1' }, { config: { ...config(), locale: 'ru' } });
    expect(received[0]!.url).toBe('/v2/invoice/create?locale=ru');
  });

  it('prepends https:// to a scheme-less link on an allowed host', async () => {
    reply = { body: createBody({ link: 'pay.trybit.com/89UX09KA' }) };
    const r = await createInvoice({ amount: '100' }, { config: config() });
    expect(r.ok && r.value.link).toBe('https://pay.trybit.com/89UX09KA');
  });

  it.each([
    ['a foreign host', 'https://evil.example/89UX09KA'],
    ['plain http on an allowed host', 'http://pay.trybit.com/89UX09KA'],
    ['a look-alike host', 'https://pay.trybit.com.evil.example/89UX09KA'],
    ['credentials in the URL', 'https://pay.trybit.com@evil.example/89UX09KA'],
    ['javascript:', 'javascript:alert(1)'],
  ])('rejects a payment link on %s', async (_, link) => {
    reply = { body: createBody({ link }) };
    const r = await createInvoice({ amount: '100' }, { config: config() });
    expect(r).toEqual({ ok: false, error: { kind: 'malformed', message: expect.stringContaining('payment link') } });
  });

  it('accepts an http link on the sandbox origin only in sandbox mode', async () => {
    reply = { body: createBody({ link: 'http://localhost:3000/pay/89UX09KA' }) };
    const sandbox: ActiveGatewayConfig = {
      ...config(),
      mode: 'sandbox',
      payHosts: ['localhost:3000'],
      sandboxOrigin: 'http://localhost:3000',
    };
    const ok = await createInvoice({ amount: '100' }, { config: sandbox });
    expect(ok.ok && ok.value.link).toBe('http://localhost:3000/pay/89UX09KA');

    const live = await createInvoice(
      { amount: '100' },
      { config: { ...config(), payHosts: ['localhost:3000'], sandboxOrigin: 'http://localhost:3000' } },
    );
    expect(!live.ok && live.error.kind).toBe('malformed');
  });

  it('rejects an answer whose uuid is not INV-XXXXXXXX', async () => {
    reply = { body: createBody({ uuid: '89UX09KA' }) };
    const r = await createInvoice({ amount: '100' }, { config: config() });
    expect(!r.ok && r.error).toMatchObject({ kind: 'malformed', message: expect.stringContaining('result.uuid') });
  });

  it('rejects an unknown status as malformed', async () => {
    reply = { body: createBody({ status: 'expired' }) };
    const r = await createInvoice({ amount: '100' }, { config: config() });
    expect(!r.ok && r.error.kind).toBe('malformed');
  });

  it.each(['', '0', '0.00', '-1', '1e3', '12,50', ' 12'])('rejects amount %j locally without HTTP', async (amount) => {
    const r = await createInvoice({ amount }, { config: config() });
    expect(!r.ok && r.error).toMatchObject({ kind: 'api-validation', fields: { amount: expect.any(String) } });
    expect(received).toHaveLength(0);
  });

  it('maps 400 missing fields to api-validation with the field messages', async () => {
    reply = { status: 400, body: fixture('create-error.missing-fields.json') };
    const r = await createInvoice({ amount: '1' }, { config: config() });
    expect(r).toEqual({
      ok: false,
      error: {
        kind: 'api-validation',
        status: 400,
        message: 'CryptoCloud rejected the request (amount: amount not passed.; shop_id: shop_id not passed.).',
        fields: { amount: 'amount not passed.', shop_id: 'shop_id not passed.' },
      },
    });
  });

  it('maps an invalid currency to api-validation', async () => {
    reply = { status: 400, body: fixture('create-error.invalid-currency.json') };
    const r = await createInvoice({ amount: '1', currency: 'XXX' }, { config: config() });
    expect(!r.ok && r.error.kind).toBe('api-validation');
    expect(!r.ok && r.error.fields?.currency).toMatch(/^Invalid account currency specified/);
  });

  it('treats an error envelope inside HTTP 200 as an error', async () => {
    reply = { status: 200, body: fixture('create-error.invalid-amount.json') };
    const r = await createInvoice({ amount: '1' }, { config: config() });
    expect(!r.ok && r.error).toMatchObject({ kind: 'api-validation', status: 200, fields: { amount: 'Invalid value amount.' } });
  });

  it('stringifies non-string field messages', async () => {
    reply = { status: 400, body: JSON.stringify({ status: 'error', result: { amount: ['too small'], limit: 5 } }) };
    const r = await createInvoice({ amount: '1' }, { config: config() });
    expect(!r.ok && r.error.fields).toEqual({ amount: '["too small"]', limit: '5' });
  });
});

describe('errors common to every call', () => {
  it('maps the authorization envelope to unauthorized whatever the HTTP code', async () => {
    for (const status of [400, 401, 200]) {
      reply = { status, body: fixture('error.unauthorized.json') };
      const r = await getBalance({ config: config() });
      expect(r).toEqual({
        ok: false,
        error: {
          kind: 'unauthorized',
          status,
          message: `CryptoCloud refused the API key (HTTP ${status}: Unauthorized request.).`,
          fields: { authorization: 'Unauthorized request.' },
        },
      });
    }
  });

  it('maps a {"detail"} body to unauthorized', async () => {
    reply = { status: 403, body: fixture('error.malformed-api-key.json') };
    const r = await getBalance({ config: config() });
    expect(!r.ok && r.error).toMatchObject({
      kind: 'unauthorized',
      status: 403,
      message: expect.stringContaining('Signature verification failed'),
    });
  });

  it('does not call a 404 {"detail"} an auth problem', async () => {
    reply = { status: 404, body: '{"detail":"Not found."}' };
    const r = await getBalance({ config: config() });
    expect(!r.ok && r.error).toMatchObject({ kind: 'http', status: 404 });
  });

  it('maps an HTML 502 to http', async () => {
    reply = { status: 502, contentType: 'text/html', body: '<html><body>Bad Gateway</body></html>' };
    const r = await getBalance({ config: config() });
    expect(r).toEqual({
      ok: false,
      error: { kind: 'http', status: 502, message: 'CryptoCloud answered HTTP 502 to /v2/merchant/wallet/balance/all.' },
    });
  });

  it('maps a non-JSON 200 to malformed', async () => {
    reply = { status: 200, contentType: 'text/plain', body: 'OK' };
    const r = await getBalance({ config: config() });
    expect(!r.ok && r.error).toMatchObject({ kind: 'malformed', status: 200, message: expect.stringContaining('not JSON') });
  });

  it('maps JSON without an envelope to malformed', async () => {
    reply = { body: '[1,2,3]' };
    const r = await getBalance({ config: config() });
    expect(!r.ok && r.error.kind).toBe('malformed');
  });

  it('times out on a server that never answers', async () => {
    reply = { hang: true };
    const r = await getBalance({ config: { ...config(), timeoutMs: 150 } });
    expect(r).toEqual({ ok: false, error: { kind: 'timeout', message: 'CryptoCloud did not answer within 150 ms.' } });
  });

  it('maps a caller abort to network', async () => {
    reply = { hang: true };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const r = await getBalance({ config: config(), signal: controller.signal });
    expect(!r.ok && r.error).toEqual({ kind: 'network', message: 'The request to CryptoCloud was aborted.' });
  });

  it('maps connection refused to network', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const r = await getBalance({ config: { ...config(), apiUrl: `http://127.0.0.1:${port}` } });
    expect(r).toEqual({ ok: false, error: { kind: 'network', message: 'Could not reach CryptoCloud (ECONNREFUSED).' } });
  });

  it('never puts the API key in an error, even when the API echoes it', async () => {
    const apiKey = 'eyJhbGciOiJIUzI1NiJ9.secret-api-key-value';
    reply = { status: 400, body: JSON.stringify({ status: 'error', result: { shop_id: `bad key ${apiKey}` } }) };
    const r = await getBalance({ config: { ...config(), apiKey } });
    expect(received[0]!.headers.authorization).toBe(`Token ${apiKey}`);
    expect(JSON.stringify(r)).not.toContain(apiKey);
    expect(!r.ok && r.error.fields?.shop_id).toBe('bad key [redacted]');
  });

  describe('without a usable configuration', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
      resetEnvCache();
    });

    it('refuses without any HTTP when the gateway is disabled', async () => {
      for (const k of ['CRYPTOCLOUD_API_KEY', 'CRYPTOCLOUD_SHOP_ID', 'CRYPTOCLOUD_SECRET_KEY']) delete process.env[k];
      process.env.CRYPTOCLOUD_SANDBOX = 'off';
      resetEnvCache();
      const spy = vi.fn<typeof fetch>();
      const r = await createInvoice({ amount: '1' }, { fetch: spy });
      expect(!r.ok && r.error).toMatchObject({ kind: 'unauthorized', message: expect.stringContaining('Payments are not configured') });
      expect(spy).not.toHaveBeenCalled();
    });
  });
});

describe('getInvoices', () => {
  it('normalises ids and reads the docs info fixture', async () => {
    reply = { body: fixture('info-success.docs.json') };
    const r = await getInvoices(['xxxxxxxx', 'INV-AB12CD34'], { config: config() });
    expect(received[0]!.url).toBe('/v2/invoice/merchant/info');
    expect(received[0]!.body).toEqual({ uuids: ['INV-XXXXXXXX', 'INV-AB12CD34'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.invoices).toHaveLength(1);
    expect(r.value.unreadable).toEqual([]);
    expect(r.value.invoices[0]).toMatchObject({
      uuid: 'INV-XXXXXXXX',
      status: 'overpaid',
      orderId: '1111',
      amount: '100.2',
      amountUsd: '100.2',
      received: '100.2',
      receivedUsd: '100.2',
      amountInFiat: null,
      invoiceStatus: null,
      createdAt: null,
      finishedAt: null,
      testMode: false,
    });
    expect(r.value.invoices[0]!.expiresAt?.toISOString()).toBe('2023-01-01T12:00:00.000Z');
    expect((r.value.invoices[0]!.raw.project as { logo: unknown }).logo).toBeNull();
  });

  it('reads the rich invoice shape (postback snapshot) and timestamps without microseconds', async () => {
    const info = (JSON.parse(fixture('postback.json-body.json')) as { invoice_info: Record<string, unknown> }).invoice_info;
    reply = {
      body: JSON.stringify({ status: 'success', result: [{ ...info, expiry_date: '2024-08-23 11:49:59', unknown_new_field: { a: 1 } }] }),
    };
    const r = await getInvoices(['XXXXXXXX'], { config: config() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.invoices[0]).toMatchObject({
      status: 'overpaid',
      invoiceStatus: 'success',
      amountToPay: '102',
      amountPaid: '102',
      received: '99.7952',
      toSurcharge: '0',
      amountInFiat: null,
    });
    expect(r.value.invoices[0]!.expiresAt?.toISOString()).toBe('2024-08-23T11:49:59.000Z');
    expect(r.value.invoices[0]!.finishedAt?.toISOString()).toBe('2024-08-22T11:51:53.753Z');
  });

  it('turns float noise and numeric strings into exact decimals', async () => {
    const item = JSON.parse(fixture('info-success.docs.json')).result[0];
    const patched = JSON.stringify({ ...item, amount: 'AMOUNT', amount_usd: '0.10', received: 'None' });
    // Written by hand so the exponent form reaches the client exactly as the API sends it.
    reply = { body: `{"status":"success","result":[${patched.replace('"AMOUNT"', '1.499999996212864e-06')}]}` };
    const r = await getInvoices(['XXXXXXXX'], { config: config() });
    expect(r.ok && r.value.invoices[0]).toMatchObject({ amount: '0.000001499999996212864', amountUsd: '0.1', received: null });
  });

  it.each([
    ['empty', []],
    ['101 ids', Array.from({ length: 101 }, (_, i) => `INV-${String(i).padStart(8, '0')}`)],
    ['an invalid id', ['INV-XXXXXXXX', 'not-an-id']],
  ])('rejects %s locally without HTTP', async (_, uuids) => {
    const r = await getInvoices(uuids, { config: config() });
    expect(!r.ok && r.error).toMatchObject({ kind: 'api-validation', fields: { uuids: expect.any(String) } });
    expect(r.ok || r.error.status).toBeUndefined();
    expect(received).toHaveLength(0);
  });

  it('accepts exactly 100 ids', async () => {
    reply = { body: '{"status":"success","result":[]}' };
    const r = await getInvoices(
      Array.from({ length: 100 }, (_, i) => String(i).padStart(8, '0')),
      { config: config() },
    );
    expect(r).toEqual({ ok: true, value: { invoices: [], unreadable: [] } });
    expect((received[0]!.body as { uuids: string[] }).uuids).toHaveLength(100);
  });

  it('keeps an invented status and a broken item as unreadable data, and still reads the others', async () => {
    const item = JSON.parse(fixture('info-success.docs.json')).result[0];
    const expired = { ...item, uuid: 'INV-EXP00001', status: 'expired' };
    const broken = { ...item, uuid: 'INV-BRK00001', amount_in_fiat: { usd: 1 } };
    reply = { body: JSON.stringify({ status: 'success', result: [expired, item, broken, 'garbage', null] }) };
    const r = await getInvoices(['XXXXXXXX', 'EXP00001', 'BRK00001'], { config: config() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.invoices.map((i) => [i.uuid, i.status])).toEqual([['INV-XXXXXXXX', 'overpaid']]);
    expect(r.value.unreadable).toEqual([
      { uuid: 'INV-EXP00001', status: 'expired', reason: 'unknown status "expired"', raw: expired },
      { uuid: 'INV-BRK00001', status: 'overpaid', reason: expect.stringContaining('unreadable amount_in_fiat'), raw: broken },
      { uuid: null, status: null, reason: expect.stringContaining('unreadable invoice'), raw: 'garbage' },
      { uuid: null, status: null, reason: expect.stringContaining('unreadable invoice'), raw: null },
    ]);
  });

  it('rejects a result that is not a list as malformed', async () => {
    reply = { body: JSON.stringify({ status: 'success', result: { uuid: 'INV-XXXXXXXX' } }) };
    const r = await getInvoices(['XXXXXXXX'], { config: config() });
    expect(!r.ok && r.error).toMatchObject({ kind: 'malformed', message: expect.stringContaining('result') });
  });
});

describe('cancelInvoice', () => {
  it('posts the prefixed uuid and resolves on ["ok"]', async () => {
    reply = { body: fixture('cancel-success.json') };
    const r = await cancelInvoice('89ux09ka', { config: config() });
    expect(r).toEqual({ ok: true, value: undefined });
    expect(received[0]).toMatchObject({ method: 'POST', url: '/v2/invoice/merchant/canceled', body: { uuid: 'INV-89UX09KA' } });
  });

  it('maps "Invoice is not created" to api-validation', async () => {
    reply = { status: 400, body: fixture('cancel-error.not-created.json') };
    const r = await cancelInvoice('INV-89UX09KA', { config: config() });
    expect(!r.ok && r.error).toMatchObject({ kind: 'api-validation', status: 400, fields: { validate_error: 'Invoice is not created' } });
  });

  it('rejects an invalid id locally', async () => {
    const r = await cancelInvoice('INV-123', { config: config() });
    expect(!r.ok && r.error.kind).toBe('api-validation');
    expect(received).toHaveLength(0);
  });
});

describe('listInvoices and getStatistics', () => {
  it('sends dd.mm.yyyy UTC days with offset and limit', async () => {
    reply = { body: '{"status":"success","result":[]}' };
    const r = await listInvoices(
      { start: new Date('2026-01-01T00:30:00Z'), end: new Date('2026-01-31T23:59:59Z'), offset: 0, limit: 50 },
      { config: config() },
    );
    expect(r).toEqual({ ok: true, value: { invoices: [], unreadable: [] } });
    expect(received[0]).toMatchObject({
      url: '/v2/invoice/merchant/list',
      body: { start: '01.01.2026', end: '31.01.2026', offset: 0, limit: 50 },
    });
  });

  it('rejects an inverted range locally', async () => {
    const r = await listInvoices({ start: new Date('2026-02-01'), end: new Date('2026-01-01') }, { config: config() });
    expect(!r.ok && r.error.kind).toBe('api-validation');
    expect(received).toHaveLength(0);
  });

  it('reads statistics as integer counts and decimal USD sums', async () => {
    reply = { body: fixture('statistics-success.json') };
    const r = await getStatistics({ start: new Date('2023-01-01'), end: new Date('2023-01-31') }, { config: config() });
    expect(received[0]).toMatchObject({ url: '/v2/invoice/merchant/statistics', body: { start: '01.01.2023', end: '31.01.2023' } });
    expect(r).toEqual({
      ok: true,
      value: {
        count: { all: 59, created: 41, paid: 16, overpaid: 1, partial: 1, canceled: 0 },
        amount: { all: '4683.83', created: '3032.63', paid: '1531', overpaid: '100.2', partial: '20', canceled: '0' },
      },
    });
  });
});

describe('getBalance and createStaticWallet', () => {
  it('reads the balance fixture (full code from the wallet-shaped currency)', async () => {
    reply = { body: fixture('balance-success.json') };
    const r = await getBalance({ config: config() });
    expect(received[0]).toMatchObject({ url: '/v2/merchant/wallet/balance/all', body: {} });
    expect(r).toEqual({
      ok: true,
      value: [
        { currency: 'USDT_TRC20', shortCode: 'USDT', balanceCrypto: '0', balanceUsd: '0', availableBalance: '0', availableBalanceUsd: '0' },
      ],
    });
  });

  it('creates a static wallet with shop_id and identify', async () => {
    reply = { body: fixture('static-wallet-success.json') };
    const r = await createStaticWallet({ currency: 'ETH', identify: 'F4jSjfpwf4t' }, { config: config() });
    expect(received[0]).toMatchObject({
      url: '/v2/invoice/static/create',
      body: { shop_id: 'SHOP', currency: 'ETH', identify: 'F4jSjfpwf4t' },
    });
    expect(r).toEqual({
      ok: true,
      value: { uuid: '1K0NFXT9E1X3VOY07VY1LRV8XGMLQNQX', address: '0xe3dE8434c928fe43012b0e8Fc6b1A928b0F1C492', currency: 'ETH' },
    });
  });
});
