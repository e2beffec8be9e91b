// The sandbox's v2 API over real HTTP: every endpoint's success shape against the documented
// samples, every documented error body, and the invoices it leaves in the database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { sandboxInvoices } from '@/db/schema';
import type { RouteServer } from '../helpers/route-server';
import { startSandboxApi } from '../helpers/sandbox-server';

const KEY = 'sandbox-api-key';
const SHOP = 'SANDBOXSHOP00001';
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(process.cwd(), 'tests/fixtures/cryptocloud', name), 'utf8')) as Record<string, unknown>;
const keysOf = (o: unknown) => Object.keys(o as object).sort();

let server: RouteServer;

beforeAll(async () => {
  server = await startSandboxApi();
});

afterAll(() => server.close());

async function call(endpoint: string, body?: unknown, opts: { key?: string | null; method?: string; query?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = opts.key === undefined ? KEY : opts.key;
  if (key !== null) headers.authorization = `Token ${key}`;
  const res = await fetch(`${server.url}/api/sandbox/cryptocloud/v2/${endpoint}${opts.query ?? ''}`, {
    method: opts.method ?? 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json };
}

const create = (body: Record<string, unknown> = {}) =>
  call('invoice/create', { shop_id: SHOP, amount: 100, currency: 'USD', order_id: 'ORDER-1', ...body });

describe('invoice/create', () => {
  it('reads a JSON body sent as form-encoded (plain `curl -d`), and real form fields', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/api/sandbox/cryptocloud/v2/invoice/create`, {
        method: 'POST',
        headers: { authorization: `Token ${KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }).then(async (r) => ({ status: r.status, json: await r.json() }));
    const asJson = await post(JSON.stringify({ shop_id: SHOP, amount: 12.5, currency: 'USD', order_id: 'o1' }));
    expect(asJson.status).toBe(200);
    expect(asJson.json.result.amount_in_fiat).toBe(12.5);
    const asForm = await post(`shop_id=${SHOP}&amount=3&currency=EUR`);
    expect(asForm.status).toBe(200);
    expect(asForm.json.result.fiat_currency).toBe('EUR');
  });

  it('answers the documented shape and stores the invoice', async () => {
    const { status, json } = await create();
    expect(status).toBe(200);
    expect(json.status).toBe('success');
    const r = json.result;
    const docs = fixture('create-success.docs.json').result as Record<string, unknown>;
    const trybit = fixture('create-success.trybit-2026.json').result as Record<string, unknown>;
    for (const key of new Set([...keysOf(docs), ...keysOf(trybit)])) expect(r).toHaveProperty(key);
    expect(keysOf(r.currency)).toEqual(keysOf(docs.currency));
    expect(keysOf(r.currency.network)).toEqual(keysOf((docs.currency as any).network));
    expect(keysOf(r.project)).toEqual(keysOf(docs.project));

    expect(r.uuid).toMatch(/^INV-[A-Z0-9]{8}$/);
    expect(r.link).toBe(`${server.url}/sandbox/pay/${r.uuid.slice(4)}`);
    expect(r.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(r.address).toBe('');
    expect(r.status).toBe('created');
    expect(r.test_mode).toBe(true);
    expect(r.invoice_id).toBeNull();
    expect(r.side_commission_cc).toBe(r.side_commission_service);
    expect(r.project).toEqual({
      id: 1,
      name: expect.any(String),
      fail: `${server.url}/checkout/return`,
      success: `${server.url}/checkout/return`,
      logo: 'None',
    });
    expect(r.currency).toMatchObject({ id: 4, code: 'USDT', fullcode: 'USDT_TRC20', network: { code: 'TRC20', id: 4, fullname: 'Tron' } });
    // Fee model: $1.40 Tron transfer fee, 1.9 % service fee.
    expect(r).toMatchObject({
      amount: 100,
      amount_usd: 100,
      amount_in_fiat: 100,
      fee: 1.4,
      fee_usd: 1.4,
      service_fee: 1.9,
      service_fee_usd: 1.9,
      fiat_currency: 'USD',
    });
    const created = Date.parse(`${r.created.replace(' ', 'T')}Z`);
    const expiry = Date.parse(`${r.expiry_date.replace(' ', 'T')}Z`);
    expect(expiry - created).toBe(24 * 3600_000);

    const { db } = await getDb();
    const [row] = await db.select().from(sandboxInvoices).where(eq(sandboxInvoices.uuid, r.uuid));
    expect(row).toMatchObject({ orderId: 'ORDER-1', status: 'created', cryptoCurrency: 'USDT_TRC20', shopId: SHOP, testMode: true });
    expect(Number(row!.amountToPay)).toBe(101.4);
  });

  it('prices a preselected crypto, fills the address and honours time_to_pay and ?locale', async () => {
    const { status, json } = await create({
      amount: '54.00',
      currency: 'EUR',
      add_fields: { cryptocurrency: 'ETH', time_to_pay: { hours: 1, minutes: 30 } },
    });
    expect(status).toBe(200);
    const r = json.result;
    // 54 EUR × 1.08 = 58.32 USD; ETH at 3000 → 0.01944.
    expect(r).toMatchObject({ amount_in_fiat: 54, fiat_currency: 'EUR', amount_usd: 58.32, amount: 0.01944, fee: 0, fee_usd: 0 });
    expect(r.currency).toMatchObject({ id: 3, code: 'ETH', fullcode: 'ETH', network: { code: 'ERC20', id: 3, fullname: 'Ethereum' } });
    expect(r.address).toMatch(/^0x[0-9a-f]{40}$/);
    const lifetime = Date.parse(`${r.expiry_date.replace(' ', 'T')}Z`) - Date.parse(`${r.created.replace(' ', 'T')}Z`);
    expect(lifetime).toBe(90 * 60_000);

    const ru = await call('invoice/create', { shop_id: SHOP, amount: 1 }, { query: '?locale=ru' });
    expect(ru.status).toBe(200);
    const { db } = await getDb();
    const [row] = await db.select().from(sandboxInvoices).where(eq(sandboxInvoices.uuid, ru.json.result.uuid));
    expect(row!.locale).toBe('ru');
  });

  it('restricts the default crypto to available_currencies', async () => {
    const { json } = await create({ add_fields: { available_currencies: ['BNB', 'BTC'] } });
    expect(json.result.currency).toMatchObject({ id: 20, fullcode: 'BNB', network: { code: 'BSC', id: 20, fullname: 'BNB Smart Chain' } });
    expect(json.result.address).toBe('');
  });

  it('reports missing fields with the exact messages', async () => {
    const res = await call('invoice/create', {});
    expect(res.status).toBe(400);
    expect(res.json).toEqual(fixture('create-error.missing-fields.json'));
    const form = await fetch(`${server.url}/api/sandbox/cryptocloud/v2/invoice/create`, {
      method: 'POST',
      headers: { authorization: `Token ${KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'shop_id=SANDBOXSHOP00001',
    });
    expect(form.status).toBe(400);
    expect(await form.json()).toEqual({ status: 'error', result: { amount: 'amount not passed.' } });
  });

  it.each([['abc'], [-5], [0], ['1e3'], [true]])('refuses amount %j', async (amount) => {
    const res = await call('invoice/create', { shop_id: SHOP, amount });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(fixture('create-error.invalid-amount.json'));
  });

  it('refuses an unknown currency with the list of the 25', async () => {
    const res = await call('invoice/create', { shop_id: SHOP, amount: 10, currency: 'XYZ' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(fixture('create-error.invalid-currency.json'));
  });

  it('refuses a foreign shop_id and bad add_fields (sandbox-specific messages)', async () => {
    expect((await call('invoice/create', { shop_id: 'xBAivfPIbskwuEWj', amount: 10 })).json).toEqual({
      status: 'error',
      result: { shop_id: 'Invalid shop_id.' },
    });
    expect((await create({ add_fields: { cryptocurrency: 'DOGE' } })).json.result).toEqual({
      cryptocurrency: 'Invalid value cryptocurrency.',
    });
    expect((await create({ add_fields: { time_to_pay: { hours: 0, minutes: 0 } } })).json.result).toEqual({
      time_to_pay: 'Invalid value time_to_pay.',
    });
    const { db } = await getDb();
    expect((await db.select().from(sandboxInvoices).where(eq(sandboxInvoices.shopId, 'xBAivfPIbskwuEWj'))).length).toBe(0);
  });
});

describe('authorization', () => {
  it('answers 401 "Unauthorized request." for a missing or wrong key', async () => {
    for (const key of [null, 'wrong-key', '']) {
      const res = await call('invoice/create', { shop_id: SHOP, amount: 1 }, { key });
      expect(res.status).toBe(401);
      expect(res.json).toEqual(fixture('error.unauthorized.json'));
    }
    const bearer = await fetch(`${server.url}/api/sandbox/cryptocloud/v2/merchant/wallet/balance/all`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(bearer.status).toBe(401);
  });

  it('answers 401 {"detail":"Signature verification failed"} for a garbage JWT', async () => {
    const res = await call('merchant/wallet/balance/all', undefined, { key: 'xxx.yyy.zzz' });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(fixture('error.malformed-api-key.json'));
  });

  it('answers 405 for other methods and 404 for unknown paths', async () => {
    expect((await call('invoice/create', undefined, { method: 'GET' })).status).toBe(405);
    expect((await call('invoice/create', {}, { method: 'PUT' })).status).toBe(405);
    expect((await call('invoice/nothing', {})).status).toBe(404);
  });
});

describe('merchant/info', () => {
  it('returns the rich object for known ids (with or without INV-) and leaves unknown ones out', async () => {
    const a = (await create({ order_id: 'INFO-A' })).json.result.uuid as string;
    const b = (await create({ order_id: 'INFO-B' })).json.result.uuid as string;
    const res = await call('invoice/merchant/info', { uuids: [b, a.slice(4).toLowerCase(), 'INV-ZZZZZZZ0', 'garbage'] });
    expect(res.status).toBe(200);
    expect(res.json.result.map((i: any) => i.uuid)).toEqual([b, a]);
    const item = res.json.result[1];
    const docs = (fixture('info-success.docs.json').result as any[])[0];
    const postbackInfo = (fixture('postback.json-body.json') as any).invoice_info;
    for (const key of new Set([...keysOf(docs), ...keysOf(postbackInfo)])) expect(item).toHaveProperty(key);
    expect(item).toMatchObject({
      order_id: 'INFO-A',
      status: 'created',
      invoice_status: 'start',
      amount_in_fiat: 100,
      fiat_currency: 'USD',
      amount_to_pay: 101.4,
      amount_to_pay_usd: 101.4,
      amount_paid: 0,
      amount_paid_usd: 0,
      received: 0,
      to_surcharge: 101.4,
      to_surcharge_usd: 101.4,
      date_finished: null,
      tx_list: [],
      test_mode: true,
    });
    expect((await call('invoice/merchant/info', { uuids: ['INV-ZZZZZZZ0'] })).json).toEqual({ status: 'success', result: [] });
  });

  it('refuses more than 100 uuids and a missing list', async () => {
    const uuids = Array.from({ length: 101 }, (_, i) => `INV-${String(i).padStart(8, '0')}`);
    const res = await call('invoice/merchant/info', { uuids });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ status: 'error', result: { validate_error: 'Max 100 uuids' } });
    expect((await call('invoice/merchant/info', {})).json).toEqual({ status: 'error', result: { validate_error: 'uuids is required' } });
  });
});

describe('merchant/canceled', () => {
  it('cancels a created invoice once; the second time says "Invoice is not created"', async () => {
    const uuid = (await create()).json.result.uuid as string;
    const first = await call('invoice/merchant/canceled', { uuid: uuid.slice(4) });
    expect(first.status).toBe(200);
    expect(first.json).toEqual(fixture('cancel-success.json'));
    const second = await call('invoice/merchant/canceled', { uuid });
    expect(second.status).toBe(400);
    expect(second.json).toEqual(fixture('cancel-error.not-created.json'));
    const { db } = await getDb();
    const [row] = await db.select().from(sandboxInvoices).where(eq(sandboxInvoices.uuid, uuid));
    expect(row!.status).toBe('canceled');
    expect(row!.finishedAt).not.toBeNull();
  });

  it('requires a uuid', async () => {
    const res = await call('invoice/merchant/canceled', {});
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ status: 'error', result: { validate_error: 'uuid is required' } });
    expect((await call('invoice/merchant/canceled', { uuid: 'INV-ZZZZZZZ1' })).json.result).toEqual({
      validate_error: 'Invoice not found',
    });
  });
});

describe('merchant/list and statistics', () => {
  const today = () => {
    const d = new Date();
    return `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
  };

  it('lists invoices of the period, newest first, with all_count and paging', async () => {
    const before = (await call('invoice/merchant/list', { start: today(), end: today(), limit: 100 })).json;
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await create({ order_id: `LIST-${i}` })).json.result.uuid);
    const res = await call('invoice/merchant/list', { start: today(), end: today(), offset: 0, limit: 2 });
    expect(res.status).toBe(200);
    expect(res.json.all_count).toBe(before.all_count + 3);
    expect(res.json.result).toHaveLength(2);
    expect(res.json.result[0].uuid).toBe(made[2]);
    expect(res.json.result[0]).toHaveProperty('amount_to_pay');
    const none = await call('invoice/merchant/list', { start: '01.01.2020', end: '31.01.2020' });
    expect(none.json).toEqual({ status: 'success', all_count: 0, result: [] });
  });

  it('validates start and end', async () => {
    expect((await call('invoice/merchant/list', {})).json).toEqual({
      status: 'error',
      result: { start: 'start not passed.', end: 'end not passed.' },
    });
    expect((await call('invoice/merchant/statistics', { start: '2026-01-01', end: '01.01.2026' })).json.result).toEqual({
      start: 'Invalid value start.',
    });
    expect((await call('invoice/merchant/statistics', { start: '02.01.2026', end: '01.01.2026' })).json.result).toEqual({
      end: 'Invalid value end.',
    });
  });

  it('counts and sums per status in USD', async () => {
    const res = await call('invoice/merchant/statistics', { start: today(), end: today() });
    expect(res.status).toBe(200);
    const docs = fixture('statistics-success.json').result as any;
    expect(keysOf(res.json.result.count)).toEqual(keysOf(docs.count));
    expect(keysOf(res.json.result.amount)).toEqual(keysOf(docs.amount));
    const { count, amount } = res.json.result;
    expect(count.all).toBe(count.created + count.paid + count.partial + count.overpaid + count.canceled);
    expect(count.canceled).toBeGreaterThanOrEqual(1);
    expect(amount.all).toBeGreaterThan(0);
  });
});

describe('balance and static wallets', () => {
  it('lists a zero balance per currency in the wallet currency shape', async () => {
    const res = await call('merchant/wallet/balance/all');
    expect(res.status).toBe(200);
    const docs = (fixture('balance-success.json').result as any[])[0];
    const usdt = res.json.result.find((e: any) => e.currency.code === 'USDT_TRC20');
    expect(keysOf(usdt)).toEqual(keysOf(docs));
    expect(keysOf(usdt.currency)).toEqual(keysOf(docs.currency));
    expect(usdt).toMatchObject({
      balance_crypto: 0,
      balance_usd: 0,
      currency: { short_code: 'USDT', obj_network: { code: 'TRC20' }, enable: true },
    });
  });

  it('creates a stable static wallet per identify', async () => {
    const body = { shop_id: SHOP, currency: 'ETH', identify: 'customer-42' };
    const a = await call('invoice/static/create', body);
    expect(a.status).toBe(200);
    const docs = fixture('static-wallet-success.json').result as any;
    expect(keysOf(a.json.result)).toEqual(keysOf(docs));
    expect(keysOf(a.json.result.currency)).toEqual(keysOf(docs.currency));
    expect(a.json.result.uuid).toMatch(/^[A-Z0-9]{32}$/);
    expect(a.json.result.address).toMatch(/^0x[0-9a-f]{40}$/);
    expect((await call('invoice/static/create', body)).json).toEqual(a.json);
    expect((await call('invoice/static/create', { ...body, identify: 'customer-43' })).json.result.uuid).not.toBe(a.json.result.uuid);
    expect((await call('invoice/static/create', { shop_id: SHOP })).json.result).toEqual({
      currency: 'currency not passed.',
      identify: 'identify not passed.',
    });
    expect((await call('invoice/static/create', { ...body, currency: 'DOGE' })).json.result).toEqual({
      currency: 'Invalid value currency.',
    });
  });
});
