import { readCapped } from '@/lib/http/read-capped';
import { MAX_POSTBACK_BYTES, receivePostback, type PostbackFailureKind } from '@/lib/orders/postback';

// Node runtime: the handler talks to the database and must not be cached or pre-rendered.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// A burst waits up to 30 s for its turn, then the info call (CRYPTOCLOUD_TIMEOUT_MS) and two short
// transactions: an answer must leave before the platform cuts the function (503 lets it come again).
export const maxDuration = 60;

// A refusal the gateway should not repeat is a 4xx; one that may pass later (database, info API,
// a burst) is a 503, so CryptoCloud or the reconciler tries again.
const STATUS: Record<PostbackFailureKind, number> = {
  malformed: 400,
  unauthorized: 401,
  'unsupported-media-type': 415,
  not_configured: 503,
  database_unavailable: 503,
  gateway_unavailable: 503,
  invoice_unconfirmed: 503,
  busy: 503,
};

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/** CryptoCloud postback (payment notification). Only POST is exported: other methods get 405. */
export async function POST(req: Request) {
  const raw = await readCapped(req, MAX_POSTBACK_BYTES);
  if (raw === null) return answer(413, { error: 'payload_too_large', message: `Postback larger than ${MAX_POSTBACK_BYTES} bytes.` });
  const outcome = await receivePostback({ raw, contentType: req.headers.get('content-type') });
  if (!outcome.ok) return answer(STATUS[outcome.error.kind], { error: outcome.error.kind, message: outcome.error.message });
  return answer(200, { message: 'Postback received', verdict: outcome.value.verdict });
}
