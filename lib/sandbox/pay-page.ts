import 'server-only';
import Decimal from 'decimal.js';
import QRCode from 'qrcode';
import type { Locale } from '@/i18n/routing';
import { invoiceSuffix, isSandboxActive, normalizeInvoiceUuid } from '@/lib/cryptocloud';
import { toLocale } from '@/lib/i18n/messages';
import { depositAddress } from './addresses';
import { CRYPTO_CURRENCIES, cryptoOf } from './catalog';
import { findInvoice, postbackAttempts, selectCurrency } from './invoices';
import { settle, type PaymentOutcome } from './pricing';
import { returnUrl, sandboxProject } from './project';
import { simulateExpiry, simulatePayment } from './simulate';
import { OPEN_STATUSES } from './status';

// Data and actions of the hosted pay page `/sandbox/pay/<8 chars>` (docs/cryptocloud.md §7).

const plain = (v: Decimal.Value) => new Decimal(v).toFixed();

export interface PayPageAttempt {
  id: number;
  at: string;
  url: string;
  attempt: number;
  invoiceStatus: string;
  responseStatus: number | null;
  error: string | null;
}

export interface PayPageData {
  uuid: string;
  suffix: string;
  status: string;
  /** The merchant's order_id, shortened: the storefront's is its order page credential. */
  orderRef: string | null;
  shopName: string;
  amountInFiat: string;
  fiatCurrency: string;
  amountUsd: string;
  crypto: { fullcode: string; code: string; name: string; network: string };
  amountToPay: string;
  amountPaid: string;
  toSurcharge: string;
  fee: string;
  serviceFee: string;
  address: string;
  qrSvg: string;
  /** ISO 8601. */
  expiresAt: string;
  /** Still payable (created or partial). */
  open: boolean;
  /** The buyer may still pick another crypto (nothing paid yet). */
  canChangeCurrency: boolean;
  currencyOptions: { value: string; label: string }[];
  attempts: PayPageAttempt[];
  /**
   * Whether "back to the shop" leads to the success URL (paid) or the fail URL (canceled). The URL
   * itself carries the full order_id, so the page never prints it: returnFromPage() redirects.
   */
  returnTo: 'success' | 'fail' | null;
  /** The language the invoice was created with (`?locale=`); one the shop has no messages for shows in English. */
  locale: Locale;
}

/** The first characters of an order id: enough to recognise the order, too few to open its page. */
export function orderReference(orderId: string): string {
  return orderId.length > 12 ? `${orderId.slice(0, 6)}…` : orderId;
}

function resolve(id: string): string | null {
  return isSandboxActive() ? normalizeInvoiceUuid(id) : null;
}

/** Everything the pay page shows; null when the sandbox is refused or the invoice is unknown. */
export async function loadPayPage(id: string): Promise<PayPageData | null> {
  const uuid = resolve(id);
  if (!uuid) return null;
  const invoice = await findInvoice(uuid);
  if (!invoice) return null;
  const project = sandboxProject();
  const crypto = cryptoOf(invoice.cryptoCurrency);
  const address = invoice.address || depositAddress(uuid, crypto);
  const s = settle(
    {
      amountPaid: new Decimal(invoice.amountPaid),
      amountPaidUsd: new Decimal(invoice.amountPaidUsd),
      amountToPay: new Decimal(invoice.amountToPay),
      fee: new Decimal(invoice.fee),
      feeUsd: new Decimal(invoice.feeUsd),
      serviceFee: new Decimal(invoice.serviceFee),
      serviceFeeUsd: new Decimal(invoice.serviceFeeUsd),
    },
    crypto,
  );
  const allowed = invoice.availableCurrencies;
  const open = (OPEN_STATUSES as string[]).includes(invoice.status);
  return {
    uuid,
    suffix: invoiceSuffix(uuid),
    status: invoice.status,
    orderRef: invoice.orderId === null ? null : orderReference(invoice.orderId),
    shopName: project.name,
    amountInFiat: plain(invoice.amountFiat),
    fiatCurrency: invoice.fiatCurrency,
    amountUsd: plain(invoice.amountUsd),
    crypto: { fullcode: crypto.fullcode, code: crypto.code, name: crypto.name, network: crypto.network.fullname },
    amountToPay: plain(invoice.amountToPay),
    amountPaid: plain(invoice.amountPaid),
    toSurcharge: plain(s.toSurcharge),
    fee: plain(invoice.fee),
    serviceFee: plain(invoice.serviceFee),
    address,
    qrSvg: await QRCode.toString(address, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
    expiresAt: invoice.expiresAt.toISOString(),
    open,
    canChangeCurrency: invoice.status === 'created' && new Decimal(invoice.amountPaid).isZero() && !invoice.cryptoPreselected,
    currencyOptions: CRYPTO_CURRENCIES.filter((c) => !allowed || allowed.includes(c.fullcode)).map((c) => ({
      value: c.fullcode,
      label: `${c.code} · ${c.network.fullname}`,
    })),
    attempts: (await postbackAttempts(uuid)).map((a) => ({
      id: a.id,
      at: a.createdAt.toISOString(),
      url: a.url,
      attempt: a.attempt,
      invoiceStatus: a.invoiceStatus,
      responseStatus: a.responseStatus,
      error: a.error,
    })),
    returnTo: returnKind(invoice.status),
    locale: toLocale(invoice.locale),
  };
}

function returnKind(status: string): 'success' | 'fail' | null {
  if (status === 'canceled') return 'fail';
  return (OPEN_STATUSES as string[]).includes(status) ? null : 'success';
}

/** "Back to the shop" on a settled invoice: the project's success or fail URL with the order_id. */
export async function returnFromPage(id: string): Promise<string | null> {
  const uuid = resolve(id);
  const invoice = uuid ? await findInvoice(uuid) : null;
  if (!uuid || !invoice) return null;
  const kind = returnKind(invoice.status);
  if (!kind) return null;
  const project = sandboxProject();
  return returnUrl(kind === 'fail' ? project.failUrl : project.successUrl, invoice.orderId, uuid);
}

/**
 * A payment from the page. Returns where to send the buyer: the success URL (with order_id and
 * invoice_uuid) once paid or overpaid, or null to stay on the page (partial: the rest is shown).
 */
export async function payFromPage(id: string, outcome: PaymentOutcome): Promise<string | null> {
  const uuid = resolve(id);
  if (!uuid) return null;
  const result = await simulatePayment(uuid, outcome);
  if (!result.ok || result.value.invoice.status === 'partial') return null;
  return returnUrl(sandboxProject().successUrl, result.value.invoice.orderId, uuid);
}

/** Let the invoice expire from the page; returns the fail URL to send the buyer to. */
export async function expireFromPage(id: string): Promise<string | null> {
  const uuid = resolve(id);
  if (!uuid) return null;
  const result = await simulateExpiry(uuid);
  // An invoice that had already run out still sends the buyer back through the fail URL.
  const invoice = result.ok ? result.value.invoice : result.error.kind === 'not-allowed' ? result.error.invoice : null;
  if (!invoice || invoice.status !== 'canceled') return null;
  return returnUrl(sandboxProject().failUrl, invoice.orderId, uuid);
}

/** The buyer picks another crypto: re-priced at the demo rate (ignored when no longer allowed). */
export async function selectCurrencyFromPage(id: string, fullcode: string): Promise<void> {
  const uuid = resolve(id);
  if (uuid) await selectCurrency(uuid, fullcode);
}
