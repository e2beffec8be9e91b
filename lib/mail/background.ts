import 'server-only';
import { errorSummary } from '@/lib/errors';
import { deliverDueMail } from './outbox';

const INTERVAL_MS = 30_000;
const g = globalThis as unknown as { __storefrontMailSender?: ReturnType<typeof setInterval> };

/**
 * On a long-running server, deliver queued mail every 30 s: messages queued inside a transaction,
 * and retries after a mail server failure. Off on Vercel (no process outlives a request there).
 */
export function startBackgroundMailSender(): boolean {
  if (process.env.VERCEL || g.__storefrontMailSender) return false;
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
  }, INTERVAL_MS);
  timer.unref();
  g.__storefrontMailSender = timer;
  return true;
}
