// `npm run bench`: the shop's paths against bare baselines in the same build (STOREFRONT_BENCH),
// through `next start` on loopback, on a throwaway PostgreSQL database (and PGlite where noted).
// Interleaved A/B rounds; prints a table and writes bench/results.json. See bench/README.md.
//
//   npm run bench                 # everything (≈ 10–15 min on 2 busy cores)
//   npm run bench -- --quick      # a smoke run, small sizes, no Lighthouse (< 2 min after a build)
//   npm run bench -- --only=1,4   # some items
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setDb, openDb, type DbHandle } from '@/db/client';
import { resetEnvCache } from '@/lib/env';
import { startFakeCryptoCloud } from '@/tests/helpers/fake-cryptocloud';
import { SANDBOX_SECRET, startSink } from '@/tests/helpers/shop';
import { startRouteServer } from '@/tests/helpers/route-server';
import { SANDBOX_ROUTES } from '@/tests/helpers/sandbox-server';
import { createTestDb } from '@/tests/helpers/test-db';
import {
  check,
  failedChecks,
  load1,
  okLoad,
  ONLY,
  PG_ADMIN_URL,
  pgEnv,
  port,
  QUICK,
  sameEnvAs,
  sandboxEnv,
  SIZES,
  statements,
  statusText,
  type Ctx,
} from './lib/common';
import { load, type LoadRequest, type LoadResult } from './lib/load';
import { ROOT, spawnNext, startNext, treeRssMiB, waitFor200, type NextServer } from './lib/server';
import { paidCheck, postbackRequest, preparePaidOrders, setEnvVars, xactCommit, type PaidOrder } from './lib/shop-data';
import { allFigures, interleaved, printTable, record, spread } from './lib/stats';
import { checkoutScenario } from './items/checkout';
import { growthScenario } from './items/growth';
import { pageScenario } from './items/pages';
import { freshnessScenario } from './items/status';

const wants = (item: number) => !ONLY || ONLY.includes(item);

// ---------- the build ----------

