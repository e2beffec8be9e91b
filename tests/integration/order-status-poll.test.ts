// The open order page polls /api/orders/[token]/status every second. A poll is one statement (the
// status read); the reconcile claim runs only when the row just read says it could succeed (order
// at least 30 s old, not checked in the last 15 s), so the reconciler still looks at a waiting
// buyer's order, about once per 15 s, and no longer costs an UPDATE on every poll.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, setDb, type DbHandle } from '@/db/client';
import * as schema from '@/db/schema';
import { orders } from '@/db/schema';
import type { Db } from '@/db/types';
import { orderWithInvoice, startShop, startSink, type Shop } from '../helpers/shop';

const scheduled: Array<() => Promise<unknown>> = [];
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after: (task: () => Promise<unknown>) => scheduled.push(task),
}));

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;
let original: DbHandle;
const statements: string[] = [];

/** The same database, through a drizzle instance that records every statement it sends. */
async function countingDb(handle: DbHandle): Promise<Db> {
  const logger = { logQuery: (query: string) => statements.push(query) };
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.kind === 'pglite') {
    const { drizzle } = await import('drizzle-orm/pglite');
    return drizzle({ client: client as never, schema, logger }) as unknown as Db;
  }
  const { drizzle } = await import('drizzle-orm/node-postgres');
  return drizzle({ client: client as never, schema, logger }) as unknown as Db;
}

beforeAll(async () => {
  shop = await startShop();
  sink = await startSink();
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url });
  original = await getDb();
  setDb({ ...original, db: await countingDb(original) });
});
afterAll(async () => {
  setDb(original);
  await sink.close();
  await shop.close();
});
beforeEach(() => {
  statements.length = 0;
  scheduled.length = 0;
});

async function poll(token: string) {
  const { GET } = await import('@/app/api/orders/[token]/status/route');
  const res = await GET(new Request(`http://localhost/api/orders/${token}/status`), { params: Promise.resolve({ token }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string };
}

async function lastReconciledAt(orderId: string) {
  const [row] = await original.db.select({ at: orders.lastReconciledAt }).from(orders).where(eq(orders.id, orderId));
  return row!.at;
}

describe('polling an open order', () => {
  it('is one statement while the order is younger than the reconcile age', async () => {
    const order = await orderWithInvoice();
    statements.length = 0;
    expect((await poll(order.publicToken)).status).toBe('awaiting_payment');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^select/i);
    expect(scheduled).toHaveLength(0);
  });

  it('claims a reconcile once the order is due, then is one statement again until the interval passes', async () => {
    const order = await orderWithInvoice();
    await original.db
      .update(orders)
      .set({ createdAt: new Date(Date.now() - 60_000) })
      .where(eq(orders.id, order.orderId));
    expect(await lastReconciledAt(order.orderId)).toBeNull();

    statements.length = 0;
    await poll(order.publicToken);
    expect(statements).toHaveLength(1);
    expect(scheduled).toHaveLength(1);
    await Promise.all(scheduled.splice(0).map((task) => task()));
    // The reconciler looked at the order (claimed on the row, then asked the gateway).
    expect(await lastReconciledAt(order.orderId)).not.toBeNull();

    for (let i = 0; i < 3; i++) {
      statements.length = 0;
      await poll(order.publicToken);
      expect(statements).toHaveLength(1);
      expect(scheduled).toHaveLength(0);
    }

    // Once 15 s have passed since the last check, the next poll claims again.
    await original.db
      .update(orders)
      .set({ lastReconciledAt: new Date(Date.now() - 20_000) })
      .where(eq(orders.id, order.orderId));
    await poll(order.publicToken);
    expect(scheduled).toHaveLength(1);
  });

  it('is one statement and schedules nothing once the order is final', async () => {
    const order = await orderWithInvoice();
    await original.db
      .update(orders)
      .set({ status: 'canceled', createdAt: new Date(Date.now() - 60_000) })
      .where(eq(orders.id, order.orderId));
    statements.length = 0;
    expect((await poll(order.publicToken)).status).toBe('canceled');
    expect(statements).toHaveLength(1);
    expect(scheduled).toHaveLength(0);
  });
});
