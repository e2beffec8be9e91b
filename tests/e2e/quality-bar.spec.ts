import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { firstLoadScriptBytes, pagesScrollingSideways, seriousA11yFindings, seriousFindingsHere } from './support/a11y';
import { checkout } from './support/shop';

/**
 * The buyer's pages: home, a product, the cart (with a line in it), an order and its sandbox pay
 * page. Pages added later (collections, search) join with one line here.
 */
async function buyerPages(page: Page): Promise<string[]> {
  await checkout(page, 'merkle-tree-socks?variant=MTS-SM', 2, 'quality@example.com');
  const payPath = new URL(page.url()).pathname;
  await page.goto('/checkout/return');
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{43}$/);
  const orderPath = new URL(page.url()).pathname;
  await page.goto('/products/node-runner-mug');
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  return ['/', '/collections/apparel', '/search?q=mug', '/products/node-runner-mug', '/cart', orderPath, payPath];
}

// Each test loads every page (axe runs twice per page): more than one ordinary test's time.
test.describe.configure({ mode: 'serial', timeout: 240_000 });
let paths: string[] = [];
// The same buyer's cookies (a cart line, the last order) for every test below.
let buyer: Awaited<ReturnType<BrowserContext['storageState']>>;

test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  paths = await buyerPages(await context.newPage());
  buyer = await context.storageState();
  await context.close();
});

test('axe-core finds no serious or critical problem on the buyer pages, in light and dark', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: buyer });
  const page = await context.newPage();
  expect(await seriousA11yFindings(page, paths)).toEqual([]);
  // The open cart drawer too, in both schemes.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/products/node-runner-mug');
    await page.getByTestId('cart-link').click();
    await expect(page.getByRole('dialog', { name: 'Your cart' })).toBeVisible();
    expect(await seriousFindingsHere(page, 'cart drawer', scheme)).toEqual([]);
  }
  await context.close();
});

test('on a 390×844 phone no page scrolls sideways, and each has one main landmark', async ({ browser, baseURL }) => {
  const context = await browser.newContext({
    baseURL,
    storageState: buyer,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  expect(await pagesScrollingSideways(page, paths)).toEqual([]);
  for (const path of paths) {
    await page.goto(path);
    await expect(page.locator('main'), path).toHaveCount(1);
  }
  // The drawer fits the phone as well.
  await page.goto('/products/node-runner-mug');
  await page.getByTestId('cart-link').click();
  const drawer = page.getByRole('dialog', { name: 'Your cart' });
  await expect(drawer).toBeVisible();
  const box = (await drawer.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await context.close();
});

test('first-load JavaScript of each page is recorded, and a product page ships at most 1.15× the home page', async ({
  browser,
  baseURL,
}) => {
  const weights: Record<string, number> = {};
  for (const path of paths) weights[path] = await firstLoadScriptBytes(browser, baseURL!, path);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/page-weight.json', `${JSON.stringify({ unit: 'bytes (compressed, cold load)', pages: weights }, null, 2)}\n`);
  const home = weights['/']!;
  const product = weights['/products/node-runner-mug']!;
  expect(home).toBeGreaterThan(0);
  expect(product / home).toBeLessThanOrEqual(1.15);
});
