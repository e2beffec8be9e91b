import { expect, test, type Page } from '@playwright/test';
import { fillShipping } from './support/shop';
import { postgresAdminUrl, postgresShopURL, startPostgresShop, type PostgresShop } from './support/postgres-shop';

const SLUG = 'faraday-wallet-pouch';
const NAME = 'Faraday Wallet Pouch';

/** The quantity of the product's line in the buyer's cart, read where the server keeps it. */
function cartQuantity(page: Page, db: PostgresShop | null): () => Promise<number | null> {
  return async () => {
    if (db) {
      const cartId = (await page.context().cookies()).find((c) => c.name === 'cart_id')?.value;
      if (!cartId) return null;
      const rows = await db.query<{ quantity: number }>(
        'select ci.quantity from cart_items ci join products p on p.id = ci.product_id where ci.cart_id = $1 and p.slug = $2',
        [cartId, SLUG],
      );
      return rows[0]?.quantity ?? null;
    }
    // Without a database to look into: the cart page as the server renders it, without scripts.
    const html = await (await page.request.get('/cart')).text();
    const match = /data-testid="cart-line-quantity"[^>]*value="(\d+)"|value="(\d+)"[^>]*data-testid="cart-line-quantity"/.exec(html);
    return match ? Number(match[1] ?? match[2]) : null;
  };
}

