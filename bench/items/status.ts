// 4. The open order page: statements per status poll, and how soon a payment shows.
import { computeCacheBustingSearchParam } from 'next/dist/shared/lib/router/utils/cache-busting-search-param.js';
import { load } from '../lib/load';
import { check, load1, okLoad, pgEnv, port, sameEnvAs, SIZES, statements, statusText, type Ctx } from '../lib/common';
import { startNext, type NextServer } from '../lib/server';
import { inParallel, postbackRequest, preparePaidOrders } from '../lib/shop-data';
import { record, spread } from '../lib/stats';

/** Same cadence as components/order/live-status.tsx's polling fallback. */
const POLL_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** When the page heard of the payment (its badge shows it at once) and when its re-render was in. */
interface Seen {
  shown: number;
  rendered: number;
}

/**
 * The page heard of a change now: the badge shows it; then the page's RSC request, resolved when
 * in. Sent with a router header (`Next-Url`) and the `_rsc` digest of it (Next's own function), as
 * the router sends its requests: a bare `RSC: 1` request is redirected to add `_rsc`, and on an
 * English page that redirect names the rewritten `/en/…` URL, which next-intl sends back, a loop.
 * No state tree is sent, so the whole page is rendered (a refresh renders at least the page).
 */
async function refresh(server: NextServer, token: string): Promise<Seen> {
  const shown = performance.now();
  const nextUrl = `/orders/${token}`;
  const rsc = await computeCacheBustingSearchParam('0', undefined, undefined, nextUrl);
  const page = await fetch(`${server.url}${nextUrl}?_rsc=${rsc}`, { headers: { RSC: '1', 'Next-Url': nextUrl } });
  if (page.status !== 200) throw new Error(`refresh of ${token}: ${page.status}`);
  await page.arrayBuffer();
  return { shown, rendered: performance.now() };
}

/**
 * The fallback (serverless hosts, a refused stream): poll the status route every POLL_MS (after
 * each answer, as the component does) from a random phase; once it changes, refresh the page.
 */
async function watchByPolling(server: NextServer, token: string, stopAt: number): Promise<Seen> {
  await sleep(Math.random() * POLL_MS);
  for (;;) {
    const res = await fetch(`${server.url}/api/orders/${token}/status`, { cache: 'no-store' });
    const body = (await res.json()) as { status: string };
    if (body.status !== 'awaiting_payment') return refresh(server, token);
    if (performance.now() > stopAt) throw new Error(`order ${token} never showed as paid`);
    await sleep(POLL_MS);
  }
}

/**
 * What the page does where the server offers it: listen to the order's event stream (as
 * EventSource does), show the first status other than the one shown and refresh the page. Resolves
 * once the stream is open (its first event read), with `seen`: when it was shown and re-rendered.
 */
