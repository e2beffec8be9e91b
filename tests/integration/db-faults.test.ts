// Database faults against a real PostgreSQL server (issue 7 defect 2, reliability cases E1–E3):
// black-holed and reset connections between the app's pool and the server (through
// tests/helpers/tcp-fault-proxy.ts), an exhausted pool, and a process killed mid-transaction.
// Postbacks go through the real route handler; outcomes are read from the database.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { asc, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, openDb, setDb, type DbHandle } from '@/db/client';
import { orderEvents, orders, payments, postbackEvents } from '@/db/schema';
import { signPostbackToken } from '@/lib/cryptocloud';
import { env } from '@/lib/env';
import { SANDBOX_SECRET, deliverPostback, orderWithInvoice, startShop, startSink, type Shop } from '../helpers/shop';
import { startTcpFaultProxy, type TcpFaultProxy } from '../helpers/tcp-fault-proxy';
import { closeWithin10s, type TestDb } from '../helpers/test-db';

// PGlite runs inside the test process: it has no network, no pool and no other process to kill.
const onPostgres = process.env.TEST_DB === 'postgres' && !!process.env.TEST_DATABASE_URL;

/** Far above what any request may take (connect + query timeouts): reaching it means a hang. */
const HANG_MS = 60_000;

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;
/** The file's own database, reached directly (no proxy). */
let direct: TestDb;

beforeAll(async () => {
  if (!onPostgres) return;
  shop = await startShop();
  sink = await startSink();
  direct = (await getDb()) as TestDb;
});
afterAll(async () => {
  await sink?.close();
  await shop?.close();
});
beforeEach(() => {
  if (onPostgres) shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url });
});

const poolOf = (handle: DbHandle) => (handle.db as unknown as { $client: pg.Pool }).$client;

/** An order whose invoice the gateway reports as paid, and a valid postback token for it. */
async function paidAtGateway() {
  const o = await orderWithInvoice();
  const res = await shop.control(o.invoiceUuid, 'pay', { outcome: 'paid' });
  expect(res.status, await res.clone().text()).toBe(200);
  return { ...o, token: await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET) };
}

const postback = (o: { invoiceUuid: string; token: string }) =>
  deliverPostback(shop.url, o.invoiceUuid, { token: o.token, signal: AbortSignal.timeout(HANG_MS) });

/** What the database says about the order, read directly (not through the app's pool). */
async function outcome(o: { orderId: string; invoiceUuid: string }) {
  const [order] = await direct.db.select({ status: orders.status }).from(orders).where(eq(orders.id, o.orderId));
  const [payment] = await direct.db.select({ status: payments.status }).from(payments).where(eq(payments.orderId, o.orderId));
  const events = await direct.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.orderId)).orderBy(asc(orderEvents.id));
  const inbox = await direct.db
    .select({ verdict: postbackEvents.verdict })
    .from(postbackEvents)
    .where(eq(postbackEvents.invoiceUuid, o.invoiceUuid))
    .orderBy(asc(postbackEvents.id));
  return {
    status: order?.status,
    payment: payment?.status,
    transitions: events.map((e) => `${e.fromStatus ?? '∅'}→${e.toStatus}`),
    inbox: inbox.map((p) => p.verdict),
  };
}

const PAID_ONCE = {
  status: 'paid',
  payment: 'paid',
  transitions: ['∅→pending', 'pending→awaiting_payment', 'awaiting_payment→paid'],
  inbox: ['applied'],
};
const UNPAID = { status: 'awaiting_payment', payment: 'created', transitions: ['∅→pending', 'pending→awaiting_payment'] };

/** Make the app use a pool built as the app builds it, reaching the file's database through `proxy`. */
async function useAppDbThrough(proxy: TcpFaultProxy): Promise<DbHandle> {
  const handle = await openDb({ url: proxy.urlFor(direct.url!) });
  setDb(handle);
  return handle;
}

async function startProxy() {
  const target = new URL(direct.url!);
  return startTcpFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
}

async function adminQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: direct.url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

