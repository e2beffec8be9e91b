// A second `next start` of the already built app (the first webServer builds it) on a throwaway
// PostgreSQL database reached through a TCP proxy the test can stop and start again: a database
// outage under a running server, and real row locks between concurrent requests (PGlite runs one
// transaction at a time, so races only show on PostgreSQL).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { startTcpFaultProxy } from '../../helpers/tcp-fault-proxy';

/** The PostgreSQL server these tests may use (CI sets it); without it they are skipped. */
export const postgresAdminUrl = process.env.TEST_DATABASE_URL;

/** Port of this server: after the two webServers of playwright.config.ts and runtime-config.spec.ts's. */
export const postgresShopPort = Number(process.env.E2E_PORT ?? 3471) + 3;
export const postgresShopURL = `http://localhost:${postgresShopPort}`;

export interface PostgresShop {
  /** Refuse new connections and cut the open ones, as a crashed or unreachable database does. */
  stopDatabase(): Promise<void>;
  startDatabase(): Promise<void>;
  /** A query on the shop's database (directly, not through the proxy). */
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function admin<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

const root = path.resolve(__dirname, '../../..');

export async function startPostgresShop({ latencyMs = 0 }: { latencyMs?: number } = {}): Promise<PostgresShop> {
  if (!postgresAdminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `storefront_e2e_${randomBytes(6).toString('hex')}`;
  await admin(postgresAdminUrl, (c) => c.query(`create database ${name}`));
  const direct = new URL(postgresAdminUrl);
  direct.pathname = `/${name}`;
  const proxy = await startTcpFaultProxy({ host: direct.hostname, port: Number(direct.port || 5432) }, { latencyMs });

  const common = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: direct.toString(), POSTGRES_URL: '' };
  for (const script of ['scripts/db-migrate.ts', 'scripts/db-seed.ts']) {
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', script], {
      cwd: root,
      env: common,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  }

  const server = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(postgresShopPort)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...common,
      PORT: String(postgresShopPort),
      APP_URL: postgresShopURL,
      DATABASE_URL: proxy.urlFor(direct.toString()),
      CRYPTOCLOUD_API_KEY: '',
      CRYPTOCLOUD_SHOP_ID: '',
      CRYPTOCLOUD_SECRET_KEY: '',
      CHECKOUT_RATE_LIMIT: '1000',
      RECONCILE_INTERVAL_SECONDS: '0',
    },
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${postgresShopURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (server.exitCode !== null || Date.now() > deadline) throw new Error('the PostgreSQL-backed shop did not start');
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    // Reset, like a server that went away; new connections are reset too until it is back.
    stopDatabase: async () => proxy.closeAll('refuse'),
    startDatabase: async () => proxy.setMode('pass'),
    query: async <T extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
      admin(direct.toString(), async (c) => (await c.query<T>(text, values)).rows),
    async close() {
      server.kill('SIGTERM');
      await exited;
      await proxy.close();
      await admin(postgresAdminUrl!, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
