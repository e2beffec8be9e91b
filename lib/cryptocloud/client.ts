import 'server-only';
import { gatewayConfig, payLinkPolicy, type GatewayConfig } from '@/lib/cryptocloud/config';
import { normalizeInvoiceUuid } from '@/lib/cryptocloud/ids';
import { selfRequestHeaders } from '@/lib/http/protection-bypass';
import { readBalance, readCreatedInvoice, readInvoiceList, readStaticWallet, readStatistics } from '@/lib/cryptocloud/parse';
import type {
  BalanceEntry,
  CreateInvoiceInput,
  CreatedInvoice,
  CryptoCloudError,
  CryptoCloudErrorKind,
  InvoiceBatch,
  ListInvoicesInput,
  StaticWallet,
  Statistics,
} from '@/lib/cryptocloud/types';
import { fail, ok, type Result } from '@/lib/result';
import { Agent } from 'undici';

export type ActiveGatewayConfig = Extract<GatewayConfig, { mode: 'live' | 'sandbox' }>;

export interface ClientOptions {
  /** Defaults to `gatewayConfig()`; when that is disabled no request is made. */
  config?: ActiveGatewayConfig;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;

// The built-in sandbox answers from this same process. While the embedded database works, the event
// loop can stall long enough for the server to close an idle kept-alive socket just as the client
// reuses it: the request then dies with ECONNRESET although nothing is wrong. Calls to the sandbox
// therefore open a connection each (pipelining 0 turns keep-alive off); the real API keeps reuse.
let sandboxAgent: Agent | undefined;
const sandboxDispatcher = () => (sandboxAgent ??= new Agent({ pipelining: 0 }));
const MAX_UUIDS = 100;
// A plain positive decimal: what money.ts produces; no exponent, sign or separators.
const PLAIN_AMOUNT = /^\d+(\.\d+)?$/;

type Failure = Extract<Result<never, CryptoCloudError>, { ok: false }>;

function failure(kind: CryptoCloudErrorKind, message: string, extra: Omit<CryptoCloudError, 'kind' | 'message'> = {}): Failure {
  return fail({ kind, message, ...extra });
}

/** A request refused before sending, reported like the API's own field errors. */
function rejectedLocally(fields: Record<string, string>): Failure {
  return failure('api-validation', `Request not sent: ${summarize(fields)}.`, { fields });
}

function summarize(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}

async function resolveConfig(options: ClientOptions): Promise<Result<ActiveGatewayConfig, CryptoCloudError>> {
  if (options.config) return ok(options.config);
  const config = await gatewayConfig();
  return config.mode === 'disabled' ? failure('unauthorized', config.reason) : ok(config);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toFields(result: unknown): Record<string, string> {
  if (typeof result === 'string') return { error: result };
  if (!isRecord(result)) return {};
  return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

// Defence in depth for logs: the key is never interpolated, but an API message could echo it.
// Keys shorter than 8 characters exist only in tests and would mangle ordinary words.
function redact(error: CryptoCloudError, apiKey: string): CryptoCloudError {
  if (apiKey.length < 8) return error;
  const clean = (s: string) => s.split(apiKey).join('[redacted]');
  return {
    ...error,
    message: clean(error.message),
    ...(error.fields ? { fields: Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, clean(v)])) } : {}),
  };
}

/**
 * Map an HTTP answer to the `result` of a success envelope or a typed error. The JSON `status`
 * field wins over the HTTP status: an error envelope inside a 200 is an error.
 */
function interpret(status: number, text: string, path: string): Result<unknown, CryptoCloudError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const body = isRecord(json) ? json : null;
  const success = status >= 200 && status < 300;
  const fields = body?.status === 'error' ? toFields(body.result) : undefined;
  const detail = typeof body?.detail === 'string' ? body.detail : undefined;

  // `{"detail": …}` is the framework's answer to a bad key; on 404/429/5xx it means something else.
  if (status === 401 || status === 403 || fields?.authorization !== undefined || (detail !== undefined && (success || status === 400))) {
    const reason = fields?.authorization ?? detail;
    return failure('unauthorized', `CryptoCloud refused the API key (HTTP ${status}${reason ? `: ${reason}` : ''}).`, {
      status,
      ...(fields ? { fields } : {}),
    });
  }
  if (fields && status < 500) {
    return failure('api-validation', `CryptoCloud rejected the request (${summarize(fields) || 'no details'}).`, { status, fields });
  }
  if (!success) return failure('http', `CryptoCloud answered HTTP ${status} to ${path}.`, { status, ...(fields ? { fields } : {}) });
  if (body?.status === 'success' && 'result' in body) return ok(body.result);
  return failure(
    'malformed',
    json === undefined
      ? `CryptoCloud answered ${path} with a body that is not JSON.`
      : `CryptoCloud answered ${path} without a success envelope.`,
    { status },
  );
}

