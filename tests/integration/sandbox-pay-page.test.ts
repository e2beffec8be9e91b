// The hosted pay page's data and actions: re-pricing on a crypto change, partial → top-up,
// the redirect to the shop's success / fail URL, and the postback log it shows. The page itself is
// rendered by Next (checked by the e2e suite); here its element tree is inspected for the controls.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidElement, type ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { expireFromPage, loadPayPage, orderReference, payFromPage, returnFromPage, selectCurrencyFromPage } from '@/lib/sandbox/pay-page';
import { startRouteServer, type RouteServer } from '../helpers/route-server';

let server: RouteServer;
let receiver: http.Server;
const received: string[] = [];

beforeAll(async () => {
  server = await startRouteServer({
    '/api/sandbox/cryptocloud/v2/[...path]': () => import('@/app/api/sandbox/cryptocloud/v2/[...path]/route'),
  });
  receiver = http.createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    received.push(body);
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  process.env.APP_URL = server.url;
  process.env.CRYPTOCLOUD_SANDBOX_NOTIFY_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  resetEnvCache();
});

afterAll(async () => {
  await server.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

async function newInvoice(body: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${server.url}/api/sandbox/cryptocloud/v2/invoice/create`, {
    method: 'POST',
    headers: { authorization: 'Token sandbox-api-key', 'content-type': 'application/json' },
    body: JSON.stringify({ shop_id: 'SANDBOXSHOP00001', amount: '25.00', currency: 'USD', order_id: 'ORD-PAGE', ...body }),
  });
  const json = (await res.json()) as { result: { uuid: string } };
  return json.result.uuid.slice(4);
}

/** Every value of `prop` found on elements in a React element tree (components are not run). */
function propsInTree(node: ReactNode, prop: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((n) => propsInTree(n, prop, out));
  else if (isValidElement(node)) {
    const props = node.props as Record<string, unknown>;
    if (prop in props) out.push(props[prop]);
    propsInTree(props.children as ReactNode, prop, out);
  }
  return out;
}

describe('pay page', () => {
  it('shows amount, fiat amount, address and QR, and re-prices when another crypto is picked', async () => {
    const id = await newInvoice();
    const page = await loadPayPage(id);
    expect(page).toMatchObject({
      status: 'created',
      amountInFiat: '25',
      fiatCurrency: 'USD',
      amountToPay: '26.4',
      crypto: { fullcode: 'USDT_TRC20' },
      open: true,
      canChangeCurrency: true,
      attempts: [],
      returnTo: null,
      orderRef: 'ORD-PAGE',
    });
    expect(await returnFromPage(id)).toBeNull();
    expect(page!.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(page!.address).toMatch(/^T/);
    expect(page!.currencyOptions.length).toBeGreaterThan(10);

    await selectCurrencyFromPage(id, 'BTC');
    const btc = await loadPayPage(id);
    // $25 at 60 000 USD/BTC, no transfer fee on Bitcoin.
    expect(btc).toMatchObject({ crypto: { fullcode: 'BTC' }, amountToPay: '0.00041667', fee: '0' });
    expect(btc!.address).toMatch(/^bc1q/);
    await selectCurrencyFromPage(id, 'NOPE');
    expect((await loadPayPage(id))!.crypto.fullcode).toBe('BTC');
  });

  it('offers only available_currencies and no change for a preselected crypto', async () => {
    const restricted = await loadPayPage(await newInvoice({ add_fields: { available_currencies: ['ETH', 'USDT_TRC20'] } }));
    expect(restricted!.currencyOptions.map((o) => o.value).sort()).toEqual(['ETH', 'USDT_TRC20']);
    const preselected = await newInvoice({ add_fields: { cryptocurrency: 'LTC' } });
    expect((await loadPayPage(preselected))!.canChangeCurrency).toBe(false);
    await selectCurrencyFromPage(preselected, 'BTC');
    expect((await loadPayPage(preselected))!.crypto.fullcode).toBe('LTC');
  });

  it('stays on the page after a partial payment, then the top-up returns the buyer to the success URL', async () => {
    const id = await newInvoice();
    expect(await payFromPage(id, 'partial')).toBeNull();
    const partial = await loadPayPage(id);
    expect(partial).toMatchObject({ status: 'partial', amountPaid: '13.2', toSurcharge: '13.2', canChangeCurrency: false, open: true });
    expect(partial!.attempts).toHaveLength(1);
    expect(partial!.attempts[0]).toMatchObject({ attempt: 1, invoiceStatus: 'partial', responseStatus: 200, error: null });

    const target = await payFromPage(`INV-${id}`, 'paid');
    expect(target).toBe(`${server.url}/checkout/return?order_id=ORD-PAGE&invoice_uuid=INV-${id}`);
    const paid = await loadPayPage(id);
    expect(paid).toMatchObject({ status: 'paid', open: false, toSurcharge: '0', returnTo: 'success' });
    expect(await returnFromPage(id)).toBe(target);
    expect(paid!.attempts.map((a) => a.invoiceStatus)).toEqual(['partial', 'paid']);
    expect(await payFromPage(id, 'paid')).toBeNull();
  });

  it('sends the buyer to the fail URL after letting the invoice expire', async () => {
    const id = await newInvoice({ order_id: 'ORD-EXP' });
    const target = await expireFromPage(id);
    expect(target).toBe(`${server.url}/checkout/return?order_id=ORD-EXP&invoice_uuid=INV-${id}`);
    expect(await loadPayPage(id)).toMatchObject({ status: 'canceled', open: false, returnTo: 'fail' });
    expect(await returnFromPage(id)).toBe(target);
  });

  it('shows only the start of a long order_id (the storefront order token opens its order page)', async () => {
    const token = 'Abc123_-'.repeat(5) + 'xyz';
    const page = await loadPayPage(await newInvoice({ order_id: token }));
    expect(page!.orderRef).toBe('Abc123…');
    expect(JSON.stringify(page)).not.toContain(token.slice(0, 12));
    expect(orderReference('ORD-1')).toBe('ORD-1');
  });

  it('renders the four simulation buttons, the picker and the countdown for an open invoice', async () => {
    const { default: Page } = await import('@/app/(sandbox)/sandbox/pay/[id]/page');
    const id = await newInvoice();
    const tree = await Page({ params: Promise.resolve({ id }) });
    const testIds = [...propsInTree(tree, 'testId'), ...propsInTree(tree, 'data-testid')];
    expect(testIds).toEqual(
      expect.arrayContaining([
        'sandbox-pay-full',
        'sandbox-pay-partial',
        'sandbox-pay-over',
        'sandbox-expire',
        'sandbox-amount',
        'sandbox-address',
      ]),
    );
    expect(propsInTree(tree, 'expiresAt')).toHaveLength(1);
    expect(propsInTree(tree, 'options')).toHaveLength(1);
  });

  it('is not found for unknown invoices and when real keys are configured', async () => {
    const { default: Page } = await import('@/app/(sandbox)/sandbox/pay/[id]/page');
    await expect(Page({ params: Promise.resolve({ id: 'ZZZZZZZZ' }) })).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    const id = await newInvoice();
    Object.assign(process.env, { CRYPTOCLOUD_API_KEY: 'k', CRYPTOCLOUD_SHOP_ID: 's', CRYPTOCLOUD_SECRET_KEY: 'x' });
    resetEnvCache();
    try {
      expect(await loadPayPage(id)).toBeNull();
      expect(await payFromPage(id, 'paid')).toBeNull();
      await expect(Page({ params: Promise.resolve({ id }) })).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    } finally {
      for (const k of ['CRYPTOCLOUD_API_KEY', 'CRYPTOCLOUD_SHOP_ID', 'CRYPTOCLOUD_SECRET_KEY']) delete process.env[k];
      resetEnvCache();
    }
    expect((await loadPayPage(id))!.status).toBe('created');
  });
});
