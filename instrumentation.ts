// Runs once when the server starts (never during `next build`): fail fast on a bad environment and
// open the database, which for PGlite also migrates and seeds it, before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('@/lib/env');
  env();
  const { getDb } = await import('@/db/client');
  try {
    const { kind } = await getDb();
    console.log(`[storefront] database ready (${kind})`);
  } catch (err) {
    // Keep serving: /api/health reports the outage and the next request retries the connection.
    console.error('[storefront] database unavailable at start-up:', err instanceof Error ? err.message : err);
  }
}
