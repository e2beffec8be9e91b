// Inserts the demo catalog into the configured database. Idempotent: running it twice adds nothing.
import { openDb } from '@/db/client';
import { seed } from '@/db/seed';
import { env } from '@/lib/env';

async function main() {
  const e = env();
  const handle = await openDb({ url: e.databaseUrl, pgliteDir: e.PGLITE_DIR, autoSeed: false });
  try {
    const added = await seed(handle.db);
    console.log(`Seeded ${handle.kind}: ${added} new product(s)`);
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