async function watchByStream(server: NextServer, token: string, stopAt: number): Promise<{ seen: Promise<Seen> }> {
  const abort = new AbortController();
  const res = await fetch(`${server.url}/api/orders/${token}/events`, { signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`stream refused: ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const nextStatus = async (): Promise<string> => {
    for (;;) {
      const at = buffer.indexOf('\n\n');
      if (at >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: status') && data) return (JSON.parse(data.slice(6)) as { status: string }).status;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream of ${token} ended before the payment`);
      buffer += value;
    }
  };
  const first = await nextStatus();
  if (first !== 'awaiting_payment') throw new Error(`order ${token} was ${first} before its postback`);
  const timer = setTimeout(
    () => abort.abort(new Error(`order ${token} never showed as paid on its stream`)),
    Math.max(0, stopAt - performance.now()),
  );
  // In an object: awaiting this function must not wait for the payment too.
  const seen = (async () => {
    try {
      await nextStatus();
      return await refresh(server, token);
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  })();
  return { seen };
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

    // Statements to open a stream (read once per page view, not per poll).
    {
      const [o] = await preparePaidOrders(1, { kind: 'stub', fake: ctx.fake, unpaid: true });
      const before = await statements(server);
      const abort = new AbortController();
      const res = await fetch(`${server.url}/api/orders/${o!.publicToken}/events`, { signal: abort.signal });
      await res.body!.getReader().read();
      const opened = (await statements(server)) - before;
      abort.abort();
      check('stream: answered 200 with an event stream', res.status === 200, String(res.status));
      record({
        item: '4',
        figure: 'statements to open a status stream (once per page view)',
        unit: 'statements',
        value: spread([opened]),
        baseline: null,
        baselineName: null,
        goal: 'info',
        pass: null,
      });
    }

    // Freshness: the order is paid at the gateway and its postback sent while the page is open,
    // through the stream the page uses, and through the polling it falls back to: interleaved
    // (even orders stream, odd ones poll), so both see the same server and the same load.
    const ways = ['stream', 'polling'] as const;
    const by = Object.fromEntries(
      ways.map((w) => [w, { fresh: [] as number[], rendered: [] as number[], reload: [] as number[], answered: [] as number[] }]),
    );
    const orders = await preparePaidOrders(40, { kind: 'stub', fake: ctx.fake, unpaid: true });
    await inParallel(orders.length, 4, async (i) => {
      const o = orders[i]!;
      const how = ways[i % 2]!;
      const out = by[how]!;
      const stopAt = performance.now() + 30_000;
      const watching =
        how === 'stream' ? (await watchByStream(server, o.publicToken, stopAt)).seen : watchByPolling(server, o.publicToken, stopAt);
      // Awaited once the postback is answered; a watcher giving up before that is a failed check, not a crash.
      watching.catch(() => undefined);
      await sleep(Math.random() * POLL_MS);
      const req = await postbackRequest(o.invoiceUuid, ctx.fake.secretKey);
      ctx.fake.invoices.get(o.invoiceUuid)!.status = 'paid';
      const t0 = performance.now();
      const res = await fetch(server.url + req.path, { method: 'POST', headers: req.headers, body: req.body });
      await res.arrayBuffer();
      out.answered.push(performance.now() - t0);
      check(`${how}: postback for order ${i + 1}`, res.status === 200, String(res.status));
      try {
        const { shown, rendered } = await watching;
        out.fresh.push(shown - t0);
        out.rendered.push(rendered - t0);
      } catch (err) {
        check(`${how}: order ${i + 1} shown as paid`, false, `${String(err)}; server: ${server.log().slice(-1_500)}`);
        return;
      }
      // The baseline: a full reload of the page by hand.
      const r0 = performance.now();
      await (await fetch(`${server.url}/orders/${o.publicToken}`)).arrayBuffer();
      out.reload.push(performance.now() - r0);
    });
    const la = load1();
    for (const how of ways) {
      const { fresh, rendered, reload, answered } = by[how]!;
      const sorted = [...fresh].sort((a, b) => a - b);
      const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
      const label = how === 'stream' ? 'event stream (the page’s path)' : `polling fallback, every ${POLL_MS} ms`;
      record({
        item: '4',
        figure: `status shown after payment, p50 of ${fresh.length} orders, ${label}`,
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
        figure: `status shown after payment, p95 of ${fresh.length} orders, ${label}`,
        unit: 'ms',
        value: spread([p95]),
        baseline: null,
        baselineName: null,
        goal: how === 'stream' ? '≤ 700 ms' : 'info',
        pass: how === 'stream' ? p95 <= 700 : null,
        note: `load ${la}`,
      });
      // The rest of the page (timeline, pay button, downloads) comes with router.refresh()'s re-render.
      record({
        item: '4',
        figure: `page re-rendered after payment (router.refresh() in), p50, ${label}`,
        unit: 'ms',
        value: spread(rendered),
        baseline: spread(reload),
        baselineName: 'full page reload',
        goal: 'info',
        pass: null,
        note: `load ${la}`,
      });
      const sortedRendered = [...rendered].sort((a, b) => a - b);
      record({
        item: '4',
        figure: `page re-rendered after payment, p95, ${label}`,
        unit: 'ms',
        value: spread([sortedRendered[Math.min(sortedRendered.length - 1, Math.ceil(0.95 * sortedRendered.length) - 1)]!]),
        baseline: null,
        baselineName: null,
        goal: 'info',
        pass: null,
        note: `load ${la}`,
      });
      // Where the time goes: the status commits just before the postback is answered, so this much
      // of the figure above is the postback's own work (items 1 and 2), the rest the news.
      record({
        item: '4',
        figure: `of which: postback answered, p50 (${how})`,
        unit: 'ms',
        value: spread(answered),
        baseline: null,
        baselineName: null,
        goal: 'info',
        pass: null,
        note: `load ${la}`,
      });
    }
  } finally {
    await server.stop();
  }
}
