// Runs once when the server starts (never during `next build`): refuse to start on a bad
// environment, and open the database (for PGlite this also migrates and seeds it) before the
// first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env, EnvError } = await import('@/lib/env');
  try {
    env();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(`[storefront] ${err.message}`);
    process.exit(1);
  }
  const [{ getDb }, { errorSummary }] = await Promise.all([import('@/db/client'), import('@/lib/errors')]);
  try {
    const { kind } = await getDb();
    console.log(`[storefront] database ready (${kind})`);
    const { startBackgroundReconciler } = await import('@/lib/orders/background');
    if (startBackgroundReconciler()) console.log('[storefront] reconciler running in the background');
  } catch (err) {
    // Keep serving: /api/health reports the outage and the next request retries the connection.
    console.error('[storefront] database unavailable at start-up:', errorSummary(err));
  }
}
