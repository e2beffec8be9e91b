// Orders prepared for the benchmark with the app's own code (the checkout path tests use), in this
// process, against the database the server under test uses; and the checks run afterwards.
import { randomBytes } from 'node:crypto';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orderEvents, orders } from '@/db/schema';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { resetEnvCache } from '@/lib/env';
import type { FakeCryptoCloud } from '@/tests/helpers/fake-cryptocloud';
import { SANDBOX_KEY, orderWithInvoice, setStock } from '@/tests/helpers/shop';
import type { LoadRequest } from './load';

export const BENCH_PRODUCT = 'lightning-enamel-pin-set';

export interface PaidOrder {
  orderId: string;
  invoiceUuid: string;
  publicToken: string;
}

/** Make process.env (what the preparing code reads) match a server's. */
export function setEnvVars(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

export async function inParallel<T>(n: number, concurrency: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) out[i] = await make(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return out;
}

/**
 * `n` orders whose invoices are paid at the gateway but whose postbacks have not reached the shop:
 * with the sandbox (served at `sandboxOrigin`, its own postbacks going to a sink), or with the stub.
 */
export async function preparePaidOrders(
  n: number,
  gateway: { kind: 'sandbox'; origin: string } | { kind: 'stub'; fake: FakeCryptoCloud; unpaid?: boolean },
) {
  await setStock(BENCH_PRODUCT, 1_000_000);
  const placed = await inParallel(n, 6, () => orderWithInvoice([[BENCH_PRODUCT, 1]]));
  await inParallel(placed.length, 6, async (i) => {
    const o = placed[i]!;
    if (gateway.kind === 'stub') {
      if (!gateway.unpaid) gateway.fake.invoices.get(o.invoiceUuid)!.status = 'paid';
      return;
    }
    const res = await fetch(`${gateway.origin}/api/sandbox/cryptocloud/control/invoices/${o.invoiceUuid}/pay`, {
      method: 'POST',
      headers: { Authorization: `Token ${SANDBOX_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcome: 'paid' }),
    });
    if (res.status !== 200) throw new Error(`sandbox pay ${o.invoiceUuid}: ${res.status} ${await res.text()}`);
  });
  return placed.map((o): PaidOrder => ({ orderId: o.orderId, invoiceUuid: o.invoiceUuid, publicToken: o.publicToken }));
}

/** CryptoCloud's JSON postback about this invoice, freshly signed. */
export async function postbackRequest(invoiceUuid: string, secret: string, path = '/api/cryptocloud/postback'): Promise<LoadRequest> {
  const body = JSON.stringify({
    status: 'success',
    invoice_id: invoiceSuffix(invoiceUuid),
    amount_crypto: '16.3',
    currency: 'USDT_TRC20',
    order_id: 'bench',
    token: await signPostbackToken(invoiceUuid, secret),
  });
  return { method: 'POST', path, body, headers: { 'content-type': 'application/json' } };
}

/** Orders of `ids` that are paid, and how many `paid` transitions they have in all. */
export async function paidCheck(ids: string[]): Promise<{ paid: number; paidEvents: number; ordersWithOnePaidEvent: number }> {
  const { db } = await getDb();
  let paid = 0;
  let paidEvents = 0;
  let ordersWithOnePaidEvent = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const [p] = await db
      .select({ n: count() })
      .from(orders)
      .where(and(inArray(orders.id, chunk), eq(orders.status, 'paid')));
    paid += p?.n ?? 0;
    const rows = await db
      .select({ orderId: orderEvents.orderId, n: count() })
      .from(orderEvents)
      .where(and(inArray(orderEvents.orderId, chunk), eq(orderEvents.toStatus, 'paid')))
      .groupBy(orderEvents.orderId);
    paidEvents += rows.reduce((s, r) => s + r.n, 0);
    ordersWithOnePaidEvent += rows.filter((r) => r.n === 1).length;
  }
  return { paid, paidEvents, ordersWithOnePaidEvent };
}

/** Transactions committed in this PostgreSQL database so far (statistics are flushed within ~1 s). */
export async function xactCommit(adminUrl: string, database: string): Promise<number> {
  const pg = await import('pg');
  const c = new pg.default.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    // Backends report their counters when idle for a moment; wait for that, then read afresh.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await c.query('select pg_stat_clear_snapshot()');
    const { rows } = await c.query<{ n: string }>('select xact_commit::text as n from pg_stat_database where datname = $1', [database]);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await c.end();
  }
}

export const randomKey = () => randomBytes(18).toString('base64url');
export { sql };