/** Newest modification time among the files a build depends on. */
function newestSource(): number {
  const files = execFileSync(
    'git',
    [
      'ls-files',
      '-co',
      '--exclude-standard',
      'app',
      'lib',
      'components',
      'db',
      'proxy.ts',
      'instrumentation.ts',
      'next.config.js',
      'package-lock.json',
      'postcss.config.mjs',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter(Boolean);
  let newest = 0;
  for (const f of files) {
    try {
      newest = Math.max(newest, statSync(path.join(ROOT, f)).mtimeMs);
    } catch {
      // deleted in the work tree
    }
  }
  return newest;
}

function ensureBuild() {
  let built = 0;
  try {
    built = statSync(path.join(ROOT, '.next', 'BUILD_ID')).mtimeMs;
  } catch {
    // never built
  }
  if (built > newestSource()) {
    console.log('build: .next is newer than every source file, reusing it');
    return;
  }
  console.log('build: no fresh build, running npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('npm run build failed');
}

// ---------- 1. postback vs the baseline route ----------

async function postbackItem(ctx: Ctx, gateway: 'sandbox' | 'stub') {
  console.log(
    `\n[1] postback vs the baseline route, PostgreSQL, info API: ${gateway === 'sandbox' ? 'the built-in sandbox' : 'a stub answering at once'}`,
  );
  const env = { ...pgEnv(ctx), ...sandboxEnv(ctx), ...(gateway === 'stub' ? ctx.fake.env : {}) };
  const server = await startNext(port(gateway === 'sandbox' ? 1 : 2), env);
  try {
    sameEnvAs(server, env);
    setDb(ctx.pg);
    const { rounds, postbacks: n, conns } = SIZES;
    const prepared = await preparePaidOrders(
      2 * n * rounds + 20,
      gateway === 'sandbox' ? { kind: 'sandbox', origin: server.url } : { kind: 'stub', fake: ctx.fake },
    );
    const secret = gateway === 'sandbox' ? SANDBOX_SECRET : ctx.fake.secretKey;
    const slice = (r: number, which: 0 | 1) => prepared.slice((2 * r + which) * n, (2 * r + which + 1) * n);
    const warm = prepared.slice(2 * n * rounds);
    // Warm both routes (JIT, pools, keep-alive) with orders that are not measured.
    await load(server.url, await Promise.all(warm.slice(0, 10).map((o) => postbackRequest(o.invoiceUuid, secret))), 5);
    await load(
      server.url,
      await Promise.all(warm.slice(10).map((o) => postbackRequest(o.invoiceUuid, secret, '/api/bench/postback-baseline'))),
      5,
    );
    const stmts: number[] = [];
    const { a, b } = await interleaved(
      rounds,
      async (r) => {
        const reqs = await Promise.all(slice(r, 0).map((o) => postbackRequest(o.invoiceUuid, secret)));
        const before = await statements(server);
        const res = await load(server.url, reqs, conns);
        stmts.push(((await statements(server)) - before) / n);
        return res;
      },
      async (r) =>
        load(
          server.url,
          await Promise.all(slice(r, 1).map((o) => postbackRequest(o.invoiceUuid, secret, '/api/bench/postback-baseline'))),
          conns,
        ),
    );
    const measured = Array.from({ length: rounds }, (_, r) => slice(r, 0)).flat();
    const paid = await paidCheck(measured.map((o) => o.orderId));
    check('postback: every answer 2xx', a.every(okLoad), a.map(statusText).join(' '));
    check('baseline: every answer 2xx', b.every(okLoad), b.map(statusText).join(' '));
    check(
      'every order paid, one paid event each',
      paid.paid === measured.length && paid.ordersWithOnePaidEvent === measured.length,
      JSON.stringify(paid),
    );
    const tag = gateway === 'sandbox' ? 'info API: sandbox' : 'info API: stub';
    const la = load1();
    record({
      item: '1',
      figure: `postback throughput, ${conns} conns, ${tag}`,
      unit: 'req/s',
      value: spread(a.map((x) => x.rps)),
      baseline: spread(b.map((x) => x.rps)),
      baselineName: 'baseline route',
      goal: '≥ 0.8× baseline',
      pass: spread(a.map((x) => x.rps)).median >= 0.8 * spread(b.map((x) => x.rps)).median,
      note: `load ${la}`,
    });
    record({
      item: '1',
      figure: `postback p99, ${conns} conns, ${tag}`,
      unit: 'ms',
      value: spread(a.map((x) => x.p99)),
      baseline: spread(b.map((x) => x.p99)),
      baselineName: 'baseline route',
      goal: '< 100 ms',
      pass: spread(a.map((x) => x.p99)).median < 100,
      note: `load ${la}`,
    });
    record({
      item: '1',
      figure: `statements per postback, ${tag}`,
      unit: 'statements',
      value: spread(stmts),
      baseline: null,
      baselineName: null,
      goal: 'info (transactions: see below)',
      pass: null,
    });
    if (gateway === 'stub') {
      // Committed transactions per postback, from PostgreSQL itself (its counters settle within ~11 s).
      const extra = await preparePaidOrders(50, { kind: 'stub', fake: ctx.fake });
      const reqs = await Promise.all(extra.map((o) => postbackRequest(o.invoiceUuid, secret)));
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      const before = await xactCommit(ctx.adminUrl, ctx.pgName);
      await load(server.url, reqs, 5);
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      const after = await xactCommit(ctx.adminUrl, ctx.pgName);
      const perPostback = (after - before - 2) / reqs.length; // the two counter reads commit once each
      record({
        item: '1',
        figure: 'committed transactions per postback (pg_stat_database.xact_commit)',
        unit: 'transactions',
        value: spread([perPostback]),
        baseline: null,
        baselineName: null,
        // Nothing else commits meanwhile (no reconciler, no background mail sender): each statement
        // sent outside a transaction commits on its own and counts as one.
        goal: '≤ 2',
        pass: perPostback <= 2,
      });
    }
  } finally {
    await server.stop();
  }
}

// ---------- 2. storms ----------

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

async function stormItem(ctx: Ctx, dbKind: 'postgres' | 'pglite') {
  console.log(`\n[2] duplicate and mixed storms, ${dbKind}, info API: the built-in sandbox`);
  const { rounds, dup, dupConns, mixedInvoices, mixedRepeats, stormDistinct } = SIZES;
  const perRound = stormDistinct + 1 + mixedInvoices;
  const total = perRound * rounds;
  let dir: string | null = null;
  let env: Record<string, string>;
  let prepared: PaidOrder[];
  let server: NextServer | null = null;
  if (dbKind === 'postgres') {
    env = { ...pgEnv(ctx), ...sandboxEnv(ctx) };
    server = await startNext(port(3), env);
    sameEnvAs(server, env);
    setDb(ctx.pg);
    prepared = await preparePaidOrders(total, { kind: 'sandbox', origin: server.url });
  } else {
    // PGlite belongs to one process: prepare it here with the sandbox served in this process, close
    // it, then let the server open it.
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-pglite-'));
    const pgliteDir = path.join(dir, 'db');
    env = { PGLITE_DIR: pgliteDir, ...sandboxEnv(ctx) };
    setEnvVars({ DATABASE_URL: undefined, PGLITE_DIR: pgliteDir });
    const handle = await openDb({ pgliteDir, autoSeed: true });
    setDb(handle);
    const sandbox = await startRouteServer(SANDBOX_ROUTES);
    setEnvVars({
      APP_URL: sandbox.url,
      STOREFRONT_BENCH: 'true',
      CRYPTOCLOUD_API_KEY: undefined,
      CRYPTOCLOUD_SHOP_ID: undefined,
      CRYPTOCLOUD_SECRET_KEY: undefined,
      CRYPTOCLOUD_API_URL: undefined,
      ...sandboxEnv(ctx),
    });
    prepared = await preparePaidOrders(total, { kind: 'sandbox', origin: sandbox.url });
    await sandbox.close();
    await handle.close();
    server = await startNext(port(4), env);
  }
  try {
    const slice = (r: number) => prepared.slice(r * perRound, (r + 1) * perRound);
    const results: { distinct: LoadResult[]; dup: LoadResult[]; mixed: LoadResult[] } = { distinct: [], dup: [], mixed: [] };
    for (let r = 0; r < rounds; r++) {
      const orders = slice(r);
      const distinct = orders.slice(0, stormDistinct);
      const one = orders[stormDistinct]!;
      const mixed = orders.slice(stormDistinct + 1);
      const distinctReqs = await Promise.all(distinct.map((o) => postbackRequest(o.invoiceUuid, SANDBOX_SECRET)));
      const dupReq = await postbackRequest(one.invoiceUuid, SANDBOX_SECRET);
      const mixedReqs = shuffle(
        (await Promise.all(mixed.map((o) => postbackRequest(o.invoiceUuid, SANDBOX_SECRET)))).flatMap((q) =>
          Array.from({ length: mixedRepeats }, () => q),
        ),
      );
      const phases: Array<[keyof typeof results, LoadRequest[]]> = [
        ['distinct', distinctReqs],
        ['dup', Array.from({ length: dup }, () => dupReq)],
        ['mixed', mixedReqs],
      ];
      // Rotate the order of the phases from round to round.
      for (let k = 0; k < phases.length; k++) {
        const [name, reqs] = phases[(k + r) % phases.length]!;
        results[name].push(await load(server.url, reqs, dupConns));
      }
    }
    const la = load1();
    for (const name of ['distinct', 'dup', 'mixed'] as const) {
      check(`${dbKind} ${name}: 0 non-2xx, no socket errors`, results[name].every(okLoad), results[name].map(statusText).join(' '));
    }
    if (dbKind === 'pglite') {
      await server.stop();
      server = null;
      const handle = await openDb({ pgliteDir: env.PGLITE_DIR!, autoSeed: false });
      setDb(handle);
      const paid = await paidCheck(prepared.map((o) => o.orderId));
      check(
        `${dbKind}: exactly one paid per order`,
        paid.paid === prepared.length && paid.ordersWithOnePaidEvent === prepared.length,
        JSON.stringify(paid),
      );
      await handle.close();
    } else {
      const paid = await paidCheck(prepared.map((o) => o.orderId));
      check(
        `${dbKind}: exactly one paid per order`,
        paid.paid === prepared.length && paid.ordersWithOnePaidEvent === prepared.length,
        JSON.stringify(paid),
      );
    }
    const base = spread(results.distinct.map((x) => x.rps));
    for (const name of ['dup', 'mixed'] as const) {
      const v = spread(results[name].map((x) => x.rps));
      const non2xx = results[name].reduce((s, x) => s + x.non2xx + x.errors, 0);
      record({
        item: '2',
        figure: `${name === 'dup' ? `duplicate storm (${dup} identical)` : `mixed storm (${mixedInvoices} × ${mixedRepeats}, shuffled)`}, ${dupConns} conns, ${dbKind}`,
        unit: 'req/s',
        value: v,
        baseline: base,
        baselineName: `distinct postbacks, ${dupConns} conns`,
        goal: '≥ 0.8× distinct, 0 non-2xx',
        pass: v.median >= 0.8 * base.median && non2xx === 0,
        note: `non-2xx+errors ${non2xx}; load ${la}`,
      });
    }
  } finally {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    setDb(ctx.pg);
    setEnvVars({ PGLITE_DIR: undefined });
  }
}

// ---------- 6. cold start ----------

async function coldStartItem() {
  console.log('\n[6] cold start: next start → first 200 with a fresh embedded database, vs the bare page');
  const one = async (bare: boolean) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-cold-'));
    const env: Record<string, string> = { PGLITE_DIR: path.join(dir, 'pglite') };
    if (bare) env.STOREFRONT_BENCH_BARE_START = 'true';
    const t0 = performance.now();
    const server = spawnNext(port(10), env);
    let peak = 0;
    const sample = () => {
      if (server.child.pid) peak = Math.max(peak, treeRssMiB(server.child.pid));
    };
    const timer = setInterval(sample, 25);
    try {
      // The baseline's first answer comes from a route handler: every page, /bench/bare too, renders
      // the root not-found/forbidden/unauthorized boundaries, whose shop header reads the database.
      const ms = await waitFor200(server, bare ? '/api/bench/stats' : '/', t0, 120_000, sample);
      sample();
      return { ms, peak };
    } finally {
      clearInterval(timer);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const { a, b } = await interleaved(
    SIZES.rounds,
    () => one(false),
    () => one(true),
  );
  const la = load1();
  const t = spread(a.map((x) => x.ms));
  const tb = spread(b.map((x) => x.ms));
  record({
    item: '6',
    figure: 'cold start to first 200 (home), fresh PGlite',
    unit: 'ms',
    value: t,
    baseline: tb,
    baselineName: 'Next alone (a route handler), no database',
    goal: '≤ 3× bare',
    pass: t.median <= 3 * tb.median,
    note: `load ${la}`,
  });
  const m = spread(a.map((x) => x.peak));
  const mb = spread(b.map((x) => x.peak));
  record({
    item: '6',
    figure: 'cold start peak RSS (process tree)',
    unit: 'MiB',
    value: m,
    baseline: mb,
    baselineName: 'Next alone (a route handler), no database',
    goal: '≤ 350 MiB',
    pass: m.median <= 350,
    note: `load ${la}`,
  });
}

// ---------- main ----------

// Placing orders in this process queues their emails, which this process (react-server condition)
// cannot render; the servers under test deliver them. Those lines are noise here.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('[mail]')) return;
  consoleError(...args);
};

async function main() {
  const started = Date.now();
  console.log(
    `npm run bench${QUICK ? ' --quick' : ''}: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  ensureBuild();
  delete process.env.DATABASE_URL;
  delete process.env.POSTGRES_URL;
  process.env.TEST_DATABASE_URL = PG_ADMIN_URL;
  resetEnvCache();
  const pg = await createTestDb('postgres');
  const pgName = new URL(pg.url!).pathname.slice(1);
  const sink = await startSink();
  const fake = await startFakeCryptoCloud();
  const ctx: Ctx = { sink, fake, pg, pgName, adminUrl: PG_ADMIN_URL };
  setDb(pg as DbHandle);
  try {
    if (wants(1)) {
      await postbackItem(ctx, 'stub');
      await postbackItem(ctx, 'sandbox');
    }
    if (wants(2)) {
      await stormItem(ctx, 'postgres');
      await stormItem(ctx, 'pglite');
    }
    if (wants(3)) await checkoutScenario(ctx);
    if (wants(4)) await freshnessScenario(ctx);
    if (wants(5)) await pageScenario(ctx);
    if (wants(6)) await coldStartItem();
    if (wants(7)) await growthScenario(ctx);
  } finally {
    await fake.close();
    await sink.close();
    await pg.destroy();
  }
  console.log(
    `\nResults (${QUICK ? 'quick' : 'full'} run, ${Math.round((Date.now() - started) / 1000)} s, load average now ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}):\n`,
  );
  printTable(allFigures());
  const out = {
    when: new Date().toISOString(),
    quick: QUICK,
    machine: { cores: os.cpus().length, loadavgAtEnd: os.loadavg() },
    failedChecks: failedChecks(),
    figures: allFigures(),
  };
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\nwrote bench/results.json; ${failedChecks()} failed correctness check(s)`);
  // Goals are reported, not enforced; a broken behaviour (a failed check) is.
  process.exitCode = failedChecks() > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
