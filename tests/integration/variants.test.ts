import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { addToCartAction } from '@/app/[locale]/cart/actions';
import { orderAgainAction } from '@/app/[locale]/orders/[token]/actions';
import { getDb } from '@/db/client';
import { auditLog, cartItems, orderItems, orders, productVariants } from '@/db/schema';
import { grantAdmin, type Admin } from '@/lib/auth';
import { addToCart, getCart, newCartId } from '@/lib/cart';
import { getProductDetail } from '@/lib/catalog';
import { updateVariant, variantUpdateSchema } from '@/lib/catalog-admin';
import { cancelUnpaidOrder } from '@/lib/orders/admin-actions';
import { placeOrder } from '@/lib/orders/place-order';
import { fakeRequest } from '../helpers/auth';
import { productBySlug, testShipping, variantBySku } from '../helpers/shop';

// Variants (sizes): chosen on the product page, reserved per variant with the checkout's conditional
// decrement, snapshotted on the order item; the product's stock is the variants' together.

vi.mock('next/headers', async () => (await import('../helpers/auth')).mockNextHeaders());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, updateTag: () => undefined }));

let admin: Admin;
beforeAll(async () => {
  admin = { id: (await grantAdmin(null, 'sizes@example.com')).id, email: 'sizes@example.com', name: null };
});
beforeEach(() => {
  fakeRequest.headers = new Headers();
  fakeRequest.cookies.clear();
});

const key = () => randomBytes(18).toString('base64url');

async function setVariantStock(sku: string, stock: number) {
  const v = await variantBySku(sku);
  const r = await updateVariant(admin, variantUpdateSchema.parse({ variantId: String(v.id), stock: String(stock), price: '' }));
  if (!r.ok) throw new Error(r.error.message);
}

/** The product's stock equals its variants' together (the trigger's invariant). */
async function expectStockAddsUp(slug: string) {
  const { db } = await getDb();
  const product = await productBySlug(slug);
  const variants = await db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.productId, product.id));
  expect(variants.length).toBeGreaterThan(0);
  expect(product.stock).toBe(variants.reduce((n, v) => n + v.stock, 0));
}

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe('seeded sizes', () => {
  it('the hoodie has S–XL with their own stock (S sold out) and XL its own price; the socks two sizes', async () => {
    const hoodie = await getProductDetail('genesis-block-hoodie');
    expect(hoodie?.options).toEqual([{ name: 'Size', values: ['S', 'M', 'L', 'XL'] }]);
    expect(hoodie?.variants.map((v) => [v.sku, v.label, v.stock, v.priceMinor])).toEqual([
      ['GBH-S', 'Size: S', 0, 5900],
      ['GBH-M', 'Size: M', 3, 5900],
      ['GBH-L', 'Size: L', 12, 5900],
      ['GBH-XL', 'Size: XL', 6, 6400],
    ]);
    expect(hoodie?.images.map((i) => i.src)).toEqual([
      '/products/genesis-block-hoodie.svg',
      '/products/genesis-block-hoodie-2.svg',
      '/products/genesis-block-hoodie-3.svg',
    ]);
    expect((await getProductDetail('merkle-tree-socks'))?.variants.map((v) => v.label)).toEqual(['Size: S/M', 'Size: L/XL']);
    expect((await getProductDetail('node-runner-mug'))?.variants).toEqual([]);
    await expectStockAddsUp('genesis-block-hoodie');
    await expectStockAddsUp('merkle-tree-socks');
  });
});

