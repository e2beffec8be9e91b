// 3. Checkout: the real server action end to end (form post → order → invoice → 303 to the pay
// link) vs the bare action in the same build that only redirects, the gateway answering invoice/create after 50 ms.
import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orders } from '@/db/schema';
import { addToCart, newCartId } from '@/lib/cart';
import { startFakeCryptoCloud } from '@/tests/helpers/fake-cryptocloud';
import { productBySlug, setStock } from '@/tests/helpers/shop';
import { check, load1, pgEnv, port, QUICK, sameEnvAs, SIZES, statements, statusText, type Ctx } from '../lib/common';
import { load, type LoadRequest, type LoadResult } from '../lib/load';
import { startNext, type NextServer } from '../lib/server';
import { inParallel } from '../lib/shop-data';
import { interleaved, record, spread } from '../lib/stats';

const GATEWAY_MS = 50;
const PRODUCT = 'self-custody-field-guide'; // digital: the form asks for the email only
const EMAIL = 'bench-checkout@example.com';

const decode = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The hidden and named inputs of the first form on the page that has a field `marker`. */
async function formFields(server: NextServer, path: string, marker: string, cookie?: string): Promise<Array<[string, string]>> {
  const html = await (await fetch(server.url + path, { headers: cookie ? { cookie } : {} })).text();
  const form = [...html.matchAll(/<form[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(`name="${marker}"`));
  if (!form) throw new Error(`no form with ${marker} on ${path}`);
  return [...form.matchAll(/<input([^>]*)>/g)].flatMap((m) => {
    const name = /\sname="([^"]*)"/.exec(m[1]!)?.[1];
    if (!name) return [];
    return [[decode(name), decode(/\svalue="([^"]*)"/.exec(m[1]!)?.[1] ?? '')] as [string, string]];
  });
}

/** A native (no-JavaScript) form post: multipart, as a browser sends it. */
function formPost(path: string, fields: Array<[string, string]>, cookie?: string): LoadRequest {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const body =
    fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return {
    method: 'POST',
    path,
    body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'ORIGIN', ...(cookie ? { cookie } : {}) },
  };
}

const all303 = (r: LoadResult) => r.errors === 0 && Object.keys(r.statuses).every((s) => s === '303');

export async function checkoutScenario(ctx: Ctx) {
  console.log(`\n[3] checkout action vs the bare action, gateway answering after ${GATEWAY_MS} ms (PostgreSQL)`);
  const slow = await startFakeCryptoCloud({ createDelayMs: GATEWAY_MS });
  const env = { ...pgEnv(ctx), ...slow.env };
  const server = await startNext(port(7), env);
  try {
    sameEnvAs(server, env);
    const n = QUICK ? 10 : 40;
    const total = n * SIZES.rounds + 5;
    await setStock(PRODUCT, 1_000_000);
    const productId = (await productBySlug(PRODUCT)).id;
    const carts = await inParallel(total, 6, async () => {
      const id = newCartId();
      const added = await addToCart(id, productId, 1);
      if (!added.ok) throw new Error(added.error.message);
      return id;
    });
    const template = await formFields(server, '/cart', 'checkoutKey', `cart_id=${carts[0]}`);
    const bareTemplate = await formFields(server, '/bench/bare-action', 'email');
    const withOrigin = (r: LoadRequest) => ({ ...r, headers: { ...r.headers, origin: server.url } });
    const checkoutReq = (cartId: string) =>
      withOrigin(
        formPost(
          '/cart',
          template
            .map(
              ([k, v]) => [k, k === 'checkoutKey' ? randomBytes(18).toString('base64url') : k === 'email' ? EMAIL : v] as [string, string],
            )
            .concat(template.some(([k]) => k === 'email') ? [] : [['email', EMAIL]]),
          `cart_id=${cartId}`,
        ),
      );
    const bareReq = () => withOrigin(formPost('/bench/bare-action', bareTemplate));
    // Warm-up.
    const warm = await load(server.url, carts.slice(0, 5).map(checkoutReq), 1);
    check('checkout warm-up answers 303', all303(warm), statusText(warm));
    await load(server.url, Array.from({ length: 5 }, bareReq), 1);
    let next = 5;
    // Statements (round trips: node-postgres sends BEGIN/COMMIT through the counter too) per checkout.
    const perCheckout: number[] = [];
    const { a, b } = await interleaved(
      SIZES.rounds,
      async () => {
        const before = await statements(server);
        const r = await load(server.url, carts.slice(next, (next += n)).map(checkoutReq), 1);
        perCheckout.push(((await statements(server)) - before) / n);
        return r;
      },
      () => load(server.url, Array.from({ length: n }, bareReq), 1),
    );
    check('checkout: every answer a 303 to the pay page', a.every(all303), a.map(statusText).join(' '));
    check('bare action: every answer a 303', b.every(all303), b.map(statusText).join(' '));
    const { db } = await getDb();
    const [placed] = await db.select({ n: count() }).from(orders).where(eq(orders.email, EMAIL));
    check('one order per checkout, awaiting payment', placed?.n === total, `${placed?.n} orders for ${total} checkouts`);
    const la = load1();
    const p50 = spread(a.map((x) => x.p50));
    const bare = spread(b.map((x) => x.p50));
    record({
      item: '3',
      figure: 'checkout action p50, 1 conn',
      unit: 'ms',
      value: p50,
      baseline: bare,
      baselineName: 'bare redirecting action',
      goal: 'info',
      pass: null,
      note: `load ${la}`,
    });
    record({
      item: '3',
      figure: 'statements per checkout (database round trips, BEGIN/COMMIT included)',
      unit: 'statements',
      value: spread(perCheckout),
      baseline: null,
      baselineName: null,
      goal: 'info',
      pass: null,
      note: `load ${la}`,
    });
    const extra = spread(a.map((x, i) => x.p50 - b[i]!.p50 - GATEWAY_MS));
    record({
      item: '3',
      figure: `checkout beyond the gateway call (p50 − bare p50 − ${GATEWAY_MS} ms)`,
      unit: 'ms',
      value: extra,
      baseline: null,
      baselineName: null,
      goal: '≤ 15 ms',
      pass: extra.median <= 15,
      note: `load ${la}`,
    });
  } finally {
    await server.stop();
    await slow.close();
  }
}
