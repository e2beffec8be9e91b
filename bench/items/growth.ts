// 7. Cost of growth: the same pages on a small and a large catalog/order set, time and statements.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { check, load1, okLoad, port, QUICK, SIZES, statements, statusText, type Ctx } from '../lib/common';
import { load, type LoadResult } from '../lib/load';
import { startNext, type NextServer } from '../lib/server';
import { interleaved, record, spread } from '../lib/stats';

const SMALL = { products: 100, orders: 1_000 };
const LARGE = QUICK ? { products: 1_000, orders: 10_000 } : { products: 10_000, orders: 100_000 };

/** Bring a seeded database up to `size` products and orders (one line each), plus an admin session. */
async function grow(db: TestDb, size: { products: number; orders: number }): Promise<string> {
  // 100,000 orders take longer than the app's statement timeout (DB_QUERY_TIMEOUT_MS) allows one statement.
  await db.db.transaction(async (tx) => {
    await tx.execute(sql`set local statement_timeout = 0`);
    await fill(tx, size);
  });
  await db.db.execute(sql`analyze`);
  const token = randomBytes(24).toString('hex');
  await db.db.execute(
    sql`insert into auth_users (id, email, role) values ('bench-admin', 'admin@example.com', 'admin') on conflict do nothing`,
  );
  await db.db.execute(
    sql`insert into auth_sessions (session_token, user_id, expires) values (${token}, 'bench-admin', now() + interval '1 day')`,
  );
  return token;
}

async function fill(db: Pick<TestDb['db'], 'execute'>, size: { products: number; orders: number }) {
  await db.execute(sql`
    insert into products (slug, name, description, image, price_minor, currency, stock)
    select 'bench-product-' || i, 'Bench product ' || i, 'A product of the growth benchmark.', '/products/genesis-block-hoodie.svg', 1000 + i, 'USD', 100
    from generate_series(1, greatest(${size.products} - (select count(*) from products), 0)) as i`);
  await db.execute(sql`
    insert into orders (public_token, checkout_key, status, currency, subtotal_minor, total_minor, email, created_at, updated_at)
    select 'bench-' || md5(i::text), 'bench-' || i,
      (array['pending','awaiting_payment','paid','expired','canceled'])[1 + i % 5],
      'USD', 1500, 1500, 'buyer' || (i % 997) || '@example.com',
      now() - make_interval(secs => i * 7), now() - make_interval(secs => i * 7)
    from generate_series(1, ${size.orders}) as i`);
  await db.execute(sql`
    insert into order_items (order_id, product_id, name, unit_price_minor, quantity, line_total_minor)
    select o.id, (select min(id) from products), 'Bench product', 1500, 1, 1500 from orders o where o.public_token like 'bench-%'`);
}

interface Probe {
  name: string;
  path: string;
  admin?: boolean;
}

const PAGES: Probe[] = [
  { name: 'home', path: '/' },
  { name: 'search', path: '/search?q=bench' },
  { name: 'back-office orders list', path: '/admin/orders', admin: true },
];

export async function growthScenario(ctx: Ctx) {
  console.log(`\n[7] growth: ${LARGE.products} products / ${LARGE.orders} orders vs ${SMALL.products} / ${SMALL.orders}`);
  const small = await createTestDb('postgres');
  const large = await createTestDb('postgres');
  const servers: NextServer[] = [];
  try {
    const sessions = [await grow(small, SMALL), await grow(large, LARGE)];
    for (const [i, db] of [small, large].entries()) servers.push(await startNext(port(20 + i), { DATABASE_URL: db.url!, ...ctx.fake.env }));
    const n = QUICK ? 10 : 30;
    for (const page of PAGES) {
      const probe = await fetch(servers[0]!.url + page.path, {
        headers: page.admin ? { cookie: `authjs.session-token=${sessions[0]}` } : {},
      });
      await probe.arrayBuffer();
      if (probe.status === 404) {
        console.log(`  skip ${page.name}: ${page.path} answers 404 in this build`);
        continue;
      }
      const run = async (which: 0 | 1) => {
        const server = servers[which]!;
        const headers = page.admin ? { cookie: `authjs.session-token=${sessions[which]}` } : undefined;
        await load(
          server.url,
          Array.from({ length: 3 }, () => ({ path: page.path, headers })),
          1,
        );
        const before = await statements(server);
        const res: LoadResult = await load(
          server.url,
          Array.from({ length: n }, () => ({ path: page.path, headers })),
          1,
        );
        const stmts = ((await statements(server)) - before) / n;
        check(`${page.name} (${which ? 'large' : 'small'}): every answer 2xx`, okLoad(res), statusText(res));
        return { p50: res.p50, stmts };
      };
      const { a, b } = await interleaved(
        SIZES.rounds,
        () => run(1),
        () => run(0),
      );
      const la = load1();
      const t = spread(a.map((x) => x.p50));
      const tb = spread(b.map((x) => x.p50));
      record({
        item: '7',
        figure: `${page.name}: p50 time, large set`,
        unit: 'ms',
        value: t,
        baseline: tb,
        baselineName: 'small set',
        goal: '≤ 1.5× small',
        pass: t.median <= 1.5 * tb.median,
        note: `load ${la}`,
      });
      const s = spread(a.map((x) => x.stmts));
      const sb = spread(b.map((x) => x.stmts));
      record({
        item: '7',
        figure: `${page.name}: statements per request, large set`,
        unit: 'statements',
        value: s,
        baseline: sb,
        baselineName: 'small set',
        goal: 'equal',
        pass: s.median === sb.median,
      });
    }
  } finally {
    for (const s of servers) await s.stop();
    await small.destroy();
    await large.destroy();
  }
}
