import 'server-only';

// The gateway's public API: the rest of the app imports from '@/lib/cryptocloud' only.
export {
  cancelInvoice,
  createInvoice,
  createStaticWallet,
  getBalance,
  getInvoices,
  getStatistics,
  listInvoices,
  type ActiveGatewayConfig,
  type ClientOptions,
} from '@/lib/cryptocloud/client';
export { parsePostbackBody, signPostbackToken, verifyPostback } from '@/lib/cryptocloud/postback';
export {
  allowTestInvoices,
  gatewayConfig,
  gatewaySettings,
  hasLiveKeys,
  isSandboxActive,
  payLinkPolicy,
  paymentsRefusal,
  paymentWarnings,
  type GatewayConfig,
  type GatewaySettings,
} from '@/lib/cryptocloud/config';
export { invoiceSuffix, normalizeInvoiceUuid } from '@/lib/cryptocloud/ids';
export { formatCcTimestamp, parseCcTimestamp } from '@/lib/cryptocloud/time';
export { acceptPayLink, payLinkOrigins, readStoredInvoice, toDecimalString } from '@/lib/cryptocloud/parse';
export { INVOICE_LOCALES, invoiceLocale } from '@/lib/cryptocloud/types';
export type * from '@/lib/cryptocloud/types';
