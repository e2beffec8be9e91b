// A fresh embedded database is a copy of the image `npm run build` prepares (db/pglite-image.ts):
// the same demo data a freshly seeded database has, and nothing per installation: two directories
// restored from one image get their own secrets and their own demo license keys.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, openDb, setDb, type DbHandle } from '@/db/client';
import { buildPgliteImage } from '@/db/pglite-image-build';
import type { Db } from '@/db/types';
import { authSecret, resetAuthSecret } from '@/lib/auth/secret';
import { resetEnvCache } from '@/lib/env';
import { loadOrCreateSandboxCredentials } from '@/lib/sandbox/credentials';

const rows = async (db: Db, query: ReturnType<typeof sql>) =>
  (await db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> };

/** The seeded demo data, table by table, without the timestamps of when it was written. */
async function demoData(db: Db) {
  const tables = [
    'products',
    'product_options',
    'product_variants',
    'product_images',
    'collections',
    'product_collections',
    'shipping_options',
    'product_translations',
    'shipping_option_translations',
    'collection_translations',
  ];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const { rows: r } = await rows(
      db,
      sql`select to_jsonb(t) - 'created_at' - 'updated_at' as row from ${sql.identifier(table)} t order by to_jsonb(t)::text`,
    );
    out[table] = r.map((x) => x.row);
  }
  return out;
}

const systemId = async (db: Db) => String((await rows(db, sql`select system_identifier::text as id from pg_control_system()`)).rows[0]!.id);
const licenseKeys = async (db: Db) =>
  (await rows(db, sql`select key from license_keys where uploaded_by = 'seed' order by id`)).rows.map((r) => String(r.key));

describe.skipIf(process.env.TEST_DB === 'postgres')('embedded database image', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pglite-image-test-'));
  const opened: DbHandle[] = [];
  let original: DbHandle;
  let savedSecret: string | undefined;

  beforeAll(async () => {
    original = await getDb();
    savedSecret = process.env.AUTH_SECRET;
    delete process.env.AUTH_SECRET;
    resetEnvCache();
    // What `npm run build` does (a no-op when the build already made it).
    expect(await buildPgliteImage()).not.toBeNull();
  }, 180_000);

  afterAll(async () => {
    setDb(original);
    resetAuthSecret();
    if (savedSecret !== undefined) process.env.AUTH_SECRET = savedSecret;
    resetEnvCache();
    for (const h of opened) await h.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('restores a fresh directory with the demo data of a fresh seed, and secrets of its own', { timeout: 120_000 }, async () => {
    const image = (await buildPgliteImage())!;
    const a = await openDb({ pgliteDir: path.join(tmp, 'a', 'pglite'), autoSeed: true });
    opened.push(a);
    const b = await openDb({ pgliteDir: path.join(tmp, 'b', 'pglite'), autoSeed: true });
    opened.push(b);

    // Restored, not initialised anew: initdb gives every cluster its own system identifier.
    expect(await systemId(a.db)).toBe(await systemId(b.db));
    expect(image.dir).toContain(image.key);

    // The demo data is exactly what seeding the test's own fresh database gave.
    const fresh = await demoData(original.db);
    expect(await demoData(a.db)).toEqual(fresh);
    expect(await demoData(b.db)).toEqual(fresh);

    // No secret came with the image; each installation makes its own on first use.
    for (const h of [a, b]) {
      expect((await rows(h.db, sql`select count(*)::int as n from app_secrets`)).rows[0]!.n).toBe(0);
      expect((await rows(h.db, sql`select count(*)::int as n from sandbox_credentials`)).rows[0]!.n).toBe(0);
    }
    const [credA, credB] = [await loadOrCreateSandboxCredentials(a.db), await loadOrCreateSandboxCredentials(b.db)];
    expect(credA.secretKey).not.toBe(credB.secretKey);
    expect(credA.apiKey).not.toBe(credB.apiKey);
    expect(credA.shopId).not.toBe(credB.shopId);
    setDb(a);
    resetAuthSecret();
    const secretA = await authSecret();
    setDb(b);
    resetAuthSecret();
    const secretB = await authSecret();
    expect(secretA).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secretA).not.toBe(secretB);

    // The demo license keys are drawn again for each directory.
    const [keysA, keysB] = [await licenseKeys(a.db), await licenseKeys(b.db)];
    expect(keysA).toHaveLength(25);
    for (const key of [...keysA, ...keysB]) expect(key).toMatch(/^DEMO-[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/);
    expect(keysA.filter((k) => keysB.includes(k))).toEqual([]);
    expect(new Set(keysA).size).toBe(25);
  });

  it('opens an existing directory as it is: nothing restored over it, nothing drawn again', { timeout: 120_000 }, async () => {
    const dir = path.join(tmp, 'a', 'pglite');
    const before = await licenseKeys(opened[0]!.db);
    await opened[0]!.close();
    opened.shift();
    const again = await openDb({ pgliteDir: dir, autoSeed: true });
    opened.push(again);
    expect(await licenseKeys(again.db)).toEqual(before);
    expect((await rows(again.db, sql`select count(*)::int as n from app_secrets`)).rows[0]!.n).toBe(1);
  });
});
