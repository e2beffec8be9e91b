import { expect, test } from '@playwright/test';
import { fillShipping } from './support/shop';

// The e2e servers' APP_URL is http://localhost:<port>. A buyer who opens the shop at another
// address of the same server (here 127.0.0.1) must still reach the pay page and pay, with or
// without JavaScript: the pay page lives at APP_URL, and the CSP form-action of every page allows
// it (without JavaScript the browser checks the checkout's 303 against form-action).
for (const javaScriptEnabled of [false, true]) {
  test.describe(`opened at 127.0.0.1, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a buyer checks out, lands on the pay page, pays and sees the order paid', async ({ page, baseURL }) => {
      const otherHost = baseURL!.replace('//localhost:', '//127.0.0.1:');
      await page.goto(`${otherHost}/products/block-height-wall-clock`);
      // The back-office journey edits this product's price: take the price the page shows now.
      const price = (await page
        .locator('main')
        .getByText(/^\$[\d,]+\.\d{2}$/)
        .first()
        .textContent())!;
      await page.getByTestId('add-to-cart').click();
      await expect(page.getByTestId('cart-count')).toHaveText('1');
      await page.goto(`${otherHost}/cart`);
      await page.getByTestId('checkout-email').fill('elsewhere@example.com');
      await fillShipping(page);
      await page.getByTestId('checkout-submit').click();

      await expect(page).toHaveURL(new RegExp(`^${baseURL}/sandbox/pay/[A-Z0-9]{8}$`));
      await page.getByTestId('sandbox-pay-full').click();
      await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
      await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');
      // The clock is shipped with the first option ($6.00 to Germany).
      await expect(page.getByTestId('order-shipping')).toHaveText('$6.00');
      await expect(page.getByTestId('order-total')).toHaveText(`$${(Number(price.replace(/[$,]/g, '')) + 6).toFixed(2)}`);
    });
  });
}
