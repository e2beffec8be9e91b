import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/admin';
import { checkout, stockOf } from './support/shop';

// The merchant's day, from a fresh shop with nothing configured: sign in with a link from the
// development mailbox, find a paid order and its postback, re-check it, cancel an unpaid order,
// resolve an order whose money came after it expired, change a price, sign out.

const status = (page: Page) => page.getByTestId('order-status');
const tag = Math.random().toString(36).slice(2, 8);

/** Open an order in the back office by searching for the buyer's email. */
async function openOrder(admin: Page, email: string) {
  await admin.goto('/admin/orders');
  await admin.getByTestId('order-search-q').fill(email);
  await admin.getByTestId('order-search-submit').click();
  await expect(admin.getByTestId('order-row')).toHaveCount(1);
  await admin.getByTestId('order-link').click();
  await expect(admin.getByTestId('order-email')).toHaveText(email);
}

test('a merchant signs in offline and runs the shop', async ({ page: buyer, browser, request }) => {
  test.setTimeout(180_000);
  const paidBuyer = `paid-${tag}@example.com`;
  const unpaidBuyer = `unpaid-${tag}@example.com`;
  const lateBuyer = `late-${tag}@example.com`;
  let paidOrderUrl = '';
  let unpaidOrderUrl = '';
  let lateOrderUrl = '';
  let socksBefore = 0;
  let hoodiesBefore = 0;

  await test.step('buyers: one pays, one does not, one pays after the invoice expired', async () => {
    await checkout(buyer, 'block-height-wall-clock', 1, paidBuyer);
    await buyer.getByTestId('sandbox-pay-full').click();
    await expect(status(buyer)).toHaveAttribute('data-status', 'paid');
    paidOrderUrl = buyer.url();

    socksBefore = await stockOf(buyer, 'merkle-tree-socks?variant=MTS-SM');
    await checkout(buyer, 'merkle-tree-socks?variant=MTS-SM', 2, unpaidBuyer);
    await buyer.goto('/checkout/return');
    await expect(status(buyer)).toHaveAttribute('data-status', 'awaiting_payment');
    unpaidOrderUrl = buyer.url();
    expect(await stockOf(buyer, 'merkle-tree-socks?variant=MTS-SM')).toBe(socksBefore - 2);

    hoodiesBefore = await stockOf(buyer, 'genesis-block-hoodie?size=L');
    await checkout(buyer, 'genesis-block-hoodie?size=L', 1, lateBuyer);
    const invoice = `INV-${buyer.url().split('/').at(-1)}`;
    await buyer.getByTestId('sandbox-expire').click();
    await expect(status(buyer)).toHaveAttribute('data-status', 'expired');
    lateOrderUrl = buyer.url();
    expect(await stockOf(buyer, 'genesis-block-hoodie?size=L')).toBe(hoodiesBefore);
    // The buyer's transaction confirms after expiry (the sandbox's pay-late control).
    const late = await request.post(`/api/sandbox/cryptocloud/control/invoices/${invoice}/pay-late`, {
      headers: { Authorization: 'Token sandbox-api-key' },
    });
    expect(late.status()).toBe(200);
    await buyer.goto(lateOrderUrl);
    await expect(status(buyer)).toHaveAttribute('data-status', 'needs_review');
  });

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();

  await test.step('sign in with a link from the development mailbox', async () => {
    await admin.goto('/admin/sign-in');
    await expect(admin.getByTestId('dev-admin-note')).toContainText('admin@example.com');
    await signIn(admin);
    await expect(admin).toHaveURL(/\/admin$/);
    await expect(admin.getByTestId('admin-email')).toHaveText('admin@example.com');
    await expect(admin.getByTestId('test-mode-banner')).toBeVisible();
    await expect(admin.getByTestId('needs-review-count')).toHaveText(/^[1-9]\d*$/);
    await expect(admin.getByTestId('gateway-statistics')).toBeVisible();
  });

  await test.step('the paid order, its invoice and its postback; re-check it', async () => {
    await openOrder(admin, paidBuyer);
    await expect(status(admin)).toHaveAttribute('data-status', 'paid');
    await expect(admin.getByTestId('invoice-uuid')).toHaveText(/^INV-[A-Z0-9]{8}$/);
    await expect(admin.getByTestId('invoice-status')).toContainText('paid');
    await expect(admin.getByTestId('order-postback').getByTestId('postback-verdict')).toHaveAttribute('data-verdict', 'applied');
    await admin.getByTestId('recheck-submit').click();
    await expect(admin.getByTestId('recheck-message')).toContainText('paid at CryptoCloud');
    await expect(admin.getByTestId('timeline-event').last()).toContainText('admin@example.com: Re-checked with CryptoCloud');

    await admin.getByTestId('fulfil').getByTestId('field-trackingRef').fill(`TRACK-${tag}`);
    await admin.getByTestId('fulfil-submit').click();
    await expect(admin.getByTestId('fulfilled-badge')).toBeVisible();
    await buyer.goto(paidOrderUrl);
    await expect(buyer.getByTestId('order-fulfilled')).toContainText(`TRACK-${tag}`);
  });

  await test.step('cancel the unpaid order: its stock comes back', async () => {
    await openOrder(admin, unpaidBuyer);
    await expect(status(admin)).toHaveAttribute('data-status', 'awaiting_payment');
    await admin.getByTestId('cancel-order').getByTestId('field-reason').fill('Buyer asked to cancel');
    await admin.getByTestId('cancel-order-submit').click();
    await expect(status(admin)).toHaveAttribute('data-status', 'canceled');
    await expect(admin.getByTestId('invoice-status')).toContainText('canceled');
    await expect(admin.getByTestId('timeline-event').last()).toContainText('Why: Buyer asked to cancel');
    expect(await stockOf(buyer, 'merkle-tree-socks?variant=MTS-SM')).toBe(socksBefore);
    await buyer.goto(unpaidOrderUrl);
    await expect(status(buyer)).toHaveAttribute('data-status', 'canceled');
  });

  await test.step('resolve the late payment as paid, with a reason: its stock is taken again', async () => {
    await admin.goto('/admin/orders?status=needs_review');
    await admin.getByTestId('order-row').filter({ hasText: lateBuyer }).getByTestId('order-link').click();
    await expect(admin.getByTestId('order-postback').getByTestId('postback-verdict')).toHaveAttribute('data-verdict', 'mismatch');
    // The reason is required.
    await admin.getByTestId('resolve-paid-submit').click();
    await expect(admin.getByTestId('resolve-paid').getByTestId('field-reason')).toHaveAttribute('aria-invalid', 'true');
    await admin.getByTestId('resolve-paid').getByTestId('field-reason').fill('Paid minutes after expiry; we still have hoodies');
    await admin.getByTestId('resolve-paid-submit').click();
    await expect(status(admin)).toHaveAttribute('data-status', 'paid');
    await expect(admin.getByTestId('timeline-event').last()).toContainText('admin@example.com: Resolved the review');
    expect(await stockOf(buyer, 'genesis-block-hoodie?size=L')).toBe(hoodiesBefore - 1);
    await buyer.goto(lateOrderUrl);
    await expect(status(buyer)).toHaveAttribute('data-status', 'paid');
  });

  await test.step('change a price: the shop shows it at once', async () => {
    await admin.goto('/admin/products');
    await admin.getByTestId('product-row').filter({ hasText: 'Block Height Wall Clock' }).getByRole('link').click();
    await admin.getByTestId('field-price').fill('41.25');
    await admin.getByTestId('product-form-submit').click();
    await expect(admin.getByTestId('product-form-message')).toContainText('Saved');
    await buyer.goto('/products/block-height-wall-clock');
    await expect(buyer.getByText('$41.25')).toBeVisible();
  });

  await test.step('sign out', async () => {
    await admin.getByTestId('sign-out-submit').click();
    await expect(admin.getByTestId('signed-out')).toBeVisible();
    await admin.goto('/admin/orders');
    await expect(admin).toHaveURL(/\/admin\/sign-in\?callbackUrl=%2Fadmin%2Forders$/);
  });
  await adminContext.close();
});
