import 'server-only';
// Tolerant readers for CryptoCloud v2 `result` payloads: unknown fields pass, field-name drift
// (`side_commission_cc` / `side_commission_service`, `project.logo` as "None") is ignored, numbers
// become exact decimal strings. Only what the app relies on is required.
import Decimal from 'decimal.js';
import { z } from 'zod';
import { normalizeInvoiceUuid } from '@/lib/cryptocloud/ids';
import { parseCcTimestamp } from '@/lib/cryptocloud/time';
import type {
  BalanceEntry,
  CreatedInvoice,
  CryptoCloudError,
  InvoiceBatch,
  InvoiceCurrency,
  InvoiceInfo,
  InvoiceStatus,
  StaticWallet,
  Statistics,
  UnreadableInvoice,
} from '@/lib/cryptocloud/types';
import { fail, ok, type Result } from '@/lib/result';

const INVOICE_STATUSES = ['created', 'paid', 'partial', 'overpaid', 'canceled'] as const satisfies readonly InvoiceStatus[];

// Plain or exponent notation only: decimal.js would also take "0x1f", "Infinity" and huge exponents.
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d{1,3})?$/i;

/**
 * A JSON number or numeric string as an exact decimal string: 1.499999996212864e-06 →
 * "0.000001499999996212864", 100.0 → "100". Null when the value is not a finite decimal.
 * Numbers are read through their shortest round-trip form, so no binary noise is added.
 */
export function toDecimalString(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  if (!DECIMAL_TEXT.test(text)) return null;
  const fixed = new Decimal(text).toFixed();
  return fixed === '-0' ? '0' : fixed;
}

// The API is Python: absent values show up as null, "" or the string "None".
const isNothing = (v: unknown) => v === undefined || v === null || v === '' || v === 'None';

const decimal = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const d = toDecimalString(v);
  if (d === null) {
    ctx.addIssue({ code: 'custom', message: 'not a decimal number' });
    return z.NEVER;
  }
  return d;
});

const optionalDecimal = z
  .unknown()
  .optional()
  .transform((v, ctx): string | null => {
    if (isNothing(v)) return null;
    const d = toDecimalString(v);
    if (d === null) ctx.addIssue({ code: 'custom', message: 'not a decimal number' });
    return d;
  });

const optionalText = z
  .unknown()
  .optional()
  .transform((v): string | null => (typeof v === 'string' && !isNothing(v) ? v : null));

// An unreadable timestamp reads as "unknown" (null) rather than failing the whole invoice.
const timestamp = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' ? parseCcTimestamp(v) : null));

// Anything but an explicit true is a live invoice: `test_mode` is always present in real answers.
const testMode = z
  .unknown()
  .optional()
  .transform((v) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true'));

const orderId = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : String(v)));

const status = z.enum(INVOICE_STATUSES);

// Invoice currency object (`code` = ticker, `fullcode`, `network`); a shape we cannot read is null.
const invoiceCurrency = z
  .object({
    code: z.string().min(1),
    fullcode: z.string().min(1).optional(),
    name: z.string().nullish(),
    network: z
      .object({ code: z.string().min(1) })
      .loose()
      .nullish()
      .catch(null),
  })
  .loose()
  .transform((c): InvoiceCurrency => ({
    code: c.code,
    fullcode: c.fullcode ?? c.code,
    ...(c.name ? { name: c.name } : {}),
    ...(c.network ? { networkCode: c.network.code } : {}),
  }))
  .nullish()
  .catch(null)
  .transform((c) => c ?? null);

const record = z.record(z.string(), z.unknown());

const createdInvoice = z
  .object({
    uuid: z.string().regex(/^INV-[A-Z0-9]{8}$/, 'not an INV-XXXXXXXX id'),
    link: z.string().min(1),
    status,
    created: timestamp,
    expiry_date: timestamp,
    amount: decimal,
    amount_usd: optionalDecimal,
    amount_in_fiat: optionalDecimal,
    fiat_currency: optionalText,
    currency: invoiceCurrency,
    address: optionalText,
    test_mode: testMode,
  })
  .loose();

