import 'server-only';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { deliverDueMail } from './outbox';

const g = globalThis as unknown as { __storefrontMailSender?: ReturnType<typeof setInterval> };

/**
 * On a long-running server, deliver queued mail every MAIL_SEND_INTERVAL_SECONDS (default 30):
 * messages queued inside a transaction, and retries after a mail server failure. Off on Vercel (no
 * process outlives a request there) and with an interval of 0 (the cron route delivers instead).
 */
export function startBackgroundMailSender(): boolean {
  const seconds = env().MAIL_SEND_INTERVAL_SECONDS;
  if (process.env.VERCEL || seconds === 0 || g.__storefrontMailSender) return false;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const counts = await deliverDueMail();
      if (Object.keys(counts).length > 0) console.log('[mail]', JSON.stringify(counts));
    } catch (err) {
      console.error('[mail] sender run failed:', errorSummary(err));
    } finally {
      running = false;
    }
  }, seconds * 1000);
  timer.unref();
  g.__storefrontMailSender = timer;
  return true;
}
