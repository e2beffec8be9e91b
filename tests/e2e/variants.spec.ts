import { expect, test, type Page } from '@playwright/test';
import { postgresAdminUrl, startPostgresShop, type PostgresShop } from './support/postgres-shop';
import { fillShipping } from './support/shop';

// A size from the product page to the paid order: the picker's URL, sold-out sizes, the message
// when no size is chosen, the size in the cart and on the order.

/** On the hoodie's page: pick M, add it, check out and pay in the sandbox. Ends on the paid order page. */
async function buyHoodieInM(page: Page, base = '') {
  await page.goto(`${base}/products/genesis-block-hoodie`);
  // S is sold out: shown, but not a link.
  const small = page.getByTestId('variant-option').and(page.locator('[data-value="S"]'));
  await expect(small).toHaveAttribute('aria-disabled', 'true');
  await expect(small).toHaveAttribute('data-state', 'sold-out');
  await expect(page.getByTestId('variant-picker').getByRole('link', { name: /^Size S$/ })).toHaveCount(0);

  // No size yet: the message is next to the picker and nothing is added.
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('variant-message')).toHaveText('Choose a size first.');
  await expect(page.getByTestId('cart-count')).toHaveText('0');

  // XL has its own price; M has few left.
  await page.getByRole('link', { name: 'Size XL' }).click();
  await expect(page).toHaveURL(/\?size=XL$/);
  await expect(page.getByTestId('product-price')).toHaveText('$64.00');
  await page.getByRole('link', { name: 'Size M' }).click();
  await expect(page).toHaveURL(/\?size=M$/);
  await expect(page.getByRole('link', { name: 'Size M' })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('product-price')).toHaveText('$59.00');
  await expect(page.getByTestId('stock-hint')).toHaveText(/^Only [1-3] left$/);
  await expect(page.getByTestId('variant-message')).toBeEmpty();

  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to cart');
  await page.goto(`${base}/cart`);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-line-variant')).toHaveText('Size: M');
  await page.getByTestId('checkout-email').fill('sizes@example.com');
  await fillShipping(page);
  await page.getByTestId('checkout-submit').click();
  // Checkout creates the invoice at the sandbox over HTTP: slow on a busy machine.
  await expect(page).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/, { timeout: 30_000 });
  await page.getByTestId('sandbox-pay-full').click();
  await expect(page).toHaveURL(/\/orders\//);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');
  await expect(page.getByTestId('order-item-variant')).toHaveText('Size: M');
}

test('pick a size on the product page, buy it, and the order keeps the size', async ({ page }) => {
  await buyHoodieInM(page);
});

test.describe('on PostgreSQL', () => {
  test.skip(!postgresAdminUrl, 'needs TEST_DATABASE_URL');
  let shop: PostgresShop;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    shop = await startPostgresShop();
  });
  test.afterAll(async () => {
    await shop?.close();
  });

  test('the paid order’s item is the variant: its SKU, label and price, and the size’s stock went down by one', async ({ page }) => {
    const [before] = await shop.query<{ stock: number }>(`select stock from product_variants where sku = 'GBH-M'`);
    const { postgresShopURL } = await import('./support/postgres-shop');
    await buyHoodieInM(page, postgresShopURL);
    const items = await shop.query<{ sku: string; variant_label: string; unit_price_minor: string }>(
      `select i.sku, i.variant_label, i.unit_price_minor from order_items i join orders o on o.id = i.order_id where o.email = 'sizes@example.com' and o.status = 'paid'`,
    );
    expect(items).toEqual([{ sku: 'GBH-M', variant_label: 'Size: M', unit_price_minor: '5900' }]);
    const [after] = await shop.query<{ stock: number }>(`select stock from product_variants where sku = 'GBH-M'`);
    expect(after!.stock).toBe(before!.stock - 1);
  });
});

test('gallery thumbnails work with the keyboard and keep the chosen size', async ({ page }) => {
  await page.goto('/products/genesis-block-hoodie?size=L');
  const main = page.getByTestId('gallery-main');
  await expect(main).toHaveAttribute('src', '/products/genesis-block-hoodie.svg');
  const thumbs = page.getByTestId('gallery-thumb');
  await expect(thumbs).toHaveCount(3);
  await expect(thumbs.first()).toHaveAttribute('aria-current', 'true');
  await thumbs.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?size=L&image=3$/);
  await expect(main).toHaveAttribute('src', '/products/genesis-block-hoodie-3.svg');
  await expect(main).toHaveAttribute('alt', 'Genesis Block Hoodie, close-up');
  await expect(thumbs.nth(2)).toHaveAttribute('aria-current', 'true');
  // Tab moves on to the next thumbnail, Enter opens it.
  await thumbs.nth(0).focus();
  await page.keyboard.press('Tab');
  await expect(thumbs.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(main).toHaveAttribute('src', '/products/genesis-block-hoodie-2.svg');
  await expect(page.getByRole('link', { name: 'Size L' })).toHaveAttribute('aria-current', 'true');
});

test('the product page has JSON-LD with offers per size, a canonical URL, and an Open Graph image', async ({ page, request }) => {
  await page.goto('/products/genesis-block-hoodie?size=M');
  const json = JSON.parse((await page.getByTestId('product-json-ld').textContent()) ?? '');
  expect(json).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: 'Genesis Block Hoodie',
    offers: { '@type': 'AggregateOffer', priceCurrency: 'USD', lowPrice: '59.00', highPrice: '64.00', offerCount: 4 },
  });
  expect(json.image).toHaveLength(3);
  expect(json.offers.offers.map((o: { sku: string; price: string; availability: string }) => [o.sku, o.price, o.availability])).toEqual([
    ['GBH-S', '59.00', 'https://schema.org/OutOfStock'],
    ['GBH-M', '59.00', 'https://schema.org/InStock'],
    ['GBH-L', '59.00', 'https://schema.org/InStock'],
    ['GBH-XL', '64.00', 'https://schema.org/InStock'],
  ]);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/products\/genesis-block-hoodie$/);
  await expect(page).toHaveTitle(/^Genesis Block Hoodie/);
  const ogImage = await page.locator('meta[property="og:image"]').first().getAttribute('content');
  expect(ogImage).toContain('/products/genesis-block-hoodie/opengraph-image');
  const image = await request.get(new URL(ogImage!).pathname + new URL(ogImage!).search);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');

  // A product without options has one Offer.
  await page.goto('/products/node-runner-mug');
  const mug = JSON.parse((await page.getByTestId('product-json-ld').textContent()) ?? '');
  expect(mug.offers).toMatchObject({ '@type': 'Offer', price: '16.00', priceCurrency: 'USD', availability: 'https://schema.org/InStock' });
  await expect(page.getByTestId('related-products').getByTestId('product-card')).toHaveCount(4);
});
