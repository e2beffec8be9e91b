// Migrations on deploy: the advisory lock that lets concurrent builds and instances migrate one
// database (each migration applied once), the build step of `npm run build` (only on a Vercel
// production build, through the direct URL, failing with what to do). PostgreSQL only: PGlite
// belongs to one process and is migrated by the app itself.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, explainMigrationFailure, migrationJournal, migrationStatus } from '@/db/migrate';

const enabled = !!process.env.TEST_DATABASE_URL && process.env.TEST_DB === 'postgres';
const root = path.resolve(__dirname, '../..');
const created: string[] = [];

async function admin<T>(run: (c: pg.Client) => Promise<T>, url = process.env.TEST_DATABASE_URL!): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/** A new, empty database (no schema at all); dropped after the file. */
async function emptyDatabase(): Promise<string> {
  const name = `storefront_deploy_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  created.push(name);
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  return u.toString();
}

const appliedRows = (url: string) =>
  admin(async (c) => {
    const t = await c.query<{ t: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
    if (!t.rows[0]?.t) return [];
    return (await c.query<{ hash: string; created_at: string }>('select hash, created_at from drizzle.__drizzle_migrations order by id'))
      .rows;
  }, url);

const tableExists = (url: string, table: string) =>
  admin(async (c) => (await c.query<{ t: string | null }>(`select to_regclass($1)::text as t`, [table])).rows[0]?.t !== null, url);

/** Run the build's first step (`npm run build` runs it before `next build`) with only these variables set. */
function preflight(vars: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    ...vars,
  };
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/build-preflight.ts'],
    { cwd: root, env },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

const journal = migrationJournal();
const PRODUCTION_BUILD = { VERCEL: '1', VERCEL_ENV: 'production', CRYPTOCLOUD_SANDBOX: 'on' };

afterAll(async () => {
  if (!enabled) return;
  for (const name of created) await admin((c) => c.query(`drop database if exists ${name} with (force)`));
});

describe.skipIf(!enabled)('migrations under the advisory lock', () => {
  it('four runs at once on a fresh database apply each migration exactly once', async () => {
    const url = await emptyDatabase();
    const runs = await Promise.all([1, 2, 3, 4].map(() => applyMigrations(url, { connectTimeoutMs: 5_000 })));
    expect(runs.flat().sort()).toEqual(journal.map((j) => j.tag).sort());
    const rows = await appliedRows(url);
    expect(rows.map((r) => Number(r.created_at))).toEqual(journal.map((j) => j.when));
    expect(new Set(rows.map((r) => r.hash)).size).toBe(journal.length);
  });

  it('reports pending migrations read-only, and leaves a database migrated by a newer build alone', async () => {
    const url = await emptyDatabase();
    const status = () => admin((c) => migrationStatus(c), url);
    expect(await status()).toEqual({ applied: [], pending: journal.map((j) => j.tag), newerInDatabase: 0 });
    expect(await appliedRows(url)).toEqual([]); // looking created nothing
    await applyMigrations(url, { connectTimeoutMs: 5_000 });
    expect(await status()).toMatchObject({ pending: [], newerInDatabase: 0 });
    await admin(
      (c) =>
        c.query(`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-build', $1)`, [Date.now() + 86_400_000]),
      url,
    );
    expect(await status()).toMatchObject({ pending: [], newerInDatabase: 1 });
    expect(await applyMigrations(url, { connectTimeoutMs: 5_000 })).toEqual([]);
  });

  it('keeps nothing of a run whose migration fails, and says what to do', async () => {
    const url = await emptyDatabase();
    const folder = mkdtempSync(path.join(os.tmpdir(), 'storefront-migrations-'));
    try {
      mkdirSync(path.join(folder, 'meta'));
      writeFileSync(path.join(folder, '0000_good.sql'), 'create table deploy_good (id int);');
      writeFileSync(path.join(folder, '0001_bad.sql'), 'alter table no_such_table add column x int;');
      const entries = [0, 1].map((idx) => ({
        idx,
        version: '7',
        when: 1_700_000_000_000 + idx,
        tag: ['0000_good', '0001_bad'][idx],
        breakpoints: true,
      }));
      writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }));
      const failure = await applyMigrations(url, { folder, connectTimeoutMs: 5_000 }).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(Error);
      expect(await tableExists(url, 'deploy_good')).toBe(false);
      expect(explainMigrationFailure(failure, url, 'DATABASE_URL_UNPOOLED')).toMatch(
        /^A migration failed on .*no_such_table.*\(SQLSTATE 42P01\)\. Nothing of this run was kept .* deploy again/,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!enabled)('npm run build: migrations on a production deployment', () => {
  it('a Vercel production build migrates a fresh database; a build without VERCEL_ENV=production does not', async () => {
    const url = await emptyDatabase();
    const preview = await preflight({ VERCEL: '1', VERCEL_ENV: 'preview', DATABASE_URL: url });
    expect(preview.code).toBe(0);
    expect(preview.output).toContain('Migrations skipped: a Vercel preview build');
    const local = await preflight({ DATABASE_URL: url });
    expect(local.code).toBe(0);
    expect(await appliedRows(url)).toEqual([]);

    const production = await preflight({ ...PRODUCTION_BUILD, DATABASE_URL: url });
    expect(production.output).toContain(`Applied ${journal.map((j) => j.tag).join(', ')}`);
    expect(production.code).toBe(0);
    expect(await appliedRows(url)).toHaveLength(journal.length);
  });

  it('two production builds at once apply each migration once', async () => {
    const url = await emptyDatabase();
    const [a, b] = await Promise.all([
      preflight({ ...PRODUCTION_BUILD, DATABASE_URL: url }),
      preflight({ ...PRODUCTION_BUILD, DATABASE_URL: url }),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect((await appliedRows(url)).map((r) => Number(r.created_at))).toEqual(journal.map((j) => j.when));
    // One of them applied everything, the other found the schema current.
    expect([a.output, b.output].filter((o) => o.includes('Applied ')).length).toBe(1);
    expect([a.output, b.output].filter((o) => o.includes('Schema is current')).length).toBe(1);
  });

  it('migrates through DATABASE_URL_UNPOOLED when the integration sets it beside a pooled DATABASE_URL', async () => {
    const url = await emptyDatabase();
    // A pooled URL the build never uses: the advisory lock needs the direct connection.
    const run = await preflight({ ...PRODUCTION_BUILD, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/pooled', DATABASE_URL_UNPOOLED: url });
    expect(run.code).toBe(0);
    expect(await appliedRows(url)).toHaveLength(journal.length);
  });

  it('fails the build, saying what to do, when the database cannot be reached or is missing', async () => {
    const unreachable = await preflight({
      ...PRODUCTION_BUILD,
      DATABASE_URL: 'postgres://u:secret-pw@127.0.0.1:1/shop',
      DB_CONNECT_TIMEOUT_MS: '1000',
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(/ERROR: Could not reach the database at 127\.0\.0\.1:1\/shop .*Check DATABASE_URL.*deploy again/);
    expect(unreachable.output).not.toContain('secret-pw');

    const none = await preflight(PRODUCTION_BUILD);
    expect(none.code).toBe(1);
    expect(none.output).toMatch(/ERROR: VERCEL_ENV=production, but no database is configured: set DATABASE_URL/);
  });
});
