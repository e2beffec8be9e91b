import { hasBearer } from '@/lib/bearer';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { deliverDueMail } from '@/lib/mail';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// Up to 100 messages, each one SMTP exchange.
export const maxDuration = 60;

/**
 * The mail sender for hosts without a long-running process (Vercel Cron sends `Authorization:
 * Bearer $CRON_SECRET`): delivers the outbox's due messages, retries included. On `next start`
 * the background sender does the same every 30 s.
 */
export async function GET(req: Request) {
  const secret = env().CRON_SECRET;
  if (!hasBearer(req, secret)) {
    const reason = secret ? 'Missing or wrong bearer token.' : 'CRON_SECRET is not configured.';
    return Response.json({ error: 'unauthorized', message: reason }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  try {
    const counts = await deliverDueMail();
    return Response.json({ status: 'ok', ...counts }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    console.error('[cron] mail delivery failed:', errorSummary(err));
    return Response.json({ error: 'unavailable', message: 'Mail could not be delivered now; try again.' }, { status: 503 });
  }
}
