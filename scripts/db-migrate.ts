// Applies pending migrations to the configured database (DATABASE_URL/POSTGRES_URL, else PGlite).
// Idempotent, and safe to run from several machines at once: runs take turns on an advisory lock.
// PostgreSQL is migrated through the direct URL when one is set (DATABASE_URL_UNPOOLED,
// POSTGRES_URL_NON_POOLING). With PGlite, stop the app first: only one process may open its directory.
import { openDb } from '@/db/client';
import { applyMigrations, describeDatabase, explainMigrationFailure } from '@/db/migrate';
import { env } from '@/lib/env';
import { migrationUrlVariable } from '@/lib/deploy';

async function main() {
  const e = env();
  if (!e.migrationDatabaseUrl) {
    // Opening PGlite applies migrations by itself.
    const handle = await openDb({ pgliteDir: e.PGLITE_DIR, autoSeed: false });
    await handle.close();
    console.log(`Migrated PGlite at ${e.PGLITE_DIR}`);
    return;
  }
  const url = e.migrationDatabaseUrl;
  try {
    await applyMigrations(url, { log: (line) => console.log(`[migrate] ${describeDatabase(url)}: ${line}`) });
  } catch (err) {
    console.error(`[migrate] ${explainMigrationFailure(err, url, migrationUrlVariable(e))}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
