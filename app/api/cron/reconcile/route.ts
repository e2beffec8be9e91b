import { env } from '@/lib/env';
import { hasBearer } from '@/lib/bearer';
import { reconcile } from '@/lib/orders/reconcile';
import { errorSummary } from '@/lib/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// A full pass may call the gateway many times.
export const maxDuration = 60;

/** Reconciler entry point for a scheduler (Vercel Cron sends `Authorization: Bearer $CRON_SECRET`). */
export async function GET(req: Request) {
  const secret = env().CRON_SECRET;
  if (!hasBearer(req, secret)) {
    const reason = secret ? 'Missing or wrong bearer token.' : 'CRON_SECRET is not configured.';
    return Response.json({ error: 'unauthorized', message: reason }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  try {
    const report = await reconcile();
    return Response.json({ status: report.errors.length ? 'partial' : 'ok', ...report }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    console.error('[cron] reconcile failed:', errorSummary(err));
    return Response.json({ error: 'unavailable', message: 'Reconciliation could not run; try again.' }, { status: 503 });
  }
}