function journey(db: () => PostgresShop | null) {
  test('add opens the drawer; −/+ change the line at once and settle to the server; a refused typed value stays with its message', async ({
    page,
  }) => {
    const quantityInDb = cartQuantity(page, db());
    await page.goto(`/products/${SLUG}`);
    const addButton = page.getByTestId('add-to-cart');
    await addButton.click();

    const drawer = page.getByRole('dialog', { name: 'Your cart' });
    await expect(drawer).toBeVisible();
    // A native modal dialog: the page behind is inert, and focus starts inside it.
    expect(await drawer.evaluate((d) => d.matches(':modal'))).toBe(true);
    await expect(drawer.getByRole('button', { name: 'Close cart' })).toBeFocused();
    await expect(drawer.getByTestId('drawer-line')).toHaveCount(1);
    await expect(drawer.getByTestId('drawer-line')).toContainText(NAME);
    const field = drawer.getByTestId('drawer-line-quantity');
    await expect(field).toHaveValue('1');
    await expect(page.getByTestId('cart-count')).toHaveText('1');

    await drawer.getByRole('button', { name: `One more ${NAME}` }).click();
    await expect(field).toHaveValue('2');
    await expect(page.getByTestId('cart-count')).toHaveText('2');
    await expect.poll(quantityInDb).toBe(2);
    await drawer.getByRole('button', { name: `One more ${NAME}` }).click();
    await drawer.getByRole('button', { name: `One more ${NAME}` }).click();
    await expect(page.getByTestId('cart-count')).toHaveText('4');
    await expect(field).toHaveValue('4');
    await drawer.getByRole('button', { name: `One fewer ${NAME}` }).click();
    await expect(page.getByTestId('cart-count')).toHaveText('3');
    await expect(drawer.getByTestId('drawer-subtotal')).toHaveText('$87.00');
    await expect.poll(quantityInDb).toBe(3);

    // Typed over the limit: the field keeps "150", the message sits next to it, nothing changes.
    await field.fill('150');
    await field.press('Enter');
    await expect(drawer.getByRole('alert')).toHaveText('You can order at most 99 of one item.');
    await expect(field).toHaveValue('150');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('cart-count')).toHaveText('3');
    await expect.poll(quantityInDb).toBe(3);

    // A typed value the server takes: the field and the count follow it.
    await field.fill('5');
    await field.press('Enter');
    await expect(page.getByTestId('cart-count')).toHaveText('5');
    await expect(field).toHaveAttribute('aria-invalid', 'false');
    await expect.poll(quantityInDb).toBe(5);

    // Escape closes it and focus goes back to where the buyer was.
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(addButton).toBeFocused();

    // The header's cart link opens it too, without leaving the page.
    await page.getByTestId('cart-link').click();
    await expect(drawer).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/products/${SLUG}$`));
    await drawer.getByTestId('drawer-checkout').click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(drawer).toBeHidden();
    await expect(page.getByTestId('cart-line-quantity')).toHaveValue('5');
  });

  test('the stepper on the cart page: a step past the stock settles to what the server kept; remove; checkout still works', async ({
    page,
  }) => {
    const shop = db();
    const quantityInDb = cartQuantity(page, shop);
    await page.goto(`/products/${SLUG}`);
    await page.getByLabel('Quantity', { exact: true }).fill('2');
    await page.getByTestId('add-to-cart').click();
    await expect(page.getByRole('dialog', { name: 'Your cart' })).toBeVisible();
    await page.goto('/cart');
    const line = page.getByTestId('cart-line');
    const field = page.getByTestId('cart-line-quantity');
    await expect(field).toHaveValue('2');

    if (shop) {
      // Stock runs low while the buyer looks: "+" shows 3 at once, then falls back to the server's 2.
      await shop.query('update products set stock = 2 where slug = $1', [SLUG]);
      await line.getByRole('button', { name: `One more ${NAME}` }).click();
      await expect(line.getByRole('alert').last()).toHaveText('Only 2 left in stock.');
      await expect(field).toHaveValue('2');
      await expect.poll(quantityInDb).toBe(2);
      await shop.query('update products set stock = 30 where slug = $1', [SLUG]);
    }

    await field.fill('100');
    await field.press('Enter');
    await expect(line.getByRole('alert')).toHaveText('You can order at most 99 of one item.');
    await expect(field).toHaveValue('100');
    await line.getByRole('button', { name: `One more ${NAME}` }).click();
    await expect(page.getByTestId('cart-count')).toHaveText('3');
    await expect(field).toHaveValue('3');
    await expect.poll(quantityInDb).toBe(3);

    await line.getByRole('button', { name: `Remove ${NAME} from cart` }).click();
    await expect(page.getByRole('heading', { name: 'Your cart is empty' })).toBeVisible();
    await expect(page.getByTestId('cart-count')).toHaveText('0');
    await expect.poll(quantityInDb).toBe(null);

    await page.goto(`/products/${SLUG}`);
    await page.getByTestId('add-to-cart').click();
    await page.getByRole('dialog', { name: 'Your cart' }).getByTestId('drawer-checkout').click();
    await page.getByTestId('checkout-email').fill('drawer@example.com');
    await fillShipping(page);
    await page.getByTestId('checkout-submit').click();
    await expect(page).toHaveURL(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
  });
}

test.describe('on PGlite', () => {
  journey(() => null);
});

test.describe('on PostgreSQL', () => {
  test.skip(!postgresAdminUrl, 'needs a PostgreSQL server (TEST_DATABASE_URL)');
  test.describe.configure({ mode: 'serial' });
  test.use({ baseURL: postgresShopURL });
  let shop: PostgresShop | null = null;
  test.beforeAll(async () => {
    shop = await startPostgresShop();
  });
  test.afterAll(async () => {
    await shop?.close();
  });
  journey(() => shop);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header link goes to /cart, and the stepper, a refused typed value and remove all work', async ({ page }) => {
    await page.goto(`/products/${SLUG}`);
    await page.getByTestId('add-to-cart').click();
    await expect(page.getByTestId('cart-count')).toHaveText('1');
    await page.getByTestId('cart-link').click();
    await expect(page).toHaveURL(/\/cart$/);
    const line = page.getByTestId('cart-line');
    const field = page.getByTestId('cart-line-quantity');
    await line.getByRole('button', { name: `One more ${NAME}` }).click();
    await expect(field).toHaveValue('2');
    await expect(page.getByTestId('cart-count')).toHaveText('2');
    await line.getByRole('button', { name: `One fewer ${NAME}` }).click();
    await expect(field).toHaveValue('1');
    await field.fill('120');
    await field.press('Enter');
    await expect(line.getByRole('alert')).toHaveText('You can order at most 99 of one item.');
    await expect(field).toHaveValue('120');
    await expect(page.getByTestId('cart-count')).toHaveText('1');
    await field.fill('4');
    await field.press('Enter');
    await expect(page.getByTestId('cart-count')).toHaveText('4');
    await line.getByRole('button', { name: `Remove ${NAME} from cart` }).click();
    await expect(page.getByRole('heading', { name: 'Your cart is empty' })).toBeVisible();
  });
});
