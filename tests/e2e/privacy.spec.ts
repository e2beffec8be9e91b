// What a buyer's browser may see: no secrets in the client bundles (catalogue I1), only the order
// page's own fields in its HTML and RSC payload (G4), and no token leaking through the referrer (G5).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { fillShipping } from './support/shop';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

// Values only the server may know: the sandbox's secret and API key (the gateway client's
// credentials while no real key is set) and any database connection string.
const SECRETS = ['sandbox-secret-key', 'sandbox-api-key', 'postgres://', 'postgresql://'];

test('client bundles carry no secret (I1)', () => {
  const files = filesUnder(path.join(process.cwd(), '.next', 'static')).filter((f) => /\.(js|css|json|html|txt)$/.test(f));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const secret of SECRETS) expect(text.includes(secret), `${secret} in ${path.relative(process.cwd(), file)}`).toBe(false);
  }
});

test('the order page shows its own fields only, and never sends its address to other sites (G4, G5)', async ({ page }) => {
  await page.goto('/products/node-runner-mug');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('add-to-cart-message')).toContainText('Added to cart');
  await page.goto('/cart');
  await page.getByTestId('checkout-email').fill('private-buyer@example.com');
  await fillShipping(page);
  await page.getByTestId('checkout-submit').click();
  await expect(page).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
  await page.goto('/checkout/return');
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);

  const url = page.url();
  const html = await (await page.request.get(url)).text();
  const rsc = await (await page.request.get(url, { headers: { RSC: '1' } })).text();
  for (const body of [html, rsc]) {
    expect(body).not.toContain('private-buyer@example.com');
    // Internal ids (orders, payments, carts) are UUIDs; the page is addressed by its token only.
    expect(body).not.toMatch(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i);
    for (const secret of SECRETS) expect(body).not.toContain(secret);
  }

  const response = await page.request.get(url);
  expect(response.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
});
