import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orders, payments } from '@/db/schema';
import { COUNT_CAP, listOrders, orderListQueries, ORDER_PAGE_SIZE, type OrderListQuery } from '@/lib/orders/admin-queries';

// The back office's order list on a big table: 100,000 orders. Pages must come from indexes
// (checked on the plans, not with a clock) and counts must stop at COUNT_CAP.

const N = 100_000;
const CHUNK = 5_000;
const STATUSES = ['pending', 'awaiting_payment', 'paid', 'expired', 'canceled', 'needs_review'];

beforeAll(async () => {
  const { db } = await getDb();
  // Pairs of orders share a created_at, so ties are ordered by id. Inserted in chunks: each
  // statement stays far inside the app pool's statement timeout even on a loaded machine.
  for (let from = 1; from <= N; from += CHUNK) {
    await db.execute(sql`
      insert into ${orders} (public_token, checkout_key, status, currency, subtotal_minor, total_minor, email, created_at)
      select rpad(md5('token' || i), 43, 'x'), 'scale-' || i,
             (${sql.raw(`array['${STATUSES.join("','")}']`)})[1 + i % 6], 'USD', 1000 + i, 1000 + i,
             'Scale' || i || '@Example.com', timestamptz '2026-01-01 00:00:00.123456+00' - ((i / 2) || ' seconds')::interval
      from generate_series(${from}::int, ${Math.min(from + CHUNK - 1, N)}::int) as i`);
  }
  const [one] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(sql`${orders.checkoutKey} = 'scale-4242'`);
  await db.insert(payments).values({ orderId: one!.id, invoiceUuid: 'INV-SCALE042', link: '', amount: '10', currency: 'USD' });
  await db.execute(sql`analyze ${orders}`);
  await db.execute(sql`analyze ${payments}`);
}, 180_000);

/** Walk the list from the first page through every `older` page. */
async function walk(query: OrderListQuery, limit = Infinity) {
  const ids: string[] = [];
  let page = await listOrders(query);
  for (let n = 0; n < limit; n++) {
    ids.push(...page.rows.map((r) => r.id));
    if (!page.older) break;
    page = await listOrders({ ...query, before: page.older });
  }
  return ids;
}

describe('order list', () => {
  it('pages newest first with stable cursors, forwards and back', async () => {
    const first = await listOrders({});
    expect(first.rows).toHaveLength(ORDER_PAGE_SIZE);
    expect(first.newer).toBeNull();
    const times = first.rows.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const second = await listOrders({ before: first.older! });
    expect(second.rows[0]!.createdAt.getTime()).toBeLessThanOrEqual(first.rows.at(-1)!.createdAt.getTime());
    expect(second.rows.some((r) => first.rows.some((f) => f.id === r.id))).toBe(false);
    const back = await listOrders({ after: second.newer! });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.newer).toBeNull();
  });

  it('visits every match of a filter exactly once', async () => {
    // scale123, scale1230…1239, scale12300…12399: 111 orders, three pages.
    const ids = await walk({ q: 'SCALE123' });
    expect(new Set(ids).size).toBe(ids.length);
    const { db } = await getDb();
    const [expected] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(orders)
      .where(sql`lower(${orders.email}) like 'scale123%'`);
    expect(ids.length).toBe(expected!.n);
    expect(ids.length).toBeGreaterThan(ORDER_PAGE_SIZE * 2);
  });

  it('filters by status and finds an order by token, id or INV- invoice id', async () => {
    const review = await listOrders({ status: 'needs_review' });
    expect(review.rows.every((r) => r.status === 'needs_review')).toBe(true);
    expect(review).toMatchObject({ count: COUNT_CAP, countCapped: true });

    const { db } = await getDb();
    const [target] = await db
      .select({ id: orders.id, token: orders.publicToken })
      .from(orders)
      .where(sql`${orders.checkoutKey} = 'scale-4242'`);
    for (const q of [target!.token, target!.id, 'INV-SCALE042', 'inv-scale042', 'scale4242@example.com']) {
      const page = await listOrders({ q });
      expect(
        page.rows.map((r) => r.id),
        q,
      ).toEqual([target!.id]);
      expect(page).toMatchObject({ count: 1, countCapped: false, older: null, newer: null });
    }
    expect((await listOrders({ q: 'scale4242@example.com', status: 'pending' })).rows).toHaveLength(1);
    expect((await listOrders({ q: 'scale4242@example.com', status: 'paid' })).rows).toEqual([]);
    // LIKE wildcards typed in the box are searched for literally.
    expect((await listOrders({ q: 'scale%' })).rows).toEqual([]);
  });

  it('never reads all orders: every page comes from an index, every count stops at the cap', async () => {
    const { db } = await getDb();
    const [sample] = await db
      .select({ id: orders.id, token: orders.publicToken })
      .from(orders)
      .where(sql`${orders.checkoutKey} = 'scale-777'`);
    const firstPage = await listOrders({});
    const queries: OrderListQuery[] = [
      {},
      { before: firstPage.older! },
      { after: firstPage.older! },
      { status: 'paid' },
      { status: 'needs_review', before: firstPage.older! },
      { q: 'scale77' },
      { q: sample!.token },
      { q: sample!.id },
      { q: 'INV-SCALE042' },
    ];
    /** Plan lines that scan the whole orders table, unless a Limit right above stops the scan early. */
    const unboundedScans = (plan: string[]) =>
      plan.filter((line, i) => {
        if (!/Seq Scan on orders/.test(line)) return false;
        const depth = line.search(/\S/);
        const parent = plan
          .slice(0, i)
          .reverse()
          .find((l) => l.search(/\S/) < depth);
        return !/^\s*(->\s*)?Limit/.test(parent ?? '');
      });
    const explain = async (q: ReturnType<typeof orderListQueries>['rows' | 'count']) =>
      ((await db.execute(sql`explain ${q}`)) as unknown as { rows: Array<Record<string, unknown>> }).rows.map((r) =>
        String(Object.values(r)[0]),
      );
    for (const query of queries) {
      const { rows, count } = orderListQueries(db, query);
      // A page is read in index order: no scan (and sort) of the matching orders at all.
      const rowsPlan = await explain(rows);
      expect(rowsPlan.join('\n'), JSON.stringify(query)).not.toMatch(/Seq Scan on orders/);
      const countPlan = await explain(count);
      expect(unboundedScans(countPlan), `${JSON.stringify(query)}\n${countPlan.join('\n')}`).toEqual([]);
    }
  });
});
