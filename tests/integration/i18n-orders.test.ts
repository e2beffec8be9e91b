import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { isValidElement, type ReactNode } from 'react';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { orders, payments, productTranslations, sandboxInvoices, shippingOptions } from '@/db/schema';
import { addToCartAction, checkoutAction } from '@/app/[locale]/cart/actions';
import { addToCart, newCartId } from '@/lib/cart';
import { invoiceSuffix } from '@/lib/cryptocloud';
import { localizedProductTexts, localizedShippingNames } from '@/lib/translations';
import { fakeRequest } from '../helpers/auth';
import { placeOrder } from '@/lib/orders/place-order';
import {
  deliveredEmailsOf,
  deliverPostback,
  productBySlug,
  setStock,
  startShop,
  startSink,
  testShipping,
  type Shop,
} from '../helpers/shop';

// The buyer's language, end to end without a browser: checkout negotiates it (locale cookie, then
// Accept-Language) and stores it on the order; the invoice is created with ?locale= and the
// sandbox's pay page speaks it; the order's emails are written in it, with the catalog's
// translations, the language's plural forms and its way of writing prices and dates.

vi.mock('next/headers', async () => (await import('../helpers/auth')).mockNextHeaders());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, updateTag: () => undefined }));

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;

beforeAll(async () => {
  shop = await startShop();
  sink = await startSink();
});
afterAll(async () => {
  await sink.close();
  await shop.close();
});
beforeEach(() => {
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url, EMAIL_SERVER: undefined, SHOP_NAME: undefined });
  fakeRequest.headers = new Headers({ 'x-forwarded-for': `10.14.0.${Math.floor(Math.random() * 250) + 1}` });
  fakeRequest.cookies.clear();
});

const address = {
  shipName: 'Анна Каренина',
  shipLine1: 'Friedrichstraße 1',
  shipLine2: '',
  shipCity: 'Berlin',
  shipPostalCode: '10117',
  shipRegion: '',
  shipCountry: 'DE',
};

async function optionNamed(name: string) {
  const { db } = await getDb();
  const [o] = await db.select().from(shippingOptions).where(eq(shippingOptions.name, name));
  return o!;
}

/** A cart with these items, checked out through the real action as a browser would submit it. */
async function checkout(
  items: Array<[string, number]>,
  request: { acceptLanguage?: string; cookie?: string },
  extra: Record<string, string> = {},
) {
  const cartId = newCartId();
  for (const [slug, qty] of items) expect((await addToCart(cartId, (await productBySlug(slug)).id, qty)).ok).toBe(true);
  fakeRequest.cookies.set('cart_id', cartId);
  fakeRequest.headers.delete('accept-language');
  fakeRequest.cookies.delete('NEXT_LOCALE');
  if (request.acceptLanguage) fakeRequest.headers.set('accept-language', request.acceptLanguage);
  if (request.cookie) fakeRequest.cookies.set('NEXT_LOCALE', request.cookie);
  const physical = items.some(([slug]) => !slug.includes('guide'));
  const fields: Record<string, string> = {
    email: 'pokupatel@example.com',
    checkoutKey: randomBytes(18).toString('base64url'),
    ...(physical ? { delivery: 'ship', ...address, shippingOptionId: String((await optionNamed('Standard (EU and UK)')).id) } : {}),
    ...extra,
  };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  let redirect = '';
  try {
    const state = await checkoutAction({}, form);
    throw new Error(`checkout did not redirect: ${JSON.stringify(state)}`);
  } catch (err) {
    const digest = String((err as { digest?: string }).digest ?? '');
    if (!digest.startsWith('NEXT_REDIRECT')) throw err;
    redirect = digest.split(';')[2]!;
  }
  const { db } = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.checkoutKey, fields.checkoutKey!));
  const [payment] = await db.select().from(payments).where(eq(payments.orderId, order!.id));
  const [invoice] = await db.select().from(sandboxInvoices).where(eq(sandboxInvoices.uuid, payment!.invoiceUuid));
  return { order: order!, payment: payment!, invoice: invoice!, redirect };
}

async function payAndConfirm(invoiceUuid: string) {
  const res = await shop.control(invoiceUuid, 'pay', { outcome: 'paid' });
  expect(res.status, await res.clone().text()).toBe(200);
  expect((await deliverPostback(shop.url, invoiceUuid)).status).toBe(200);
}

