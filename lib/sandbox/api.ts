import 'server-only';
import Decimal from 'decimal.js';
import { isSandboxActive } from '@/lib/cryptocloud';
import { fail } from '@/lib/result';
import { depositAddress, staticWalletUuid } from './addresses';
import { CRYPTO_CURRENCIES, cryptoOf } from './catalog';
import { apiError, gate, json, notFound, readBody } from './http';
import { createdInvoiceView, invoiceInfoView, walletCurrency } from './invoice-view';
import { cancelInvoice, createInvoice, findInvoices, invoiceStatistics, listInvoices } from './invoices';
import { sandboxCredentials } from './credentials';
import { sandboxProject } from './project';
import { parseCancel, parseCreateInvoice, parseInfo, parseList, parsePeriod, parseStaticWallet } from './validation';

// The emulated CryptoCloud v2 API (docs/cryptocloud.md §2, §3): same paths, bodies and messages.
// Sandbox-specific choices: a foreign shop_id → 400 {"shop_id":"Invalid shop_id."}; an unknown
// uuid in cancel → 400 {"validate_error":"Invoice not found"}; error messages are English for
// every ?locale= (stored with the invoice for its pay page, never refused); balances stay 0 because test-mode invoices never credit the balance.

type Endpoint = (request: Request) => Promise<Response>;

const num = (d: Decimal) => Number(d.toString());
const LOCALE = /^[a-z]{2}$/;

const endpoints: Record<string, Endpoint> = {
  'invoice/create': async (request) => {
    const project = sandboxProject();
    const parsed = parseCreateInvoice(await readBody(request), (await sandboxCredentials()).shopId);
    if (!parsed.ok) return apiError(parsed.error.errors);
    const locale = new URL(request.url).searchParams.get('locale');
    const invoice = await createInvoice(parsed.value, locale && LOCALE.test(locale) ? locale : null);
    return json({ status: 'success', result: createdInvoiceView(invoice, project) });
  },

  'invoice/merchant/info': async (request) => {
    const parsed = parseInfo(await readBody(request));
    if (!parsed.ok) return apiError(parsed.error.errors);
    const project = sandboxProject();
    const invoices = await findInvoices(parsed.value);
    return json({ status: 'success', result: invoices.map((i) => invoiceInfoView(i, project)) });
  },

  'invoice/merchant/canceled': async (request) => {
    const parsed = parseCancel(await readBody(request));
    if (!parsed.ok) return apiError(parsed.error.errors);
    const result = parsed.value ? await cancelInvoice(parsed.value) : fail({ kind: 'not-found' as const });
    if (result.ok) return json({ status: 'success', result: ['ok'] });
    return apiError({ validate_error: result.error.kind === 'not-found' ? 'Invoice not found' : 'Invoice is not created' });
  },

  'invoice/merchant/list': async (request) => {
    const parsed = parseList(await readBody(request));
    if (!parsed.ok) return apiError(parsed.error.errors);
    const project = sandboxProject();
    const { rows, total } = await listInvoices(parsed.value);
    return json({ status: 'success', all_count: total, result: rows.map((i) => invoiceInfoView(i, project)) });
  },

  'invoice/merchant/statistics': async (request) => {
    const parsed = parsePeriod(await readBody(request));
    if (!parsed.ok) return apiError(parsed.error.errors);
    const stats = await invoiceStatistics(parsed.value);
    const amount = Object.fromEntries(Object.entries(stats.amount).map(([k, v]) => [k, num(v)]));
    return json({ status: 'success', result: { count: stats.count, amount } });
  },

  'merchant/wallet/balance/all': async () =>
    json({
      status: 'success',
      result: CRYPTO_CURRENCIES.map((c) => ({
        currency: walletCurrency(c),
        balance_crypto: 0,
        balance_usd: 0,
        available_balance: 0,
        available_balance_usd: 0,
      })),
    }),

  // One wallet per (currency, identify): asking again returns the same address and uuid.
  'invoice/static/create': async (request) => {
    const { shopId } = await sandboxCredentials();
    const parsed = parseStaticWallet(await readBody(request), shopId);
    if (!parsed.ok) return apiError(parsed.error.errors);
    const crypto = cryptoOf(parsed.value.currency);
    const seed = `${shopId}|${parsed.value.identify}`;
    return json({
      status: 'success',
      result: {
        currency: walletCurrency(crypto),
        address: depositAddress(`static|${seed}`, crypto),
        uuid: staticWalletUuid(`${seed}|${crypto.fullcode}`),
      },
    });
  },
};

/** Serve `/api/sandbox/cryptocloud/v2/<path>`. */
export async function handleSandboxApi(request: Request, path: string[]): Promise<Response> {
  if (!isSandboxActive()) return notFound();
  const endpoint = endpoints[path.join('/')];
  if (!endpoint) return notFound();
  return (await gate(request)) ?? endpoint(request);
}
