import { handlePostback } from '@/lib/orders/postback';

// Node runtime: the handler talks to the database and must not be cached or pre-rendered.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// A burst waits up to 30 s for its turn, then the info call (CRYPTOCLOUD_TIMEOUT_MS) and two short
// transactions: an answer must leave before the platform cuts the function (503 lets it come again).
export const maxDuration = 60;

/** CryptoCloud postback (payment notification). Only POST is exported: other methods get 405. */
export async function POST(req: Request) {
  const { status, body } = await handlePostback(req);
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
