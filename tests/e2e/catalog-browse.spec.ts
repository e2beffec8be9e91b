import { expect, test, type Page } from '@playwright/test';

const cardNames = (page: Page) => page.getByTestId('product-card').getByRole('heading');

/** True when the page is no wider than the viewport (nothing to scroll sideways). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('a buyer opens a collection from the menu, sorts it, goes back and reaches a product', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Collections' }).getByRole('link', { name: 'Apparel' }).click();
  await expect(page).toHaveURL(/\/collections\/apparel$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apparel');
  await expect(page).toHaveTitle(/^Apparel · /);
  await expect(cardNames(page)).toHaveText(['Genesis Block Hoodie', 'Merkle Tree Socks', 'Lightning Enamel Pin Set']);

  const sortMenu = page.getByRole('navigation', { name: 'Sort products' });
  await expect(sortMenu.getByRole('link', { name: 'Featured' })).toHaveAttribute('aria-current', 'true');
  await sortMenu.getByRole('link', { name: 'Price: low to high' }).click();
  await expect(page).toHaveURL(/\/collections\/apparel\?sort=price-asc$/);
  await expect(cardNames(page)).toHaveText(['Merkle Tree Socks', 'Lightning Enamel Pin Set', 'Genesis Block Hoodie']);
  await expect(sortMenu.getByRole('link', { name: 'Price: low to high' })).toHaveAttribute('aria-current', 'true');

  // The query string is the state: a fresh load of the URL shows the same order, back shows the previous one.
  await page.reload();
  await expect(cardNames(page).first()).toHaveText('Merkle Tree Socks');
  await page.goBack();
  await expect(page).toHaveURL(/\/collections\/apparel$/);
  await expect(cardNames(page).first()).toHaveText('Genesis Block Hoodie');

  await page.getByTestId('product-card').filter({ hasText: 'Merkle Tree Socks' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/products\/merkle-tree-socks$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merkle Tree Socks');
});

test('a buyer searches from the header, sorts the results and reaches a product', async ({ page }) => {
  await page.goto('/collections/home');
  const header = page.getByRole('search', { name: 'Search the shop' });
  await header.getByRole('searchbox').fill('steel');
  await header.getByRole('searchbox').press('Enter');
  await expect(page).toHaveURL(/\/search\?q=steel$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results for “steel”');
  // The search page's own box keeps what was searched.
  await expect(page.getByRole('search', { name: 'Search', exact: true }).getByRole('searchbox')).toHaveValue('steel');
  // Relevance: the product named so comes before those that only mention it.
  await expect(cardNames(page)).toHaveText(['Cold Storage Steel Plate', 'Faraday Wallet Pouch', 'Self-Custody Field Guide (e-book)']);

  await page.getByRole('navigation', { name: 'Sort products' }).getByRole('link', { name: 'Price: low to high' }).click();
  await expect(page).toHaveURL(/\/search\?q=steel&sort=price-asc$/);
  await expect(cardNames(page)).toHaveText(['Self-Custody Field Guide (e-book)', 'Faraday Wallet Pouch', 'Cold Storage Steel Plate']);
  await page.goBack();
  await expect(cardNames(page).first()).toHaveText('Cold Storage Steel Plate');

  // A word still being typed matches as a prefix; plurals match their singular.
  const typed: Array<[string, string]> = [
    ['runn', 'Node Runner Mug'],
    ['hoodies', 'Genesis Block Hoodie'],
  ];
  for (const [q, name] of typed) {
    await page.getByRole('search', { name: 'Search', exact: true }).getByRole('searchbox').fill(q);
    await page.getByRole('search', { name: 'Search', exact: true }).getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results for “${q}”`);
    await expect(cardNames(page)).toHaveText([name]);
  }
  await page.getByTestId('product-card').getByRole('link').click();
  await expect(page).toHaveURL(/\/products\/genesis-block-hoodie$/);
});

test('a search without results suggests collections and clearing it; hidden products stay hidden', async ({ page }) => {
  await page.goto('/search?q=halving');
  const empty = page.getByTestId('search-empty');
  await expect(empty.getByRole('heading')).toHaveText('No products match “halving”');
  await expect(page.getByTestId('product-card')).toHaveCount(0);
  await expect(empty.getByRole('link', { name: 'Digital' })).toBeVisible();

  await page.goto('/search?q=xyzzy+plugh');
  await page.getByTestId('search-empty').getByRole('link', { name: 'Home' }).click();
  await expect(page).toHaveURL(/\/collections\/home$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Home');

  await page.goBack();
  await page.getByTestId('search-empty').getByRole('link', { name: 'Clear the search' }).click();
  await expect(page).toHaveURL(/\/search$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
  await expect(page.getByTestId('product-card')).toHaveCount(11);
});

test('odd query strings get a page, never an error', async ({ page, request }) => {
  const long = await page.goto(`/search?q=${'hoodie%20'.repeat(400)}`);
  expect(long?.status()).toBe(200);
  await expect(page.getByTestId('search-shortened')).toContainText('only its first 100 were used');
  await expect(cardNames(page)).toHaveText(['Genesis Block Hoodie']);

  for (const path of [
    '/search?q=mug&sort=cheapest',
    '/search?q=%00%01mug',
    '/search?q=mug:*%20%26%20!',
    '/search?q=%27%3B%20drop%20table%20products%3B--',
    '/search?q=mug&q=socks&sort=price-asc&sort=newest',
    '/?sort=relevance',
    '/collections/home?sort=%F0%9F%A7%A6',
  ]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
  }
  await page.goto('/search?q=mug&sort=cheapest');
  await expect(page.getByRole('navigation', { name: 'Sort products' }).getByRole('link', { name: 'Relevance' })).toHaveAttribute(
    'aria-current',
    'true',
  );
  for (const path of ['/collections/no-such-collection', '/collections/Apparel', '/collections/a%27%20or%201=1']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('search, sort and the collection menu work as plain links and forms', async ({ page }) => {
    await page.goto('/');
    const header = page.getByRole('search', { name: 'Search the shop' });
    await header.getByRole('searchbox').fill('notebook');
    await header.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/search\?q=notebook$/);
    await expect(cardNames(page)).toHaveText(['Hash Rate Notebook']);
    await page.getByRole('navigation', { name: 'Collections' }).getByRole('link', { name: 'Accessories' }).click();
    await page.getByRole('navigation', { name: 'Sort products' }).getByRole('link', { name: 'Price: high to low' }).click();
    await expect(page).toHaveURL(/\/collections\/accessories\?sort=price-desc$/);
    await expect(cardNames(page).first()).toHaveText('Cold Storage Steel Plate');
  });
});

test.describe('on a 390 × 844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('home, collection and search pages fit the screen', async ({ page }) => {
    for (const path of [
      '/',
      '/collections/home',
      '/collections/digital',
      '/search?q=steel',
      '/search?q=xyzzy',
      `/search?q=${'x'.repeat(100)}`,
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await fitsWidth(page), path).toBe(true);
    }
  });

  test('the menu opens from the keyboard and leads to a collection; the header searches', async ({ page }) => {
    await page.goto('/');
    const menu = page.getByTestId('collection-menu');
    await expect(menu.getByRole('link', { name: 'Accessories' })).toBeHidden();
    await menu.getByText('Menu').focus();
    await page.keyboard.press('Enter');
    await expect(menu.getByRole('link', { name: 'Accessories' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'My orders' })).toBeVisible();
    expect(await fitsWidth(page)).toBe(true);
    await menu.getByRole('link', { name: 'Accessories' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/collections\/accessories$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accessories');
    await expect(page.getByTestId('collection-menu').getByRole('link', { name: 'Accessories' })).toBeHidden();

    const search = page.getByRole('search', { name: 'Search the shop' }).getByRole('searchbox');
    await expect(search).toBeVisible();
    await search.fill('socks');
    await search.press('Enter');
    await expect(cardNames(page)).toHaveText(['Merkle Tree Socks']);
    expect(await fitsWidth(page)).toBe(true);
  });
});