/** The order's emails as the buyer gets them: delivered (rendered then, in the order's language). */
const emailsOf = (orderId: string) => deliveredEmailsOf(orderId);

/** Every string rendered by a server component tree (client components' own text is not in it). */
function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(' ');
  if (isValidElement(node)) {
    const props = node.props as Record<string, unknown>;
    const own = ['label', 'aria-label'].map((k) => (typeof props[k] === 'string' ? props[k] : '')).join(' ');
    return `${own} ${textOf(props.children as ReactNode)}`;
  }
  return '';
}

describe("the buyer's language", () => {
  it('Accept-Language ru: the order is stored in Russian and its invoice is created with ?locale=ru', async () => {
    const o = await checkout([['node-runner-mug', 1]], { acceptLanguage: 'ru-RU,ru;q=0.9,en;q=0.8' });
    expect(o.order.locale).toBe('ru');
    expect(o.invoice.locale).toBe('ru');
    expect(o.redirect).toBe(o.payment.link);
    expect(o.redirect).toMatch(new RegExp(`/sandbox/pay/${invoiceSuffix(o.payment.invoiceUuid)}$`));
  });

  it("the page's language wins, then the locale cookie, then Accept-Language; none, an unknown language or a form field give English", async () => {
    expect((await checkout([['self-custody-field-guide', 1]], { acceptLanguage: 'ru', cookie: 'en' })).order.locale).toBe('en');
    const chosen = await checkout([['self-custody-field-guide', 1]], { acceptLanguage: 'en-US', cookie: 'ru' });
    expect([chosen.order.locale, chosen.invoice.locale]).toEqual(['ru', 'ru']);
    const plain = await checkout([['self-custody-field-guide', 1]], {});
    expect([plain.order.locale, plain.invoice.locale]).toEqual(['en', 'en']);
    expect((await checkout([['self-custody-field-guide', 1]], { acceptLanguage: 'ja-JP', cookie: 'de' })).order.locale).toBe('en');
    // The form has no say in the language: a posted field is not read.
    expect((await checkout([['self-custody-field-guide', 1]], { acceptLanguage: 'en' }, { locale: 'ru' })).order.locale).toBe('en');
    // The page the order was placed from wins over both: a Russian page makes a Russian order.
    fakeRequest.headers.set('x-next-intl-locale', 'ru');
    try {
      // (checkout() resets the language headers it is given, not the proxy's.)
      expect((await checkout([['self-custody-field-guide', 1]], { acceptLanguage: 'en', cookie: 'en' })).order.locale).toBe('ru');
    } finally {
      fakeRequest.headers.delete('x-next-intl-locale');
    }
  });

  it('the sandbox pay page speaks the invoice locale, and English for one the shop has no messages for', async () => {
    const { default: Page } = await import('@/app/(sandbox)/sandbox/pay/[id]/page');
    const ru = await checkout([['self-custody-field-guide', 1]], { acceptLanguage: 'ru' });
    const ruText = textOf(await Page({ params: Promise.resolve({ id: invoiceSuffix(ru.payment.invoiceUuid) }) }));
    expect(ruText).toContain('Оплатить полностью');
    expect(ruText).toContain('Сумма к оплате');
    expect(ruText).toContain('Песочница CryptoCloud');
    expect(ruText).not.toContain('Pay in full');

    // Straight at the sandbox API, as another integration would call it: de is stored, shown in English.
    const res = await fetch(`${shop.url}/api/sandbox/cryptocloud/v2/invoice/create?locale=de`, {
      method: 'POST',
      headers: { authorization: 'Token sandbox-api-key', 'content-type': 'application/json' },
      body: JSON.stringify({ shop_id: 'SANDBOXSHOP00001', amount: '5.00', currency: 'USD' }),
    });
    expect(res.status).toBe(200);
    const uuid = ((await res.json()) as { result: { uuid: string } }).result.uuid;
    const { db } = await getDb();
    expect((await db.select().from(sandboxInvoices).where(eq(sandboxInvoices.uuid, uuid)))[0]!.locale).toBe('de');
    const deText = textOf(await Page({ params: Promise.resolve({ id: invoiceSuffix(uuid) }) }));
    expect(deText).toContain('Pay in full');
  });

  it('a Russian order gets Russian emails: translated names, plural forms for 1, 2 and 5 items, Russian prices and dates', async () => {
    const one = await checkout([['node-runner-mug', 1]], { acceptLanguage: 'ru' });
    const two = await checkout([['self-custody-field-guide', 2]], { acceptLanguage: 'ru' });
    const five = await checkout([['self-custody-field-guide', 5]], { acceptLanguage: 'ru' });

    const [placed] = await emailsOf(one.order.id);
    expect(placed!.kind).toBe('order_placed');
    expect(placed!.subject).toMatch(/^Заказ CC-[0-9A-Z]{4}-[0-9A-Z]{3} принят: оплатите криптовалютой · /);
    expect(placed!.html).toMatch(/<html [^>]*lang="ru"/);
    expect(placed!.text).toContain('1 × Кружка «Держатель ноды»');
    expect(placed!.text).toContain('Доставка: Стандартная (ЕС и Великобритания)');
    // $16.00 + $6.00 shipping, written the Russian way, still in the shop currency.
    expect(placed!.text.replace(/\s/g, ' ')).toContain('22,00 $');
    expect(placed!.text).toMatch(/до \d{1,2} [а-я]+ \d{4} г\. в \d{2}:\d{2} UTC/);
    // The Russian order page: the order remembers its language.
    expect(placed!.text).toContain(`/ru/orders/${one.order.publicToken}`);

    for (const [o, count] of [
      [one, 'В заказе 1 товар'],
      [two, 'В заказе 2 товара'],
      [five, 'В заказе 5 товаров'],
    ] as const) {
      await payAndConfirm(o.payment.invoiceUuid);
      const receipt = (await emailsOf(o.order.id)).find((m) => m.kind === 'order_paid');
      expect(receipt, `receipt of ${count}`).toBeDefined();
      expect(receipt!.subject).toMatch(/^Чек по заказу CC-[0-9A-Z]{4}-[0-9A-Z]{3} · /);
      expect(receipt!.text).toContain(count);
      expect(receipt!.text).toContain('Оплата получена. Спасибо!');
      expect(receipt!.text).toMatch(/Оплачено: [0-9.]+ [A-Z]+ в сети [A-Z0-9]+/);
      expect(receipt!.text).toContain(`Счёт: ${o.payment.invoiceUuid}`);
      expect(receipt!.text).not.toMatch(/Receipt|Payment received|Total/);
    }
    const guide = (await emailsOf(five.order.id)).find((m) => m.kind === 'order_paid')!;
    expect(guide.text).toContain('5 × Полевое руководство по самостоятельному хранению (электронная книга)');
    expect(guide.text).toContain('Каждый файл можно скачать 5 раз.');
    expect(guide.text.replace(/\s/g, ' ')).toContain('45,00 $');
  });

  it('an English order keeps English emails with the English catalog names', async () => {
    const o = await checkout([['node-runner-mug', 2]], { acceptLanguage: 'en-GB' });
    const [placed] = await emailsOf(o.order.id);
    expect(placed!.subject).toMatch(/^Order CC-[0-9A-Z]{4}-[0-9A-Z]{3} received: pay with crypto · /);
    expect(placed!.html).toMatch(/<html [^>]*lang="en"/);
    expect(placed!.text).toContain('2 × Node Runner Mug');
    expect(placed!.text).toContain('Your order: 2 items');
    expect(placed!.text).toContain('Shipping: Standard (EU and UK)');
    expect(placed!.text).toContain('$38.00');
  });
});

