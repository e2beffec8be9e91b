import { expect, test } from '@playwright/test';

test('pages load without a 404 and declare icons and a manifest that all load', async ({ page, request }) => {
  const missing: string[] = [];
  page.on('response', (res) => {
    if (res.status() === 404) missing.push(res.url());
  });
  for (const path of ['/', '/collections/apparel', '/search?q=mug', '/products/node-runner-mug', '/cart']) {
    await page.goto(path, { waitUntil: 'load' });
  }

  const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThanOrEqual(1);
  const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(apple).toBeTruthy();
  expect(manifestHref).toBeTruthy();

  for (const url of [...icons, apple!, '/favicon.ico']) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    expect(res.headers()['content-type'], url).toMatch(/^image\/(svg\+xml|png|x-icon|vnd\.microsoft\.icon)/);
  }
  expect((await request.get(apple!)).headers()['content-type']).toBe('image/png');

  const manifest = await request.get(manifestHref!);
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as { name: string; icons: Array<{ src: string; sizes: string }> };
  expect(body.name).toBe('CryptoCloud Storefront');
  expect(body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of body.icons) {
    expect((await request.get(icon.src)).status(), icon.src).toBe(200);
  }

  // What the browser itself fetched along the way (icons included) never came back 404.
  expect(missing).toEqual([]);
});
