// Public types of the CryptoCloud v2 client. Amounts are exact decimal strings ("12.5",
// "0.000001499999996212864"), never JS floats; timestamps are Dates in UTC.

export type CryptoCloudErrorKind =
  /** DNS, connection refused, reset: the request may not have reached the API. */
  | 'network'
  /** No complete answer within the timeout. */
  | 'timeout'
  /** A non-2xx answer that is none of the kinds below (5xx, 404, HTML error pages). */
  | 'http'
  /** `{"status":"error","result":{field: message}}`: the API refused the request's content. */
  | 'api-validation'
  /** Missing or wrong API key (`authorization` error, or a `{"detail": …}` body). */
  | 'unauthorized'
  /** A 2xx answer we cannot use: not JSON, wrong shape, or a payment link on a host not allowed. */
  | 'malformed';

export interface CryptoCloudError {
  kind: CryptoCloudErrorKind;
  /** One readable sentence, safe to log (never contains the API key). */
  message: string;
  /** HTTP status when an answer arrived. */
  status?: number;
  /** Per-field messages of an `api-validation` (or `unauthorized`) error, as the API sent them. */
  fields?: Record<string, string>;
}

export type InvoiceStatus = 'created' | 'paid' | 'partial' | 'overpaid' | 'canceled';

export interface CreateInvoiceInput {
  /** Fiat amount as an exact decimal string, e.g. "12.50". */
  amount: string;
  /** Fiat currency (one of the 25 the API accepts). Default USD. */
  currency?: string;
  orderId?: string;
  email?: string;
  addFields?: {
    timeToPay?: { hours: number; minutes: number };
    availableCurrencies?: string[];
    cryptocurrency?: string;
    emailToSend?: string;
  };
  /** Sent as `?locale=`. */
  locale?: InvoiceLocale;
}

/** The pay-page languages CryptoCloud's docs list for `invoice/create?locale=` (docs/cryptocloud.md §2.1). */
export const INVOICE_LOCALES = ['en', 'ru'] as const;
export type InvoiceLocale = (typeof INVOICE_LOCALES)[number];

/** The `?locale=` for a buyer's language, or undefined when the gateway does not list it. */
export function invoiceLocale(locale: string): InvoiceLocale | undefined {
  return (INVOICE_LOCALES as readonly string[]).includes(locale) ? (locale as InvoiceLocale) : undefined;
}

/** Currency object of invoices (`code` = ticker, `fullcode` = e.g. USDT_TRC20). */
export interface InvoiceCurrency {
  code: string;
  fullcode: string;
  name?: string;
  networkCode?: string;
}

export interface CreatedInvoice {
  /** With the `INV-` prefix. */
  uuid: string;
  /** Hosted payment page: https, on an allowed host (a scheme-less link gets `https://`). */
  link: string;
  status: InvoiceStatus;
  createdAt: Date | null;
  expiresAt: Date | null;
  /** Amount due in the selected crypto. */
  amount: string;
  amountUsd: string | null;
  amountInFiat: string | null;
  fiatCurrency: string | null;
  currency: InvoiceCurrency | null;
  address: string;
  testMode: boolean;
  /** The parsed JSON object exactly as received, for auditing. */
  raw: Record<string, unknown>;
}

export interface InvoiceInfo {
  uuid: string;
  status: InvoiceStatus;
  /** `invoice_status` (e.g. "start", "success") when present. */
  invoiceStatus: string | null;
  orderId: string | null;
  /** Amount in the selected crypto. */
  amount: string | null;
  amountUsd: string | null;
  /** Amount in the invoice's fiat currency (`amount_in_fiat`), when present and non-zero. */
  amountInFiat: string | null;
  fiatCurrency: string | null;
  amountToPay: string | null;
  amountToPayUsd: string | null;
  amountPaid: string | null;
  amountPaidUsd: string | null;
  received: string | null;
  receivedUsd: string | null;
  toSurcharge: string | null;
  toSurchargeUsd: string | null;
  currency: InvoiceCurrency | null;
  createdAt: Date | null;
  expiresAt: Date | null;
  finishedAt: Date | null;
  testMode: boolean;
  /** The pay page as the info API reports it (`link`, or `pay_url` in older answers); unchecked. */
  link: string | null;
  raw: Record<string, unknown>;
}

/**
 * An invoice in an info or list answer that we refuse to read: a status the API does not document
 * (an invented "expired"), or a shape we cannot use. Kept as data for the merchant, never applied.
 */
export interface UnreadableInvoice {
  /** `INV-XXXXXXXX` when the item names an invoice id we can read, else null. */
  uuid: string | null;
  /** The item's `status` when it is text, whatever it says. */
  status: string | null;
  /** Why it was not read, e.g. `unknown status "expired"`. */
  reason: string;
  /** The item exactly as received. */
  raw: unknown;
}

/** An info or list answer, read invoice by invoice: one odd item does not hide the others. */
export interface InvoiceBatch {
  invoices: InvoiceInfo[];
  unreadable: UnreadableInvoice[];
}

export interface ListInvoicesInput {
  /** Inclusive UTC day range. */
  start: Date;
  end: Date;
  offset?: number;
  limit?: number;
}

export interface Statistics {
  count: Record<'all' | InvoiceStatus, number>;
  /** Sums in USD, exact decimal strings. */
  amount: Record<'all' | InvoiceStatus, string>;
}

export interface BalanceEntry {
  /** Full code, e.g. USDT_TRC20. */
  currency: string;
  shortCode: string | null;
  balanceCrypto: string;
  balanceUsd: string;
  availableBalance: string;
  availableBalanceUsd: string;
}

export interface StaticWallet {
  /** 32 upper-case alphanumerics (not an RFC 4122 UUID). */
  uuid: string;
  address: string;
  currency: string;
}

/** What a verified postback proves: the gateway says something happened to this invoice. */
export interface VerifiedPostback {
  /** From the token's `id` claim, normalised to `INV-XXXXXXXX` (equals the body's invoice_id). */
  invoiceUuid: string;
  /** Untrusted (not covered by the token); informational only. */
  status: string | null;
  orderId: string | null;
  amountCrypto: string | null;
  currency: string | null;
  invoiceInfo: Record<string, unknown> | null;
}

export type PostbackError =
  { kind: 'unsupported-media-type'; message: string } | { kind: 'malformed'; message: string } | { kind: 'unauthorized'; message: string };
