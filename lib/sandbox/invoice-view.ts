import 'server-only';
import Decimal from 'decimal.js';
import type { sandboxInvoices } from '@/db/schema';
import { formatCcTimestamp, invoiceSuffix } from '@/lib/cryptocloud';
import { cryptoOf, type CryptoCurrency } from './catalog';
import { SIDE_COMMISSION, SIDE_COMMISSION_SERVICE, settle } from './pricing';
import { payLink } from './project';

// Turns stored sandbox invoices into the JSON shapes of the real API (docs/cryptocloud.md §2.3,
// §3.1, §3.5, §5.4). Money leaves as JSON numbers: every value is first rounded with decimal.js
// to at most 18 places, so Number() of its decimal string is the shortest exact representation.

export type SandboxInvoiceRow = typeof sandboxInvoices.$inferSelect;

/** What the views need of the project besides the invoice itself. */
export interface ProjectView {
  name: string;
  successUrl: string;
  failUrl: string;
  appUrl: string;
}

const CDN = 'https://cdn.cryptocloud.plus';

function num(value: Decimal.Value): number {
  return Number(new Decimal(value).toString());
}

function ts(date: Date | null): string | null {
  return date ? formatCcTimestamp(date) : null;
}

/** Currency object of invoices: `code` = ticker, `fullcode`, `network`. */
export function invoiceCurrency(c: CryptoCurrency) {
  return {
    id: c.id,
    code: c.code,
    fullcode: c.fullcode,
    network: {
      code: c.network.code,
      id: c.network.id,
      icon: `${CDN}/currency/crypto/${c.network.code}.svg`,
      fullname: c.network.fullname,
    },
    name: c.name,
    is_email_required: false,
    stablecoin: c.stablecoin,
    icon_base: `${CDN}/currency/icons/main/${c.code.toLowerCase()}.svg`,
    icon_network: `${CDN}/icons-currency/${c.code}-${c.network.code}.svg`,
    icon_qr: `${CDN}/currency/icons/stroke/${c.code.toLowerCase()}.svg`,
    order: c.order,
  };
}

/** Currency object of balances and static wallets: `code` = full code, `short_code`, `obj_network`, `enable`. */
export function walletCurrency(c: CryptoCurrency) {
  const { fullcode, code, network, ...rest } = invoiceCurrency(c);
  return { ...rest, code: fullcode, short_code: code, obj_network: network, enable: true };
}

function project(p: ProjectView) {
  return { id: 1, name: p.name, fail: p.failUrl, success: p.successUrl, logo: 'None' };
}

/** The `result` of `invoice/create` (§2.3); emits both spellings of the service-fee side. */
export function createdInvoiceView(inv: SandboxInvoiceRow, p: ProjectView) {
  const crypto = cryptoOf(inv.cryptoCurrency);
  return {
    uuid: inv.uuid,
    created: formatCcTimestamp(inv.createdAt),
    address: inv.address,
    expiry_date: formatCcTimestamp(inv.expiresAt),
    side_commission: SIDE_COMMISSION,
    side_commission_cc: SIDE_COMMISSION_SERVICE,
    side_commission_service: SIDE_COMMISSION_SERVICE,
    type_payments: 'crypto',
    amount: num(inv.amountCrypto),
    amount_usd: num(inv.amountUsd),
    amount_in_fiat: num(inv.amountFiat),
    fee: num(inv.fee),
    fee_usd: num(inv.feeUsd),
    service_fee: num(inv.serviceFee),
    service_fee_usd: num(inv.serviceFeeUsd),
    fiat_currency: inv.fiatCurrency,
    status: inv.status,
    is_email_required: false,
    link: payLink(p.appUrl, invoiceSuffix(inv.uuid)),
    invoice_id: null,
    currency: invoiceCurrency(crypto),
    project: project(p),
    test_mode: inv.testMode,
  };
}

const STEP: Record<string, number> = { created: 1, canceled: 1, partial: 2, paid: 3, overpaid: 3 };

/** The rich invoice object of `merchant/info`, `merchant/list` and postback `invoice_info` (§3.1, §5.4). */
export function invoiceInfoView(inv: SandboxInvoiceRow, p: ProjectView) {
  const crypto = cryptoOf(inv.cryptoCurrency);
  const d = (v: string) => new Decimal(v);
  const s = settle(
    {
      amountPaid: d(inv.amountPaid),
      amountPaidUsd: d(inv.amountPaidUsd),
      amountToPay: d(inv.amountToPay),
      fee: d(inv.fee),
      feeUsd: d(inv.feeUsd),
      serviceFee: d(inv.serviceFee),
      serviceFeeUsd: d(inv.serviceFeeUsd),
    },
    crypto,
  );
  return {
    uuid: inv.uuid,
    created: formatCcTimestamp(inv.createdAt),
    address: inv.address,
    currency: invoiceCurrency(crypto),
    date_finished: ts(inv.finishedAt),
    expiry_date: formatCcTimestamp(inv.expiresAt),
    side_commission: SIDE_COMMISSION,
    side_commission_cc: SIDE_COMMISSION_SERVICE,
    type_payments: 'crypto',
    amount: num(inv.amountCrypto),
    amount_usd: num(inv.amountUsd),
    amount_in_fiat: num(inv.amountFiat),
    fiat_currency: inv.fiatCurrency,
    amount_in_crypto: null,
    amount_to_pay: num(inv.amountToPay),
    amount_to_pay_usd: num(inv.amountToPayUsd),
    amount_paid: num(inv.amountPaid),
    amount_paid_usd: num(inv.amountPaidUsd),
    fee: num(inv.fee),
    fee_usd: num(inv.feeUsd),
    service_fee: num(inv.serviceFee),
    service_fee_usd: num(inv.serviceFeeUsd),
    received: num(s.received),
    received_usd: num(s.receivedUsd),
    to_surcharge: num(s.toSurcharge),
    to_surcharge_usd: num(s.toSurchargeUsd),
    total_rub: 0,
    status: inv.status,
    invoice_status: inv.invoiceStatus,
    is_email_required: false,
    order_id: inv.orderId,
    link: payLink(p.appUrl, invoiceSuffix(inv.uuid)),
    invoice_id: null,
    project: project(p),
    tx_list: inv.txList,
    step: STEP[inv.status] ?? 1,
    test_mode: inv.testMode,
    type: 'up',
    aml_enabled: false,
    aml_side: 'merchant',
    aml_checks: [],
    links_invoice: null,
  };
}

export type InvoiceInfoView = ReturnType<typeof invoiceInfoView>;
