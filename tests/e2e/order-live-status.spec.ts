import { expect, test, type Page } from '@playwright/test';
import { checkout } from './support/shop';

// The open order page follows its order live: through the order's event stream where the server
// offers one, and by polling the status route when the stream is refused. Either way the page turns
// paid without a reload: the badge as soon as the news arrives, and what payment brings (the timeline
// step, the download) with the page's re-render.

/** Open the buyer's order page in a second tab, marked so that a reload would show. */
async function openOrderPage(page: Page) {
  const orderPage = await page.context().newPage();
  const requests: string[] = [];
  orderPage.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (/^\/api\/orders\/[^/]+\/(events|status)$/.test(pathname)) requests.push(pathname.split('/').at(-1)!);
  });
  await orderPage.goto('/checkout/return');
  await expect(orderPage).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  await orderPage.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  return { orderPage, requests };
}

const status = (page: Page) => page.getByTestId('order-status');
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

test('through the event stream: the open page turns paid and shows the download, without a reload, with every poll failing', async ({
  page,
}) => {
  await page.goto('/products/self-custody-field-guide');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to cart');
  await checkout(page, 'node-runner-mug');
  // Polls fail: only the stream can bring the news.
  await page.context().route('**/api/orders/*/status', (route) => route.fulfill({ status: 500, body: '{"error":"blocked"}' }));
  const { orderPage, requests } = await openOrderPage(page);
  await expect(status(orderPage)).toHaveAttribute('data-status', 'awaiting_payment');
  await expect.poll(() => requests).toContain('events');
  await expect(orderPage.getByTestId('download-link')).toHaveCount(0);

  // The page's re-render from the server is held back: the badge shows the streamed status without it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await orderPage.route(
    (url) => url.pathname.startsWith('/orders/'),
    async (route) => {
      if (route.request().headers()['rsc'] === '1') await held;
      await route.continue();
    },
  );

  await page.getByTestId('sandbox-pay-full').click();
  await expect(page).toHaveURL(/\/orders\//);

  await expect(status(orderPage)).toHaveAttribute('data-status', 'paid');
  await expect(status(orderPage)).toHaveText('Paid');
  await expect(orderPage.getByTestId('order-paid')).toHaveCount(0);
  release();
  await expect(orderPage.getByTestId('order-paid')).toContainText('Payment received');
  expect(await stillSameDocument(orderPage)).toBe(true);
  await expect(orderPage.getByTestId('order-timeline').getByText('Payment confirmed', { exact: true })).toHaveCount(1);
  await expect(orderPage.getByTestId('download-link')).toHaveText('Download Self-Custody-Field-Guide.pdf');
  await expect(orderPage.getByTestId('invoice-link')).toHaveCount(0);
});

test('with the stream refused, polling still gets the page to paid without a reload', async ({ page }) => {
  await checkout(page, 'whitepaper-poster');
  await page.context().route('**/api/orders/*/events', (route) => route.fulfill({ status: 503, body: '{"error":"busy"}' }));
  const { orderPage, requests } = await openOrderPage(page);
  await expect(status(orderPage)).toHaveAttribute('data-status', 'awaiting_payment');
  await expect.poll(() => requests).toContain('events');
  await expect.poll(() => requests.filter((r) => r === 'status').length).toBeGreaterThan(0);

  await page.getByTestId('sandbox-pay-full').click();
  await expect(page).toHaveURL(/\/orders\//);
  await expect(status(orderPage)).toHaveAttribute('data-status', 'paid');
  expect(await stillSameDocument(orderPage)).toBe(true);
  await expect(orderPage.getByTestId('order-paid')).toContainText('Payment received');
});