const invoiceInfo = z
  .object({
    uuid: z.union([z.string(), z.number()]).transform((v, ctx) => {
      const uuid = normalizeInvoiceUuid(v);
      if (uuid === null) {
        ctx.addIssue({ code: 'custom', message: 'not an invoice id' });
        return z.NEVER;
      }
      return uuid;
    }),
    status,
    invoice_status: optionalText,
    order_id: orderId,
    amount: optionalDecimal,
    amount_usd: optionalDecimal,
    amount_in_fiat: optionalDecimal,
    fiat_currency: optionalText,
    link: optionalText,
    pay_url: optionalText,
    amount_to_pay: optionalDecimal,
    amount_to_pay_usd: optionalDecimal,
    amount_paid: optionalDecimal,
    amount_paid_usd: optionalDecimal,
    received: optionalDecimal,
    received_usd: optionalDecimal,
    to_surcharge: optionalDecimal,
    to_surcharge_usd: optionalDecimal,
    currency: invoiceCurrency,
    created: timestamp,
    expiry_date: timestamp,
    date_finished: timestamp,
    test_mode: testMode,
  })
  .loose();

const statisticsCount = z.number().int().nonnegative().default(0);
const statisticsAmount = optionalDecimal.transform((v) => v ?? '0');
const statistics = z
  .object({
    count: z.object({
      all: statisticsCount,
      created: statisticsCount,
      paid: statisticsCount,
      partial: statisticsCount,
      overpaid: statisticsCount,
      canceled: statisticsCount,
    }),
    amount: z.object({
      all: statisticsAmount,
      created: statisticsAmount,
      paid: statisticsAmount,
      partial: statisticsAmount,
      overpaid: statisticsAmount,
      canceled: statisticsAmount,
    }),
  })
  .loose();

// Balance and static-wallet currency objects differ from invoices: `code` is the full code.
const walletCurrency = z.object({ code: z.string().min(1), short_code: z.string().nullish() }).loose();

const balanceEntry = z
  .object({
    currency: walletCurrency,
    balance_crypto: decimal,
    balance_usd: decimal,
    available_balance: decimal,
    available_balance_usd: decimal,
  })
  .loose();

const staticWallet = z
  .object({
    uuid: z.string().min(1),
    address: z.string().min(1),
    currency: z.union([walletCurrency.transform((c) => c.code), z.string().min(1)]),
  })
  .loose();

function malformed(error: z.ZodError) {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `result.${issue.path.join('.')}` : 'result';
  return fail<CryptoCloudError>({
    kind: 'malformed',
    message: `CryptoCloud answered with an unexpected shape (${where}: ${issue?.message ?? 'invalid'}).`,
  });
}

function read<S extends z.ZodType, T>(schema: S, input: unknown, reshape: (v: z.output<S>) => T): Result<T, CryptoCloudError> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(reshape(parsed.data)) : malformed(parsed.error);
}

function toInvoiceInfo(v: z.output<typeof invoiceInfo>, raw: Record<string, unknown>): InvoiceInfo {
  return {
    uuid: v.uuid,
    status: v.status,
    invoiceStatus: v.invoice_status,
    orderId: v.order_id,
    amount: v.amount,
    amountUsd: v.amount_usd,
    // The postback snapshot reports 0.0 here when the fiat amount is unknown.
    amountInFiat: v.amount_in_fiat !== null && new Decimal(v.amount_in_fiat).isZero() ? null : v.amount_in_fiat,
    fiatCurrency: v.fiat_currency,
    amountToPay: v.amount_to_pay,
    amountToPayUsd: v.amount_to_pay_usd,
    amountPaid: v.amount_paid,
    amountPaidUsd: v.amount_paid_usd,
    received: v.received,
    receivedUsd: v.received_usd,
    toSurcharge: v.to_surcharge,
    toSurchargeUsd: v.to_surcharge_usd,
    currency: v.currency,
    createdAt: v.created,
    expiresAt: v.expiry_date,
    finishedAt: v.date_finished,
    testMode: v.test_mode,
    // Not checked here: a caller about to send a buyer there passes it through acceptPayLink.
    link: v.link ?? v.pay_url,
    raw,
  };
}

/** Where a payment link may point: `payHosts` over https, plus the sandbox's own origin. */
export interface PayLinkPolicy {
  payHosts: string[];
  sandboxOrigin?: string;
}

/**
 * The origins a payment link may have under `policy`. CSP `form-action` lists exactly these
 * (lib/http/security-headers.ts): a form posted without JavaScript is answered with a redirect to
 * the pay link, which the browser blocks unless `form-action` allows it.
 */
