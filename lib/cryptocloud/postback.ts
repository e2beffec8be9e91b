import 'server-only';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { invoiceSuffix, normalizeInvoiceUuid } from '@/lib/cryptocloud/ids';
import { toDecimalString } from '@/lib/cryptocloud/parse';
import type { PostbackError, VerifiedPostback } from '@/lib/cryptocloud/types';
import { fail, ok, type Result } from '@/lib/result';

// A real token ({id, exp}, HS256) is ~130 characters; anything far longer is not worth decoding.
const MAX_TOKEN_LENGTH = 4096;
const DEFAULT_CLOCK_TOLERANCE_SEC = 60;
const DEFAULT_TTL_SEC = 300;

type PostbackResult<T> = Result<T, PostbackError>;

const refuse = (kind: PostbackError['kind'], message: string) => fail<PostbackError>({ kind, message });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// In form mode `invoice_info` arrives as one JSON string; unreadable → null (it is informational).
function invoiceInfoObject(value: unknown): Record<string, unknown> | null {
  if (isRecord(value)) return value;
  if (typeof value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

// The docs' JSON example shows `"token": b"token"` (a Python bytes repr); unwrap it if it leaks through.
const unwrapBytesRepr = (token: string) => token.replace(/^b(['"])(.*)\1$/s, '$2');

/**
 * Read a postback body by its Content-Type: JSON or form-encoded (a per-project setting at
 * CryptoCloud). Nothing here is trusted yet: pass the fields to `verifyPostback`. Duplicate form
 * keys are refused so that parser and verifier can never see different values for one field.
 */
export function parsePostbackBody(rawBody: string, contentType: string | null): PostbackResult<Record<string, unknown>> {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  let fields: Record<string, unknown>;
  if (mediaType === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      return refuse('malformed', 'Postback body is not valid JSON.');
    }
    if (!isRecord(parsed)) return refuse('malformed', 'Postback body is not a JSON object.');
    fields = parsed;
  } else if (mediaType === 'application/x-www-form-urlencoded') {
    fields = {};
    for (const [key, value] of new URLSearchParams(rawBody)) {
      if (Object.hasOwn(fields, key)) return refuse('malformed', `Postback field "${key.slice(0, 40)}" appears more than once.`);
      fields[key] = value;
    }
    if (Object.keys(fields).length === 0) return refuse('malformed', 'Postback body is empty.');
  } else {
    return refuse('unsupported-media-type', 'Postback must be application/json or application/x-www-form-urlencoded.');
  }
  if (typeof fields.invoice_info === 'string') fields.invoice_info = invoiceInfoObject(fields.invoice_info);
  if (typeof fields.token === 'string') fields.token = unwrapBytesRepr(fields.token);
  return ok(fields);
}

const text = z
  .union([z.string().max(256), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : String(v)));

const postbackFields = z
  .object({
    invoice_id: z.union([z.string().trim().min(1).max(64), z.number().int().nonnegative()]),
    status: text,
    order_id: text,
    currency: text,
    amount_crypto: z
      .union([z.string().max(64), z.number()])
      .nullish()
      .transform((v, ctx) => {
        if (v === null || v === undefined || v === '') return null;
        const d = toDecimalString(v);
        if (d === null) ctx.addIssue({ code: 'custom', message: 'not a decimal number' });
        return d;
      }),
    invoice_info: z
      .union([z.record(z.string(), z.unknown()), z.string()])
      .nullish()
      .transform((v) => invoiceInfoObject(v)),
  })
  .loose();

function tokenFailure(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'Postback token has expired.';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'Postback token uses an algorithm other than HS256.';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'Postback token signature does not match the secret key.';
  if (err instanceof errors.JWTClaimValidationFailed) return `Postback token claim "${err.claim}" is invalid or missing.`;
  return 'Postback token is not a valid JWT.';
}

let lastSkewWarning = 0;

/**
 * A token lives 5 minutes from its creation, so an `exp` further ahead than that means this
 * server's clock is behind the gateway's. Tokens are still accepted (expiry is what matters), but
 * a slow clock eats into the replay window and the gateway's retries: say so, once a minute at most.
 * (A fast clock cannot be told apart from a late delivery; it shows as expired tokens.)
 */
function warnOnClockSkew(expSec: number, now: Date, toleranceSec: number): void {
  const behindSec = expSec - Math.floor(now.getTime() / 1000) - DEFAULT_TTL_SEC;
  if (behindSec <= toleranceSec || Date.now() - lastSkewWarning < 60_000) return;
  lastSkewWarning = Date.now();
  console.warn(`[postback] this server's clock seems about ${behindSec} s behind CryptoCloud's: check NTP.`);
}

/**
 * Authenticate a parsed postback. Only the `token` is signed (HS256 JWT with the project SECRET
 * KEY, claims `id` and `exp`); the algorithm is pinned, `exp` is required, and the `id` claim must
 * name the same invoice as the body's `invoice_id`. The other fields stay untrusted: a verified
 * postback only says "look at this invoice" — fulfil from `getInvoices`, never from this body.
 */
export async function verifyPostback(
  fields: Record<string, unknown>,
  secretKey: string,
  opts: { now?: Date; clockToleranceSec?: number } = {},
): Promise<PostbackResult<VerifiedPostback>> {
  // An empty key would make every token forgeable.
  if (secretKey.length === 0) return refuse('unauthorized', 'No postback secret key is configured.');
  const token = fields.token;
  if (typeof token !== 'string' || token.length === 0) return refuse('unauthorized', 'Postback has no token.');
  if (token.length > MAX_TOKEN_LENGTH) return refuse('unauthorized', 'Postback token is too long.');

  const parsed = postbackFields.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('malformed', `Postback field "${issue?.path.join('.') || '?'}" has an unexpected type or length.`);
  }
  const body = parsed.data;
  const bodyUuid = normalizeInvoiceUuid(body.invoice_id);
  if (bodyUuid === null) return refuse('malformed', 'Postback invoice_id is not an invoice id.');

  let claimId: unknown;
  const toleranceSec = opts.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secretKey), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      clockTolerance: toleranceSec,
      ...(opts.now ? { currentDate: opts.now } : {}),
    });
    claimId = payload.id;
    warnOnClockSkew(payload.exp!, opts.now ?? new Date(), toleranceSec);
  } catch (err) {
    return refuse('unauthorized', tokenFailure(err));
  }
  const tokenUuid = normalizeInvoiceUuid(claimId);
  if (tokenUuid === null) return refuse('unauthorized', 'Postback token carries no invoice id.');
  if (tokenUuid !== bodyUuid) return refuse('unauthorized', 'Postback token was issued for a different invoice.');

  return ok({
    invoiceUuid: tokenUuid,
    status: body.status,
    orderId: body.order_id,
    amountCrypto: body.amount_crypto,
    currency: body.currency,
    invoiceInfo: body.invoice_info,
  });
}

/**
 * Mint a postback token the way CryptoCloud does: HS256, header {"typ":"JWT","alg":"HS256"},
 * claims {id, exp} and no iat. For the sandbox and tests; the id defaults to the prefix-less form
 * that postbacks carry.
 */
export async function signPostbackToken(
  invoiceUuid: string,
  secretKey: string,
  opts: { now?: Date; ttlSec?: number; idForm?: 'suffix' | 'prefixed' } = {},
): Promise<string> {
  const uuid = normalizeInvoiceUuid(invoiceUuid);
  if (uuid === null) throw new TypeError(`not an invoice id: ${invoiceUuid}`);
  if (secretKey.length === 0) throw new TypeError('secret key must not be empty');
  const nowSec = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ id: opts.idForm === 'prefixed' ? uuid : invoiceSuffix(uuid) })
    .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
    .setExpirationTime(nowSec + (opts.ttlSec ?? DEFAULT_TTL_SEC))
    .sign(new TextEncoder().encode(secretKey));
}
