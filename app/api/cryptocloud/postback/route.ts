import { handlePostback } from '@/lib/orders/postback';

// Node runtime: the handler talks to the database and must not be cached or pre-rendered.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** CryptoCloud postback (payment notification). Only POST is exported: other methods get 405. */
export async function POST(req: Request) {
  const { status, body } = await handlePostback(req);
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
