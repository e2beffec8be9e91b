import { expect, test } from '@playwright/test';
import { openNewestLink, signIn } from './support/admin';
import { fillShipping } from './support/shop';

// After the money, from a fresh shop with nothing configured: a buyer buys a hoodie (address,
// shipping option) and an e-book in one cart, pays in the sandbox, finds the receipt in the
// development mailbox, downloads the e-book from its link, signs in from the mailbox and finds the
// order under My orders; the merchant marks the hoodie shipped and the buyer gets the tracking email.

const tag = Math.random().toString(36).slice(2, 8);
const email = `journey-${tag}@example.com`;

test('a buyer gets a hoodie and an e-book delivered, and the merchant ships', async ({ page: buyer, browser }) => {
  test.setTimeout(180_000);
  let orderUrl = '';

  await test.step('one cart: a hoodie to ship and an e-book to download', async () => {
    for (const slug of ['genesis-block-hoodie?size=L', 'self-custody-field-guide']) {
      await buyer.goto(`/products/${slug}`);
      await buyer.getByTestId('add-to-cart').click();
      await expect(buyer.getByTestId('add-to-cart-message')).toContainText('Added to cart');
    }
    await buyer.goto('/cart');
    await expect(buyer.getByTestId('cart-line')).toHaveCount(2);
    await buyer.getByTestId('checkout-email').fill(email);
    // The address is checked on the server, with messages next to its fields.
    await buyer.getByTestId('checkout-submit').click();
    await expect(buyer.getByTestId('checkout-shipName')).toHaveAttribute('aria-invalid', 'true');
    await expect(buyer.getByText('Enter the street and house number.')).toBeVisible();
    await fillShipping(buyer, 'Standard (EU and UK)');
    await buyer.getByTestId('checkout-submit').click();
    await expect(buyer).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
  });

  await test.step('pay in the sandbox: the order page shows the shipping line, the address and the download', async () => {
    await buyer.getByTestId('sandbox-pay-full').click();
    await expect(buyer).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
    await expect(buyer.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');
    orderUrl = buyer.url();
    await expect(buyer.getByTestId('order-shipping')).toHaveText('$6.00');
    await expect(buyer.getByTestId('order-total')).toHaveText('$74.00'); // $59 + $9 + $6 shipping
    await expect(buyer.getByTestId('order-address')).toContainText('Friedrichstraße 1');
    await expect(buyer.getByTestId('download-link')).toHaveText('Download Self-Custody-Field-Guide.pdf');
  });

  await test.step('the receipt is in the development mailbox, and its link downloads the e-book', async () => {
    await buyer.goto('/dev/mailbox');
    await buyer
      .getByTestId('mailbox-entry')
      .filter({ hasText: `To ${email}` })
      .filter({ hasText: 'Receipt for order' })
      .click();
    await expect(buyer.getByTestId('mailbox-to')).toHaveText(email);
    const download = buyer.getByTestId('mailbox-link').filter({ hasText: '/downloads/' });
    await expect(download).toHaveCount(1);
    const res = await buyer.request.get((await download.getAttribute('href'))!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toContain('Self-Custody-Field-Guide.pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  await test.step('My orders: a link from the mailbox signs the buyer in and lists the order', async () => {
    await buyer.goto(orderUrl);
    await buyer.getByTestId('my-orders-link').click();
    await expect(buyer).toHaveURL(/\/account\/orders$/);
    await buyer.getByTestId('field-email').fill(email);
    await buyer.getByTestId('my-orders-form-submit').click();
    await expect(buyer.getByTestId('my-orders-form-message')).toContainText(`If orders were placed with ${email}`);
    await openNewestLink(buyer, email);
    await expect(buyer).toHaveURL(/\/account\/orders$/);
    await expect(buyer.getByTestId('my-orders-email')).toHaveText(email);
    await expect(buyer.getByTestId('my-order')).toHaveCount(1);
    await expect(buyer.getByTestId('my-order')).toContainText('Genesis Block Hoodie');
    await buyer.getByTestId('my-order').click();
    await expect(buyer).toHaveURL(orderUrl);
  });

  await test.step('the merchant packs the hoodie and marks it shipped; the buyer gets the tracking email', async () => {
    const context = await browser.newContext();
    const admin = await context.newPage();
    await signIn(admin, 'admin@example.com', '/admin/shipping');
    await expect(admin).toHaveURL(/\/admin\/shipping$/);
    const entry = admin.getByTestId('packing-entry').filter({ hasText: email });
    await expect(entry.getByTestId('packing-address')).toContainText('10117 Berlin');
    await entry.getByTestId('field-trackingRef').fill(`DHL-${tag}`);
    await entry.getByTestId('mark-shipped-submit').click();
    await expect(admin.getByTestId('shipped-notice')).toContainText('marked shipped');
    await expect(admin.getByTestId('packing-entry').filter({ hasText: email })).toHaveCount(0);
    await context.close();

    await buyer.goto('/dev/mailbox');
    await buyer
      .getByTestId('mailbox-entry')
      .filter({ hasText: `To ${email}` })
      .filter({ hasText: 'is on its way' })
      .click();
    // The plain-text part of the message (the HTML part is in a sandboxed frame).
    await expect(buyer.locator('pre')).toContainText(`Tracking reference: DHL-${tag}`);
    await buyer.goto(orderUrl);
    await expect(buyer.getByTestId('order-fulfilled')).toContainText(`DHL-${tag}`);
  });
});
