import { expect, test, type Page } from '@playwright/test';
import { postgresAdminUrl, postgresShopURL, startPostgresShop, type PostgresShop } from './support/postgres-shop';
import { SHIP_TO } from './support/shop';

// What a script does with one buyer's cookie: the same form posted many times at once, over HTTP,
// against the running shop. Run on the usual PGlite server and, when there is a PostgreSQL server,
// on one backed by it (only there do concurrent requests hold real row locks).

interface Reply {
  status: number;
  /** The server answered with a redirect (the checkout's 303 to the pay page). */
  redirected: boolean;
  text: string;
}

/**
 * Post the form `formTestId` of the page at `path`, as the server renders it for browsers without
 * JavaScript (with its server-action fields), once per entry of `variants` and all at once, with
 * the buyer's cookies. Each variant overrides some fields.
 */
async function postConcurrently(page: Page, path: string, formTestId: string, variants: Array<Record<string, string>>): Promise<Reply[]> {
  return page.evaluate(
    async ({ path, formTestId, variants }) => {
      const html = await (await fetch(path)).text();
      const form = new DOMParser().parseFromString(html, 'text/html').querySelector(`[data-testid="${formTestId}"]`)?.closest('form');
      if (!form) throw new Error(`no form ${formTestId} on ${path}`);
      return Promise.all(
        variants.map(async (fields) => {
          const body = new FormData(form);
          for (const [name, value] of Object.entries(fields)) body.set(name, value);
          const res = await fetch(path, { method: 'POST', body, redirect: 'manual' });
          const redirected = res.type === 'opaqueredirect';
          return { status: res.status, redirected, text: redirected ? '' : await res.text() };
        }),
      );
    },
    { path, formTestId, variants },
  );
}

async function stockOf(page: Page, slug: string): Promise<number> {
  const html = await (await page.request.get(`/products/${slug}`)).text();
  const match = /(\d+) in stock/.exec(html);
  return match ? Number(match[1]) : 0;
}

/** The sandbox's invoice count for today (local sandbox credentials). */
async function invoiceCount(page: Page): Promise<number> {
  const d = new Date();
  const day = `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
  const res = await page.request.post('/api/sandbox/cryptocloud/v2/invoice/merchant/list', {
    headers: { Authorization: 'Token sandbox-api-key' },
    data: { start: day, end: day, limit: 1 },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { all_count: number }).all_count;
}

const SLUG = 'block-height-wall-clock'; // stock 15 in the seed; other specs buy a few, so the test reads the stock it starts with

function races(db: () => PostgresShop | null) {
  test('concurrent adds stay within stock with true replies; concurrent checkouts of the cart make one order', async ({ page }) => {
    // An ordinary add in the browser gives the buyer a cart cookie; the cart starts empty again.
    await page.goto(`/products/${SLUG}`);
    await page.getByTestId('add-to-cart').click();
    await expect(page.getByTestId('cart-count')).toHaveText('1');
    await page.goto('/cart');
    await page.getByRole('button', { name: /Remove/ }).click();
    await expect(page.getByRole('heading', { name: 'Your cart is empty' })).toBeVisible();
    const stock = await stockOf(page, SLUG);

    await test.step('6 adds of 4 at once: no error, the line stops at 12, every reply tells the truth', async () => {
      const replies = await postConcurrently(
        page,
        `/products/${SLUG}`,
        'add-to-cart',
        Array.from({ length: 6 }, () => ({ quantity: '4' })),
      );
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const added = replies
        .map((r) => /You now have (\d+) in your cart/.exec(r.text)?.[1])
        .filter(Boolean)
        .map(Number);
      expect(added.sort((a, b) => a - b)).toEqual([4, 8, 12]);
      expect(replies.filter((r) => r.text.includes(`Only ${stock} left in stock. You already have 12 in your cart.`))).toHaveLength(3);
      await page.goto('/cart');
      await expect(page.getByTestId('cart-line-quantity')).toHaveValue('12');
    });

    await test.step('10 checkouts of that cart at once, each with its own checkout key: one order', async () => {
      // One item, so the stock could cover ten orders: only the cart claim stops the others.
      await page.getByTestId('cart-line-quantity').fill('1');
      await page.getByTestId('cart-line-quantity').press('Enter');
      await expect(page.getByText(/^1 item\. Prices/)).toBeVisible();
      const invoices = await invoiceCount(page);
      const keys = Array.from({ length: 10 }, (_, i) => `race-${i}-${Date.now()}-padding`);
      // The clock is shipped: every post carries an address and the first shipping option.
      const shippingOptionId = (await page.getByTestId('shipping-option').first().getAttribute('value'))!;
      const replies = await postConcurrently(
        page,
        '/cart',
        'checkout-form',
        keys.map((checkoutKey) => ({ checkoutKey, email: 'script@example.com', ...SHIP_TO, shippingOptionId })),
      );
      expect(replies.filter((r) => r.redirected)).toHaveLength(1);
      for (const r of replies.filter((r) => !r.redirected)) {
        expect(r.status).toBe(200);
        expect(r.text).toContain('Your cart is empty');
      }
      expect(await stockOf(page, SLUG)).toBe(stock - 1);
      expect(await invoiceCount(page)).toBe(invoices + 1);
      const shop = db();
      if (shop) {
        const rows = await shop.query<{ n: string }>('select count(*) as n from orders where checkout_key = any($1)', [keys]);
        expect(Number(rows[0]!.n)).toBe(1);
      }
    });
  });
}

test.describe('on PGlite', () => {
  races(() => null);
});

test.describe('on PostgreSQL', () => {
  test.skip(!postgresAdminUrl, 'needs a PostgreSQL server (TEST_DATABASE_URL)');
  test.describe.configure({ mode: 'serial' });
  test.use({ baseURL: postgresShopURL });
  let shop: PostgresShop | null = null;
  test.beforeAll(async () => {
    // 5 ms each way, as between an app and its database in a data centre: on a local socket a
    // transaction is over before the next request has been parsed, and no race would show.
    shop = await startPostgresShop({ latencyMs: 5 });
  });
  test.afterAll(async () => {
    await shop?.close();
  });
  races(() => shop);
});
