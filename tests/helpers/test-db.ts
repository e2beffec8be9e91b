import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { MIGRATIONS_FOLDER, closeSandboxDb, openDb, type DbHandle } from '@/db/client';
import { seed } from '@/db/seed';
import { pgliteImagePath, testDatabaseKey } from './pglite-image';

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
    const handle = await restorePgliteImage();
    return { ...handle, destroy: () => handle.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `storefront_test_${randomBytes(6).toString('hex')}`;
  const template = await ensureTemplate(adminUrl);
  await withAdmin(adminUrl, (admin) => copyDatabase(admin, template, name));
  const url = withDatabase(adminUrl, name);
  const handle = await openDb({ url });
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
 * An in-memory PGlite restored from the run's prepared image (tests/helpers/pglite-image-setup.ts),
 * or, where no image was made (a test run outside the PGlite project), built like the app builds one.
 */
async function restorePgliteImage(): Promise<DbHandle> {
  const file = pgliteImagePath();
  if (!existsSync(file)) return openDb({ pgliteDir: 'memory://', autoSeed: true });
  return openDb({ pgliteDir: 'memory://', autoSeed: true, loadDataDir: new Blob([readFileSync(file)]) });
}

async function withAdmin<T>(adminUrl: string, run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

/**
 * CREATE DATABASE … TEMPLATE refuses while anything is connected to the template (another run
 * finishing it, say): try again for a while.
 */
async function copyDatabase(admin: pg.Client, template: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`);
      return;
    } catch (err) {
      if (attempt >= 50 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

let templateReady: Promise<string> | undefined;

/**
 * A migrated and seeded database on the server, made once for these migrations and seed, that every
 * PostgreSQL test database is copied from: a copy takes a fraction of a second, migrating and
 * seeding each one took seconds. Built under a private name and renamed when complete, so a run
 * never copies a half-made template, and two runs racing to build it both end up using one.
 */
async function ensureTemplate(adminUrl: string): Promise<string> {
  templateReady ??= (async () => {
    const template = `storefront_template_${testDatabaseKey()}`;
    const exists = async () =>
      withAdmin(adminUrl, async (admin) => (await admin.query('select 1 from pg_database where datname = $1', [template])).rowCount === 1);
    if (await exists()) return template;
    const building = `storefront_tbuild_${randomBytes(6).toString('hex')}`;
    await withAdmin(adminUrl, (admin) => admin.query(`create database ${building}`));
    try {
      const handle = await openDb({ url: withDatabase(adminUrl, building), poolMax: 1 });
      try {
        await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
        await seed(handle.db);
      } finally {
        await handle.close();
      }
      await withAdmin(adminUrl, async (admin) => {
        try {
          await admin.query(`alter database ${building} rename to ${template}`);
        } catch (err) {
          if (!(await exists())) throw err; // another run finished first: use theirs
        }
      });
    } finally {
      await withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${building} with (force)`));
    }
    return template;
  })();
  templateReady.catch(() => {
    templateReady = undefined;
  });
  return templateReady;
}

/**
 * Close a handle, giving up after 10 s: a client leaked by a regression would keep pool.end()
 * waiting forever and hide the assertion that failed.
 */
export async function closeWithin10s(handle: DbHandle): Promise<void> {
  await Promise.race([handle.close(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
}
