// 4. The open order page: statements per status poll, and how soon a payment shows.
import { load } from '../lib/load';
import { check, load1, okLoad, pgEnv, port, sameEnvAs, SIZES, statements, statusText, type Ctx } from '../lib/common';
import { startNext, type NextServer } from '../lib/server';
import { inParallel, postbackRequest, preparePaidOrders } from '../lib/shop-data';
import { record, spread } from '../lib/stats';

/** Same cadence as components/order/live-status.tsx. */
const POLL_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the order page does while open, in Node: poll the status route every POLL_MS (after each
 * answer, as the component does) from a random phase; once it changes, refresh the page (the
 * RSC request router.refresh() sends). Resolves with the time that refresh completed.
 */
async function watch(server: NextServer, token: string, stopAt: number): Promise<number> {
  await sleep(Math.random() * POLL_MS);
  for (;;) {
    const res = await fetch(`${server.url}/api/orders/${token}/status`, { cache: 'no-store' });
    const body = (await res.json()) as { status: string };
    if (body.status !== 'awaiting_payment') {
      const page = await fetch(`${server.url}/orders/${token}`, { headers: { RSC: '1' } });
      await page.arrayBuffer();
      return performance.now();
    }
    if (performance.now() > stopAt) throw new Error(`order ${token} never showed as paid`);
    await sleep(POLL_MS);
  }
}

export async function freshnessScenario(ctx: Ctx) {
  console.log('\n[4] status freshness over 20 orders, and statements per poll (PostgreSQL, stub info API)');
  const env = { ...pgEnv(ctx), ...ctx.fake.env };
  const server = await startNext(port(5), env);
  try {
    sameEnvAs(server, env);
    // Statements per poll: the app's own counter (STOREFRONT_BENCH), against the bare page (0).
    // Fresh orders each round, still unpaid: younger than the 30 s after which a poll may also
    // claim a reconcile (once per 15 s per order, see viewReconcileDue), which is not this figure.
    const perRound: number[] = [];
    const bare: number[] = [];
    for (let r = 0; r < SIZES.rounds; r++) {
      const open = await preparePaidOrders(20, { kind: 'stub', fake: ctx.fake, unpaid: true });
      const polls = open.map((o) => ({ path: `/api/orders/${o.publicToken}/status` })).flatMap((q) => [q, q, q, q, q]);
      let before = await statements(server);
      const res = await load(server.url, polls, 4);
      check('polls: every answer 2xx', okLoad(res), statusText(res));
      perRound.push(((await statements(server)) - before) / polls.length);
      before = await statements(server);
      await load(
        server.url,
        Array.from({ length: polls.length }, () => ({ path: '/bench/bare' })),
        4,
      );
      bare.push(((await statements(server)) - before) / polls.length);
    }
    const perPoll = spread(perRound);
    record({
      item: '4',
      figure: 'statements per status poll (open order, < 30 s old)',
      unit: 'statements',
      value: perPoll,
      baseline: spread(bare),
      baselineName: 'bare page',
      ratio: null,
      goal: '≤ 1',
      // The median: the bare page's own count shows what else the server did meanwhile (the mail
      // sender, a reconcile an older order became due for), which the max picks up.
      pass: perPoll.median <= 1,
    });

    // Freshness: the order is paid at the gateway and its postback sent while the page is open.
    const orders = await preparePaidOrders(20, { kind: 'stub', fake: ctx.fake, unpaid: true });
    const fresh: number[] = [];
    const reload: number[] = [];
    await inParallel(orders.length, 4, async (i) => {
      const o = orders[i]!;
      const watching = watch(server, o.publicToken, performance.now() + 30_000);
      await sleep(Math.random() * POLL_MS);
      const req = await postbackRequest(o.invoiceUuid, ctx.fake.secretKey);
      ctx.fake.invoices.get(o.invoiceUuid)!.status = 'paid';
      const t0 = performance.now();
      const res = await fetch(server.url + req.path, { method: 'POST', headers: req.headers, body: req.body });
      await res.arrayBuffer();
      check(`postback for order ${i + 1}`, res.status === 200, String(res.status));
      fresh.push((await watching) - t0);
      // The baseline: a full reload of the page by hand.
      const r0 = performance.now();
      await (await fetch(`${server.url}/orders/${o.publicToken}`)).arrayBuffer();
      reload.push(performance.now() - r0);
    });
    const sorted = [...fresh].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
    const la = load1();
    record({
      item: '4',
      figure: `status shown after payment, p50 of ${fresh.length} orders (poll ${POLL_MS} ms)`,
      unit: 'ms',
      value: spread(fresh),
      baseline: spread(reload),
      baselineName: 'full page reload',
      goal: 'info',
      pass: null,
      note: `load ${la}`,
    });
    record({
      item: '4',
      figure: `status shown after payment, p95 of ${fresh.length} orders`,
      unit: 'ms',
      value: spread([p95]),
      baseline: null,
      baselineName: null,
      goal: '≤ 700 ms',
      pass: p95 <= 700,
      note: `load ${la}`,
    });
  } finally {
    await server.stop();
  }
}
