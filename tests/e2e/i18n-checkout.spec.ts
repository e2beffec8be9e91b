import { expect, test, type Page } from '@playwright/test';
import { checkout, SHIP_TO } from './support/shop';

// Issue 14's acceptance: a Russian-speaking buyer (browser locale ru-RU, Accept-Language ru) lands on
// the Russian shop (/ru/…), and the home page, a product, the cart, checkout, the sandbox pay page
// (its invoice created with locale=ru), the order page (/ru/orders/…) and the receipt in the
// development mailbox are in Russian, with the plurals of 1, 2 and 5 items. The header's switcher
// keeps the page (and its query string) and remembers the choice.

test.use({ locale: 'ru-RU', extraHTTPHeaders: { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.5' } });

const tag = Math.random().toString(36).slice(2, 8);

/** From the Russian product page to the sandbox pay page, in Russian all the way. */
async function checkoutInRussian(page: Page, slug: string, quantity: number, email: string, cartNote: string) {
  await page.goto(`/products/${slug}`);
  // First visit: Accept-Language picks Russian, by a redirect to the prefixed URL.
  await expect(page).toHaveURL(new RegExp(`/ru/products/${slug}$`));
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await page.getByLabel('Количество').fill(String(quantity));
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Добавлено в корзину');
  await page.goto('/ru/cart');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Корзина');
  await expect(page.getByTestId('cart-note')).toContainText(cartNote);
  await expect(page.getByTestId('cart-count')).toHaveAttribute('aria-label', `${cartNote} в корзине`);
  await page.getByLabel('Email для чека').fill(email);
  if (await page.getByTestId('shipping-fields').isVisible()) {
    await page.getByLabel('Имя и фамилия').fill(SHIP_TO.shipName);
    await page.getByLabel('Адрес, строка 1').fill(SHIP_TO.shipLine1);
    await page.getByLabel('Город').fill(SHIP_TO.shipCity);
    await page.getByLabel('Индекс').fill(SHIP_TO.shipPostalCode);
    await page.getByLabel('Страна').selectOption(SHIP_TO.shipCountry);
    await page.getByTestId('shipping-option').first().check();
  }
  await page.getByRole('button', { name: 'Оплатить криптовалютой' }).click();
  await expect(page).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
}

test('Accept-Language ru: the home page is Russian, at /ru', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/ru$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Все товары');
  await expect(page.getByTestId('result-count')).toContainText(/\d+ товар(а|ов)?$/);
  await expect(page.getByRole('link', { name: 'Мои заказы' }).first()).toBeVisible();
  await expect(page.getByTestId('product-card').filter({ hasText: 'Худи «Генезис-блок»' })).toBeVisible();
  // Russian prices, in the shop's currency.
  await expect(page.getByTestId('product-card').first()).toContainText(/\d+,\d{2}\s\$/);
  // Search engines see both languages of the page.
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', /:\d+\/?$/);
  await expect(page.locator('link[rel="alternate"][hreflang="ru"]')).toHaveAttribute('href', /\/ru$/);
  await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveCount(1);
});

test('the sitemap lists every catalog page in each language, with its alternates', async ({ request }) => {
  const xml = await (await request.get('/sitemap.xml')).text();
  expect(xml).toMatch(/<loc>[^<]*\/ru\/products\/genesis-block-hoodie<\/loc>/);
  expect(xml).toMatch(/<loc>[^<]*[^u]\/products\/genesis-block-hoodie<\/loc>/);
  expect(xml).toMatch(/<loc>[^<]*\/ru\/collections\/apparel<\/loc>/);
  expect(xml).toMatch(/hreflang="ru"\s+href="[^"]*\/ru\/products\/genesis-block-hoodie"/);
  expect(xml).toMatch(/hreflang="x-default"\s+href="[^"]*[^u]\/products\/genesis-block-hoodie"/);
});

test('Accept-Language ru: the product page is Russian, and switching to English keeps the product and the size', async ({ page }) => {
  await page.goto('/products/genesis-block-hoodie?size=M');
  await expect(page).toHaveURL(/\/ru\/products\/genesis-block-hoodie\?size=M$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Худи «Генезис-блок»');
  await expect(page.getByTestId('variant-picker')).toContainText('Размер: M');
  await expect(page).toHaveTitle(/^Худи «Генезис-блок» · /);
  // The picture a shared link shows is described in Russian too.
  await expect(page.locator('meta[property="og:image:alt"]')).toHaveAttribute('content', 'Товар, его цена и магазин');
  expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toContain(
    '/ru/products/genesis-block-hoodie/opengraph-image',
  );
  await expect(page.getByRole('button', { name: 'В корзину' })).toBeVisible();
  // A refused form answers in Russian too.
  await page.getByLabel('Количество').fill('0');
  await page.getByRole('button', { name: 'В корзину' }).click();
  await expect(page.getByTestId('add-to-cart-message')).toHaveText('Введите целое число от 1 до 99.');

  await page.getByTestId('switch-locale-en').click();
  await expect(page).toHaveURL(/\/products\/genesis-block-hoodie\?size=M$/);
  expect(new URL(page.url()).pathname).toBe('/products/genesis-block-hoodie');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Genesis Block Hoodie');
  await expect(page.getByTestId('variant-picker')).toContainText('Size: M');
  await expect(page.locator('meta[property="og:image:alt"]')).toHaveAttribute('content', 'The product, its price and the shop');
  // The choice is remembered: the unprefixed home page stays English despite Accept-Language.
  await page.goto('/');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All products');
  // And back to Russian, without JavaScript's help: the switcher is a link.
  await page.getByTestId('switch-locale-ru').click();
  await expect(page).toHaveURL(/\/ru$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Все товары');
});

for (const [quantity, cartNote, count] of [
  [1, '1 товар', 'В заказе 1 товар'],
  [2, '2 товара', 'В заказе 2 товара'],
  [5, '5 товаров', 'В заказе 5 товаров'],
] as const) {
  test(`Accept-Language ru, ${quantity} item(s): cart, pay page, order page and receipt are in Russian`, async ({ page }) => {
    const email = `ru-${quantity}-${tag}@example.com`;
    await checkoutInRussian(page, 'self-custody-field-guide', quantity, email, cartNote);

    // The invoice was created with the order's locale: the pay page is Russian.
    await expect(page.locator('[lang="ru"]')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Оплата:');
    await expect(page.getByText('Сумма к оплате')).toBeVisible();
    await expect(page.getByText('Осталось времени на оплату:')).toBeVisible();
    await expect(page.getByTestId('sandbox-status')).toHaveText('создан');
    await expect(page).toHaveTitle(/Тестовая оплата/);
    await page.getByTestId('sandbox-pay-full').click();
    await expect(page.getByTestId('sandbox-pay-full')).toHaveCount(0);

    // Back on the Russian order page: the return URL carries the order's language.
    await expect(page).toHaveURL(/\/ru\/orders\/[A-Za-z0-9_-]{43}$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');
    await expect(page.getByTestId('order-status')).toHaveText('Оплачен');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Заказ CC-');
    await expect(page.getByTestId('order-paid')).toContainText('Оплата получена. Спасибо!');
    await expect(page.getByTestId('timeline-step').last()).toHaveText('Оплата подтверждена');
    await expect(page.getByTestId('order-item')).toContainText('Полевое руководство по самостоятельному хранению (электронная книга)');
    await expect(page.getByTestId('order-total')).toHaveText(`${9 * quantity},00\u00a0$`);

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
    await expect(text).toContainText('/ru/orders/');
    await expect(text).not.toContainText('Receipt');
  });
}

test('an English browser gets the English shop, pay page and receipt at unprefixed URLs', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' } });
  const page = await context.newPage();
  const email = `en-${tag}@example.com`;
  await checkout(page, 'self-custody-field-guide', 2, email);
  await expect(page.getByTestId('sandbox-pay-full')).toHaveText('Pay in full');
  await page.getByTestId('sandbox-pay-full').click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  expect(new URL(page.url()).pathname.startsWith('/ru/')).toBe(false);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await page.goto('/dev/mailbox');
  await page
    .getByTestId('mailbox-entry')
    .filter({ hasText: `To ${email}` })
    .filter({ hasText: 'Receipt for order' })
    .click();
  await expect(page.locator('pre')).toContainText('Your order: 2 items');
  await context.close();
});
