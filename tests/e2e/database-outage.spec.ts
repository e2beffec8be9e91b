import { expect, test, type Page } from '@playwright/test';
import { postgresAdminUrl, postgresShopURL, startPostgresShop, type PostgresShop } from './support/postgres-shop';
import { fillShipping } from './support/shop';

// The database goes away under a running shop, then comes back. Pages must say so in the buyer's
// words with a 5xx, retry by themselves and recover without the buyer doing anything.

test.skip(!postgresAdminUrl, 'needs a PostgreSQL server (TEST_DATABASE_URL) whose connection can be cut under the shop');
test.describe.configure({ mode: 'serial' });
test.use({ baseURL: postgresShopURL });

let shop: PostgresShop;
let orderPath: string;

test.beforeAll(async () => {
  shop = await startPostgresShop();
});
test.afterAll(async () => {
  await shop?.close();
});

async function placeOrder(page: Page): Promise<string> {
  await page.goto('/products/node-runner-mug');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await page.goto('/cart');
  await page.getByTestId('checkout-email').fill('outage@example.com');
  await fillShipping(page);
  await page.getByTestId('checkout-submit').click();
  await expect(page).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
  await page.goto('/checkout/return');
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  return new URL(page.url()).pathname;
}

test('the order page answers 503 with Retry-After and the retry message, then comes back by itself', async ({ page, request }) => {
  orderPath = await placeOrder(page);
  await shop.stopDatabase();
  try {
    const first = await request.get(orderPath, { maxRedirects: 0 });
    expect(first.status()).toBe(307);
    expect(first.headers().location).toBe(`/unavailable?from=${encodeURIComponent(orderPath)}`);

    const landed = await page.goto(orderPath);
    expect(landed?.status()).toBe(503);
    expect(landed?.headers()['retry-after']).toBe('5');
    await expect(page.getByRole('heading', { name: 'We could not load your order. Retrying…' })).toBeVisible();
    // Other pages that read the database answer the same way (with the buyer's cookies: a cart).
    for (const path of ['/', '/cart', '/products/node-runner-mug']) {
      expect((await page.request.get(path)).status(), path).toBe(503);
    }
  } finally {
    await shop.startDatabase();
  }
  // The 503 page reloads the order page by itself (meta refresh after Retry-After).
  await expect(page).toHaveURL(orderPath, { timeout: 20_000 });
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'awaiting_payment');
});

test('an open page that loses the database shows the error boundary, retries in place and recovers', async ({ page }) => {
  await page.goto(orderPath);
  await expect(page.getByTestId('order-status')).toBeVisible();
  await shop.stopDatabase();
  try {
    // What the live status poller does on a change: re-render the page from the server.
    await page.evaluate(() => (window as unknown as { next: { router: { refresh(): void } } }).next.router.refresh());
    await expect(page.getByRole('heading', { name: 'We could not load your order. Retrying…' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(orderPath);

    // A client-side navigation to another page gets the shop-wide boundary.
    await page.getByRole('link', { name: 'CryptoCloud Storefront' }).click();
    await expect(page.getByRole('heading', { name: 'We could not load this page. Retrying…' })).toBeVisible();
  } finally {
    await shop.startDatabase();
  }
  await expect(page.getByTestId('product-card').first()).toBeVisible({ timeout: 40_000 });
  await expect(page.getByTestId('page-error')).toHaveCount(0);
});
