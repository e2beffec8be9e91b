// A fake CryptoCloud v2 API on a loopback port, for what the sandbox never does: answer with an
// undocumented status or a broken item. It creates invoices and answers merchant/info like the
// real API (docs/cryptocloud.md §2–3); a test sets an invoice's status or replaces its item by
// any JSON at all. `env` points the app at it as live keys would.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { formatCcTimestamp } from '@/lib/cryptocloud';

interface FakeInvoice {
  uuid: string;
  orderId: string | null;
  /** Fiat amount as the create call sent it, e.g. "16.00". */
  amount: string;
  currency: string;
  /** Any text: the fake does not check it against the documented statuses. */
  status: string;
  createdAt: Date;
}

export interface FakeCryptoCloud {
  url: string;
  /** Environment that makes the app use this fake with live keys. */
  env: Record<string, string>;
  apiKey: string;
  secretKey: string;
  invoices: Map<string, FakeInvoice>;
  /** uuid → the item merchant/info answers instead of the invoice's own (any JSON, even garbage). */
  items: Map<string, unknown>;
  /** The uuids of every merchant/info request, in order. */
  infoRequests: string[][];
  /** Runs while a merchant/info request is being answered. */
  duringInfo: (() => void) | null;
  close(): Promise<void>;
}

let counter = 0;

function newUuid(): string {
  counter += 1;
  return `INV-F${String(counter).padStart(7, '0')}`;
}

/** A merchant/info item in the rich shape the real API sends. */
function infoItem(invoice: FakeInvoice): Record<string, unknown> {
  const paid = invoice.status === 'paid' || invoice.status === 'overpaid';
  const amount = Number(invoice.amount);
  return {
    uuid: invoice.uuid,
    created: formatCcTimestamp(invoice.createdAt),
    address: 'TXYZfake',
    expiry_date: formatCcTimestamp(new Date(invoice.createdAt.getTime() + 3_600_000)),
    side_commission: 'client',
    side_commission_cc: 'client',
    amount,
    amount_usd: amount,
    amount_in_fiat: amount,
    fiat_currency: invoice.currency,
    amount_to_pay: amount,
    amount_to_pay_usd: amount,
    amount_paid: paid ? amount : 0,
    amount_paid_usd: paid ? amount : 0,
    received: paid ? amount : 0,
    received_usd: paid ? amount : 0,
    to_surcharge: paid ? 0 : amount,
    to_surcharge_usd: paid ? 0 : amount,
    status: invoice.status,
    invoice_status: paid ? 'success' : 'start',
    order_id: invoice.orderId,
    currency: { id: 4, code: 'USDT', fullcode: 'USDT_TRC20', network: { code: 'TRC20', id: 4, fullname: 'Tron' }, name: 'Tether' },
    project: { id: 1, name: 'Fake', fail: '', success: '', logo: 'None' },
    test_mode: false,
  };
}

/** `createDelayMs`: how long invoice/create takes to answer (the benchmark's 50 ms gateway). */
export async function startFakeCryptoCloud(options: { createDelayMs?: number } = {}): Promise<FakeCryptoCloud> {
  const apiKey = 'fake-live-api-key';
  const secretKey = 'fake-live-secret-key';
  const shopId = 'FAKESHOP00000001';
  const fake: Omit<FakeCryptoCloud, 'url' | 'env' | 'close'> = {
    apiKey,
    secretKey,
    invoices: new Map(),
    items: new Map(),
    infoRequests: [],
    duringInfo: null,
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (req.headers.authorization !== `Token ${apiKey}`)
      return send(401, { status: 'error', result: { authorization: 'Unauthorized request.' } });
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    const path = new URL(req.url ?? '/', 'http://fake').pathname;

    if (path === '/v2/invoice/create') {
      if (options.createDelayMs) await new Promise((resolve) => setTimeout(resolve, options.createDelayMs));
      const invoice: FakeInvoice = {
        uuid: newUuid(),
        orderId: typeof body.order_id === 'string' ? body.order_id : null,
        amount: String(body.amount),
        currency: typeof body.currency === 'string' ? body.currency : 'USD',
        status: 'created',
        createdAt: new Date(),
      };
      fake.invoices.set(invoice.uuid, invoice);
      const { uuid, created, expiry_date, amount, amount_usd, amount_in_fiat, fiat_currency, currency, status } = infoItem(invoice);
      return send(200, {
        status: 'success',
        result: {
          uuid,
          created,
          expiry_date,
          amount,
          amount_usd,
          amount_in_fiat,
          fiat_currency,
          currency,
          status,
          address: '',
          link: `https://pay.cryptocloud.plus/${invoice.uuid.slice(4)}`,
          test_mode: false,
        },
      });
    }
    if (path === '/v2/invoice/merchant/info') {
      const uuids = Array.isArray(body.uuids) ? body.uuids.map(String) : [];
      fake.infoRequests.push(uuids);
      fake.duringInfo?.();
      const result = uuids.flatMap((u) => {
        if (fake.items.has(u)) return [fake.items.get(u)];
        const invoice = fake.invoices.get(u);
        return invoice ? [infoItem(invoice)] : [];
      });
      return send(200, { status: 'success', result });
    }
    if (path === '/v2/merchant/wallet/balance/all') {
      // The read-only call `npm run doctor` checks the API key with.
      return send(200, JSON.parse(readFileSync(join(__dirname, '../fixtures/cryptocloud/balance-success.json'), 'utf8')));
    }
    send(404, { detail: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The same object the server reads, so a test's `duringInfo` and `items` take effect.
  return Object.assign(fake, {
    url,
    env: { CRYPTOCLOUD_API_KEY: apiKey, CRYPTOCLOUD_SHOP_ID: shopId, CRYPTOCLOUD_SECRET_KEY: secretKey, CRYPTOCLOUD_API_URL: url },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  });
}