function transportFailure(err: unknown, timedOut: boolean, options: ClientOptions, timeoutMs: number): Failure {
  if (timedOut) return failure('timeout', `CryptoCloud did not answer within ${timeoutMs} ms.`);
  if (options.signal?.aborted) {
    const reason: unknown = options.signal.reason;
    return reason instanceof Error && reason.name === 'TimeoutError'
      ? failure('timeout', 'The request to CryptoCloud timed out (caller deadline).')
      : failure('network', 'The request to CryptoCloud was aborted.');
  }
  const cause = err instanceof Error && isRecord(err.cause) && typeof err.cause.code === 'string' ? err.cause.code : null;
  return failure('network', `Could not reach CryptoCloud${cause ? ` (${cause})` : ''}.`);
}

/** POST a JSON body to `/v2{path}`; every failure comes back as a Result, never a throw. */
async function post(
  config: ActiveGatewayConfig,
  path: string,
  body: unknown,
  options: ClientOptions,
  locale?: string,
): Promise<Result<unknown, CryptoCloudError>> {
  const url = new URL(`${config.apiUrl.replace(/\/+$/, '')}/v2${path}`);
  if (locale) url.searchParams.set('locale', locale);
  const timeoutMs = config.timeoutMs > 0 ? config.timeoutMs : DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let status: number;
  let text: string;
  try {
    const res = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: {
        Authorization: `Token ${config.apiKey}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
        // The sandbox lives at APP_URL: past a Vercel preview's Deployment Protection.
        ...(config.mode === 'sandbox' ? selfRequestHeaders(url.href) : {}),
      },
      body: JSON.stringify(body),
      signal,
      // A redirect would re-send the key somewhere we did not choose.
      redirect: 'error',
      ...(config.mode === 'sandbox' ? { dispatcher: sandboxDispatcher() } : {}),
    } as RequestInit);
    status = res.status;
    text = await res.text(); // the same signal bounds the body read
  } catch (err) {
    return transportFailure(err, timeout.aborted, options, timeoutMs);
  }
  const result = interpret(status, text, `/v2${path}`);
  return result.ok ? result : fail(redact(result.error, config.apiKey));
}

async function call<T>(
  options: ClientOptions,
  request: (config: ActiveGatewayConfig) => { path: string; body: unknown; locale?: string } | Failure,
  read: (result: unknown, config: ActiveGatewayConfig) => Result<T, CryptoCloudError>,
): Promise<Result<T, CryptoCloudError>> {
  const config = await resolveConfig(options);
  if (!config.ok) return config;
  const req = request(config.value);
  if ('ok' in req) return req;
  const answer = await post(config.value, req.path, req.body, options, req.locale);
  return answer.ok ? read(answer.value, config.value) : answer;
}

/** dd.mm.yyyy of the UTC day, as `merchant/list` and `merchant/statistics` expect. */
function ccDay(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

function dayRange(start: Date, end: Date): { start: string; end: string } | Failure {
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return rejectedLocally({ start: 'start and end must be valid dates' });
  if (start > end) return rejectedLocally({ end: 'end must not be before start' });
  return { start: ccDay(start), end: ccDay(end) };
}

function withoutUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Create an invoice for `input.amount` (exact decimal string, sent as a JSON string: the API
 * accepts numeric strings and this keeps the amount free of float conversion). Each call makes a
 * NEW invoice (no idempotency on CryptoCloud's side): never retry blindly after a timeout. The
 * returned link is https on `config.payHosts` (or the sandbox origin), so it is safe to redirect to.
 */
export function createInvoice(input: CreateInvoiceInput, options: ClientOptions = {}): Promise<Result<CreatedInvoice, CryptoCloudError>> {
  return call(
    options,
    (config) => {
      if (!PLAIN_AMOUNT.test(input.amount) || !/[1-9]/.test(input.amount)) {
        return rejectedLocally({ amount: 'must be a positive decimal string such as "12.50"' });
      }
      const a = input.addFields;
      const addFields = a
        ? withoutUndefined({
            time_to_pay: a.timeToPay ? { hours: a.timeToPay.hours, minutes: a.timeToPay.minutes } : undefined,
            available_currencies: a.availableCurrencies,
            cryptocurrency: a.cryptocurrency,
            email_to_send: a.emailToSend,
          })
        : {};
      return {
        path: '/invoice/create',
        locale: input.locale ?? config.locale,
        body: withoutUndefined({
          shop_id: config.shopId,
          amount: input.amount,
          currency: input.currency,
          order_id: input.orderId,
          email: input.email,
          add_fields: Object.keys(addFields).length > 0 ? addFields : undefined,
        }),
      };
    },
    (result, config) => readCreatedInvoice(result, payLinkPolicy(config)),
  );
}

/**
 * Current state of up to 100 invoices (ids with or without `INV-`). This, not a postback body, is
 * what fulfilment must trust. Unknown ids are simply missing from the answer; an item we cannot
 * read (e.g. an undocumented status) comes back in `unreadable`, never as an invoice.
 */
export function getInvoices(uuids: string[], options: ClientOptions = {}): Promise<Result<InvoiceBatch, CryptoCloudError>> {
  return call(
    options,
    () => {
      if (uuids.length === 0) return rejectedLocally({ uuids: 'at least one invoice id is required' });
      if (uuids.length > MAX_UUIDS) return rejectedLocally({ uuids: `at most ${MAX_UUIDS} invoice ids per request` });
      const normalized = uuids.map(normalizeInvoiceUuid);
      const bad = normalized.indexOf(null);
      if (bad !== -1) return rejectedLocally({ uuids: `invalid invoice id at index ${bad}` });
      return { path: '/invoice/merchant/info', body: { uuids: normalized } };
    },
    readInvoiceList,
  );
}

/** Cancel an invoice; CryptoCloud allows it only while the invoice is `created`. */
export function cancelInvoice(uuid: string, options: ClientOptions = {}): Promise<Result<void, CryptoCloudError>> {
  return call(
    options,
    () => {
      const normalized = normalizeInvoiceUuid(uuid);
      if (normalized === null) return rejectedLocally({ uuid: 'invalid invoice id' });
      return { path: '/invoice/merchant/canceled', body: { uuid: normalized } };
    },
    () => ok(undefined),
  );
}

/** Invoices created in an inclusive UTC day range. */
export function listInvoices(input: ListInvoicesInput, options: ClientOptions = {}): Promise<Result<InvoiceBatch, CryptoCloudError>> {
  return call(
    options,
    () => {
      const range = dayRange(input.start, input.end);
      if ('ok' in range) return range;
      for (const key of ['offset', 'limit'] as const) {
        const v = input[key];
        if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) return rejectedLocally({ [key]: 'must be a non-negative integer' });
      }
      return { path: '/invoice/merchant/list', body: withoutUndefined({ ...range, offset: input.offset, limit: input.limit }) };
    },
    readInvoiceList,
  );
}

/** Invoice counts and USD sums per status over an inclusive UTC day range. */
export function getStatistics(
  input: { start: Date; end: Date },
  options: ClientOptions = {},
): Promise<Result<Statistics, CryptoCloudError>> {
  return call(
    options,
    () => {
      const range = dayRange(input.start, input.end);
      return 'ok' in range ? range : { path: '/invoice/merchant/statistics', body: range };
    },
    readStatistics,
  );
}

/** Merchant balance per currency. */
export function getBalance(options: ClientOptions = {}): Promise<Result<BalanceEntry[], CryptoCloudError>> {
  return call(options, () => ({ path: '/merchant/wallet/balance/all', body: {} }), readBalance);
}

/** A permanent deposit address for one customer (`identify`) in one crypto currency. */
export function createStaticWallet(
  input: { currency: string; identify: string },
  options: ClientOptions = {},
): Promise<Result<StaticWallet, CryptoCloudError>> {
  return call(
    options,
    (config) => ({ path: '/invoice/static/create', body: { shop_id: config.shopId, currency: input.currency, identify: input.identify } }),
    readStaticWallet,
  );
}
