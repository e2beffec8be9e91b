// The @vercel/postgres driver (DATABASE_DRIVER=vercel-postgres) against a plain PostgreSQL, through
// the WebSocket→TCP proxy named by VERCEL_POSTGRES_WS_PROXY. Runs only in the integration:postgres
// project (the suite runs once per database kind; this file has nothing to do with PGlite).
import { randomBytes } from 'node:crypto';
import { and, eq, gte, sql, TransactionRollbackError } from 'drizzle-orm';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '@/db/client';
import { products } from '@/db/schema';
import { DEMO_PRODUCTS } from '@/db/seed';
import { env, resetEnvCache } from '@/lib/env';
import { closeWithin10s, createTestDb, type TestDb } from '../helpers/test-db';
import { startTcpFaultProxy } from '../helpers/tcp-fault-proxy';
import { startWsProxy, type WsProxy } from '../helpers/ws-proxy';

const enabled = !!process.env.TEST_DATABASE_URL && process.env.TEST_DB === 'postgres';

/** @vercel/postgres's createPool() only accepts `localhost` (or a Neon `-pooler.` host). */
function withLocalhost(url: string): string {
  const u = new URL(url);
  if (u.hostname === '127.0.0.1' || u.hostname === '[::1]') u.hostname = 'localhost';
  return u.toString();
}

/** Run `fn` with some process.env values replaced, restoring them (and the env cache) afterwards. */
async function withEnv<T>(values: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  Object.assign(process.env, values);
  resetEnvCache();
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  }
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!enabled)('@vercel/postgres driver through a WebSocket proxy', () => {
  let testDb: TestDb | undefined;
  let proxy: WsProxy | undefined;
  let handle: DbHandle | undefined;

  const db = () => {
    if (!handle) throw new Error('database not open');
    return handle.db;
  };

  beforeAll(async () => {
    testDb = await createTestDb('postgres'); // a throwaway database, migrated and seeded
    proxy = await startWsProxy();
    const url = withLocalhost(testDb.url!);
    // The driver choice and proxy are read when the pool is opened; nothing else sees them.
    handle = await withEnv({ DATABASE_DRIVER: 'vercel-postgres', VERCEL_POSTGRES_WS_PROXY: proxy.address }, () => openDb({ url }));
  });

  afterAll(async () => {
    await handle?.close();
    await proxy?.close();
    await testDb?.destroy();
  });

  it('queries over the WebSocket proxy with the app pool settings', async () => {
    const { rows } = (await db().execute(
      sql`select current_database() as name, current_setting('statement_timeout') as timeout,
        current_setting('idle_in_transaction_session_timeout') as "idleInTransaction"`,
    )) as unknown as { rows: { name: string; timeout: string; idleInTransaction: string }[] };
    const database = new URL(testDb!.url!).pathname.slice(1);
    // The server-side timeouts derived from DB_QUERY_TIMEOUT_MS (default 5 s) reach this driver too.
    expect(rows).toEqual([{ name: database, timeout: '4s', idleInTransaction: '10s' }]);
    expect(handle?.kind).toBe('postgres');
    expect(proxy?.opened).toBeGreaterThanOrEqual(1);
    expect(process.env.DATABASE_DRIVER).toBeUndefined();
  });

  it('reads the seeded catalog through drizzle', async () => {
    const rows = await db().select().from(products).orderBy(products.id);
    expect(rows).toHaveLength(DEMO_PRODUCTS.length);
    const mug = rows.find((p) => p.slug === 'node-runner-mug');
    expect(mug?.priceMinor).toBe(1600);
    expect(mug?.currency).toBe('USD');
    expect(mug?.createdAt).toBeInstanceOf(Date);
  });

  it('runs a transaction on its own connection and rolls it back', async () => {
    const slug = `vercel-tx-${randomBytes(4).toString('hex')}`;
    const bySlug = eq(products.slug, slug);
    await expect(
      db().transaction(async (tx) => {
        await tx.insert(products).values({
          slug,
          name: 'Rollback probe',
          description: 'Never committed.',
          image: '/products/probe.svg',
          priceMinor: 100,
          currency: 'USD',
          stock: 1,
        });
        expect(await tx.select().from(products).where(bySlug)).toHaveLength(1);
        // Another pooled connection must not see the uncommitted row.
        expect(await db().select().from(products).where(bySlug)).toHaveLength(0);
        tx.rollback();
      }),
    ).rejects.toBeInstanceOf(TransactionRollbackError);
    expect(await db().select().from(products).where(bySlug)).toHaveLength(0);
    expect(await db().$count(products)).toBe(DEMO_PRODUCTS.length);
  });

  it('applies a conditional update exactly as often as the condition allows', async () => {
    const slug = 'node-runner-mug';
    const [before] = await db().select({ stock: products.stock }).from(products).where(eq(products.slug, slug));
    expect(before?.stock).toBe(80);
    const take = (n: number) =>
      db()
        .update(products)
        .set({ stock: sql`${products.stock} - ${n}` })
        .where(and(eq(products.slug, slug), gte(products.stock, n)))
        .returning({ stock: products.stock });
    // Three concurrent takes of 30 from 80 over several pooled connections: exactly two win.
    const results = await Promise.all([take(30), take(30), take(30)]);
    expect(results.filter((r) => r.length === 1)).toHaveLength(2);
    expect(results.filter((r) => r.length === 0)).toHaveLength(1);
    expect(await take(21)).toEqual([]);
    expect(await take(20)).toEqual([{ stock: 0 }]);
    const [after] = await db().select({ stock: products.stock }).from(products).where(eq(products.slug, slug));
    expect(after?.stock).toBe(0);
  });

  it('refuses to proxy to a non-loopback address', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://${proxy?.address}?address=example.com:5432`);
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => reject(new Error('proxy accepted a non-loopback target')));
      ws.on('error', () => {});
    });
    expect(status).toBe(403);
  });

  it('closes the pool and every proxied connection cleanly', async () => {
    expect(proxy?.active).toBeGreaterThanOrEqual(1);
    await handle?.close();
    handle = undefined;
    await until(() => proxy?.active === 0);
    await proxy?.close();
    proxy = undefined;
  });
});

describe.skipIf(!enabled)('@vercel/postgres driver: pooled connections that die silently', () => {
  it('discards them after one query timeout and recovers through new connections', async () => {
    const testDb = await createTestDb('postgres');
    const target = new URL(testDb.url!);
    // app → WebSocket proxy → fault proxy → PostgreSQL: the fault sits on the database's side.
    const faults = await startTcpFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const wsProxy = await startWsProxy();
    const handle = await withEnv({ DATABASE_DRIVER: 'vercel-postgres', VERCEL_POSTGRES_WS_PROXY: wsProxy.address }, () =>
      openDb({ url: withLocalhost(faults.urlFor(testDb.url!)) }),
    );
    try {
      const max = env().DB_POOL_MAX;
      await Promise.all(Array.from({ length: max }, () => handle.db.execute(sql`select pg_sleep(0.2)`)));
      expect(faults.opened).toBe(max);
      faults.blackhole('pass'); // every pooled connection dies silently; new ones get through
      const attempts: string[] = [];
      await expect
        .poll(
          async () => {
            const result = await handle.db.execute(sql`select 1`).then(
              () => 'ok',
              () => 'failed',
            );
            attempts.push(result);
            return result;
          },
          { timeout: 90_000, interval: 200 },
        )
        .toBe('ok');
      expect(attempts).toEqual(['failed', 'ok']);
    } finally {
      await closeWithin10s(handle);
      await wsProxy.close();
      await faults.close();
      await testDb.destroy();
    }
  }, 120_000);
});
