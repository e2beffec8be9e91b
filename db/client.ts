import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { env, type Env } from '@/lib/env';
import { personalizeRestoredDatabase, restorePgliteImage } from './pglite-image';
import { recoverBrokenConnections } from './pool-recovery';
import * as schema from './schema';
import { seed } from './seed';
import type { Db } from './types';

export type { Db, Schema, Tx } from './types';

export type DbKind = 'pglite' | 'postgres';

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** Connection string (PostgreSQL only). */
  url?: string;
  close(): Promise<void>;
  /**
   * LISTEN on `channel` (a plain lower-case identifier): `onPayload` gets each notification's payload
   * once its transaction committed. PostgreSQL: a connection of its own, outside the pool, which
   * calls `onLost` once if it breaks; PGlite: its one connection. Resolves, once listening, to
   * the function that stops it. Absent where the driver cannot (@vercel/postgres).
   */
  listen?(channel: string, onPayload: (payload: string) => void, onLost: (err: Error) => void): Promise<() => Promise<void>>;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

// `npm run bench` counts the statements the app sends (STOREFRONT_BENCH only; /api/bench/stats
// reads the count): PostgreSQL's own counters lag up to 10 s and pg_stat_statements is rarely loaded.
const counter = globalThis as unknown as { __storefrontStatements?: number };
/** Statements sent since start (0 unless STOREFRONT_BENCH is set). */
export const statementsSent = () => counter.__storefrontStatements ?? 0;
const benchLogger = () =>
  env().STOREFRONT_BENCH
    ? {
        logger: {
          logQuery: () => {
            counter.__storefrontStatements = (counter.__storefrontStatements ?? 0) + 1;
          },
        },
      }
    : {};

/**
 * PGlite's start parameters with a smaller memory budget. PostgreSQL's defaults size shared memory
 * for a server (128 MB of buffers, 100 connections); PGlite is one connection in this process, and
 * the operating system caches its files anyway. Measured: ≈ 340 → ≈ 215 MiB RSS with PGlite open.
 */
export function pgliteStartParams(defaults: readonly string[]): string[] {
  return [...defaults, '-c', 'shared_buffers=16MB', '-c', 'max_connections=5'];
}

async function openPglite(dir: string, autoSeed: boolean, loadDataDir?: Blob): Promise<DbHandle> {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const inMemory = dir.startsWith('memory://');
  // PGlite's own mkdir is not recursive.
  if (!inMemory) mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  // A new seeded directory is a copy of the image `npm run build` prepared, when there is one
  // for this code (db/pglite-image.ts): PGlite's initdb is most of a cold start's time and memory.
  const restored = !inMemory && autoSeed && restorePgliteImage(path.resolve(dir));
  const client = await PGlite.create(inMemory ? undefined : path.resolve(dir), {
    startParams: pgliteStartParams(PGlite.defaultStartParams),
    // A dump of a database already migrated and seeded (the tests' image, tests/helpers/pglite-image.ts).
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  const db = drizzle({ client, schema, ...benchLogger() }) as unknown as Db;
  // PGlite belongs to this process alone, so the app migrates and seeds it itself.
  await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  if (restored) await personalizeRestoredDatabase(db);
  else if (autoSeed && !loadDataDir) await seed(db);
  const listen: DbHandle['listen'] = async (channel, onPayload) => {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`bad channel name ${channel}`);
    const unlisten = await client.listen(channel, onPayload);
    return () => unlisten();
  };
  return { db, kind: 'pglite', close: () => client.close(), listen };
}

/**
 * Pool settings. A database that is down, unreachable or silently dropping packets must give a
 * fast 503 (the gateway and the reconciler retry), never a hung request, and the pool must heal
 * by itself (see db/pool-recovery.ts):
 * - connectionTimeoutMillis bounds both opening a connection and waiting for a free one;
 * - query_timeout is the client-side bound on every query: without it a query on a connection
 *   whose packets vanish waits forever, as statement_timeout is enforced by the unreachable server;
 * - statement_timeout, 1 s shorter, cancels a merely slow query on the server first, which keeps
 *   its connection usable;
 * - idle_in_transaction_session_timeout lets the server end a transaction whose client vanished
 *   (its row locks would otherwise block that order's next postback); our transactions never wait
 *   on anything outside the database, so twice the query timeout is generous;
 * - TCP keep-alive lets the kernel notice a dead peer of an idle connection and keeps NAT and
 *   firewall state of idle connections alive.
 */
const poolOptions = (connectionString: string, e: Env, max: number) => ({
  connectionString,
  max,
  connectionTimeoutMillis: e.DB_CONNECT_TIMEOUT_MS,
  query_timeout: e.DB_QUERY_TIMEOUT_MS,
  statement_timeout: e.DB_QUERY_TIMEOUT_MS - 1_000,
  idle_in_transaction_session_timeout: 2 * e.DB_QUERY_TIMEOUT_MS,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
  idleTimeoutMillis: 30_000,
});

// An idle client losing its connection must not crash the process.
const onIdleError = (err: Error) => console.error('[db] idle client error:', err.message);

async function openPostgres(url: string, max: number): Promise<DbHandle> {
  const e = env();
  // node-postgres unless asked: @vercel/postgres is deprecated upstream (README "Using a real PostgreSQL").
  if (e.DATABASE_DRIVER === 'vercel-postgres') {
    const [{ createPool }, { drizzle }] = await Promise.all([import('@vercel/postgres'), import('drizzle-orm/vercel-postgres')]);
    // Over a WebSocket, keepAlive is a no-op (Neon's socket ignores it); the rest applies as is.
    const pool = createPool(poolOptions(url, e, max));
    pool.on('error', onIdleError);
    recoverBrokenConnections(pool);
    // A plain PostgreSQL (not Neon) is reached through a WebSocket→TCP proxy; see lib/db-ws-proxy.ts.
    if (e.VERCEL_POSTGRES_WS_PROXY) {
      const { routeThroughWsProxy } = await import('@/lib/db-ws-proxy');
      routeThroughWsProxy(pool, e.VERCEL_POSTGRES_WS_PROXY);
    }
    const db = drizzle({ client: pool, schema, ...benchLogger() }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const [{ Pool }, { drizzle }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
  const pool = new Pool(poolOptions(url, e, max));
  pool.on('error', onIdleError);
  recoverBrokenConnections(pool);
  const db = drizzle({ client: pool, schema, ...benchLogger() }) as unknown as Db;
  return { db, kind: 'postgres', close: () => pool.end(), listen: (...args) => listenPostgres(url, e, ...args) };
}

/** How often the listening connection proves it is alive (a silently dropped one hears nothing). */
const LISTEN_PING_MS = 30_000;

/**
 * A connection of its own that only LISTENs (a pooled one would be handed to others). Its name in
 * pg_stat_activity is `storefront-listen`. A failed ping, error or end closes it and calls
 * `onLost` once; the caller opens a new one when it needs it again.
 */
async function listenPostgres(
  url: string,
  e: Env,
  channel: string,
  onPayload: (payload: string) => void,
  onLost: (err: Error) => void,
): Promise<() => Promise<void>> {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`bad channel name ${channel}`);
  const { Client } = await import('pg');
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: e.DB_CONNECT_TIMEOUT_MS,
    query_timeout: e.DB_QUERY_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'storefront-listen',
  });
  let done = false;
  const timer: { ping?: ReturnType<typeof setInterval> } = {};
  const stop = async () => {
    if (done) return;
    done = true;
    clearInterval(timer.ping);
    await client.end().catch(() => undefined);
  };
  const lost = (err: Error) => {
    if (done) return;
    void stop();
    onLost(err);
  };
  client.on('notification', (msg) => {
    if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload);
  });
  client.on('error', lost);
  client.on('end', () => lost(new Error('listening connection ended')));
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (err) {
    done = true;
    await client.end().catch(() => undefined);
    throw err;
  }
  timer.ping = setInterval(() => {
    client.query('SELECT 1').catch((err: Error) => lost(err));
  }, LISTEN_PING_MS);
  timer.ping.unref();
  return stop;
}

