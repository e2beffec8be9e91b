import 'server-only';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { reconcile } from './reconcile';

const g = globalThis as unknown as { __storefrontReconciler?: ReturnType<typeof setInterval> };

/**
 * On a long-running server (`next start`, `next dev`, a container) run the reconciler every
 * RECONCILE_INTERVAL_SECONDS (default 60), so expiry and missed postbacks are handled with no
 * scheduler set up. Off on Vercel (no process outlives a request there: use the cron route) and
 * with an interval of 0. Runs on several instances are safe: every change is idempotent.
 */
export function startBackgroundReconciler(): boolean {
  const e = env();
  const seconds = e.RECONCILE_INTERVAL_SECONDS ?? (process.env.VERCEL ? 0 : 60);
  if (seconds === 0 || g.__storefrontReconciler) return false;
  let running = false;
  const timer = setInterval(async () => {
    if (running) return; // a slow run (gateway timeouts) must not pile up
    running = true;
    try {
      const report = await reconcile();
      const { applied, mismatched, unreadable, matchedPostbacks, expiredWithoutInvoice, errors } = report;
      if (applied || mismatched || unreadable || matchedPostbacks || expiredWithoutInvoice || errors.length) {
        console.log(
          '[reconcile]',
          JSON.stringify({ applied, mismatched, unreadable, matchedPostbacks, expiredWithoutInvoice, errors: errors.slice(0, 5) }),
        );
      }
    } catch (err) {
      console.error('[reconcile] run failed:', errorSummary(err));
    } finally {
      running = false;
    }
  }, seconds * 1000);
  timer.unref();
  g.__storefrontReconciler = timer;
  return true;
}

/** Stop the background reconciler (tests). */
export function stopBackgroundReconciler(): void {
  if (g.__storefrontReconciler) clearInterval(g.__storefrontReconciler);
  g.__storefrontReconciler = undefined;
}
