import { expect, test } from '@playwright/test';
import { checkout } from './support/shop';

// A German browser: the shop has no German, so it negotiates English, and the page's dates are in
// the page's language (not the browser's), like its words.
test.describe('in a German browser', () => {
  test.use({ locale: 'de-DE' });

  test('the order page: a number to read out, item images, dates in the page’s language and a timeline in plain words', async ({
    page,
  }) => {
    const hydrationErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /hydrat/i.test(m.text())) hydrationErrors.push(m.text());
    });
    await checkout(page, 'node-runner-mug', 2, 'order-page@example.com');
    await page.goto('/checkout/return');
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
    const token = new URL(page.url()).pathname.split('/')[2]!;

    const number = (await page.getByTestId('order-number').textContent())!;
    expect(number).toMatch(/^CC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/);
    expect(token).not.toContain(number.replace(/-/g, '').slice(2));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${number}`);
    // The same number on every visit.
    await page.reload();
    await expect(page.getByTestId('order-number')).toHaveText(number);

    const item = page.getByTestId('order-item');
    await expect(item).toHaveCount(1);
    await expect(item.locator('img')).toHaveAttribute('src', '/products/node-runner-mug.svg');

    const steps = page.getByTestId('timeline-step');
    await expect(steps).toHaveText(['We received your order', 'Waiting for your payment']);
    // English dates ("November 26, 2026 at 2:05 PM UTC"), not ISO stamps or state names.
    await expect(page.getByTestId('order-timeline').locator('time').first()).toHaveText(/^\p{L}+ \d{1,2}, \d{4} at .* UTC$/u);
    await expect(page.getByTestId('order-timeline')).not.toContainText('awaiting_payment');

    await page.goBack();
    await page.getByTestId('sandbox-pay-full').click();
    await expect(page).toHaveURL(/\/orders\//);
    await expect(steps).toHaveText(['We received your order', 'Waiting for your payment', 'Payment confirmed']);
    expect(hydrationErrors).toEqual([]);
  });
});

test('an expired invoice’s pay page shows neither its QR code nor its address; the reference wraps on a phone', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  await checkout(page, 'whitepaper-poster', 1, 'expired@example.com');
  const payUrl = page.url();
  await expect(page.getByTestId('sandbox-address')).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(await wide()).toBe(false);

  await page.getByTestId('sandbox-expire').click();
  await expect(page).toHaveURL(/\/orders\//);
  await expect(page.getByTestId('timeline-step').last()).toHaveText('Expired: no payment arrived in time');
  await page.goto(payUrl);
  await expect(page.getByTestId('sandbox-closed-note')).toBeVisible();
  await expect(page.getByTestId('sandbox-address')).toHaveCount(0);
  await expect(page.getByRole('img', { name: /QR code/ })).toHaveCount(0);
  await expect(page.locator('main')).toHaveCount(1);
  expect(await wide()).toBe(false);
  await context.close();
});
