import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { getDb, openDb, setDb } from '@/db/client';
import { cartItems, products } from '@/db/schema';
import { DEMO_PRODUCTS, seed } from '@/db/seed';
import { addToCart, getCart, getCartCount, newCartId, quantitySchema, removeFromCart, setCartQuantity } from '@/lib/cart';
import { getActiveProduct, listActiveProducts } from '@/lib/catalog';

async function productId(slug: string) {
  const { db } = await getDb();
  const [p] = await db.select().from(products).where(eq(products.slug, slug));
  if (!p) throw new Error(`no product ${slug}`);
  return p;
}

describe('health', () => {
  it('answers 200 after a real query and names the driver', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite' });
  });

  it('answers 503 with a reason when the database is unreachable', async () => {
    const healthy = await getDb();
    const down = await openDb({ url: 'postgres://postgres@127.0.0.1:1/none' });
    setDb(down);
    try {
      const res = await health();
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'error', reason: expect.stringContaining('database unavailable: connect ECONNREFUSED') });
    } finally {
      setDb(healthy);
      await down.close();
    }
  });
});

describe('seed and catalog', () => {
  it('seeds at least 8 active products, idempotently', async () => {
    const { db } = await getDb();
    const count = () => db.$count(products);
    const before = await count();
    expect(before).toBe(DEMO_PRODUCTS.length);
    expect(await seed(db)).toBe(0);
    expect(await count()).toBe(before);
    const active = await listActiveProducts();
    expect(active.length).toBeGreaterThanOrEqual(8);
    for (const p of active) {
      expect(Number.isSafeInteger(p.priceMinor)).toBe(true);
      expect(p.image).toMatch(/^\/products\/[a-z0-9-]+\.svg$/);
    }
  });

  it('hides inactive and unknown products', async () => {
    expect(await getActiveProduct('halving-anniversary-print')).toBeNull();
    expect(await getActiveProduct('no-such-product')).toBeNull();
    expect(await getActiveProduct("x' or 1=1 --")).toBeNull();
    expect((await getActiveProduct('node-runner-mug'))?.priceMinor).toBe(1600);
  });
});