describe('choosing a variant', () => {
  it('the add-to-cart form refuses a product with sizes without one, next to the picker, and adds nothing', async () => {
    const hoodie = await productBySlug('genesis-block-hoodie');
    const r = await addToCartAction({}, form({ productId: String(hoodie.id), quantity: '2' }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { variant: 'Choose a size first.' }, values: { quantity: '2' } });
    const cartId = fakeRequest.cookies.get('cart_id');
    expect((await getCart(cartId)).lines).toEqual([]);
  });

  it('refuses a sold-out size, another product’s variant, a variant for a product without options, and junk ids', async () => {
    const hoodie = await productBySlug('genesis-block-hoodie');
    const mug = await productBySlug('node-runner-mug');
    const socksSM = await variantBySku('MTS-SM');
    const sizeS = await variantBySku('GBH-S');
    const cartId = newCartId();
    expect(await addToCart(cartId, hoodie.id, 1, sizeS.id)).toEqual({
      ok: false,
      error: { kind: 'variant', message: 'This choice is sold out.' },
    });
    expect(await addToCart(cartId, hoodie.id, 1, socksSM.id)).toEqual({
      ok: false,
      error: { kind: 'variant', message: 'This choice is not available. Choose again.' },
    });
    expect(await addToCart(cartId, mug.id, 1, socksSM.id)).toMatchObject({ ok: false, error: { kind: 'variant' } });
    for (const variantId of ['abc', '-1', '0', '99999999999']) {
      const r = await addToCartAction({}, form({ productId: String(hoodie.id), variantId, quantity: '1' }));
      expect(r.ok).toBe(false);
    }
    const { db } = await getDb();
    expect(await db.$count(cartItems, eq(cartItems.cartId, cartId))).toBe(0);
  });

  it('each size is its own cart line, limited by its own stock', async () => {
    const hoodie = await productBySlug('genesis-block-hoodie');
    const m = await variantBySku('GBH-M');
    const xl = await variantBySku('GBH-XL');
    const cartId = newCartId();
    expect(await addToCart(cartId, hoodie.id, 2, m.id)).toEqual({ ok: true, value: { quantity: 2 } });
    expect(await addToCart(cartId, hoodie.id, 1, xl.id)).toEqual({ ok: true, value: { quantity: 1 } });
    expect(await addToCart(cartId, hoodie.id, 2, m.id)).toEqual({
      ok: false,
      error: { kind: 'quantity', message: `Only ${m.stock} left in stock. You already have 2 in your cart.` },
    });
    const cart = await getCart(cartId);
    expect(cart.lines.map((l) => [l.sku, l.variantLabel, l.quantity, l.unitPriceMinor])).toEqual([
      ['GBH-M', 'Size: M', 2, 5900],
      ['GBH-XL', 'Size: XL', 1, 6400],
    ]);
    expect(cart.subtotalMinor).toBe(2 * 5900 + 6400);
  });
});

describe('checkout per variant', () => {
  it('the order item keeps the SKU, the label and the variant’s price at the time', async () => {
    const hoodie = await productBySlug('genesis-block-hoodie');
    const xl = await variantBySku('GBH-XL');
    const cartId = newCartId();
    expect(await addToCart(cartId, hoodie.id, 1, xl.id)).toMatchObject({ ok: true });
    const placed = await placeOrder(cartId, { email: 'xl@example.com', checkoutKey: key(), shipping: await testShipping() });
    if (!placed.ok) throw new Error(placed.error.message);
    const { db } = await getDb();
    // The price changes after the order: the order keeps what the buyer was charged.
    await db.update(productVariants).set({ priceMinor: 7000 }).where(eq(productVariants.id, xl.id));
    const [item] = await db.select().from(orderItems).where(eq(orderItems.orderId, placed.value.orderId));
    expect(item).toMatchObject({ variantId: xl.id, sku: 'GBH-XL', variantLabel: 'Size: XL', unitPriceMinor: 6400, lineTotalMinor: 6400 });
    const [order] = await db.select().from(orders).where(eq(orders.id, placed.value.orderId));
    expect(order?.subtotalMinor).toBe(6400);
    expect((await variantBySku('GBH-XL')).stock).toBe(xl.stock - 1);
    await expectStockAddsUp('genesis-block-hoodie');
    await db.update(productVariants).set({ priceMinor: 6400 }).where(eq(productVariants.id, xl.id));
  });

  it('concurrent checkouts of the last unit of a size: exactly one order, the stock never below zero', async () => {
    await setVariantStock('GBH-L', 1);
    const hoodie = await productBySlug('genesis-block-hoodie');
    const l = await variantBySku('GBH-L');
    const shipping = await testShipping();
    const carts = Array.from({ length: 12 }, () => newCartId());
    for (const c of carts) expect(await addToCart(c, hoodie.id, 1, l.id)).toMatchObject({ ok: true });
    const results = await Promise.all(carts.map((c) => placeOrder(c, { email: 'race@example.com', checkoutKey: key(), shipping })));
    const placed = results.filter((r) => r.ok);
    expect(placed).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r).toMatchObject({
        error: { kind: 'out_of_stock', message: 'Genesis Block Hoodie (Size: L) is out of stock. Remove it to continue.' },
      });
    }
    const { db } = await getDb();
    expect(await db.$count(orderItems, and(eq(orderItems.sku, 'GBH-L'), eq(orderItems.variantLabel, 'Size: L')))).toBe(1);
    expect((await variantBySku('GBH-L')).stock).toBe(0);
    await expectStockAddsUp('genesis-block-hoodie');

    // A canceled order puts the unit back on its size, and the product's count with it.
    const won = (placed[0] as { value: { orderId: string } }).value;
    expect(await cancelUnpaidOrder(admin, won.orderId, 'buyer changed their mind')).toMatchObject({ ok: true });
    expect((await variantBySku('GBH-L')).stock).toBe(1);
    await expectStockAddsUp('genesis-block-hoodie');
  });

  it('a line without a size for a product that has sizes is refused at checkout, nothing reserved', async () => {
    const hoodie = await productBySlug('genesis-block-hoodie');
    const cartId = newCartId();
    const { db } = await getDb();
    // As a cart from before the product got sizes would hold it.
    const { carts } = await import('@/db/schema');
    await db.insert(carts).values({ id: cartId });
    await db.insert(cartItems).values({ cartId, productId: hoodie.id, quantity: 1 });
    expect((await getCart(cartId)).lines[0]?.problem).toContain('Choose a size');
    const r = await placeOrder(cartId, { email: 'old@example.com', checkoutKey: key(), shipping: await testShipping() });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('Choose a size of Genesis Block Hoodie') },
    });
    expect((await productBySlug('genesis-block-hoodie')).stock).toBe(hoodie.stock);
    await expectStockAddsUp('genesis-block-hoodie');
  });
});

