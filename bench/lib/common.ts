// What every benchmark item shares: sizes, ports, the context, checks.
import os from 'node:os';
import type { TestDb } from '@/tests/helpers/test-db';
import type { FakeCryptoCloud } from '@/tests/helpers/fake-cryptocloud';
import type { startSink } from '@/tests/helpers/shop';
import type { LoadResult } from './load';
import type { NextServer } from './server';
import { setEnvVars } from './shop-data';

const argv = process.argv.slice(2);
export const QUICK = argv.includes('--quick');
export const ONLY = argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
  .map(Number);

export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 26000);
export const port = (offset: number) => PORT_BASE + offset;

export const SIZES = QUICK
  ? { rounds: 3, postbacks: 40, conns: 20, dup: 100, dupConns: 100, mixedInvoices: 20, mixedRepeats: 5, stormDistinct: 60 }
  : { rounds: 3, postbacks: 300, conns: 20, dup: 1000, dupConns: 100, mixedInvoices: 500, mixedRepeats: 5, stormDistinct: 500 };

export const load1 = () => os.loadavg()[0]!.toFixed(2);
let failures = 0;
export const failedChecks = () => failures;

export function check(what: string, ok: boolean, detail: string) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}: ${detail}`);
  if (!ok) failures++;
}

// ---------- shared pieces ----------

export interface Ctx {
  sink: Awaited<ReturnType<typeof startSink>>;
  fake: FakeCryptoCloud;
  pg: TestDb;
  pgName: string;
  adminUrl: string;
}

export const pgEnv = (ctx: Ctx) => ({ DATABASE_URL: ctx.pg.url! });
export const sandboxEnv = (ctx: Ctx) => ({
  CRYPTOCLOUD_SANDBOX_NOTIFY_URL: ctx.sink.url,
  CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES: '0',
  CRYPTOCLOUD_SANDBOX_POSTBACK_FORMAT: 'json',
});

/** Make this process's env (used to prepare data) match the server's. */
export function sameEnvAs(server: NextServer, vars: Record<string, string>) {
  const gatewayKeys = {
    CRYPTOCLOUD_API_KEY: undefined,
    CRYPTOCLOUD_SHOP_ID: undefined,
    CRYPTOCLOUD_SECRET_KEY: undefined,
    CRYPTOCLOUD_API_URL: undefined,
  };
  setEnvVars({ ...gatewayKeys, APP_URL: server.url, STOREFRONT_BENCH: 'true', CHECKOUT_RATE_LIMIT: '0', ...vars });
}

export async function statements(server: NextServer): Promise<number> {
  const res = await fetch(`${server.url}/api/bench/stats`);
  if (res.status !== 200) throw new Error(`/api/bench/stats answered ${res.status}`);
  return ((await res.json()) as { statements: number }).statements;
}

export function okLoad(r: LoadResult) {
  return r.non2xx === 0 && r.errors === 0;
}
export const statusText = (r: LoadResult) => `${JSON.stringify(r.statuses)}${r.errors ? `, ${r.errors} socket errors/timeouts` : ''}`;