describe("checkout's answers in the page's language", () => {
  it('a refused checkout from a Russian page answers in Russian; from an English page in English', async () => {
    const cartId = newCartId();
    expect((await addToCart(cartId, (await productBySlug('node-runner-mug')).id, 1)).ok).toBe(true);
    fakeRequest.cookies.set('cart_id', cartId);
    const form = new FormData();
    form.set('email', '');
    form.set('checkoutKey', randomBytes(18).toString('base64url'));
    form.set('delivery', 'ship');
    form.set('shipName', 'Анна');
    // next-intl's proxy names the page's language in this header (lib/i18n/action-locale.ts).
    fakeRequest.headers.set('x-next-intl-locale', 'ru');
    const ru = await checkoutAction({}, form);
    expect(ru).toMatchObject({
      ok: false,
      fieldErrors: { email: 'Введите адрес электронной почты.' },
      values: { shipName: 'Анна' },
    });
    fakeRequest.headers.set('x-next-intl-locale', 'en');
    expect(await checkoutAction({}, form)).toMatchObject({ fieldErrors: { email: 'Enter your email address.' } });
    fakeRequest.headers.delete('x-next-intl-locale');
  });

  it("a refusal that names the shop's data names it in the page's language: option, product, shipping option, country", async () => {
    const pageIn = (locale: 'ru' | 'en') => fakeRequest.headers.set('x-next-intl-locale', locale);
    const fields = (f: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(f)) form.set(k, v);
      return form;
    };
    const hoodie = await productBySlug('genesis-block-hoodie');
    // A product with sizes added without one.
    pageIn('ru');
    expect(await addToCartAction({}, fields({ productId: String(hoodie.id), quantity: '1' }))).toMatchObject({
      ok: false,
      fieldErrors: { variant: 'Сначала выберите: размер.' },
    });
    pageIn('en');
    expect(await addToCartAction({}, fields({ productId: String(hoodie.id), quantity: '1' }))).toMatchObject({
      fieldErrors: { variant: 'Choose a size first.' },
    });

    // A shipping option that does not ship to the address's country: its translation, the country's Russian name.
    const cartId = newCartId();
    const mug = await productBySlug('node-runner-mug');
    expect((await addToCart(cartId, mug.id, 2)).ok).toBe(true);
    fakeRequest.cookies.set('cart_id', cartId);
    const japan = fields({
      email: 'pokupatel@example.com',
      checkoutKey: randomBytes(18).toString('base64url'),
      delivery: 'ship',
      ...address,
      shipCountry: 'JP',
      shippingOptionId: String((await optionNamed('Standard (EU and UK)')).id),
    });
    pageIn('ru');
    expect(await checkoutAction({}, japan)).toMatchObject({
      ok: false,
      fieldErrors: { shippingOptionId: '«Стандартная (ЕС и Великобритания)» не доставляет в страну Япония. Выберите другой способ.' },
    });
    pageIn('en');
    expect(await checkoutAction({}, japan)).toMatchObject({
      fieldErrors: { shippingOptionId: 'Standard (EU and UK) does not ship to Japan. Choose another option.' },
    });

    // Less stock than the cart holds, found at checkout: the product's Russian name; nothing reserved.
    await setStock('node-runner-mug', 1);
    try {
      const r = await placeOrder(cartId, {
        email: 'pokupatel@example.com',
        checkoutKey: randomBytes(18).toString('base64url'),
        shipping: await testShipping(),
        locale: 'ru',
      });
      expect(r).toMatchObject({
        ok: false,
        error: {
          kind: 'out_of_stock',
          message: 'В наличии осталось только 1: Кружка «Держатель ноды». Уменьшите количество, чтобы продолжить.',
        },
      });
      expect((await productBySlug('node-runner-mug')).stock).toBe(1);
    } finally {
      await setStock('node-runner-mug', mug.stock);
      fakeRequest.headers.delete('x-next-intl-locale');
    }
  });
});

