import { env } from '@/lib/env';
import { hasBearer } from '@/lib/bearer';
import { deliverDueMail } from '@/lib/mail';
import { reconcile } from '@/lib/orders/reconcile';
import { errorSummary } from '@/lib/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// A full pass may call the gateway many times (tests/unit/function-settings.test.ts).
export const maxDuration = 60;

/**
 * Reconciler entry point for a scheduler: Vercel Cron (daily, vercel.json) and the GitHub Actions
 * workflow (every 5 minutes, .github/workflows/reconcile.yml) send `Authorization: Bearer $CRON_SECRET`.
 * It also delivers mail that is due (retries, messages queued in a transaction): on a serverless
 * host no background sender outlives a request, so nothing else would.
 */
export async function GET(req: Request) {
  const secret = env().CRON_SECRET;
  if (!hasBearer(req, secret)) {
    const reason = secret ? 'Missing or wrong bearer token.' : 'CRON_SECRET is not configured.';
    return Response.json({ error: 'unauthorized', message: reason }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  try {
    const report = await reconcile();
    let mail: Awaited<ReturnType<typeof deliverDueMail>> | { error: string };
    try {
      mail = await deliverDueMail();
    } catch (err) {
      console.error('[cron] mail delivery failed:', errorSummary(err));
      mail = { error: 'Mail could not be delivered this time; it stays queued.' };
    }
    const status = report.errors.length || 'error' in mail ? 'partial' : 'ok';
    return Response.json({ status, ...report, mail }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    console.error('[cron] reconcile failed:', errorSummary(err));
    return Response.json({ error: 'unavailable', message: 'Reconciliation could not run; try again.' }, { status: 503 });
  }
}
