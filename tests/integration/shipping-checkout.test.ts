import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { orders, payments, shippingOptions } from '@/db/schema';
import { checkoutAction } from '@/app/[locale]/cart/actions';
import { grantAdmin, type Admin } from '@/lib/auth';
import { newCartId } from '@/lib/cart';
import { saveShippingOption, shippingOptionInputSchema } from '@/lib/fulfilment';
import { fakeRequest } from '../helpers/auth';
import { addProductToCart, startShop, type Shop } from '../helpers/shop';

// Shipping at checkout, through the real checkout action: the address is validated field by
// field, and the shipping price (and so the order total and the invoice amount) comes from the
// database whatever the form says.

vi.mock('next/headers', async () => (await import('../helpers/auth')).mockNextHeaders());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, updateTag: () => undefined }));

let shop: Shop;
let admin: Admin;

beforeAll(async () => {
  shop = await startShop();
  admin = { id: (await grantAdmin(null, 'merchant@example.com')).id, email: 'merchant@example.com', name: null };
});
afterAll(async () => {
  await shop.close();
});
beforeEach(() => {
  fakeRequest.headers = new Headers({ 'x-forwarded-for': `10.2.0.${Math.floor(Math.random() * 250) + 1}` });
  fakeRequest.cookies.clear();
});

async function cartWith(items: Array<[string, number]>) {
  const cartId = newCartId();
  for (const [slug, qty] of items) expect((await addProductToCart(cartId, slug, qty)).ok).toBe(true);
  fakeRequest.cookies.set('cart_id', cartId);
  return cartId;
}

async function optionNamed(name: string) {
  const { db } = await getDb();
  const [o] = await db.select().from(shippingOptions).where(eq(shippingOptions.name, name));
  return o!;
}

const address = {
  shipName: 'Ada Lovelace',
  shipLine1: 'Friedrichstraße 1',
  shipLine2: '',
  shipCity: 'Berlin',
  shipPostalCode: '10117',
  shipRegion: '',
  shipCountry: 'de',
};

/** Submit the checkout form; a successful checkout redirects (thrown), so return where to. */
async function submit(fields: Record<string, string>) {
  const form = new FormData();
  const checkoutKey = randomBytes(18).toString('base64url');
  for (const [k, v] of Object.entries({ email: 'shipper@example.com', checkoutKey, ...fields })) form.set(k, v);
  try {
    return { state: await checkoutAction({}, form), checkoutKey };
  } catch (err) {
    const digest = String((err as { digest?: string }).digest ?? '');
    if (!digest.startsWith('NEXT_REDIRECT')) throw err;
    return { redirect: digest.split(';')[2], checkoutKey };
  }
}

async function orderByKey(checkoutKey: string) {
  const { db } = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.checkoutKey, checkoutKey));
  const [payment] = order ? await db.select().from(payments).where(eq(payments.orderId, order.id)) : [];
  return { order, payment };
}

describe('shipping at checkout', () => {
  it('the shipping price comes from the database whatever the form says, and is part of the total and the invoice', async () => {
    const eu = await optionNamed('Standard (EU and UK)');
    await cartWith([['genesis-block-hoodie', 1]]);
    const tampered = { shippingMinor: '0', shippingPrice: '0.01', totalMinor: '100', priceMinor: '1', freeAboveMinor: '0' };
    const first = await submit({ delivery: 'ship', ...address, shippingOptionId: String(eu.id), ...tampered });
    expect(first.redirect).toMatch(/\/sandbox\/pay\/[A-Z0-9]{8}$/);
    const { order, payment } = await orderByKey(first.checkoutKey);
    expect(order).toMatchObject({
      subtotalMinor: 5900,
      shippingMinor: 600,
      totalMinor: 6500,
      shippingName: 'Standard (EU and UK)',
      shippingOptionId: eu.id,
    });
    expect(order!.shippingAddress).toEqual({
      name: 'Ada Lovelace',
      line1: 'Friedrichstraße 1',
      line2: null,
      city: 'Berlin',
      postalCode: '10117',
      region: null,
      country: 'DE',
    });
    expect(payment!.amount).toMatch(/^65(\.0+)?$/);

    // The merchant changes the price: the next order pays the new one, the first keeps its snapshot.
    await saveShippingOption(
      admin,
      eu.id,
      shippingOptionInputSchema.parse({
        name: eu.name,
        countries: eu.countries.join(' '),
        price: '7.25',
        freeAbove: '100',
        sortOrder: '10',
        active: 'on',
      }),
    );
    await cartWith([['genesis-block-hoodie', 1]]);
    const second = await submit({ delivery: 'ship', ...address, shippingOptionId: String(eu.id), ...tampered });
    expect((await orderByKey(second.checkoutKey)).order).toMatchObject({ shippingMinor: 725, totalMinor: 6625 });
    expect((await orderByKey(first.checkoutKey)).order).toMatchObject({ shippingMinor: 600, totalMinor: 6500 });

    // Free from the threshold on.
    await cartWith([['genesis-block-hoodie', 2]]);
    const free = await submit({ delivery: 'ship', ...address, shippingOptionId: String(eu.id) });
    expect((await orderByKey(free.checkoutKey)).order).toMatchObject({ subtotalMinor: 11800, shippingMinor: 0, totalMinor: 11800 });
  });

  it('every address field is checked, with its message next to it, and what was typed comes back', async () => {
    const cartId = await cartWith([['node-runner-mug', 1]]);
    const eu = await optionNamed('Standard (EU and UK)');
    const { state } = await submit({
      delivery: 'ship',
      shipName: ' ',
      shipLine1: '',
      shipCity: 'Paris',
      shipPostalCode: '75<001>',
      shipCountry: 'XX',
      shippingOptionId: String(eu.id),
    });
    expect(state?.fieldErrors).toMatchObject({
      shipName: expect.stringContaining('name'),
      shipLine1: expect.stringContaining('street'),
      shipPostalCode: expect.stringContaining('letters, digits'),
      shipCountry: 'Choose the country from the list.',
    });
    expect(state?.values).toMatchObject({ shipCity: 'Paris', shipCountry: 'XX' });

    // An option that does not ship there: refused next to the options, the cart kept.
    const usOnly = await optionNamed('Express (US)');
    const refused = await submit({ delivery: 'ship', ...address, shippingOptionId: String(usOnly.id) });
    expect(refused.state?.fieldErrors?.shippingOptionId).toBe('Express (US) does not ship to Germany. Choose another option.');
    expect(refused.state?.values).toMatchObject({ shipName: 'Ada Lovelace', shipCity: 'Berlin' });
    const { db } = await getDb();
    expect(await db.select().from(orders).where(eq(orders.checkoutKey, refused.checkoutKey))).toEqual([]);
    expect(cartId).toBeTruthy();

    // Goods to send but no address (a form that did not ask for one): refused, nothing ordered.
    const none = await submit({ delivery: 'none' });
    expect(none.state?.message).toMatch(/enter a shipping address/);
    expect(await db.select().from(orders).where(eq(orders.checkoutKey, none.checkoutKey))).toEqual([]);
  });

  it('a cart of digital goods needs no address: the total is the subtotal', async () => {
    await cartWith([['self-custody-field-guide', 1]]);
    const done = await submit({ delivery: 'none' });
    expect(done.redirect).toMatch(/\/sandbox\/pay\//);
    expect((await orderByKey(done.checkoutKey)).order).toMatchObject({
      subtotalMinor: 900,
      shippingMinor: 0,
      totalMinor: 900,
      shippingAddress: null,
    });
  });
});
