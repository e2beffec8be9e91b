import { expect, test, type Locator } from '@playwright/test';

test('a buyer browses, adds two of a product, reloads and sees the same cart', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('product-card')).toHaveCount(11);
  await expect(page.getByTestId('sandbox-banner')).toHaveText(/Sandbox — no real payments/);
  await expect(page.getByTestId('cart-count')).toHaveText('0');

  await page.getByTestId('product-card').filter({ hasText: 'Node Runner Mug' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/products\/node-runner-mug$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Node Runner Mug');
  await expect(page).toHaveTitle(/Node Runner Mug/);

  await page.getByLabel('Quantity').fill('2');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('You now have 2 in your cart');
  await expect(page.getByTestId('cart-count')).toHaveText('2');

  await page.reload();
  await expect(page.getByTestId('cart-count')).toHaveText('2');

  await page.goto('/cart');
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line-quantity')).toHaveValue('2');
  await expect(page.getByTestId('cart-total')).toHaveText('$32.00');

  await page.reload();
  await expect(page.getByTestId('cart-total')).toHaveText('$32.00');
});

test('invalid quantities get a message next to the field and change nothing', async ({ page }) => {
  await page.goto('/products/whitepaper-poster');
  const quantity = page.getByLabel('Quantity');
  const message = page.getByTestId('add-to-cart-message');
  const cases: Array<[string, RegExp]> = [
    ['0', /whole number from 1 to 99/],
    ['-1', /whole number from 1 to 99/],
    ['1.5', /whole number from 1 to 99/],
    ['1000000000', /at most 99/],
    ['', /Enter a quantity/],
  ];
  for (const [value, expected] of cases) {
    await quantity.fill(value);
    await page.getByTestId('add-to-cart').click();
    await expect(message).toHaveText(expected);
    await expect(quantity).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(page.getByTestId('cart-count')).toHaveText('0');
  await page.goto('/cart');
  await expect(page.getByRole('heading', { name: 'Your cart is empty' })).toBeVisible();
});

// What a script (or an edited field) sends: nothing a number field would let through.
const HOSTILE: Array<[string, RegExp]> = [
  ['99999999999999999999', /^You can order at most 99 of one item\.$/],
  ['9'.repeat(10_240), /^You can order at most 99 of one item\.$/],
  ['1e309', /^Enter a whole number from 1 to 99\.$/],
  ['-0', /^Enter a whole number from 1 to 99\.$/],
  ['٣', /^Enter a whole number from 1 to 99\.$/],
  ['x'.repeat(10_240), /^Enter a whole number from 1 to 99\.$/],
];

/**
 * Put a raw value in a number field and submit its form, as an edited page or a script would send
 * it. No input event: React would restore the field's type, and a number field cannot hold most of
 * these values. Set and submitted in one step, so that no re-render can restore the type between.
 */
function submitRaw(field: Locator, value: string) {
  return field.evaluate((el: HTMLInputElement, v) => {
    el.type = 'text';
    el.value = v;
    el.form!.requestSubmit(el.form!.querySelector<HTMLButtonElement>('button[type="submit"]'));
  }, value);
}

test('hostile quantities on add and update get the shop’s own message next to the field and change nothing', async ({ page }) => {
  await page.goto('/products/merkle-tree-socks?variant=MTS-SM');
  const quantity = page.getByLabel('Quantity');
  const message = page.getByTestId('add-to-cart-message');
  for (const [value, expected] of HOSTILE) {
    await submitRaw(quantity, value);
    await expect(message).toHaveText(expected);
    await expect(quantity).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(page.getByTestId('cart-count')).toHaveText('0');

  await quantity.fill('2');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText('2');
  await page.goto('/cart');
  const line = page.getByTestId('cart-line-quantity');
  for (const [value, expected] of HOSTILE) {
    await submitRaw(line, value);
    await expect(page.getByTestId('cart-line').getByRole('alert')).toHaveText(expected);
    await expect(line).toHaveAttribute('aria-invalid', 'true');
  }
  await page.reload();
  await expect(page.getByTestId('cart-line-quantity')).toHaveValue('2');
  await expect(page.getByTestId('cart-count')).toHaveText('2');
});

test('unknown and inactive products give a real 404 page', async ({ page }) => {
  for (const path of ['/products/no-such-thing', '/products/halving-anniversary-print']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
});

test('pages and routes carry the security headers, with form-action listing the sandbox pay origin', async ({ request, baseURL }) => {
  for (const path of ['/', '/api/health', '/no-such-page']) {
    const headers = (await request.get(path)).headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    // In sandbox mode pay links point at the sandbox's pay page on APP_URL, and nowhere else.
    expect(headers['content-security-policy'], path).toContain(`form-action 'self' ${baseURL};`);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['strict-transport-security'], path).toBeUndefined(); // APP_URL is http here
  }
});
