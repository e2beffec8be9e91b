// Applies pending migrations to the configured database (DATABASE_URL/POSTGRES_URL, else PGlite).
// Idempotent. With PGlite, stop the app first: only one process may open its directory.
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { MIGRATIONS_FOLDER, openDb } from '@/db/client';
import { env } from '@/lib/env';

async function main() {
  const e = env();
  if (!e.databaseUrl) {
    // Opening PGlite applies migrations by itself.
    const handle = await openDb({ pgliteDir: e.PGLITE_DIR, autoSeed: false });
    await handle.close();
    console.log(`Migrated PGlite at ${e.PGLITE_DIR}`);
    return;
  }
  const handle = await openDb({ url: e.databaseUrl });
  try {
    await migratePg(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    console.log('Migrated PostgreSQL');
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
