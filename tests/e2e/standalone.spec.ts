import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { checkout } from './support/shop';

// The build the e2e servers use is also a standalone one (next.config.js `output: 'standalone'`,
// assets copied by scripts/standalone-assets.mjs). These tests run it the way a self-hosted
// deployment does: `node server.js` from a copy of .next/standalone alone, outside the repository,
// so nothing can come from the repository's node_modules.
const port = Number(process.env.E2E_PORT ?? 3471) + 4;
const origin = `http://localhost:${port}`;
const root = path.resolve(__dirname, '../..');
const adminUrl = process.env.TEST_DATABASE_URL;

/** Only what a deployment would set: no inherited DATABASE_URL, keys or .env of this machine. */
function deploymentEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    APP_URL: origin,
    ...vars,
  };
}

function startStandalone(dir: string, vars: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, [path.join(dir, 'server.js')], {
    cwd: dir,
    env: deploymentEnv(vars),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exitCode = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => output,
    exitCode,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exitCode;
    },
  };
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

test.describe('node .next/standalone/server.js', () => {
  test.use({ baseURL: origin });
  let dir = '';
  test.beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'storefront-standalone-'));
    cpSync(path.join(root, '.next/standalone'), dir, { recursive: true });
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a production deployment refuses to start on the embedded PGlite, naming DATABASE_URL', async () => {
    const server = startStandalone(dir, { DEPLOY_ENV: 'production', CRYPTOCLOUD_SANDBOX: 'on' });
    try {
      expect(await server.exitCode).toBe(1);
      expect(server.output()).toContain('Refusing to start: DEPLOY_ENV=production, but no database is configured: set DATABASE_URL');
    } finally {
      await server.stop();
    }
  });

  test('migrates itself on start (MIGRATE_ON_START) and sells one item on PostgreSQL', async ({ page }) => {
    test.skip(!adminUrl, 'needs a PostgreSQL server: set TEST_DATABASE_URL');
    const name = `storefront_standalone_${randomBytes(5).toString('hex')}`;
    await sql(adminUrl!, `create database ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const server = startStandalone(dir, {
      DEPLOY_ENV: 'production',
      CRYPTOCLOUD_SANDBOX: 'on',
      DATABASE_URL: databaseUrl,
      MIGRATE_ON_START: '1',
      AUTH_SECRET: randomBytes(33).toString('base64'),
      CRON_SECRET: randomBytes(24).toString('hex'),
      ADMIN_EMAILS: 'owner@example.com',
    });
    try {
      await expect
        .poll(
          () =>
            fetch(`${origin}/api/health`).then(
              (r) => r.status,
              () => 0,
            ),
          { timeout: 30_000 },
        )
        .toBe(200);
      expect(server.output()).toMatch(/migrations: Applied 0000_/);
      // The catalog a merchant would add in the back office: the demo one, from the repository's seed script.
      const seed = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'scripts/db-seed.ts'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl, POSTGRES_URL: '' },
        encoding: 'utf8',
      });
      expect(seed.status, seed.stderr).toBe(0);

      await checkout(page, 'cold-storage-steel-plate');
      await page.getByTestId('sandbox-pay-full').click();
      await expect(page).toHaveURL(/\/orders\//);
      await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');
      const rows = await sql<{ status: string }>(databaseUrl, 'select status from orders');
      expect(rows).toEqual([{ status: 'paid' }]);
    } finally {
      await server.stop();
      await sql(adminUrl!, `drop database if exists ${name} with (force)`);
    }
  });
});
