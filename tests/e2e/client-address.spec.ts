import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { fillShipping } from './support/shop';

// The second server allows 3 checkouts per address and declares one trusted proxy
// (TRUSTED_PROXY_HOPS=1). Each browser context plays a buyer behind that proxy: the proxy appends
// the buyer's real address to whatever X-Forwarded-For the buyer sent, as nginx's
// `$proxy_add_x_forwarded_for` does.
const behindProxy = (context: BrowserContext, sentByBuyer: string, realAddress: string) =>
  context.setExtraHTTPHeaders({ 'x-forwarded-for': sentByBuyer ? `${sentByBuyer}, ${realAddress}` : realAddress });

/** Add a pair of socks and check out; true when the buyer reached the pay page, false when refused. */
async function tryCheckout(page: Page): Promise<boolean> {
  await page.goto('/products/merkle-tree-socks?variant=MTS-SM');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to cart');
  await page.goto('/cart');
  await page.getByTestId('checkout-email').fill('proxy@example.com');
  await fillShipping(page);
  await page.getByTestId('checkout-submit').click();
  await expect(page.getByTestId('checkout-error').or(page.getByTestId('sandbox-pay-full'))).toBeVisible();
  return page.getByTestId('sandbox-pay-full').isVisible();
}

test('a spoofed X-Forwarded-For gets no extra checkouts, and another buyer behind the same proxy is not locked out @second-server', async ({
  browser,
}) => {
  test.skip(test.info().project.name !== 'second-server', 'needs the server with a low checkout limit behind one trusted proxy');
  const alice = await browser.newContext();
  const alicePage = await alice.newPage();
  const spoofs = ['', '1.1.1.1', '10.0.0.1, 8.8.8.8', '2001:db8::99'];
  for (const [attempt, spoof] of spoofs.entries()) {
    await behindProxy(alice, spoof, '203.0.113.20');
    expect(await tryCheckout(alicePage), `checkout ${attempt + 1} with X-Forwarded-For "${spoof}"`).toBe(attempt < 3);
  }
  await expect(alicePage.getByTestId('checkout-error')).toContainText('Too many orders from your network');

  const bob = await browser.newContext();
  await behindProxy(bob, '', '203.0.113.21');
  expect(await tryCheckout(await bob.newPage())).toBe(true);
  await Promise.all([alice.close(), bob.close()]);
});
