// Postback ingestion benchmark: the real route handlers served over HTTP in-process, driven by a
// closed-loop load generator, on in-memory PGlite or a throwaway PostgreSQL database
// (BENCH_DATABASE_URL). Prints throughput and latency as ratios against a trivial route measured
// in the same run, checks the database after every phase, and exits non-zero when a check fails.
//
//   npx tsx --conditions=react-server bench/postback-ingest.ts
//
// Knobs: BENCH_N (orders, 300), BENCH_CONCURRENCY (20), BENCH_STORM (500 duplicates),
// BENCH_STORM_CONCURRENCY (100), BENCH_DATABASE_URL (postgres://… server to create a database on).
import { performance } from 'node:perf_hooks';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { getDb, setDb } from '@/db/client';
import { orderEvents, orders, postbackEvents } from '@/db/schema';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { env, resetEnvCache } from '@/lib/env';
import { SANDBOX_KEY, SANDBOX_SECRET, orderWithInvoice, setStock, startSink } from '@/tests/helpers/shop';
import { startRouteServer, type RouteServer } from '@/tests/helpers/route-server';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';

function intFromEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

const N = intFromEnv('BENCH_N', 300);
const C = intFromEnv('BENCH_CONCURRENCY', 20);
const K = intFromEnv('BENCH_STORM', 500);
const STORM_C = intFromEnv('BENCH_STORM_CONCURRENCY', 100);
const PREP_CONCURRENCY = 8;
const BENCH_PRODUCT = 'lightning-enamel-pin-set';

const MiB = 1024 * 1024;
const rssMiB = () => process.memoryUsage().rss / MiB;

// ---------- load generator ----------

