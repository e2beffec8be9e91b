// The migrated and seeded PGlite database every PGlite test database starts from. Creating one
// (initdb, fourteen migrations, the seed) costs seconds per test file; restoring a dump of it costs
// a fraction. The dump is made once per run of Vitest (tests/helpers/pglite-image-setup.ts) and
// named after the migrations and the seed, so a change to either makes a new one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS_FOLDER } from '@/db/client';

/**
 * What a fresh test database is made of: the migrations, the seed and the settings the seed reads.
 * Shared with the PostgreSQL template database (tests/helpers/test-db.ts).
 */
export function testDatabaseKey(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    if (/\.(sql|json)$/.test(file)) hash.update(file).update(readFileSync(path.join(MIGRATIONS_FOLDER, file)));
  }
  for (const file of ['seed.ts', 'seed-translations.ts']) hash.update(readFileSync(path.join(MIGRATIONS_FOLDER, '..', file)));
  hash.update(process.env.SHOP_CURRENCY ?? '');
  return hash.digest('hex').slice(0, 16);
}

/** Where this run's image is written; the directory is private to the user running the tests. */
export function pgliteImagePath(): string {
  return path.join(os.tmpdir(), `storefront-test-${process.getuid?.() ?? 'user'}`, `pglite-${testDatabaseKey()}.tar`);
}