describe('cart', () => {
  it('accepts only whole quantities from 1 to 99', () => {
    for (const bad of ['0', '-1', '1.5', '1000000000', 'abc', '', '1e3', ' ', '2abc']) {
      expect(quantitySchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(quantitySchema.parse('2')).toBe(2);
    expect(quantitySchema.parse(' 99 ')).toBe(99);
    expect(quantitySchema.parse('007')).toBe(7);
  });

  it("answers hostile quantities with the shop's own message, never zod's", () => {
    const whole = 'Enter a whole number from 1 to 99.';
    const atMost = 'You can order at most 99 of one item.';
    const cases: Array<[unknown, string]> = [
      ['99999999999999999999', atMost],
      ['9'.repeat(10_240), atMost],
      ['100', atMost],
      ['1e309', whole],
      ['-0', whole],
      ['٣', whole], // Arabic-Indic three
      ['３', whole], // full-width three
      ['x'.repeat(10_240), whole],
      ['00', whole],
      ['Infinity', whole],
      ['NaN', whole],
      ['0x10', whole],
      ['', 'Enter a quantity.'],
      [null, 'Enter a quantity.'],
      [new File(['5'], 'q.txt'), 'Enter a quantity.'],
    ];
    for (const [input, message] of cases) {
      const r = quantitySchema.safeParse(input);
      expect(r.success, String(input).slice(0, 20)).toBe(false);
      expect(
        r.error?.issues.map((i) => i.message),
        String(input).slice(0, 20),
      ).toEqual([message]);
    }
  });

  it('adds, totals from database prices, updates and removes', async () => {
    const cartId = newCartId();
    const mug = await productId('node-runner-mug');
    const socks = await productId('merkle-tree-socks');
    expect(await addToCart(cartId, mug.id, 2)).toEqual({ ok: true, value: { quantity: 2 } });
    expect(await addToCart(cartId, socks.id, 1)).toEqual({ ok: true, value: { quantity: 1 } });
    expect(await addToCart(cartId, mug.id, 1)).toEqual({ ok: true, value: { quantity: 3 } });

    let cart = await getCart(cartId);
    expect(cart.lines.map((l) => [l.slug, l.quantity])).toEqual([
      ['node-runner-mug', 3],
      ['merkle-tree-socks', 1],
    ]);
    expect(cart.subtotalMinor).toBe(3 * 1600 + 1199);
    expect(await getCartCount(cartId)).toBe(4);

    // A price change in the database is what the cart shows: nothing price-like is stored in it.
    const { db } = await getDb();
    await db.update(products).set({ priceMinor: 1700 }).where(eq(products.id, mug.id));
    cart = await getCart(cartId);
    expect(cart.subtotalMinor).toBe(3 * 1700 + 1199);

    expect(await setCartQuantity(cartId, mug.id, 1)).toEqual({ ok: true, value: { quantity: 1 } });
    await removeFromCart(cartId, socks.id);
    cart = await getCart(cartId);
    expect(cart.lines.map((l) => [l.slug, l.quantity])).toEqual([['node-runner-mug', 1]]);
  });

  it('refuses more than stock or than 99 per line, and unavailable products, changing nothing', async () => {
    const cartId = newCartId();
    const clock = await productId('block-height-wall-clock'); // stock 15
    const inactive = await productId('halving-anniversary-print');
    expect(await addToCart(cartId, clock.id, 10)).toEqual({ ok: true, value: { quantity: 10 } });
    const tooMany = await addToCart(cartId, clock.id, 6);
    expect(tooMany).toMatchObject({ ok: false, error: { kind: 'quantity' } });
    expect(!tooMany.ok && tooMany.error.message).toContain('Only 15 left in stock');
    expect(await addToCart(cartId, inactive.id, 1)).toMatchObject({ ok: false, error: { kind: 'product' } });
    expect(await addToCart(cartId, 999_999, 1)).toMatchObject({ ok: false, error: { kind: 'product' } });
    expect(await setCartQuantity(cartId, clock.id, 16)).toMatchObject({ ok: false, error: { kind: 'quantity' } });

    const { db } = await getDb();
    const rows = await db.select().from(cartItems).where(eq(cartItems.cartId, cartId));
    expect(rows.map((r) => [r.productId, r.quantity])).toEqual([[clock.id, 10]]);
  });

  it('6 concurrent adds of one product: never above stock, no errors, replies match the database', async () => {
    const cartId = newCartId();
    const clock = await productId('block-height-wall-clock'); // stock 15
    const results = await Promise.all(Array.from({ length: 6 }, () => addToCart(cartId, clock.id, 4)));

    const added = results.filter((r) => r.ok);
    // Each success reports the line as it stands right after its own add: 4, 8, 12 in some order.
    expect(added.map((r) => r.ok && r.value.quantity).sort((a, b) => Number(a) - Number(b))).toEqual([4, 8, 12]);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r).toEqual({ ok: false, error: { kind: 'quantity', message: 'Only 15 left in stock. You already have 12 in your cart.' } });
    }
    expect((await getCart(cartId)).lines.map((l) => l.quantity)).toEqual([12]);
  });

  it('6 concurrent adds of 50: the line stops at one add, below the 99 limit', async () => {
    const cartId = newCartId();
    const mug = await productId('node-runner-mug'); // stock 80
    const results = await Promise.all(Array.from({ length: 6 }, () => addToCart(cartId, mug.id, 50)));
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, value: { quantity: 50 } }]);
    for (const r of results.filter((r) => !r.ok))
      expect(r).toMatchObject({ ok: false, error: { kind: 'quantity', message: expect.stringContaining('You already have 50') } });
    expect(await getCartCount(cartId)).toBe(50);
  });

  it('treats a missing or malformed cart id as an empty cart', async () => {
    expect((await getCart(null)).lines).toEqual([]);
    expect((await getCart('not-a-uuid')).lines).toEqual([]);
    expect(await getCartCount(newCartId())).toBe(0);
  });
});