export function payLinkOrigins(policy: PayLinkPolicy): string[] {
  const origins = policy.payHosts.map((h) => `https://${h.toLowerCase()}`);
  if (policy.sandboxOrigin) origins.push(policy.sandboxOrigin);
  return [...new Set(origins.flatMap((o) => (URL.canParse(o) ? [new URL(o).origin] : [])))];
}

/**
 * The buyer is sent to this link, so it must be https on an allowed host (or the sandbox origin,
 * where http is fine). A scheme-less link ("pay.trybit.com/89UX09KA", seen in the wild) gets
 * https://. Returns the normalised URL or null.
 */
export function acceptPayLink(link: string, policy: PayLinkPolicy): string | null {
  const text = link.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  return payLinkOrigins(policy).includes(url.origin) ? url.href : null;
}

/** `invoice/create` result → CreatedInvoice; the link must pass `acceptPayLink`. */
export function readCreatedInvoice(result: unknown, policy: PayLinkPolicy): Result<CreatedInvoice, CryptoCloudError> {
  const parsed = read(createdInvoice, result, (v) => v);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const link = acceptPayLink(v.link, policy);
  if (link === null) {
    return fail({ kind: 'malformed', message: 'CryptoCloud returned a payment link whose host is not allowed.' });
  }
  return ok({
    uuid: v.uuid,
    link,
    status: v.status,
    createdAt: v.created,
    expiresAt: v.expiry_date,
    amount: v.amount,
    amountUsd: v.amount_usd,
    amountInFiat: v.amount_in_fiat,
    fiatCurrency: v.fiat_currency,
    currency: v.currency,
    address: v.address ?? '',
    testMode: v.test_mode,
    raw: result as Record<string, unknown>,
  });
}

const isKnownStatus = (s: string): s is InvoiceStatus => (INVOICE_STATUSES as readonly string[]).includes(s);

function unreadableInvoice(item: unknown, error: z.ZodError): UnreadableInvoice {
  const fields = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
  const status = typeof fields.status === 'string' ? fields.status.slice(0, 100) : null;
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'invoice';
  return {
    uuid: normalizeInvoiceUuid(fields.uuid),
    status,
    reason:
      status !== null && !isKnownStatus(status)
        ? `unknown status ${JSON.stringify(status)}`
        : `unreadable ${where}: ${issue?.message ?? 'invalid'}`,
    raw: item,
  };
}

/**
 * `merchant/info` and `merchant/list` results, read invoice by invoice: an item with a status the
 * API does not document, or a shape we cannot use, is returned as unreadable (with its raw JSON)
 * instead of failing the whole answer, so the other invoices still count. Only a result that is
 * not an array is malformed.
 */
export function readInvoiceList(result: unknown): Result<InvoiceBatch, CryptoCloudError> {
  return read(z.array(z.unknown()), result, (items) => {
    const batch: InvoiceBatch = { invoices: [], unreadable: [] };
    for (const item of items) {
      const parsed = record.pipe(invoiceInfo).safeParse(item);
      if (parsed.success) batch.invoices.push(toInvoiceInfo(parsed.data, item as Record<string, unknown>));
      else batch.unreadable.push(unreadableInvoice(item, parsed.error));
    }
    return batch;
  });
}

/** An invoice we stored as the gateway sent it (`payments.last_info`), read again; null when unreadable. */
export function readStoredInvoice(raw: unknown): InvoiceInfo | null {
  const read = readInvoiceList([raw]);
  return read.ok ? (read.value.invoices[0] ?? null) : null;
}

export function readStatistics(result: unknown): Result<Statistics, CryptoCloudError> {
  return read(statistics, result, (v) => ({ count: v.count, amount: v.amount }));
}

export function readBalance(result: unknown): Result<BalanceEntry[], CryptoCloudError> {
  return read(z.array(balanceEntry), result, (entries) =>
    entries.map((e) => ({
      currency: e.currency.code,
      shortCode: e.currency.short_code ?? null,
      balanceCrypto: e.balance_crypto,
      balanceUsd: e.balance_usd,
      availableBalance: e.available_balance,
      availableBalanceUsd: e.available_balance_usd,
    })),
  );
}

export function readStaticWallet(result: unknown): Result<StaticWallet, CryptoCloudError> {
  return read(staticWallet, result, (v) => ({ uuid: v.uuid, address: v.address, currency: v.currency }));
}
