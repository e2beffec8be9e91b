import { expect, type Page } from '@playwright/test';

/** Add a product to the cart from its page (`slug` may choose a size: `hoodie?size=L`) and check out; ends on the sandbox pay page. */
export async function checkout(page: Page, slug: string, quantity = 1, email = 'buyer@example.com') {
  await page.goto(`/products/${slug}`);
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to cart');
  await page.goto('/cart');
  await page.getByTestId('checkout-email').fill(email);
  await fillShipping(page);
  await page.getByTestId('checkout-submit').click();
  await expect(page).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
}

/**
 * The stock a product page shows (0 when out of stock); `slug` may choose a size (`hoodie?size=L`).
 * Leaves the page on the product.
 */
export async function stockOf(page: Page, slug: string) {
  await page.goto(`/products/${slug}`);
  const text = (await page.getByText(/ in stock$|^Only \d+ left$|Out of stock|^Sold out$/).textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? 0);
}

/** The address the end-to-end buyers ship to. */
export const SHIP_TO = {
  shipName: 'Ada Lovelace',
  shipLine1: 'Friedrichstraße 1',
  shipCity: 'Berlin',
  shipPostalCode: '10117',
  shipCountry: 'DE',
};

/**
 * On the cart page: fill in the shipping address and choose a shipping option, when the cart holds
 * goods to send (the form then shows the fields; a digital-only cart has none).
 */
export async function fillShipping(page: Page, option = 'Standard (EU and UK)') {
  if (!(await page.getByTestId('shipping-fields').isVisible())) return;
  for (const [field, value] of Object.entries(SHIP_TO)) {
    if (field === 'shipCountry') await page.getByTestId('checkout-shipCountry').selectOption(value);
    else await page.getByTestId(`checkout-${field}`).fill(value);
  }
  await page.locator('label', { hasText: option }).getByTestId('shipping-option').check();
}
