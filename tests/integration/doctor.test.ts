// `npm run doctor` against configurations a merchant gets wrong and right. A real CryptoCloud cannot
// be reached here: the API key is checked against the fake gateway on loopback, and `--url`
// against the real route handlers served over HTTP (tests/helpers/shop.ts), as a deployment.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '@/db/client';
import { users } from '@/db/schema';
import { runDoctor, type Check, type DoctorReport } from '@/lib/deploy';
import { startFakeCryptoCloud, type FakeCryptoCloud } from '../helpers/fake-cryptocloud';
import { startShop, type Shop } from '../helpers/shop';

const root = path.resolve(__dirname, '../..');
const onPostgres = process.env.TEST_DB === 'postgres';
const CRON_SECRET = 'doctor-cron-secret-0123456789';

let fake: FakeCryptoCloud;
let shop: Shop;

beforeAll(async () => {
  fake = await startFakeCryptoCloud();
  shop = await startShop();
});
afterAll(async () => {
  await shop.close();
  await fake.close();
});

const check = (report: DoctorReport, title: string): Check => {
  const found = report.checks.find((c) => c.title === title);
  if (!found) throw new Error(`no check "${title}" in ${report.checks.map((c) => c.title).join(', ')}`);
  return found;
};
const statuses = (report: DoctorReport) => Object.fromEntries(report.checks.map((c) => [c.title, c.status]));

/** The CLI as a merchant runs it, with only these variables. */
function doctorCli(vars: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...vars };
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/doctor.ts', ...args],
    { cwd: root, env },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** The shop's own database on PostgreSQL (the integration setup's), which the doctor connects to like the app. */
let shopDbUrl: string | undefined;
/** The variables of the shop served by `shop`, with live keys on the fake gateway. */
const liveDeployment = () => ({ ...fake.env, APP_URL: shop.url, CRON_SECRET, ...(shopDbUrl ? { DATABASE_URL: shopDbUrl } : {}) });

