import { sql } from 'drizzle-orm';
import { jwtVerify } from 'jose';
import { getDb } from '@/db/client';
import { benchEnabled } from '@/lib/bench';
import { gatewayConfig, normalizeInvoiceUuid } from '@/lib/cryptocloud';
import { readCapped } from '@/lib/http/read-capped';
import { MAX_POSTBACK_BYTES } from '@/lib/orders/postback';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * `npm run bench`'s baseline for the postback route, in the same build: read the capped body,
 * verify the same HS256 token with the same secret, and run one conditional UPDATE that marks the
 * invoice's order paid, with no inbox, no info API call and no limiter. 404 unless STOREFRONT_BENCH
 * is set (lib/bench.ts), which a production deployment refuses.
 */
export async function POST(req: Request) {
  if (!benchEnabled()) return answer(404, { error: 'not_found' });
  const raw = await readCapped(req, MAX_POSTBACK_BYTES);
  if (raw === null) return answer(413, { error: 'payload_too_large' });
  let body: { invoice_id?: unknown; token?: unknown };
  try {
    body = JSON.parse(raw) as typeof body;
  } catch {
    return answer(400, { error: 'malformed' });
  }
  const invoiceUuid = normalizeInvoiceUuid(body.invoice_id);
  if (invoiceUuid === null || typeof body.token !== 'string') return answer(400, { error: 'malformed' });
  const config = await gatewayConfig();
  if (config.mode === 'disabled') return answer(503, { error: 'not_configured' });
  try {
    const { payload } = await jwtVerify(body.token, new TextEncoder().encode(config.secretKey), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    if (normalizeInvoiceUuid(payload.id) !== invoiceUuid) return answer(401, { error: 'unauthorized' });
  } catch {
    return answer(401, { error: 'unauthorized' });
  }
  const { db } = await getDb();
  await db.execute(sql`
    update orders set status = 'paid', paid_at = now(), updated_at = now()
    where id = (select order_id from payments where invoice_uuid = ${invoiceUuid})
      and status in ('pending', 'awaiting_payment', 'partially_paid')`);
  return answer(200, { message: 'Postback received' });
}
