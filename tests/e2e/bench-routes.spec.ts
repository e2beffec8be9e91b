import { expect, test } from '@playwright/test';

// The benchmark's bare page, action page and postback route exist only with STOREFRONT_BENCH,
// which the end-to-end server does not set: they must look like any unknown path.
test('the benchmark baselines answer 404 without the benchmark flag', async ({ request }) => {
  for (const path of ['/bench/bare', '/bench/bare-action']) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
  const res = await request.post('/api/bench/postback-baseline', { data: { invoice_id: 'AB12CD34', token: 'x' } });
  expect(res.status()).toBe(404);
});
