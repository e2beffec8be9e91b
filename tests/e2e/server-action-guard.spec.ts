import { expect, test, type APIRequestContext } from '@playwright/test';
import { SHIP_TO } from './support/shop';

// Server actions called the way a hostile page or script would: the form a browser without
// JavaScript posts (the action id travels in the body), sent with a forged Origin, `Origin: null`
// or a 2 MB body. Next refuses these itself but answers 500; the shop answers 403/413, and the
// cart and the orders stay as they were.

/** The hidden and named fields of the form on `path` that contains `marker`, as a browser would post them. */
async function formFields(request: APIRequestContext, path: string, marker: string): Promise<Record<string, string>> {
  const html = await (await request.get(path)).text();
  const form = html
    .split('<form')
    .find((f) => f.includes(marker))!
    .split('</form>')[0]!;
  const decode = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return Object.fromEntries(
    [...form.matchAll(/<input [^>]*?name="([^"]+)"(?: value="([^"]*)")?/g)].map((m) => [decode(m[1]!), decode(m[2] ?? '')]),
  );
}

const cartCount = async (request: APIRequestContext) =>
  /data-testid="cart-count"[^>]*>(\d+)</.exec(await (await request.get('/cart')).text())![1];

test('forged Origin, Origin: null and a 2 MB body get 403/403/413 and change nothing', async ({ request, baseURL }) => {
  const addToCart = { ...(await formFields(request, '/products/node-runner-mug', 'name="productId"')), quantity: '1' };
  const attempt = (headers: Record<string, string>, extra: Record<string, string> = {}) =>
    request.post('/products/node-runner-mug', { multipart: { ...addToCart, ...extra }, headers, maxRedirects: 0 });

  const forged = await attempt({ Origin: 'https://evil.example' });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('Origin evil.example may not call actions');
  expect((await attempt({ Origin: 'null' })).status()).toBe(403);
  expect((await attempt({ Origin: baseURL! }, { filler: 'x'.repeat(2 * 1024 * 1024) })).status()).toBe(413);
  // The same post from the shop's own origin is a working action: the refusals above were not about the form.
  expect(await cartCount(request)).toBe('0');
  expect((await attempt({ Origin: baseURL! })).status()).toBe(200);
  expect(await cartCount(request)).toBe('1');

  // Checkout: a forged call neither creates an order nor empties the cart.
  // The mug is shipped: the form carries an address and the first shipping option.
  const shippingOptionId = /name="shippingOptionId" value="(\d+)"/.exec(await (await request.get('/cart')).text())![1]!;
  const checkout = {
    ...(await formFields(request, '/cart', 'data-testid="checkout-form"')),
    email: 'csrf@example.com',
    ...SHIP_TO,
    shippingOptionId,
  };
  for (const headers of [{ Origin: 'https://evil.example' }, { Origin: 'null' }]) {
    const res = await request.post('/cart', { multipart: checkout, headers, maxRedirects: 0 });
    expect(res.status()).toBe(403);
  }
  const big = await request.post('/cart', {
    multipart: { ...checkout, filler: 'x'.repeat(2 * 1024 * 1024) },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(big.status()).toBe(413);
  expect(await cartCount(request)).toBe('1');
  const placed = await request.post('/cart', { multipart: checkout, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(placed.status()).toBe(303);
  expect(placed.headers().location).toMatch(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
  expect(await cartCount(request)).toBe('0');
});

test('a fetch-style action call (Next-Action header) from a foreign origin gets 403', async ({ request }) => {
  const { '$ACTION_1:0': ref } = await formFields(request, '/products/node-runner-mug', 'name="productId"');
  const res = await request.post('/products/node-runner-mug', {
    headers: { Origin: 'https://evil.example', 'Next-Action': JSON.parse(ref!).id, 'Content-Type': 'text/plain;charset=UTF-8' },
    data: '[{"status":"idle","message":""},"$K1"]',
  });
  expect(res.status()).toBe(403);
});

test('malformed action calls get 400/415 with a reason, an old build’s action id a 4xx, and nothing changes (D1–D3, F9)', async ({
  request,
  baseURL,
}) => {
  const { '$ACTION_1:0': ref } = await formFields(request, '/products/node-runner-mug', 'name="productId"');
  const actionId: string = JSON.parse(ref!).id;
  const before = await cartCount(request);
  const call = (headers: Record<string, string>, data?: string) =>
    request.post('/products/node-runner-mug', { headers: { Origin: baseURL!, ...headers }, data, maxRedirects: 0 });

  const empty = await call({ 'Next-Action': actionId, 'Content-Type': 'text/plain' });
  expect(empty.status()).toBe(400);
  expect(await empty.text()).toContain('no arguments');
  expect((await call({ 'Next-Action': actionId, 'Content-Type': 'text/plain' }, 'not json{')).status()).toBe(400);
  expect((await call({ 'Next-Action': actionId, 'Content-Type': 'text/xml' }, '<a/>')).status()).toBe(415);
  expect((await call({ 'Next-Action': actionId, 'Content-Type': 'application/json' }, '{}')).status()).toBe(415);
  expect((await call({ 'Content-Type': 'multipart/form-data; boundary=xyz' }, 'garbage')).status()).toBe(400);
  // An action id from another build (or made up) is refused by Next itself (a 4xx), not run.
  const unknown = (await call({ 'Next-Action': 'f'.repeat(42), 'Content-Type': 'text/plain' }, '[]')).status();
  expect(unknown >= 400 && unknown < 500, `status ${unknown}`).toBe(true);
  expect(await cartCount(request)).toBe(before);
});