/** Open a database from explicit settings (scripts and tests); the app uses getDb(). */
export async function openDb(options: {
  url?: string;
  pgliteDir?: string;
  autoSeed?: boolean;
  poolMax?: number;
  /** PGlite only: start from this dump (`dumpDataDir()`) of a migrated, seeded database. */
  loadDataDir?: Blob;
}): Promise<DbHandle> {
  if (options.url) return { ...(await openPostgres(options.url, options.poolMax ?? env().DB_POOL_MAX)), url: options.url };
  return openPglite(options.pgliteDir ?? env().PGLITE_DIR, options.autoSeed ?? env().AUTOSEED, options.loadDataDir);
}

// One handle per process, kept on globalThis so dev hot reloads never open a second PGlite on the
// same directory (two instances silently diverge) or leak pools.
const g = globalThis as unknown as { __storefrontDb?: Promise<DbHandle> };

/** The process-wide database: PostgreSQL when DATABASE_URL/POSTGRES_URL is set, else PGlite. */
export function getDb(): Promise<DbHandle> {
  if (!g.__storefrontDb) {
    const e = env();
    const opening = openDb({ url: e.databaseUrl, pgliteDir: e.PGLITE_DIR });
    // A failed open (database down) is retried on the next call instead of being cached.
    opening.catch(() => {
      if (g.__storefrontDb === opening) g.__storefrontDb = undefined;
    });
    g.__storefrontDb = opening;
  }
  return g.__storefrontDb;
}

/** Close and forget the process-wide database (tests). */
export async function closeDb(): Promise<void> {
  const current = g.__storefrontDb;
  g.__storefrontDb = undefined;
  if (!current) return;
  const handle = await current;
  await closeSandboxDb(handle);
  await handle.close();
}

/** Use an already-open handle as the process-wide database (tests). */
export function setDb(handle: DbHandle): void {
  g.__storefrontDb = Promise.resolve(handle);
}

// ---- The built-in sandbox's own pool ----

/**
 * Connections per instance for the sandbox's queries (one short query per info call). Its own pool
 * means an emulated gateway answering a burst of postbacks never takes the connections those
 * postbacks are waiting for, as the real gateway, on its own servers, would not.
 */
const SANDBOX_POOL_MAX = 2;
const sandboxDbs = new WeakMap<DbHandle, Promise<DbHandle>>();

/**
 * The built-in sandbox's database: the shop's database through a small pool of its own on
 * PostgreSQL; on PGlite (one connection, in this process) the shop's handle itself.
 */
export async function getSandboxDb(): Promise<DbHandle> {
  const shop = await getDb();
  if (!shop.url) return shop;
  let sandbox = sandboxDbs.get(shop);
  if (!sandbox) {
    sandbox = openDb({ url: shop.url, poolMax: SANDBOX_POOL_MAX });
    sandboxDbs.set(shop, sandbox);
    const opening = sandbox;
    opening.catch(() => {
      if (sandboxDbs.get(shop) === opening) sandboxDbs.delete(shop);
    });
  }
  return sandbox;
}

/** Close the sandbox's pool opened beside this handle, if any (closeDb does it; tests too). */
export async function closeSandboxDb(shop: DbHandle): Promise<void> {
  const sandbox = sandboxDbs.get(shop);
  sandboxDbs.delete(shop);
  if (sandbox) await (await sandbox.catch(() => null))?.close();
}
