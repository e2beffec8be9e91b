import { expect, test, type Page } from '@playwright/test';
import { checkout, fillShipping, stockOf } from './support/shop';

/** Open the buyer's order page in a second tab, as a buyer keeping it open while paying. */
async function openOrderPage(page: Page) {
  const orderPage = await page.context().newPage();
  await orderPage.goto('/checkout/return');
  await expect(orderPage).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  // Marks this document: it survives only if the page is never reloaded.
  await orderPage.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  return orderPage;
}

const status = (page: Page) => page.getByTestId('order-status');
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

test('pay in full: the open order page turns paid without a reload, with one paid transition @second-server', async ({ page }) => {
  await checkout(page, 'cold-storage-steel-plate');
  const orderPage = await openOrderPage(page);
  await expect(status(orderPage)).toHaveAttribute('data-status', 'awaiting_payment');

  await page.getByTestId('sandbox-pay-full').click();
  await expect(page).toHaveURL(/\/orders\//);
  await expect(status(page)).toHaveAttribute('data-status', 'paid');

  await expect(status(orderPage)).toHaveAttribute('data-status', 'paid', { timeout: 5_000 });
  expect(await stillSameDocument(orderPage)).toBe(true);
  await expect(orderPage.getByTestId('order-timeline').getByText('Payment confirmed', { exact: true })).toHaveCount(1);
  await expect(orderPage.getByTestId('order-paid')).toContainText('Payment received');
});

test('pay part: partially paid with the amount due, then a top-up makes it paid', async ({ page }) => {
  await checkout(page, 'genesis-block-hoodie?size=L');
  const orderPage = await openOrderPage(page);

  await page.getByTestId('sandbox-pay-partial').click();
  await expect(status(orderPage)).toHaveAttribute('data-status', 'partially_paid', { timeout: 5_000 });
  await expect(orderPage.getByTestId('amount-due')).toHaveText(/^\d+(\.\d*[1-9])? USDT \(TRC20\)$/);
  expect(await stillSameDocument(orderPage)).toBe(true);

  // "Pay the rest" leads back to the same invoice.
  await orderPage.getByTestId('invoice-link').click();
  await expect(orderPage).toHaveURL(page.url());
  await orderPage.getByTestId('sandbox-pay-full').click();
  await expect(orderPage).toHaveURL(/\/orders\//);
  await expect(status(orderPage)).toHaveAttribute('data-status', 'paid');
});

test('overpay: paid, with the overpaid amount shown', async ({ page }) => {
  await checkout(page, 'whitepaper-poster');
  await page.getByTestId('sandbox-pay-over').click();
  await expect(page).toHaveURL(/\/orders\//);
  await expect(status(page)).toHaveAttribute('data-status', 'paid');
  await expect(page.getByTestId('overpaid-amount')).toHaveText(/^\d+(\.\d*[1-9])? USDT \(TRC20\)$/);
});

test('let it expire: the order expires and its stock comes back', async ({ page }) => {
  const before = await stockOf(page, 'faraday-wallet-pouch');
  await checkout(page, 'faraday-wallet-pouch', 2);
  const payPage = page.url();
  expect(await stockOf(page, 'faraday-wallet-pouch')).toBe(before - 2);
  await page.goto(payPage);
  await page.getByTestId('sandbox-expire').click();
  await expect(page).toHaveURL(/\/orders\//);
  await expect(status(page)).toHaveAttribute('data-status', 'expired');
  await expect(page.getByTestId('order-again')).toBeVisible();
  expect(await stockOf(page, 'faraday-wallet-pouch')).toBe(before);
});

test('the sandbox pay page never prints the order token, before or after payment', async ({ page }) => {
  await checkout(page, 'whitepaper-poster');
  const payUrl = page.url();
  const token = new URL((await openOrderPage(page)).url()).pathname.split('/')[2]!;
  await expect(page.getByTestId('sandbox-invoice-uuid')).toContainText(`order ${token.slice(0, 6)}…`);
  expect(await (await page.request.get(payUrl)).text()).not.toContain(token);
  expect(await page.content()).not.toContain(token);

  await page.getByTestId('sandbox-pay-full').click();
  await expect(page).toHaveURL(/\/orders\//);
  // A settled invoice's page leads back to the order without printing its token either.
  await page.goto(payUrl);
  expect(await page.content()).not.toContain(token);
  await page.getByTestId('sandbox-return').click();
  await expect(page).toHaveURL(new RegExp(`/orders/${token}$`));
  await expect(status(page)).toHaveAttribute('data-status', 'paid');
});

test('a double-clicked checkout makes one order', async ({ page }) => {
  const before = await stockOf(page, 'hash-rate-notebook');
  await page.getByLabel('Quantity').fill('1');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await page.goto('/cart');
  await page.getByTestId('checkout-email').fill('double@example.com');
  await fillShipping(page);
  await page.getByTestId('checkout-submit').dblclick();
  await expect(page).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
  expect(await stockOf(page, 'hash-rate-notebook')).toBe(before - 1);
});

test('a tampered price in the checkout form is ignored', async ({ page }) => {
  await page.goto('/products/node-runner-mug');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await page.goto('/cart');
  await page.evaluate(() => {
    const form = document.querySelector('[data-testid="checkout-form"]')!;
    for (const [name, value] of [
      ['price', '0.01'],
      ['totalMinor', '1'],
      ['amount', '0.01'],
    ]) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name!;
      input.value = value!;
      form.appendChild(input);
    }
  });
  await page.getByTestId('checkout-email').fill('tamper@example.com');
  await fillShipping(page);
  await page.getByTestId('checkout-submit').click();
  await expect(page).toHaveURL(/\/sandbox\/pay\//);
  await page.goto('/checkout/return');
  await expect(page.getByTestId('order-total')).toHaveText('$22.00');
});

test('a bad email gets a message next to the field and no order', async ({ page }) => {
  await page.goto('/products/merkle-tree-socks?variant=MTS-SM');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await page.goto('/cart');
  await page.getByTestId('checkout-email').fill('not-an-email');
  await page.getByTestId('checkout-submit').click();
  await expect(page.getByTestId('checkout-email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
});

test('/checkout/return never shows paid from the query string, and unknown order tokens are 404', async ({ page }) => {
  await page.goto('/checkout/return?status=success&order_id=nope');
  await expect(page).toHaveURL(/\/$/);
  const res = await page.goto('/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  expect(res?.status()).toBe(404);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a buyer can add to cart, check out, pay and see the paid order', async ({ page }) => {
    await page.goto('/products/lightning-enamel-pin-set');
    await page.getByLabel('Quantity').fill('3');
    await page.getByTestId('add-to-cart').click();
    await expect(page.getByTestId('cart-count')).toHaveText('3');
    await page.goto('/cart');
    await page.getByTestId('checkout-email').fill('nojs@example.com');
    await fillShipping(page);
    await page.getByTestId('checkout-submit').click();
    await expect(page).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
    await page.getByTestId('sandbox-pay-full').click();
    await expect(page).toHaveURL(/\/orders\//);
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');
    await expect(page.getByTestId('order-total')).toHaveText('$42.00');
  });
});

test('checkouts beyond the per-address limit get a clear message and reserve nothing @second-server', async ({ page }) => {
  test.skip(test.info().project.name !== 'second-server', 'needs the server with a low checkout limit');
  let refused = false;
  let stockBeforeAttempt = 0;
  for (let attempt = 0; attempt < 4 && !refused; attempt++) {
    stockBeforeAttempt = await stockOf(page, 'node-runner-mug'); // leaves us on the product page
    await page.getByTestId('add-to-cart').click();
    await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to cart');
    await page.goto('/cart');
    await page.getByTestId('checkout-email').fill('limit@example.com');
    await fillShipping(page);
    await page.getByTestId('checkout-submit').click();
    await expect(page.getByTestId('checkout-error').or(page.getByTestId('sandbox-pay-full'))).toBeVisible();
    refused = await page.getByTestId('checkout-error').isVisible();
  }
  expect(refused).toBe(true);
  await expect(page.getByTestId('checkout-error')).toContainText('Too many orders from your network');
  await page.goto('/cart');
  await expect(page.getByTestId('cart-line')).toHaveCount(1); // the cart is kept
  expect(await stockOf(page, 'node-runner-mug')).toBe(stockBeforeAttempt);
});