interface Req {
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

interface PhaseResult {
  name: string;
  requests: number;
  concurrency: number;
  non2xx: number;
  statuses: Record<number, number>;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** A phase and the trivial route measured just before it with the same count and concurrency. */
interface Measured {
  phase: PhaseResult;
  noop: PhaseResult;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const NOOP: Req = { path: '/bench/noop' };

/**
 * Closed loop: `concurrency` workers each send the next request as soon as their previous answer
 * is fully read. Latency is from fetch() to the last body byte. Network errors count as status 0.
 */
async function run(name: string, origin: string, requests: Req[], concurrency: number): Promise<PhaseResult> {
  const latencies = new Array<number>(requests.length);
  const statuses: Record<number, number> = {};
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const r = requests[i]!;
      const t0 = performance.now();
      let status = 0;
      try {
        const res = await fetch(origin + r.path, {
          method: r.method ?? 'GET',
          headers: r.headers,
          body: r.body,
        });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0;
      }
      latencies[i] = performance.now() - t0;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const non2xx = Object.entries(statuses)
    .filter(([s]) => Number(s) < 200 || Number(s) > 299)
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    name,
    requests: requests.length,
    concurrency,
    non2xx,
    statuses,
    rps: requests.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
}

// ---------- correctness checks ----------

const checks: Array<{ phase: string; what: string; ok: boolean; detail: string }> = [];

function check(phase: string, what: string, actual: number | string, expected: number | string) {
  const ok = actual === expected;
  checks.push({ phase, what, ok, detail: ok ? String(actual) : `${actual} (expected ${expected})` });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}: ${ok ? actual : `${actual}, expected ${expected}`}`);
}

function statusLine(r: PhaseResult): string {
  return Object.entries(r.statuses)
    .map(([s, n]) => `${s === '0' ? 'network error' : s}×${n}`)
    .join(', ');
}

async function countInbox(invoiceUuids?: string[]): Promise<number> {
  const { db } = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(postbackEvents)
    .where(invoiceUuids ? inArray(postbackEvents.invoiceUuid, invoiceUuids) : undefined);
  return row?.n ?? 0;
}

async function repeatCount(invoiceUuid: string): Promise<number> {
  const { db } = await getDb();
  const rows = await db.select({ n: postbackEvents.repeatCount }).from(postbackEvents).where(eq(postbackEvents.invoiceUuid, invoiceUuid));
  return rows.reduce((sum, r) => sum + r.n, 0);
}

async function verdictCounts(invoiceUuids: string[]): Promise<Record<string, number>> {
  const { db } = await getDb();
  const rows = await db
    .select({ verdict: postbackEvents.verdict, n: count() })
    .from(postbackEvents)
    .where(inArray(postbackEvents.invoiceUuid, invoiceUuids))
    .groupBy(postbackEvents.verdict);
  return Object.fromEntries(rows.map((r) => [r.verdict, r.n]));
}

async function paidOrders(orderIds: string[]): Promise<number> {
  const { db } = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(orders)
    .where(and(inArray(orders.id, orderIds), eq(orders.status, 'paid')));
  return row?.n ?? 0;
}

async function paidEvents(orderIds: string[]): Promise<number> {
  const { db } = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(orderEvents)
    .where(and(inArray(orderEvents.orderId, orderIds), eq(orderEvents.toStatus, 'paid')));
  return row?.n ?? 0;
}

// ---------- setup ----------

interface Bench {
  describeDb: string;
  testDb: TestDb;
  server: RouteServer;
  sink: Awaited<ReturnType<typeof startSink>>;
}

async function openBenchDb(): Promise<{ testDb: TestDb; describeDb: string }> {
  // The app must only ever reach the database this benchmark opened.
  delete process.env.DATABASE_URL;
  delete process.env.POSTGRES_URL;
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;
  resetEnvCache();
  const testDb = await createTestDb(serverUrl ? 'postgres' : 'pglite');
  setDb(testDb);
  if (!serverUrl) return { testDb, describeDb: 'PGlite, in memory (one connection, in this process)' };
  const res = await testDb.db.execute<{ server_version: string }>(sql`show server_version`);
  const version = (res as unknown as { rows: Array<{ server_version: string }> }).rows[0]?.server_version ?? '?';
  const shown = new URL(testDb.url!);
  shown.password = shown.password ? '***' : '';
  return { testDb, describeDb: `PostgreSQL ${version}, throwaway database ${shown} (pool max ${env().DB_POOL_MAX})` };
}

function setEnv(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  resetEnvCache();
}

// The route server calls a route's loader on every request; under tsx's module hooks each
// import() is a round trip to the loader thread (~5 % of the CPU in a profile), a cost `next start`
// does not have. Loading each module once keeps it out of the figures.
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

/** One server for everything, as in tests/helpers/shop.ts, plus the routes measured here. */
async function setUp(): Promise<Bench> {
  const { testDb, describeDb } = await openBenchDb();
  const server = await startRouteServer({
    '/bench/noop': once(async () => ({ GET: () => Response.json({ ok: true }) })),
    '/api/health': once(() => import('@/app/api/health/route')),
    '/api/sandbox/cryptocloud/v2/[...path]': once(() => import('@/app/api/sandbox/cryptocloud/v2/[...path]/route')),
    '/api/sandbox/cryptocloud/control/invoices/[uuid]/[action]': once(
      () => import('@/app/api/sandbox/cryptocloud/control/invoices/[uuid]/[action]/route'),
    ),
    '/api/cryptocloud/postback': once(() => import('@/app/api/cryptocloud/postback/route')),
  });
  // The sandbox's own postbacks go to the sink, once: the benchmark delivers them itself.
  const sink = await startSink();
  setEnv({
    APP_URL: server.url,
    CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES: '0',
    CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url,
    CRYPTOCLOUD_SANDBOX_POSTBACK_FORMAT: 'json',
  });
  return { describeDb, testDb, server, sink };
}

async function inParallel<T>(count: number, concurrency: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) out[i] = await make(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return out;
}

type PlacedOrder = Awaited<ReturnType<typeof orderWithInvoice>>;

/** N + 2 paid orders whose postbacks went to the sink: N distinct, one storm, one warm-up. */
async function prepareOrders(origin: string): Promise<PlacedOrder[]> {
  await setStock(BENCH_PRODUCT, N + 1_000);
  const placed = await inParallel(N + 2, PREP_CONCURRENCY, () => orderWithInvoice([[BENCH_PRODUCT, 1]]));
  await inParallel(placed.length, PREP_CONCURRENCY, async (i) => {
    const res = await fetch(`${origin}/api/sandbox/cryptocloud/control/invoices/${placed[i]!.invoiceUuid}/pay`, {
      method: 'POST',
      headers: { Authorization: `Token ${SANDBOX_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcome: 'paid' }),
    });
    if (res.status !== 200) throw new Error(`sandbox pay ${placed[i]!.invoiceUuid}: ${res.status} ${await res.text()}`);
  });
  return placed;
}

/** The body the sandbox sent to the sink for this invoice, with a freshly signed token. */
async function postbackRequest(sandboxBodies: Map<string, Record<string, unknown>>, invoiceUuid: string, secret: string): Promise<Req> {
  const captured = sandboxBodies.get(invoiceSuffix(invoiceUuid));
  if (!captured) throw new Error(`the sandbox sent no postback for ${invoiceUuid}`);
  const body = JSON.stringify({ ...captured, token: await signPostbackToken(invoiceUuid, secret) });
  return { path: '/api/cryptocloud/postback', method: 'POST', body, headers: { 'content-type': 'application/json' } };
}