describe('order again', () => {
  it('puts each line of a canceled order back in the cart in the size it was bought in', async () => {
    const hoodie = await productBySlug('genesis-block-hoodie');
    const xl = await variantBySku('GBH-XL');
    const first = newCartId();
    expect((await addToCart(first, hoodie.id, 2, xl.id)).ok).toBe(true);
    const placed = await placeOrder(first, { email: 'again@example.com', checkoutKey: key(), shipping: await testShipping() });
    if (!placed.ok) throw new Error(placed.error.message);
    expect(await cancelUnpaidOrder(admin, placed.value.orderId, 'buyer changed their mind')).toMatchObject({ ok: true });

    const again = newCartId();
    fakeRequest.cookies.set('cart_id', again);
    const redirected = await orderAgainAction({}, form({ token: placed.value.publicToken })).then(
      () => '',
      (err: { digest?: string }) => String(err.digest ?? err),
    );
    expect(redirected).toMatch(/^NEXT_REDIRECT;[^;]*;\/cart;/);
    expect((await getCart(again)).lines.map((l) => [l.productId, l.variantId, l.variantLabel, l.quantity])).toEqual([
      [hoodie.id, xl.id, 'Size: XL', 2],
    ]);
  });
});

describe('back office', () => {
  it('edits a variant’s stock and price, audited, the product’s stock following', async () => {
    const before = await variantBySku('MTS-LXL');
    const r = await updateVariant(admin, variantUpdateSchema.parse({ variantId: String(before.id), stock: '7', price: '13.50' }));
    expect(r).toMatchObject({ ok: true, value: { sku: 'MTS-LXL', changed: ['stock', 'priceMinor'] } });
    expect(await variantBySku('MTS-LXL')).toMatchObject({ stock: 7, priceMinor: 1350 });
    await expectStockAddsUp('merkle-tree-socks');
    const { db } = await getDb();
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'product.variant.update'), eq(auditLog.subjectId, String(before.productId))));
    expect(entry).toMatchObject({
      actorEmail: 'sizes@example.com',
      subjectType: 'product',
      subjectId: String(before.productId),
      detail: { sku: 'MTS-LXL', stock: [before.stock, 7], priceMinor: [null, 1350] },
    });
    // Empty price: the product's again.
    await updateVariant(admin, variantUpdateSchema.parse({ variantId: String(before.id), stock: '7', price: '' }));
    expect((await variantBySku('MTS-LXL')).priceMinor).toBeNull();
    expect(variantUpdateSchema.safeParse({ variantId: String(before.id), stock: '-1', price: '' }).success).toBe(false);
    expect(variantUpdateSchema.safeParse({ variantId: String(before.id), stock: '1', price: '1.234' }).success).toBe(false);
  });
});
