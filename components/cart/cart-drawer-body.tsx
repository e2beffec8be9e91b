import { getTranslations } from 'next-intl/server';
import { CartLineItem } from '@/components/cart/cart-line-item';
import { Price } from '@/components/product/price';
import { buttonClass } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import type { CartView } from '@/lib/cart';

/** What the cart drawer shows: the lines with their steppers, the subtotal and the way to checkout. */
export async function CartDrawerBody({ cart, locale }: { cart: CartView; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'cart' });
  if (cart.lines.length === 0) {
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-4 p-6 text-center">
        <p className="font-medium">{t('emptyDrawer')}</p>
        <Link href="/" locale={locale} className={buttonClass}>
          {t('browse')}
        </Link>
      </div>
    );
  }
  return (
    <>
      <ul className="flex-1 divide-y divide-zinc-200 overflow-y-auto px-4 dark:divide-zinc-800">
        {cart.lines.map((line) => (
          <CartLineItem key={`${line.productId}:${line.variantId ?? ''}`} line={line} locale={locale} compact />
        ))}
      </ul>
      <div className="space-y-3 border-t border-zinc-200 p-4 dark:border-zinc-800">
        <dl className="flex justify-between font-semibold">
          <dt>{t('subtotal')}</dt>
          <dd data-testid="drawer-subtotal">{cart.currency && <Price minor={cart.subtotalMinor} currency={cart.currency} />}</dd>
        </dl>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('drawerShipping')}</p>
        <Link href="/cart" locale={locale} className={`${buttonClass} w-full`} data-testid="drawer-checkout">
          {t('checkOut')}
        </Link>
      </div>
    </>
  );
}