/** The sandbox's `merchant/info` call for one invoice, as the gateway client sends it. */
function infoRequest(invoiceUuid: string): Req {
  return {
    path: '/api/sandbox/cryptocloud/v2/invoice/merchant/info',
    method: 'POST',
    body: JSON.stringify({ uuids: [invoiceUuid] }),
    headers: { authorization: `Token ${SANDBOX_KEY}`, 'content-type': 'application/json' },
  };
}

// ---------- report ----------

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function printTable(results: Measured[]) {
  const header = [
    'phase',
    'reqs',
    'conc',
    'non-2xx',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'noop req/s',
    'noop p99',
    'vs baseline',
  ];
  const rows = results.map(({ phase: r, noop }) => [
    r.name,
    String(r.requests),
    String(r.concurrency),
    String(r.non2xx),
    fmt(r.rps, 0),
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.p99),
    fmt(r.max),
    fmt(noop.rps, 0),
    fmt(noop.p99),
    `${(r.rps / noop.rps).toFixed(2)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

// ---------- main ----------

async function main(): Promise<number> {
  const t0 = performance.now();
  const rssStart = rssMiB();
  const bench = await setUp();
  const { server, sink } = bench;
  try {
    console.log(`postback-ingest: N=${N} orders, concurrency ${C}, storm ${K}×${STORM_C}, Node ${process.version}`);
    console.log(`database: ${bench.describeDb}`);

    const prepStart = performance.now();
    const placed = await prepareOrders(server.url);
    const sandboxBodies = new Map<string, Record<string, unknown>>();
    for (const raw of sink.received) {
      const fields = JSON.parse(raw) as Record<string, unknown>;
      sandboxBodies.set(String(fields.invoice_id), fields);
    }
    const [warm, storm, ...distinct] = placed;
    const distinctIds = distinct.map((o) => o.orderId);
    const distinctInvoices = distinct.map((o) => o.invoiceUuid);
    console.log(
      `prepared ${placed.length} paid sandbox invoices in ${fmt((performance.now() - prepStart) / 1000)} s (postbacks went to the sink)`,
    );

    // Signed before the clock starts: HS256 signing is the gateway's cost, not ours.
    const distinctReqs = await Promise.all(distinctInvoices.map((u) => postbackRequest(sandboxBodies, u, SANDBOX_SECRET)));
    const stormReq = await postbackRequest(sandboxBodies, storm!.invoiceUuid, SANDBOX_SECRET);
    const invalidReqs = await Promise.all(distinctInvoices.map((u) => postbackRequest(sandboxBodies, u, 'not-the-secret-key')));

    // Warm-up: load every route module, jose, drizzle and the info-API client, let the JIT settle
    // on the server and client paths (a 300-request baseline lasts ~0.1 s, so it must not include
    // compilation), and open as many keep-alive connections as the widest phase uses. The
    // warm-up order's one real postback pays it.
    const warmReqs: Req[] = [
      ...Array.from({ length: 3_000 }, () => NOOP),
      ...Array.from({ length: 2 * C }, () => ({ path: '/api/health' })),
      infoRequest(warm!.invoiceUuid),
      await postbackRequest(sandboxBodies, warm!.invoiceUuid, SANDBOX_SECRET),
      await postbackRequest(sandboxBodies, warm!.invoiceUuid, 'not-the-secret-key'),
    ];
    const muted = muteWarnings();
    const warmRun = await run('warm-up', server.url, warmReqs, Math.max(C, STORM_C));
    muted.restore();
    if (warmRun.non2xx !== 1) throw new Error(`warm-up answered ${statusLine(warmRun)}; expected one 401 only`);

    const results: Measured[] = [];
    const rssBefore = rssMiB();
    const heapBefore = process.memoryUsage().heapUsed / MiB;

    // The baseline is re-measured right before each phase, so a neighbour's load on the shared
    // cores shifts both figures of a ratio alike.
    const measure = async (name: string, title: string, requests: Req[], concurrency: number) => {
      console.log(`\n== ${name}: ${title}, ${requests.length} requests at ${concurrency}`);
      const noop = await run(
        'noop',
        server.url,
        requests.map(() => NOOP),
        concurrency,
      );
      const phase = await run(name, server.url, requests, concurrency);
      results.push({ phase, noop });
      console.log(`  baseline GET /bench/noop: ${fmt(noop.rps, 0)} req/s, p99 ${fmt(noop.p99)} ms, ${statusLine(noop)}`);
      console.log(`  ${name}: ${fmt(phase.rps, 0)} req/s, p99 ${fmt(phase.p99)} ms, ${statusLine(phase)}`);
      check(name, 'baseline non-2xx answers', noop.non2xx, 0);
      return phase;
    };

    const health = await measure(
      'health',
      'GET /api/health (one query)',
      Array.from({ length: N }, () => ({ path: '/api/health' })),
      C,
    );
    check('health', 'non-2xx answers', health.non2xx, 0);

    // The confirmation call every postback makes; here the sandbox in this process answers it.
    const info = await measure('sandbox info API', 'POST v2 invoice/merchant/info, one invoice each', distinctInvoices.map(infoRequest), C);
    check('sandbox info API', 'non-2xx answers', info.non2xx, 0);

    const inboxBeforeDistinct = await countInbox();
    const dist = await measure('postback distinct', 'one signed JSON postback per paid invoice', distinctReqs, C);
    check('postback distinct', 'non-2xx answers', dist.non2xx, 0);
    check('postback distinct', 'paid orders', await paidOrders(distinctIds), N);
    check('postback distinct', '`paid` order events', await paidEvents(distinctIds), N);
    check('postback distinct', 'inbox rows added', (await countInbox()) - inboxBeforeDistinct, N);
    check('postback distinct', 'inbox rows with verdict applied', (await verdictCounts(distinctInvoices)).applied ?? 0, N);

    const stormRun = await measure(
      'duplicate storm',
      'one identical postback for one invoice',
      Array.from({ length: K }, () => stormReq),
      STORM_C,
    );
    check('duplicate storm', 'non-2xx answers', stormRun.non2xx, 0);
    check('duplicate storm', 'storm order status', (await paidOrders([storm!.orderId])) === 1 ? 'paid' : 'not paid', 'paid');
    check('duplicate storm', '`paid` order events for the storm order', await paidEvents([storm!.orderId]), 1);
    const stormVerdicts = await verdictCounts([storm!.invoiceUuid]);
    // Identical bodies share one inbox row that counts them (repeat_count).
    check('duplicate storm', 'inbox rows for the storm invoice', await countInbox([storm!.invoiceUuid]), 1);
    check('duplicate storm', 'inbox rows with verdict applied', stormVerdicts.applied ?? 0, 1);
    check('duplicate storm', 'deliveries counted on that row', await repeatCount(storm!.invoiceUuid), K);

    const inboxBeforeInvalid = await countInbox();
    const mutedInvalid = muteWarnings();
    const invalid = await measure('invalid token', 'postbacks signed with a wrong secret', invalidReqs, C).finally(mutedInvalid.restore);
    console.log(`  (${mutedInvalid.count} "[postback] rejected" warnings not printed)`);
    check('invalid token', '401 answers', invalid.statuses[401] ?? 0, N);
    check('invalid token', 'inbox rows added', (await countInbox()) - inboxBeforeInvalid, 0);
    check('invalid token', 'paid orders still', await paidOrders(distinctIds), N);

    const rssAfter = rssMiB();
    const heapAfter = process.memoryUsage().heapUsed / MiB;

    console.log('\n== summary');
    console.log(`database: ${bench.describeDb}`);
    printTable(results);
    console.log(
      `memory: rss ${fmt(rssBefore)} → ${fmt(rssAfter)} MiB over the measured phases (×${(rssAfter / rssBefore).toFixed(2)}; ` +
        `${fmt(rssStart)} MiB at start), heap used ${fmt(heapBefore)} → ${fmt(heapAfter)} MiB`,
    );
    const failed = checks.filter((c) => !c.ok);
    console.log(
      failed.length === 0
        ? `checks: all ${checks.length} passed`
        : `checks: ${failed.length} of ${checks.length} FAILED: ${failed.map((c) => `${c.phase}/${c.what} = ${c.detail}`).join('; ')}`,
    );
    console.log(`total time ${fmt((performance.now() - t0) / 1000)} s (load generator and server share this process and its cores)`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await server.close();
    await sink.close();
    await bench.testDb.destroy();
  }
}

/** The 401 path logs one warning per request; keep the report readable but count them. */
function muteWarnings() {
  const original = console.warn;
  const state = {
    count: 0,
    restore: () => {
      console.warn = original;
    },
  };
  console.warn = () => {
    state.count++;
  };
  return state;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('postback-ingest failed:', err);
    process.exit(1);
  },
);
