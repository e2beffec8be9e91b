import type { Metadata } from 'next';
import Link from 'next/link';
import { CartLineItem } from '@/components/cart/cart-line-item';
import { CheckoutForm } from '@/components/cart/checkout-form';
import { Price } from '@/components/product/price';
import { buttonClass } from '@/components/ui/button';
import { getCart } from '@/lib/cart';
import { readCartId } from '@/lib/cart-cookie';
import { COUNTRIES, describeCountries, describePrice, listShippingOptions } from '@/lib/fulfilment';
import { newCheckoutKey } from '@/lib/orders/tokens';
import { whenDatabaseUp } from '@/lib/unavailable';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
// Checkout (this page's server action) creates an invoice: the gateway timeout and a few short
// transactions, within every Vercel plan's limit (tests/unit/function-settings.test.ts).
export const maxDuration = 30;
export const metadata: Metadata = { title: 'Cart', robots: { index: false } };

export default async function CartPage() {
  const cart = await whenDatabaseUp('/cart', async () => getCart(await readCartId()));
  const needsShipping = cart.lines.some((l) => l.kind === 'physical');
  const options = needsShipping ? await whenDatabaseUp('/cart', () => listShippingOptions()) : [];
  const shipping = needsShipping
    ? {
        countries: COUNTRIES,
        options: options.map((o) => ({ id: o.id, name: o.name, price: describePrice(o), where: describeCountries(o.countries) })),
      }
    : null;
  if (cart.lines.length === 0) {
    return (
      <section className="py-12 text-center">
        <h1 className="text-2xl font-bold">Your cart is empty</h1>
        <Link href="/" className={`${buttonClass} mt-6`}>
          Browse products
        </Link>
      </section>
    );
  }
  return (
    <section aria-labelledby="cart-heading" className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div>
        <h1 id="cart-heading" className="mb-6 text-2xl font-bold">
          Cart
        </h1>
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {cart.lines.map((line) => (
            <CartLineItem key={`${line.productId}:${line.variantId ?? ''}`} line={line} />
          ))}
        </ul>
      </div>
      <aside aria-label="Order summary" className="h-fit space-y-4 rounded-2xl border border-zinc-200 p-6 dark:border-zinc-800">
        <dl className="flex justify-between text-lg font-semibold">
          <dt>Total</dt>
          <dd data-testid="cart-total">{cart.currency && <Price minor={cart.subtotalMinor} currency={cart.currency} />}</dd>
        </dl>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {cart.itemCount} item{cart.itemCount === 1 ? '' : 's'}. Prices are checked again when you check out
          {needsShipping ? '; shipping is added to the total from the option you choose.' : '.'}
        </p>
        <CheckoutForm checkoutKey={newCheckoutKey()} disabled={!cart.purchasable} shipping={shipping} />
      </aside>
    </section>
  );
}