describe('catalog translations', () => {
  it('fall back to the default language, field by field, and the default language reads the base columns', async () => {
    const { db } = await getDb();
    const mug = await productBySlug('node-runner-mug');
    const socks = await productBySlug('merkle-tree-socks');
    const ru = await localizedProductTexts(db, [mug.id, socks.id, 2_000_000_000], 'ru');
    expect(ru.get(mug.id)!.name).toBe('Кружка «Держатель ноды»');
    expect(ru.size).toBe(2);
    expect((await localizedProductTexts(db, [mug.id], 'en')).get(mug.id)).toEqual({ name: mug.name, description: mug.description });

    // A translated name with no description: the English description shows.
    await db.update(productTranslations).set({ description: null }).where(eq(productTranslations.productId, socks.id));
    expect((await localizedProductTexts(db, [socks.id], 'ru')).get(socks.id)).toEqual({
      name: 'Носки «Дерево Меркла»',
      description: socks.description,
    });
    // No row at all: the English name.
    await db.delete(productTranslations).where(eq(productTranslations.productId, socks.id));
    expect((await localizedProductTexts(db, [socks.id], 'ru')).get(socks.id)!.name).toBe(socks.name);

    const eu = await optionNamed('Standard (EU and UK)');
    expect((await localizedShippingNames(db, [eu.id], 'ru')).get(eu.id)).toBe('Стандартная (ЕС и Великобритания)');
    expect((await localizedShippingNames(db, [eu.id], 'en')).get(eu.id)).toBe('Standard (EU and UK)');
  });
});
