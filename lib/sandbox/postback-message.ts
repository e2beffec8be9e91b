import 'server-only';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { selfRequestHeaders } from '@/lib/http/protection-bypass';

// One postback as CryptoCloud sends it (docs/cryptocloud.md §5): no database here, so the
// `cryptocloud:postback` script can sign and send one to any URL.

export type PostbackFormat = 'json' | 'form';

export interface PostbackFields {
  status: 'success';
  /** Without the `INV-` prefix. */
  invoice_id: string;
  amount_crypto: number;
  /** Full crypto code, e.g. USDT_TRC20. */
  currency: string;
  order_id: string | null;
  token: string;
  invoice_info: Record<string, unknown>;
}

export interface EncodedPostback {
  body: string;
  contentType: string;
}

/**
 * JSON, or form-encoded where every value is a string and `invoice_info` is one JSON-string
 * field (a null `order_id` becomes an empty string there).
 */
export function encodePostback(fields: PostbackFields, format: PostbackFormat): EncodedPostback {
  if (format === 'json') return { body: JSON.stringify(fields), contentType: 'application/json' };
  const form = new URLSearchParams({
    status: fields.status,
    invoice_id: fields.invoice_id,
    amount_crypto: String(fields.amount_crypto),
    currency: fields.currency,
    order_id: fields.order_id ?? '',
    token: fields.token,
    invoice_info: JSON.stringify(fields.invoice_info),
  });
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** The body fields of a postback for an invoice snapshot (`invoice_info` = the info object). */
export async function postbackFields(
  info: { uuid: string; amount_paid: number; currency: { fullcode: string }; order_id: string | null } & Record<string, unknown>,
  secretKey: string,
  now = new Date(),
): Promise<PostbackFields> {
  return {
    status: 'success',
    invoice_id: invoiceSuffix(info.uuid),
    amount_crypto: info.amount_paid,
    currency: info.currency.fullcode,
    order_id: info.order_id,
    // A fresh HS256 {id: <suffix>, exp: now + 300} per attempt, as the real service signs it.
    token: await signPostbackToken(info.uuid, secretKey, { now }),
    invoice_info: info,
  };
}

export interface SendResult {
  ok: boolean;
  status: number | null;
  body: string | null;
  error: string | null;
}

/** POST one encoded postback; a non-2xx answer, a network error or the timeout is a failure. */
export async function sendPostback(url: string, encoded: EncodedPostback, timeoutMs = 10_000): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': encoded.contentType, 'user-agent': 'CryptoCloud-Sandbox/1.0', ...selfRequestHeaders(url) },
      body: encoded.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.text()).slice(0, 2000);
    return { ok: res.status >= 200 && res.status < 300, status: res.status, body, error: null };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, status: null, body: null, error: reason };
  }
}
