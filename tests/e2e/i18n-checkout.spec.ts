import { expect, test } from '@playwright/test';
import { checkout } from './support/shop';

// A Russian-speaking buyer (browser locale ru-RU, Accept-Language ru): checkout stores the order in
// Russian, so the invoice is created with ?locale=ru and the sandbox pay page speaks Russian, and the
// receipt in the development mailbox is Russian, with the plural of 1, 2 and 5 items. The shop's
// own pages are still English at their usual URLs (docs/i18n.md: they move under [locale] next).

test.use({ locale: 'ru-RU', extraHTTPHeaders: { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.5' } });

const tag = Math.random().toString(36).slice(2, 8);

for (const [quantity, count] of [
  [1, 'В заказе 1 товар'],
  [2, 'В заказе 2 товара'],
  [5, 'В заказе 5 товаров'],
] as const) {
  test(`Accept-Language ru, ${quantity} item(s): the pay page and the receipt are in Russian`, async ({ page }) => {
    const email = `ru-${quantity}-${tag}@example.com`;
    await checkout(page, 'self-custody-field-guide', quantity, email);

    // The invoice was created with the order's locale: the pay page is Russian.
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('[lang="ru"]')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Оплата:');
    await expect(page.getByText('Сумма к оплате')).toBeVisible();
    await expect(page.getByTestId('sandbox-countdown')).toBeVisible();
    await expect(page.getByText('Осталось времени на оплату:')).toBeVisible();
    await expect(page.getByTestId('sandbox-status')).toHaveText('создан');
    await expect(page).toHaveTitle(/Тестовая оплата/);
    await page.getByTestId('sandbox-pay-full').click();
    await expect(page.getByTestId('sandbox-pay-full')).toHaveCount(0);
    // Today's order URL, unprefixed (the order remembers ru for when locale routing is on).
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');

    await page.goto('/dev/mailbox');
    await page
      .getByTestId('mailbox-entry')
      .filter({ hasText: `To ${email}` })
      .filter({ hasText: 'Чек по заказу' })
      .click();
    const text = page.locator('pre');
    await expect(text).toContainText('Оплата получена. Спасибо!');
    await expect(text).toContainText(count);
    await expect(text).toContainText(`${quantity} × Полевое руководство по самостоятельному хранению (электронная книга)`);
    await expect(text).toContainText(`${9 * quantity},00 $`);
    await expect(text).toContainText('Скачать Self-Custody-Field-Guide.pdf');
    await expect(text).not.toContainText('Receipt');
  });
}

test('an English browser still gets an English pay page and receipt', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' } });
  const page = await context.newPage();
  const email = `en-${tag}@example.com`;
  await checkout(page, 'self-custody-field-guide', 2, email);
  await expect(page.getByTestId('sandbox-pay-full')).toHaveText('Pay in full');
  await page.getByTestId('sandbox-pay-full').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');
  await page.goto('/dev/mailbox');
  await page
    .getByTestId('mailbox-entry')
    .filter({ hasText: `To ${email}` })
    .filter({ hasText: 'Receipt for order' })
    .click();
  await expect(page.locator('pre')).toContainText('Your order: 2 items');
  await context.close();
});
