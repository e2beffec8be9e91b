import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { MIGRATIONS_FOLDER, closeSandboxDb, openDb, type DbHandle } from '@/db/client';
import { seed } from '@/db/seed';

export type TestDbKind = 'pglite' | 'postgres';

export interface TestDb extends DbHandle {
  /** Drop everything this test database created. */
  destroy(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh, migrated and seeded database: in-memory PGlite, or a throwaway database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped again by destroy()).
 */
export async function createTestDb(kind: TestDbKind): Promise<TestDb> {
  if (kind === 'pglite') {
    const handle = await openDb({ pgliteDir: 'memory://', autoSeed: true });
    return { ...handle, destroy: () => handle.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `storefront_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const handle = await openDb({ url });
  await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  await seed(handle.db);
  const testDb: TestDb = {
    ...handle,
    async destroy() {
      await closeSandboxDb(testDb);
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
  return testDb;
}

/**
 * Close a handle, giving up after 10 s: a client leaked by a regression would keep pool.end()
 * waiting forever and hide the assertion that failed.
 */
export async function closeWithin10s(handle: DbHandle): Promise<void> {
  await Promise.race([handle.close(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
}
