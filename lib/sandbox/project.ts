import 'server-only';
import { env } from '@/lib/env';

/**
 * The one project ("shop") the sandbox emulates, with the settings a real project has in its
 * dashboard. Its credentials are kept apart, in credentials.ts.
 */
export interface SandboxProject {
  name: string;
  /** Success and fail URLs (project settings; the buyer is sent there with ?order_id=&invoice_uuid=). */
  successUrl: string;
  failUrl: string;
  notifyUrl: string;
  postbackFormat: 'json' | 'form';
  postbackRetries: number;
  postbackBackoffMs: number;
  /** Origin of the hosted pay pages (`${APP_URL}/sandbox/pay/<id>`). */
  appUrl: string;
}

export function sandboxProject(): SandboxProject {
  const e = env();
  const returnUrl = `${e.APP_URL}/checkout/return`;
  return {
    name: e.SHOP_NAME,
    successUrl: returnUrl,
    failUrl: returnUrl,
    notifyUrl: e.CRYPTOCLOUD_SANDBOX_NOTIFY_URL ?? `${e.APP_URL}/api/cryptocloud/postback`,
    postbackFormat: e.CRYPTOCLOUD_SANDBOX_POSTBACK_FORMAT,
    postbackRetries: e.CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES,
    postbackBackoffMs: e.CRYPTOCLOUD_SANDBOX_POSTBACK_BACKOFF_MS,
    appUrl: e.APP_URL,
  };
}

/** Hosted pay page of an invoice suffix. */
export function payLink(appUrl: string, suffix: string): string {
  return `${appUrl}/sandbox/pay/${suffix}`;
}

/** Where the pay page sends the buyer: the project's success or fail URL with the invoice in the query. */
export function returnUrl(base: string, orderId: string | null, uuid: string): string {
  const url = new URL(base);
  if (orderId !== null) url.searchParams.set('order_id', orderId);
  url.searchParams.set('invoice_uuid', uuid);
  return url.toString();
}
