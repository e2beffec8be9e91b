// 5. Page weight (first-load JS, compressed) and Lighthouse (mobile) per buyer page, vs the bare page.
import http from 'node:http';
import { addToCart, newCartId } from '@/lib/cart';
import { check, load1, pgEnv, port, QUICK, sameEnvAs, SIZES, type Ctx } from '../lib/common';
import { startNext, type NextServer } from '../lib/server';
import { BENCH_PRODUCT, preparePaidOrders } from '../lib/shop-data';
import { productBySlug } from '@/tests/helpers/shop';
import { record, spread } from '../lib/stats';

/**
 * The buyer pages measured. A page this build does not have (404) is skipped, so a page added
 * later is one line here: e.g. `{ name: 'collection', path: () => '/collections/apparel' }` is
 * already listed and starts counting once the collections land.
 */
interface Page {
  name: string;
  path: (s: Setup) => string;
  cookie?: (s: Setup) => string;
}
interface Setup {
  orderToken: string;
  cartId: string;
}
const PAGES: Page[] = [
  { name: 'home', path: () => '/' },
  { name: 'collection', path: () => '/collections/apparel' },
  { name: 'product', path: () => '/products/genesis-block-hoodie' },
  { name: 'cart', path: () => '/cart', cookie: (s) => `cart_id=${s.cartId}` },
  { name: 'order', path: (s) => `/orders/${s.orderToken}` },
];
const BARE: Page = { name: 'bare', path: () => '/bench/bare' };

/** Bytes on the wire of a GET with gzip accepted. */
function compressedSize(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

/** First-load JS of a page: every script its HTML loads, compressed, summed. */
async function firstLoadJs(server: NextServer, path: string, cookie?: string): Promise<{ kb: number; scripts: number }> {
  const html = await (await fetch(server.url + path, { headers: cookie ? { cookie } : {} })).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')))];
  let bytes = 0;
  for (const src of srcs) bytes += await compressedSize(new URL(src, server.url).toString());
  return { kb: bytes / 1024, scripts: srcs.length };
}

interface LhResult {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  lcp: number;
  fcp: number;
}

async function lighthouseRun(chromePort: number, url: string, cookie?: string): Promise<LhResult> {
  const { default: lighthouse } = await import('lighthouse');
  const result = await lighthouse(url, {
    port: chromePort,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  const lhr = result!.lhr;
  const score = (k: string) => Math.round((lhr.categories[k]?.score ?? 0) * 100);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    fcp: lhr.audits['first-contentful-paint']?.numericValue ?? NaN,
  };
}

export async function pageScenario(ctx: Ctx) {
  console.log('\n[5] page weight and Lighthouse (mobile) vs the bare page');
  const env = { ...pgEnv(ctx), ...ctx.fake.env };
  const server = await startNext(port(6), env);
  try {
    sameEnvAs(server, env);
    const [order] = await preparePaidOrders(1, { kind: 'stub', fake: ctx.fake });
    // The order stays open (its postback never comes): the page as the buyer waits on it.
    const cartId = newCartId();
    const added = await addToCart(cartId, (await productBySlug(BENCH_PRODUCT)).id, 1);
    if (!added.ok) throw new Error(added.error.message);
    const setup: Setup = { orderToken: order!.publicToken, cartId };

    const pages: Page[] = [];
    for (const page of PAGES) {
      const res = await fetch(server.url + page.path(setup), { headers: page.cookie ? { cookie: page.cookie(setup) } : {} });
      await res.arrayBuffer();
      if (res.status === 404) console.log(`  skip ${page.name}: ${page.path(setup)} answers 404 in this build`);
      else pages.push(page);
    }

    const bareJs = await firstLoadJs(server, BARE.path(setup));
    for (const page of pages) {
      const js = await firstLoadJs(server, page.path(setup), page.cookie?.(setup));
      record({
        item: '5',
        figure: `${page.name}: first-load JS, gzip`,
        unit: 'KiB',
        value: spread([js.kb]),
        baseline: spread([bareJs.kb]),
        baselineName: 'bare page',
        goal: '≤ 1.15× bare',
        pass: js.kb <= 1.15 * bareJs.kb,
        note: `${js.scripts} scripts (bare ${bareJs.scripts})`,
      });
    }
    if (QUICK) {
      console.log('  Lighthouse skipped in --quick');
      return;
    }

    const chromeLauncher = await import('chrome-launcher');
    const chrome = await chromeLauncher.launch({
      chromePath: '/usr/bin/chromium',
      chromeFlags: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const runs = new Map<string, LhResult[]>();
      for (let r = 0; r < SIZES.rounds; r++) {
        // Bare first in even rounds, last in odd ones.
        const order = r % 2 === 0 ? [BARE, ...pages] : [...pages, BARE];
        for (const page of order) {
          const res = await lighthouseRun(chrome.port, server.url + page.path(setup), page.cookie?.(setup));
          runs.set(page.name, [...(runs.get(page.name) ?? []), res]);
        }
      }
      const bare = runs.get('bare')!;
      const la = load1();
      for (const page of pages) {
        const list = runs.get(page.name)!;
        const perf = spread(list.map((x) => x.performance));
        const barePerf = spread(bare.map((x) => x.performance));
        record({
          item: '5',
          figure: `${page.name}: Lighthouse performance (mobile)`,
          unit: 'score',
          value: perf,
          baseline: barePerf,
          baselineName: 'bare page',
          goal: '≥ 98 (idle) and ≥ bare − 3',
          pass: perf.median >= 98 && perf.median >= barePerf.median - 3,
          note: `load ${la}`,
        });
        const lcp = spread(list.map((x) => x.lcp));
        record({
          item: '5',
          figure: `${page.name}: LCP (simulated mobile)`,
          unit: 'ms',
          value: lcp,
          baseline: spread(bare.map((x) => x.lcp)),
          baselineName: 'bare page',
          goal: '≤ 1.2× bare',
          pass: lcp.median <= 1.2 * spread(bare.map((x) => x.lcp)).median,
          note: `load ${la}`,
        });
        const worst = (k: 'accessibility' | 'bestPractices' | 'seo') => Math.min(...list.map((x) => x[k]));
        // Pages that are for one buyer (an order, a cart) say noindex on purpose, and Lighthouse's SEO
        // score counts that against them; only those are exempt, and the table says so.
        const seoExempt = page.name === 'order' || page.name === 'cart';
        record({
          item: '5',
          figure: `${page.name}: accessibility / best practices / SEO (worst of ${list.length})`,
          unit: 'scores',
          value: spread([Math.min(worst('accessibility'), worst('bestPractices'), seoExempt ? 100 : worst('seo'))]),
          baseline: null,
          baselineName: null,
          goal: '≥ 95 each' + (seoExempt ? ' (SEO exempt: noindex)' : ''),
          pass: worst('accessibility') >= 95 && worst('bestPractices') >= 95 && (seoExempt || worst('seo') >= 95),
          note: `a11y ${worst('accessibility')}, bp ${worst('bestPractices')}, seo ${worst('seo')}`,
        });
      }
      check(
        'Lighthouse ran on every page',
        pages.every((p) => (runs.get(p.name)?.length ?? 0) === SIZES.rounds),
        `${SIZES.rounds} rounds`,
      );
    } finally {
      chrome.kill();
    }
  } finally {
    await server.stop();
  }
}
