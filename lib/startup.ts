import 'server-only';
import { getDb } from '@/db/client';
import { applyMigrations, explainMigrationFailure } from '@/db/migrate';
import { backOfficeStartupNotes, checkBackOfficeConfig } from '@/lib/auth';
import { paymentsRefusal, paymentWarnings } from '@/lib/cryptocloud';
import { databaseRefusal, migrationUrlVariable } from '@/lib/deploy';
import { env, EnvError } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { clientAddressWarning } from '@/lib/http/client-address';
import { startBackgroundMailSender } from '@/lib/mail';
import { startBackgroundReconciler } from '@/lib/orders/background';

/**
 * Server start-up (Node.js runtime only): refuse to start on a bad environment or a production
 * deployment that cannot take payments or has no database, apply migrations when asked
 * (MIGRATE_ON_START), warn about settings that let money look paid or let a client dodge the
 * checkout limit, open the database (for PGlite this also migrates and seeds it) before the first
 * request, and start the background reconciler and mail sender where the process lives long enough
 * for them.
 */
export async function startServer(): Promise<void> {
  try {
    env();
    checkBackOfficeConfig();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(`[storefront] ${err.message}`);
    process.exit(1);
  }
  // `npm run bench`'s cold-start baseline: Next and this build without the database.
  if (env().STOREFRONT_BENCH && env().STOREFRONT_BENCH_BARE_START) return;
  const refusals = [databaseRefusal(), paymentsRefusal()].filter((r): r is string => r !== null);
  if (refusals.length > 0) {
    for (const refusal of refusals) console.error(`[storefront] Refusing to start: ${refusal}`);
    process.exit(1);
  }
  await migrateOnStart();
  for (const warning of [...paymentWarnings(), clientAddressWarning()]) {
    if (warning) console.warn(`[storefront] WARNING: ${warning}`);
  }
  try {
    const { kind } = await getDb();
    console.log(`[storefront] database ready (${kind})`);
    if (startBackgroundReconciler()) console.log('[storefront] reconciler running in the background');
    startBackgroundMailSender();
    for (const note of await backOfficeStartupNotes()) console[note.level](`[storefront] ${note.message}`);
  } catch (err) {
    // Keep serving: /api/health reports the outage and the next request retries the connection.
    console.error('[storefront] database unavailable at start-up:', errorSummary(err));
  }
}

/**
 * With MIGRATE_ON_START, apply pending migrations before serving (hosts that run only the built
 * folder, where `npm run db:migrate` is not at hand). Instances started together take turns on the
 * migration lock; a failure stops this one, since its code expects the new schema.
 */
async function migrateOnStart(): Promise<void> {
  const e = env();
  if (!e.MIGRATE_ON_START || !e.migrationDatabaseUrl) return;
  try {
    await applyMigrations(e.migrationDatabaseUrl, { log: (line) => console.log(`[storefront] migrations: ${line}`) });
  } catch (err) {
    console.error(`[storefront] Refusing to start: ${explainMigrationFailure(err, e.migrationDatabaseUrl, migrationUrlVariable(e))}`);
    process.exit(1);
  }
}