describe('npm run doctor (the command)', () => {
  it('names each problem of a wrong configuration with its fix, and exits 1', async () => {
    const { code, output } = await doctorCli({
      CRYPTOCLOUD_API_KEY: 'not-the-api-key',
      CRYPTOCLOUD_SHOP_ID: 'FAKESHOP00000001',
      CRYPTOCLOUD_API_URL: fake.url,
      APP_URL: 'http://shop.example.test',
    });
    expect(code).toBe(1);
    // The bad key, by name, with where to copy the right one.
    expect(output).toMatch(
      /✗ CryptoCloud API key: .* refused CRYPTOCLOUD_API_KEY: CryptoCloud refused the API key \(HTTP 401: Unauthorized request\.\)/,
    );
    expect(output).toMatch(/Fix: Copy "API KEY" again from the CryptoCloud dashboard .*"Integration & API" into CRYPTOCLOUD_API_KEY/);
    // No secret key.
    expect(output).toMatch(/✗ CryptoCloud secret key: CRYPTOCLOUD_SECRET_KEY is missing: every postback would be refused/);
    expect(output).toMatch(/Fix: Copy "SECRET KEY" from .* into CRYPTOCLOUD_SECRET_KEY/);
    // http APP_URL.
    expect(output).toMatch(/✗ APP_URL: http:\/\/shop\.example\.test .* is not https/);
    expect(output).toMatch(/Fix: Set APP_URL to the shop's public https:\/\/ origin/);
    // No CRON_SECRET.
    expect(output).toMatch(/✗ Scheduler \(CRON_SECRET\): CRON_SECRET is not set: GET \/api\/cron\/reconcile refuses every scheduler/);
    expect(output).toMatch(/Fix: Set CRON_SECRET \(`openssl rand -hex 24`\)/);
    // The keys must come together: the server would not even start.
    expect(output).toMatch(
      /✗ Configuration: Invalid variables .*\n\s+- CRYPTOCLOUD_API_KEY, CRYPTOCLOUD_SHOP_ID and CRYPTOCLOUD_SECRET_KEY must be set together/,
    );
    expect(output).toMatch(
      /\d+ problem\(s\) block payments \(✗\): Configuration, Database, CryptoCloud API key, CryptoCloud secret key, APP_URL, Scheduler \(CRON_SECRET\)\./,
    );
  });

  it('on the sandbox defaults, passes and says what a live setup still needs', async () => {
    const { code, output } = await doctorCli({ PORT: '1' });
    expect(code).toBe(0);
    expect(output).toContain('npm run doctor: the built-in sandbox (no CryptoCloud keys)');
    expect(output).toContain('For real payments this setup still needs:');
    for (const need of [
      'DATABASE_URL',
      'CRYPTOCLOUD_API_KEY, CRYPTOCLOUD_SHOP_ID, CRYPTOCLOUD_SECRET_KEY',
      'https://',
      'CRON_SECRET',
      'EMAIL_SERVER',
      'ADMIN_EMAILS',
    ]) {
      expect(output).toContain(need);
    }
    expect(output).toContain('Nothing blocks payments.');
  });
});

describe('npm run doctor --url (a deployed shop, seen from outside)', () => {
  beforeAll(async () => {
    if (onPostgres) shopDbUrl = (await (await import('@/db/client')).getDb()).url;
    shop.setEnv({ ...fake.env, CRON_SECRET });
  });
  afterAll(() =>
    shop.setEnv({
      CRYPTOCLOUD_API_KEY: undefined,
      CRYPTOCLOUD_SHOP_ID: undefined,
      CRYPTOCLOUD_SECRET_KEY: undefined,
      CRYPTOCLOUD_API_URL: undefined,
      CRON_SECRET: undefined,
    }),
  );

  it('a right configuration: the key is accepted, a signed test postback answers 200 unmatched, the cron endpoint is guarded and takes the secret', async () => {
    const report = await runDoctor({ vars: liveDeployment(), url: shop.url });
    expect(report.mode).toBe('live');
    expect(check(report, 'CryptoCloud API key')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('balance call answered for 1 currencies'),
    });
    expect(check(report, 'CryptoCloud shop id').status).toBe('ok');
    expect(check(report, 'CryptoCloud secret key').status).toBe('ok');
    expect(check(report, 'Postback endpoint')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/INV-DOC[A-Z0-9]{5} .* answered 200 "unmatched"/),
    });
    expect(check(report, 'Scheduler (CRON_SECRET)')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('Guarded (401 without the secret) and it accepts this CRON_SECRET'),
    });
    expect(check(report, 'Success/Fail URL').status).not.toBe('fail');
    expect(report.projectUrls).toEqual({
      notification: `${shop.url}/api/cryptocloud/postback`,
      success: `${shop.url}/checkout/return`,
      fail: `${shop.url}/checkout/return`,
    });
    // http on loopback is only a warning; test invoices count as paid outside production.
    expect(check(report, 'APP_URL').status).toBe('warn');
    expect(check(report, 'Test invoices').status).toBe('warn');
    if (onPostgres)
      expect(check(report, 'Database')).toMatchObject({
        status: 'ok',
        detail: expect.stringMatching(/answers; all \d+ migrations are applied/),
      });
    else expect(check(report, 'Database').status).toBe('fail'); // live keys and no DATABASE_URL
  });

  it('says which secret differs: the deployment refuses a postback signed with this SECRET KEY, or this CRON_SECRET', async () => {
    const report = await runDoctor({
      vars: { ...liveDeployment(), CRYPTOCLOUD_SECRET_KEY: 'a-different-secret-key', CRON_SECRET: 'another-cron-secret-0000' },
      url: shop.url,
    });
    expect(check(report, 'Postback endpoint')).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining("The deployment's secret key differs from the one here"),
    });
    expect(check(report, 'Scheduler (CRON_SECRET)')).toMatchObject({
      status: 'fail',
      detail: 'The deployment refuses this CRON_SECRET: its value differs.',
    });
  });

  it('warns when the gateway timeout would outlast a Vercel function', async () => {
    const slow = await runDoctor({ vars: { ...liveDeployment(), VERCEL: '1', CRYPTOCLOUD_TIMEOUT_MS: '30000' } });
    expect(check(slow, 'Gateway timeout')).toMatchObject({ status: 'warn', fix: expect.stringContaining('20000 or less') });
    const usual = await runDoctor({ vars: { ...liveDeployment(), VERCEL: '1' } });
    expect(usual.checks.map((c) => c.title)).not.toContain('Gateway timeout');
  });

  it('finds a deployment without CRON_SECRET', async () => {
    shop.setEnv({ CRON_SECRET: undefined });
    try {
      const report = await runDoctor({ vars: liveDeployment(), url: shop.url });
      expect(check(report, 'Scheduler (CRON_SECRET)')).toMatchObject({
        status: 'fail',
        detail: 'The deployment has no CRON_SECRET: it refuses every scheduler.',
      });
    } finally {
      shop.setEnv({ CRON_SECRET });
    }
  });

  it('recognises a login wall (Vercel Deployment Protection) in front of the shop', async () => {
    const wall = http.createServer((_req, res) =>
      res.writeHead(401, { 'Content-Type': 'text/html' }).end('<html>Authentication Required</html>'),
    );
    await new Promise<void>((resolve) => wall.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(wall.address() as AddressInfo).port}`;
    try {
      const report = await runDoctor({ vars: { ...liveDeployment(), APP_URL: url }, url });
      for (const title of ['APP_URL', 'Postback endpoint', 'Scheduler (CRON_SECRET)']) {
        expect(check(report, title), title).toMatchObject({ status: 'fail', fix: expect.stringContaining('Preview deployments') });
      }
    } finally {
      wall.close();
    }
  });
});

const grantAdminIn = (handle: DbHandle, email: string) => handle.db.insert(users).values({ email, role: 'admin' });

describe.skipIf(!onPostgres)('npm run doctor: the database', () => {
  it('fails on pending migrations, naming them and the command that applies them; counts admins', async () => {
    const pg = (await import('pg')).default;
    const { randomBytes } = await import('node:crypto');
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = `storefront_doctor_${randomBytes(5).toString('hex')}`;
    await admin.query(`create database ${name}`);
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    try {
      const empty = await runDoctor({ vars: { DATABASE_URL: u.toString(), PORT: '1' } });
      expect(check(empty, 'Database')).toMatchObject({
        status: 'fail',
        detail: expect.stringMatching(/migration\(s\) of this code are not applied: 0000_init, 0001_/),
        fix: expect.stringContaining('npm run db:migrate'),
      });
      const { applyMigrations } = await import('@/db/migrate');
      await applyMigrations(u.toString());
      const handle = await openDb({ url: u.toString() });
      await grantAdminIn(handle, 'owner@example.com');
      await handle.close();
      const migrated = await runDoctor({ vars: { DATABASE_URL: u.toString(), PORT: '1' } });
      expect(statuses(migrated)).toMatchObject({ Database: 'ok', 'Back office admin': 'ok' });
      expect(check(migrated, 'Back office admin').detail).toBe('1 admin(s) in the database.');
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
