import { expect, type Page } from '@playwright/test';

/** Add a product to the cart from its page and check out; ends on the sandbox pay page. */
export async function checkout(page: Page, slug: string, quantity = 1, email = 'buyer@example.com') {
  await page.goto(`/products/${slug}`);
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to cart');
  await page.goto('/cart');
  await page.getByTestId('checkout-email').fill(email);
  await page.getByTestId('checkout-submit').click();
  await expect(page).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
}

/** The stock a product page shows (0 when out of stock). Leaves the page on the product. */
export async function stockOf(page: Page, slug: string) {
  await page.goto(`/products/${slug}`);
  const text = (await page.getByText(/ in stock$|Out of stock/).textContent()) ?? '';
  return text.startsWith('Out') ? 0 : Number(text.split(' ')[0]);
}
