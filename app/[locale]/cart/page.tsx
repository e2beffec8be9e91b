import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CartLineItem } from '@/components/cart/cart-line-item';
import { CheckoutForm } from '@/components/cart/checkout-form';
import { Price } from '@/components/product/price';
import { buttonClass } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { getCart } from '@/lib/cart';
import { readCartId } from '@/lib/cart-cookie';
import { COUNTRIES, listShippingOptions } from '@/lib/fulfilment';
import { formatPrice } from '@/lib/i18n/format';
import { newCheckoutKey } from '@/lib/orders/tokens';
import { shippingNamesIn } from '@/lib/translations';
import { whenDatabaseUp } from '@/lib/unavailable';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
// Checkout (this page's server action) creates an invoice: the gateway timeout and a few short
// transactions, within every Vercel plan's limit (tests/unit/function-settings.test.ts).
export const maxDuration = 30;

type Props = { params: Promise<{ locale: Locale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'cart' });
  return { title: t('metaTitle'), robots: { index: false } };
}

export default async function CartPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('cart');
  const cart = await whenDatabaseUp('/cart', async () => getCart(await readCartId(), locale));
  const needsShipping = cart.lines.some((l) => l.kind === 'physical');
  const options = needsShipping ? await whenDatabaseUp('/cart', () => listShippingOptions()) : [];
  const names = await whenDatabaseUp('/cart', () =>
    shippingNamesIn(
      options.map((o) => o.id),
      locale,
    ),
  );
  // Countries, prices and places in the page's language (the options themselves are the shop's).
  const country = new Intl.DisplayNames([locale], { type: 'region' });
  const where = (codes: string[]) => {
    if (codes.includes('*')) return t('everywhere');
    const named = codes.map((c) => country.of(c) ?? c);
    const list = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' });
    return named.length > 6 ? t('andMore', { list: named.slice(0, 6).join(', '), count: named.length - 6 }) : list.format(named);
  };
  const price = (o: (typeof options)[number]) => {
    const flat = o.priceMinor === 0 ? t('free') : formatPrice(o.priceMinor, o.currency, locale);
    return o.freeAboveMinor !== null && o.priceMinor > 0
      ? t('freeFrom', { price: flat, threshold: formatPrice(o.freeAboveMinor, o.currency, locale) })
      : flat;
  };
  const shipping = needsShipping
    ? {
        countries: COUNTRIES.map((c) => ({ code: c.code, name: country.of(c.code) ?? c.name })).sort((a, b) =>
          a.name.localeCompare(b.name, locale),
        ),
        options: options.map((o) => ({ id: o.id, name: names.get(o.id) ?? o.name, price: price(o), where: where(o.countries) })),
      }
    : null;
  if (cart.lines.length === 0) {
    return (
      <section className="py-12 text-center">
        <h1 className="text-2xl font-bold">{t('empty')}</h1>
        <Link href="/" className={`${buttonClass} mt-6`}>
          {t('browse')}
        </Link>
      </section>
    );
  }
  return (
    <section aria-labelledby="cart-heading" className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div>
        <h1 id="cart-heading" className="mb-6 text-2xl font-bold">
          {t('title')}
        </h1>
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {cart.lines.map((line) => (
            <CartLineItem key={`${line.productId}:${line.variantId ?? ''}`} line={line} />
          ))}
        </ul>
      </div>
      <aside aria-label={t('summary')} className="h-fit space-y-4 rounded-2xl border border-zinc-200 p-6 dark:border-zinc-800">
        <dl className="flex justify-between text-lg font-semibold">
          <dt>{t('total')}</dt>
          <dd data-testid="cart-total">{cart.currency && <Price minor={cart.subtotalMinor} currency={cart.currency} />}</dd>
        </dl>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="cart-note">
          {needsShipping ? t('noteShipping', { count: cart.itemCount }) : t('note', { count: cart.itemCount })}
        </p>
        <CheckoutForm checkoutKey={newCheckoutKey()} disabled={!cart.purchasable} shipping={shipping} />
      </aside>
    </section>
  );
}
