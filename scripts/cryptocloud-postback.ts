// Sign and send one CryptoCloud-style postback to any URL, e.g. to test a deployed shop's handler:
//   npm run cryptocloud:postback -- --url https://shop.example/api/cryptocloud/postback \
//     --secret <SECRET KEY> --invoice INV-XXXXXXXX --order <order_id> [--form] [--status paid]
// Optional: --amount <USD, default 100> --currency <crypto, default USDT_TRC20>.
// Prints the HTTP status and body; exits non-zero unless the answer is 2xx. No database is used:
// `invoice_info` is a plausible snapshot priced with the sandbox's demo rates.
import { parseArgs } from 'node:util';
import Decimal from 'decimal.js';
import { normalizeInvoiceUuid } from '@/lib/cryptocloud';
import { findCrypto } from '@/lib/sandbox/catalog';
import { invoiceInfoView, type SandboxInvoiceRow } from '@/lib/sandbox/invoice-view';
import { encodePostback, postbackFields, sendPostback } from '@/lib/sandbox/postback-message';
import { cryptoToUsd, paymentAmount, quote, quoteColumns, statusForPaid, type PaymentOutcome } from '@/lib/sandbox/pricing';
import { processingState } from '@/lib/sandbox/status';

const USAGE =
  'usage: npm run cryptocloud:postback -- --url <notify url> --secret <secret key> --invoice INV-XXXXXXXX ' +
  '[--order <order_id>] [--form] [--status paid|overpaid|partial] [--amount 100] [--currency USDT_TRC20]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function snapshot(uuid: string, orderId: string | null, status: PaymentOutcome, amountUsd: Decimal, cryptoCode: string): SandboxInvoiceRow {
  const crypto = findCrypto(cryptoCode) ?? fail(`unknown --currency ${cryptoCode}`);
  const q = quote(amountUsd, crypto);
  const paid = paymentAmount(status, q.amountToPay, crypto);
  const actual = statusForPaid(paid, q.amountToPay);
  const now = new Date();
  return {
    uuid,
    shopId: 'postback-script',
    orderId,
    email: null,
    status: actual,
    invoiceStatus: processingState(actual),
    amountFiat: amountUsd.toFixed(),
    fiatCurrency: 'USD',
    amountUsd: amountUsd.toFixed(),
    ...quoteColumns(amountUsd, crypto),
    availableCurrencies: null,
    cryptoPreselected: false,
    amountPaid: paid.toFixed(),
    amountPaidUsd: (actual === 'paid' ? q.amountToPayUsd : cryptoToUsd(paid, crypto)).toFixed(),
    address: '',
    txList: [],
    locale: null,
    addFields: null,
    testMode: true,
    createdAt: new Date(now.getTime() - 5 * 60_000),
    expiresAt: new Date(now.getTime() + 24 * 3600_000),
    finishedAt: actual === 'partial' ? null : now,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      secret: { type: 'string' },
      invoice: { type: 'string' },
      order: { type: 'string' },
      form: { type: 'boolean', default: false },
      status: { type: 'string', default: 'paid' },
      amount: { type: 'string', default: '100' },
      currency: { type: 'string', default: 'USDT_TRC20' },
    },
    strict: true,
  });
  if (!values.url || !/^https?:\/\//.test(values.url)) fail('--url must be an http(s) URL');
  if (!values.secret) fail('--secret is required');
  const uuid = normalizeInvoiceUuid(values.invoice) ?? fail('--invoice must look like INV-XXXXXXXX');
  if (!['paid', 'overpaid', 'partial'].includes(values.status)) fail('--status must be paid, overpaid or partial');
  if (!/^\d+(\.\d+)?$/.test(values.amount) || new Decimal(values.amount).lte(0)) fail('--amount must be a positive number');

  const origin = new URL(values.url).origin;
  const row = snapshot(uuid, values.order ?? null, values.status as PaymentOutcome, new Decimal(values.amount), values.currency);
  const info = invoiceInfoView(row, {
    name: 'CryptoCloud sandbox',
    successUrl: `${origin}/checkout/return`,
    failUrl: `${origin}/checkout/return`,
    appUrl: origin,
  });
  const encoded = encodePostback(await postbackFields(info, values.secret), values.form ? 'form' : 'json');
  console.log(`POST ${values.url} (${encoded.contentType}) for ${uuid}, status ${row.status}`);
  const sent = await sendPostback(values.url, encoded);
  if (sent.status === null) {
    console.error(`failed: ${sent.error}`);
    process.exit(1);
  }
  console.log(`HTTP ${sent.status}`);
  if (sent.body) console.log(sent.body);
  process.exit(sent.ok ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