describe.skipIf(!onPostgres)('database faults (PostgreSQL only: PGlite has no network, pool or server process)', () => {
  it('defect 2: packets on open connections vanish; requests fail fast, and once new connections get through the app heals by itself', async () => {
    const o = await paidAtGateway();
    const proxy = await startProxy();
    const app = await useAppDbThrough(proxy);
    const pool = poolOf(app);
    try {
      const max = env().DB_POOL_MAX;
      // As concurrent requests would: every pooled connection opened and back in the pool.
      await Promise.all(Array.from({ length: max }, () => app.db.execute(sql`select pg_sleep(0.2)`)));
      expect(proxy.opened).toBe(max);
      expect(pool.idleCount).toBe(max);

      // A payment transaction in flight when the network dies, holding the order's row lock.
      let resume!: () => void;
      const resumed = new Promise<void>((r) => (resume = r));
      let locked!: () => void;
      const holdsLock = new Promise<void>((r) => (locked = r));
      const inFlight = app.db.transaction(async (tx) => {
        await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, o.orderId)).for('update');
        locked();
        await resumed;
        await tx.update(orders).set({ updatedAt: new Date() }).where(eq(orders.id, o.orderId));
      });
      const inFlightSettled = inFlight.then(
        () => 'committed',
        () => 'failed',
      );
      await holdsLock;

      proxy.blackhole(); // open connections and new ones alike: bytes vanish, nothing is closed
      const started = Date.now();
      // On pooled connections the client-side query timeout answers: for a plain query, and for
      // the BEGIN of a transaction (as checkout opens), whose client drizzle never releases.
      const [first, transaction] = await Promise.all([
        postback(o),
        app.db
          .transaction((tx) => tx.select({ id: orders.id }).from(orders).limit(1))
          .then(
            () => 'committed',
            () => 'failed',
          ),
      ]);
      expect(first.status).toBe(503);
      expect(transaction).toBe('failed');
      // On a new connection that never completes its handshake: the connect timeout answers.
      expect((await postback(o)).status).toBe(503);
      resume();
      expect(await inFlightSettled).toBe('failed');
      console.info(`[db-faults] four black-holed operations failed in ${Date.now() - started} ms`);
      // Nothing stays pinned to the black hole: every stuck connection was discarded.
      await expect.poll(() => pool.totalCount, { timeout: 30_000 }).toBe(0);

      proxy.setMode('pass'); // new connections get through again; the old ones stay black-holed
      const healed = Date.now();
      await expect.poll(async () => (await postback(o)).status, { timeout: 90_000, interval: 500 }).toBe(200);
      console.info(`[db-faults] first 200 came ${Date.now() - healed} ms after new connections got through`);
      expect(proxy.opened).toBeGreaterThan(max + 1);
      expect(proxy.blackholed).toBeGreaterThan(0);
    } finally {
      setDb(direct);
      await closeWithin10s(app);
      await proxy.close();
    }
    expect(await outcome(o)).toEqual(PAID_ONCE);
  }, 180_000);

  it('defect 2, quiet outage: the network comes back before any request; one request meets a dead pooled connection, the next succeeds', async () => {
    const o = await paidAtGateway();
    const proxy = await startProxy();
    const app = await useAppDbThrough(proxy);
    try {
      const max = env().DB_POOL_MAX;
      await Promise.all(Array.from({ length: max }, () => app.db.execute(sql`select pg_sleep(0.2)`)));
      expect(poolOf(app).idleCount).toBe(max);
      // Every pooled connection died silently; new ones get through (as after a NAT or failover).
      proxy.blackhole('pass');
      const statuses: number[] = [];
      await expect
        .poll(
          async () => {
            const { status } = await postback(o);
            statuses.push(status);
            return status;
          },
          { timeout: 90_000, interval: 200 },
        )
        .toBe(200);
      // The first timeout also discarded the other dead connections instead of letting each
      // of them fail a request of its own.
      expect(statuses).toEqual([503, 200]);
    } finally {
      setDb(direct);
      await closeWithin10s(app);
      await proxy.close();
    }
    expect(await outcome(o)).toEqual(PAID_ONCE);
  }, 120_000);

  it('E1: the connection resets mid-payment-transaction and the database refuses connections: 503 without a crash, nothing applied; once back, the same postback pays once', async () => {
    const o = await paidAtGateway();
    const proxy = await startProxy();
    const app = await useAppDbThrough(proxy);
    // Hold the order's row lock from outside the app, so the postback waits inside its payment transaction.
    const blocker = new pg.Client({ connectionString: direct.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select id from orders where id = $1 for update', [o.orderId]);
      const delivery = postback(o);
      await expect
        .poll(
          async () =>
            (await adminQuery(`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).length,
          { timeout: 30_000 },
        )
        .toBe(1);
      proxy.closeAll('refuse'); // the database goes away: every connection reset, new ones refused
      expect((await delivery).status).toBe(503);
      await blocker.query('rollback');
      expect((await postback(o)).status).toBe(503);
      // The postback was recorded before its payment transaction (for the reconciler); the
      // transaction itself left nothing.
      expect(await outcome(o)).toEqual({ ...UNPAID, inbox: ['received'] });

      proxy.setMode('pass');
      // The pool kept nothing from before the reset: the very next delivery goes through.
      expect((await postback(o)).status).toBe(200);
    } finally {
      await blocker.end();
      setDb(direct);
      await closeWithin10s(app);
      await proxy.close();
    }
    expect(await outcome(o)).toEqual(PAID_ONCE);
  }, 120_000);

  it('E2: every pooled connection busy: a valid postback gets 503 within the acquire timeout; once they are free it pays', async () => {
    const o = await paidAtGateway();
    const pool = poolOf(direct);
    const held = await Promise.all(Array.from({ length: env().DB_POOL_MAX }, () => pool.connect()));
    try {
      expect(pool.idleCount).toBe(0);
      expect((await postback(o)).status).toBe(503);
      expect(pool.waitingCount).toBe(0); // the request stopped waiting for a connection
    } finally {
      for (const client of held) client.release();
    }
    expect(await outcome(o)).toEqual({ ...UNPAID, inbox: [] });
    expect((await postback(o)).status).toBe(200);
    expect(await outcome(o)).toEqual(PAID_ONCE);
  }, 120_000);

  it('E3: a process killed mid-transaction leaves nothing behind and no lock held; the same postback then pays once', async () => {
    const o = await paidAtGateway();
    const applicationName = `e3-child-${process.pid}`;
    const childUrl = new URL(direct.url!);
    childUrl.searchParams.set('application_name', applicationName);
    // Plain node with tsx's loader: one process, so SIGKILL hits the one holding the connection.
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/helpers/mid-transaction-child.ts'], {
      cwd: path.join(import.meta.dirname, '../..'),
      env: { ...process.env, CHILD_DB_URL: childUrl.toString(), CHILD_INVOICE_UUID: o.invoiceUuid },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    try {
      const ready = await new Promise<{ outcome: { kind: string; to?: string } }>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
        child.once('exit', (code) => reject(new Error(`child exited (${code}) before its transaction was ready:\n${stderr}`)));
      });
      // Inside its transaction the child had recorded the postback and paid the order.
      expect(ready.outcome).toMatchObject({ kind: 'applied', to: 'paid' });
      const [session] = await adminQuery<{ state: string }>('select state from pg_stat_activity where application_name = $1', [
        applicationName,
      ]);
      expect(session?.state).toBe('idle in transaction');
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    // The server ends the dead client's session, rolling its transaction back and freeing its locks.
    await expect
      .poll(async () => (await adminQuery('select 1 from pg_stat_activity where application_name = $1', [applicationName])).length, {
        timeout: 30_000,
      })
      .toBe(0);
    expect(await outcome(o)).toEqual({ ...UNPAID, inbox: [] });

    expect((await postback(o)).status).toBe(200);
    expect(await outcome(o)).toEqual(PAID_ONCE);
  }, 120_000);
});
