// Invoice lifecycle and postbacks of the sandbox, driven through the control API over real HTTP:
// lazy expiry, partial → top-up → paid, overpaid, postbacks in JSON and form format with a token
// that verifies, and retries recorded against a receiver that fails first.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { jwtVerify, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { sandboxInvoices, sandboxPostbacks } from '@/db/schema';
import { parsePostbackBody, verifyPostback } from '@/lib/cryptocloud';
import { resetEnvCache } from '@/lib/env';
import { pendingPostbackRetries } from '@/lib/sandbox/postbacks';
import { startRouteServer, type RouteServer } from '../helpers/route-server';
import { SANDBOX_ROUTES } from '../helpers/sandbox-server';

const KEY = 'sandbox-api-key';
const SHOP = 'SANDBOXSHOP00001';
const SECRET = new TextEncoder().encode('sandbox-secret-key');

interface Received {
  contentType: string;
  body: string;
}

let server: RouteServer;
let receiver: http.Server;
let receiverUrl: string;
let received: Received[] = [];
/** Status codes the receiver answers with, in order; 200 once exhausted. */
let answers: number[] = [];

beforeAll(async () => {
  server = await startRouteServer(SANDBOX_ROUTES);
  receiver = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({ contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8') });
    const status = answers.shift() ?? 200;
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ message: status === 200 ? 'Postback received' : 'nope' }));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/cryptocloud/postback`;
  process.env.APP_URL = server.url;
  process.env.CRYPTOCLOUD_SANDBOX_NOTIFY_URL = receiverUrl;
  process.env.CRYPTOCLOUD_SANDBOX_POSTBACK_BACKOFF_MS = '20';
  process.env.CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES = '3';
  resetEnvCache();
});

afterAll(async () => {
  await server.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
  received = [];
  answers = [];
  delete process.env.CRYPTOCLOUD_SANDBOX_POSTBACK_FORMAT;
  resetEnvCache();
});

async function post(url: string, body?: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Token ${KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

const api = (endpoint: string, body?: unknown) => post(`${server.url}/api/sandbox/cryptocloud/v2/${endpoint}`, body);
const control = (uuid: string, action: string, body?: unknown) =>
  post(`${server.url}/api/sandbox/cryptocloud/control/invoices/${uuid}/${action}`, body);

async function newInvoice(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await api('invoice/create', { shop_id: SHOP, amount: 100, order_id: 'ORD-42', ...extra });
  expect(res.status).toBe(200);
  return res.json.result.uuid as string;
}

async function row(uuid: string) {
  const { db } = await getDb();
  const [r] = await db.select().from(sandboxInvoices).where(eq(sandboxInvoices.uuid, uuid));
  return r!;
}

async function attempts(uuid: string) {
  const { db } = await getDb();
  return db.select().from(sandboxPostbacks).where(eq(sandboxPostbacks.invoiceUuid, uuid)).orderBy(sandboxPostbacks.id);
}

/** The storefront's own postback reader accepts what the sandbox sends. */
async function verifiedByApp(p: Received) {
  const parsed = parsePostbackBody(p.body, p.contentType);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const verified = await verifyPostback(parsed.value, 'sandbox-secret-key');
  if (!verified.ok) throw new Error(verified.error.message);
  return verified.value;
}

async function info(uuid: string) {
  return (await api('invoice/merchant/info', { uuids: [uuid] })).json.result[0];
}

describe('expiry', () => {
  it('turns an unpaid invoice past its expiry_date into canceled when it is next read', async () => {
    const uuid = await newInvoice();
    const { db } = await getDb();
    await db
      .update(sandboxInvoices)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sandboxInvoices.uuid, uuid));
    expect((await row(uuid)).status).toBe('created');
    const item = await info(uuid);
    expect(item.status).toBe('canceled');
    expect(item.date_finished).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect((await row(uuid)).status).toBe('canceled');
    const pay = await control(uuid, 'pay', { outcome: 'paid' });
    expect(pay.status).toBe(409);
    expect(received).toHaveLength(0);
  });

  it('expires a partial invoice through the control API and sends no postback for it', async () => {
    const uuid = await newInvoice();
    await control(uuid, 'pay', { outcome: 'partial' });
    received = [];
    const res = await control(uuid.slice(4), 'expire');
    expect(res.status).toBe(200);
    expect(res.json.result.invoice.status).toBe('canceled');
    expect(res.json.result.postback).toBeNull();
    expect(received).toHaveLength(0);
    expect((await control(uuid, 'expire')).status).toBe(409);
  });
});

describe('payments', () => {
  it('partial, then a top-up, ends paid, with a postback for each', async () => {
    const uuid = await newInvoice();
    const partial = await control(uuid, 'pay', { outcome: 'partial' });
    expect(partial.status).toBe(200);
    expect(partial.json.result.invoice).toMatchObject({
      status: 'partial',
      invoice_status: 'start',
      amount_to_pay: 101.4,
      amount_paid: 50.7,
      to_surcharge: 50.7,
      to_surcharge_usd: 50.7,
      date_finished: null,
    });
    expect(partial.json.result.postback).toMatchObject({ ok: true, status: 200, attempt: 1, url: receiverUrl, format: 'json' });
    expect((await row(uuid)).status).toBe('partial');

    const topUp = await control(uuid, 'pay', { outcome: 'paid' });
    expect(topUp.json.result.invoice).toMatchObject({
      status: 'paid',
      invoice_status: 'success',
      amount_paid: 101.4,
      amount_paid_usd: 101.4,
      to_surcharge: 0,
      // received = amount_paid − fee − service_fee = 101.4 − 1.4 − 1.9
      received: 98.1,
      received_usd: 98.1,
    });
    expect(topUp.json.result.invoice.tx_list).toHaveLength(2);
    expect(topUp.json.result.invoice.address).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/);
    const r = await row(uuid);
    expect(r.status).toBe('paid');
    expect(r.finishedAt).not.toBeNull();
    expect(received.map((p) => JSON.parse(p.body).invoice_info.status)).toEqual(['partial', 'paid']);
    expect((await control(uuid, 'pay', { outcome: 'paid' })).status).toBe(409);
  });

  it('overpays 110 % of what is due', async () => {
    const uuid = await newInvoice();
    const res = await control(uuid, 'pay', { outcome: 'overpaid' });
    expect(res.json.result.invoice).toMatchObject({ status: 'overpaid', amount_paid: 111.54, to_surcharge: 0 });
    expect((await row(uuid)).status).toBe('overpaid');
    expect((await api('invoice/merchant/canceled', { uuid })).json.result).toEqual({ validate_error: 'Invoice is not created' });
  });

  it('refuses unknown invoices and outcomes', async () => {
    expect((await control('INV-ZZZZZZZ9', 'pay', { outcome: 'paid' })).status).toBe(404);
    const uuid = await newInvoice();
    const bad = await control(uuid, 'pay', { outcome: 'free' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ status: 'error', result: { outcome: 'Invalid value outcome.' } });
    expect((await control(uuid, 'refund')).status).toBe(404);
    const noKey = await fetch(`${server.url}/api/sandbox/cryptocloud/control/invoices/${uuid}/pay`, { method: 'POST' });
    expect(noKey.status).toBe(401);
    expect((await row(uuid)).status).toBe('created');
  });
});

describe('postbacks', () => {
  it('sends JSON with a token that verifies, invoice_id without prefix and the invoice snapshot', async () => {
    const uuid = await newInvoice({ order_id: 'ORD-JSON' });
    await control(uuid, 'pay', { outcome: 'paid' });
    expect(received).toHaveLength(1);
    const [p] = received;
    expect(p!.contentType).toBe('application/json');
    const body = JSON.parse(p!.body);
    expect(Object.keys(body).sort()).toEqual(['amount_crypto', 'currency', 'invoice_id', 'invoice_info', 'order_id', 'status', 'token']);
    expect(body).toMatchObject({
      status: 'success',
      invoice_id: uuid.slice(4),
      amount_crypto: 101.4,
      currency: 'USDT_TRC20',
      order_id: 'ORD-JSON',
    });
    expect(body.invoice_info).toMatchObject({ uuid, status: 'paid', order_id: 'ORD-JSON', test_mode: true });
    const { payload } = await jwtVerify(body.token, SECRET, { algorithms: ['HS256'] });
    expect(payload.id).toBe(uuid.slice(4));
    expect(payload.iat).toBeUndefined();
    expect(payload.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(290);
    expect(decodeProtectedHeader(body.token)).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(await verifiedByApp(p!)).toMatchObject({
      invoiceUuid: uuid,
      status: 'success',
      orderId: 'ORD-JSON',
      amountCrypto: '101.4',
      currency: 'USDT_TRC20',
    });
    const recorded = await attempts(uuid);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      url: receiverUrl,
      format: 'json',
      attempt: 1,
      invoiceStatus: 'paid',
      responseStatus: 200,
      error: null,
    });
  });

  it('sends form-encoded fields as strings with invoice_info as one JSON string', async () => {
    process.env.CRYPTOCLOUD_SANDBOX_POSTBACK_FORMAT = 'form';
    resetEnvCache();
    const uuid = await newInvoice({ order_id: 'ORD-FORM', add_fields: { cryptocurrency: 'BTC' } });
    const res = await control(uuid, 'pay', { outcome: 'overpaid' });
    expect(res.json.result.postback).toMatchObject({ ok: true, format: 'form' });
    const [p] = received;
    expect(p!.contentType).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(p!.body);
    expect([...form.keys()].sort()).toEqual(['amount_crypto', 'currency', 'invoice_id', 'invoice_info', 'order_id', 'status', 'token']);
    expect(form.get('status')).toBe('success');
    expect(form.get('invoice_id')).toBe(uuid.slice(4));
    expect(form.get('currency')).toBe('BTC');
    expect(form.get('order_id')).toBe('ORD-FORM');
    const infoObj = JSON.parse(form.get('invoice_info')!);
    expect(infoObj).toMatchObject({ uuid, status: 'overpaid', currency: { fullcode: 'BTC' } });
    expect(form.get('amount_crypto')).toBe(String(infoObj.amount_paid));
    const { payload } = await jwtVerify(form.get('token')!, SECRET, { algorithms: ['HS256'] });
    expect(payload.id).toBe(uuid.slice(4));
    expect(await verifiedByApp(p!)).toMatchObject({
      invoiceUuid: uuid,
      orderId: 'ORD-FORM',
      currency: 'BTC',
      invoiceInfo: { status: 'overpaid' },
    });
    expect((await attempts(uuid))[0]).toMatchObject({ format: 'form', invoiceStatus: 'overpaid', responseStatus: 200 });
  });

  it('retries a failed delivery with backoff and records every attempt with a fresh token', async () => {
    answers = [500, 503];
    const uuid = await newInvoice();
    const res = await control(uuid, 'pay', { outcome: 'paid' });
    expect(res.json.result.postback).toMatchObject({ ok: false, status: 500, attempt: 1, retrying: true });
    await expect.poll(async () => (await attempts(uuid)).length, { timeout: 15_000 }).toBe(3);
    // Delivery has settled: no retry is scheduled any more, so no fourth attempt can come.
    await expect.poll(() => pendingPostbackRetries(uuid), { timeout: 15_000 }).toBe(0);
    const rows = await attempts(uuid);
    expect(rows.map((a) => [a.attempt, a.responseStatus])).toEqual([
      [1, 500],
      [2, 503],
      [3, 200],
    ]);
    expect(received).toHaveLength(3);
    for (const p of received) await jwtVerify(JSON.parse(p.body).token, SECRET, { algorithms: ['HS256'] });
  });

  it('gives up after the configured number of retries and records network errors', async () => {
    process.env.CRYPTOCLOUD_SANDBOX_NOTIFY_URL = 'http://127.0.0.1:9/unreachable';
    process.env.CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES = '2';
    resetEnvCache();
    try {
      const uuid = await newInvoice();
      const res = await control(uuid, 'pay', { outcome: 'paid' });
      expect(res.json.result.postback).toMatchObject({ ok: false, status: null, retrying: true });
      expect(res.json.result.postback.error).toEqual(expect.any(String));
      await expect.poll(async () => (await attempts(uuid)).length, { timeout: 15_000 }).toBe(3);
      await expect.poll(() => pendingPostbackRetries(uuid), { timeout: 15_000 }).toBe(0);
      const rows = await attempts(uuid);
      expect(rows).toHaveLength(3);
      expect(rows.every((a) => a.responseStatus === null && a.error)).toBe(true);
    } finally {
      process.env.CRYPTOCLOUD_SANDBOX_NOTIFY_URL = receiverUrl;
      process.env.CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES = '3';
      resetEnvCache();
    }
  });

  it('resends on demand for a paid invoice, not for an unpaid one', async () => {
    const uuid = await newInvoice();
    expect((await control(uuid, 'resend-postback')).status).toBe(409);
    await control(uuid, 'pay', { outcome: 'paid' });
    const res = await control(uuid, 'resend-postback');
    expect(res.status).toBe(200);
    expect(res.json.result.postback).toMatchObject({ ok: true, attempt: 1 });
    expect(received).toHaveLength(2);
    expect(await attempts(uuid)).toHaveLength(2);
  });
});
