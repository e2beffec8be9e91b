import { expect, test, type Page } from '@playwright/test';
import { fillShipping } from './support/shop';

// The whole buyer journey of issue 12 in one go, on a desktop and on a 390 × 844 phone: a collection
// from the menu, sorted; a search from the header; a size on the product page; "Add to cart" opens
// the drawer, where the quantity changes; checkout; payment in the sandbox; the paid order page.
// On the phone every page must fit the screen (no sideways scrolling).

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

const viewports = [
  { name: 'desktop', use: { viewport: { width: 1280, height: 800 } }, phone: false, email: 'journey-desktop@example.com' },
  {
    name: '390 × 844 phone',
    use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    phone: true,
    email: 'journey-phone@example.com',
  },
] as const;

for (const vp of viewports) {
  test.describe(`storefront journey on a ${vp.name}`, () => {
    test.use(vp.use);

    test('collection, sort, search, size, drawer, checkout, sandbox payment, paid order', async ({ page }) => {
      const fits = async (where: string) => {
        if (vp.phone) expect(await fitsWidth(page), where).toBe(true);
      };

      await page.goto('/');
      await fits('home');

      // A collection from the menu (behind "Menu" on a phone), then sorted by price.
      if (vp.phone) {
        const menu = page.getByTestId('collection-menu');
        await menu.getByText('Menu').click();
        await menu.getByRole('link', { name: 'Apparel' }).click();
      } else {
        await page.getByRole('navigation', { name: 'Collections' }).getByRole('link', { name: 'Apparel' }).click();
      }
      await expect(page).toHaveURL(/\/collections\/apparel$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apparel');
      await fits('collection');
      await page.getByRole('navigation', { name: 'Sort products' }).getByRole('link', { name: 'Price: low to high' }).click();
      await expect(page).toHaveURL(/sort=price-asc/);
      const cards = await page.getByTestId('product-card').allTextContents();
      const numbers = cards.map((text) => Number(/\$([0-9,]+\.[0-9]{2})/.exec(text)?.[1]?.replace(/,/g, '')));
      expect(numbers.length).toBeGreaterThan(1);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

      // A search from the header leads to the hoodie.
      const search = page.getByRole('search', { name: 'Search the shop' }).getByRole('searchbox');
      await search.fill('hoodie');
      await search.press('Enter');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “hoodie”');
      await fits('search');
      await page.getByTestId('product-card').filter({ hasText: 'Genesis Block Hoodie' }).getByRole('link').first().click();
      await expect(page).toHaveURL(/\/products\/genesis-block-hoodie/);

      // A size: the URL follows, the price is the size's own.
      await page.getByRole('link', { name: 'Size XL' }).click();
      await expect(page).toHaveURL(/\?size=XL$/);
      await expect(page.getByTestId('product-price')).toHaveText('$64.00');
      await fits('product');

      // "Add to cart" opens the drawer; one more in the drawer makes two.
      await page.getByTestId('add-to-cart').click();
      const drawer = page.getByRole('dialog', { name: 'Your cart' });
      await expect(drawer).toBeVisible();
      await fits('drawer');
      const line = drawer.getByTestId('drawer-line').filter({ hasText: 'Genesis Block Hoodie' });
      await expect(line).toContainText('Size: XL');
      await expect(line.getByTestId('drawer-line-quantity')).toHaveValue('1');
      await line.getByRole('button', { name: /^One more Genesis Block Hoodie/ }).click();
      await expect(line.getByTestId('drawer-line-quantity')).toHaveValue('2');
      // Settled by the server: the subtotal and the header's count follow.
      await expect(drawer.getByTestId('drawer-subtotal')).toHaveText('$128.00');
      await expect(page.getByTestId('cart-count')).toHaveText('2');

      // Checkout from the drawer.
      await drawer.getByTestId('drawer-checkout').click();
      await expect(page).toHaveURL(/\/cart$/);
      await fits('cart');
      await expect(page.getByTestId('cart-line-variant')).toHaveText('Size: XL');
      await page.getByTestId('checkout-email').fill(vp.email);
      await fillShipping(page);
      await page.getByTestId('checkout-submit').click();
      // Checkout creates the invoice at the sandbox over HTTP: slow on a busy machine.
      await expect(page).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/, { timeout: 30_000 });
      await fits('pay page');

      // Payment in the sandbox; the order page reads the paid order from the database.
      await page.getByTestId('sandbox-pay-full').click();
      await expect(page).toHaveURL(/\/orders\//);
      await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');
      const item = page.getByTestId('order-item');
      await expect(item).toHaveCount(1);
      await expect(item).toContainText('Genesis Block Hoodie');
      await expect(page.getByTestId('order-item-variant')).toHaveText('Size: XL');
      await expect(item).toContainText('2 ×');
      await expect(page.getByTestId('order-timeline').getByText('Payment confirmed', { exact: true })).toHaveCount(1);
      await fits('order page');
    });
  });
}
