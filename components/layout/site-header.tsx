import { getTranslations } from 'next-intl/server';
import { CartDrawer } from '@/components/cart/cart-drawer';
import { CartDrawerBody } from '@/components/cart/cart-drawer-body';
import { CollectionMenu } from '@/components/layout/collection-menu';
import { LanguageSwitcher } from '@/components/layout/language-switcher';
import { SearchForm } from '@/components/layout/search-form';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { getCart, type CartView } from '@/lib/cart';
import { readCartId } from '@/lib/cart-cookie';
import { cachedCollections } from '@/lib/catalog-cache';
import { errorSummary } from '@/lib/errors';
import { localizedPath } from '@/lib/i18n/paths';
import { isDatabaseUnavailable } from '@/lib/unavailable';

/** The buyer's cart, or null while the database is unreachable (the page says so itself). */
async function currentCart(locale: Locale): Promise<CartView | null> {
  try {
    return await getCart(await readCartId(), locale);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    console.error('[header] cart count unavailable:', errorSummary(err));
    return null;
  }
}

/** The menu's collections, or none while the database is unreachable (the page says so itself). */
async function menuCollections(locale: Locale) {
  try {
    return await cachedCollections(locale);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    console.error('[header] collections unavailable:', errorSummary(err));
    return [];
  }
}

/** The header's cart: the buyer's own (the rest of the header is the same for every buyer). */
async function HeaderCart({ locale }: { locale: Locale }) {
  const [cart, t] = await Promise.all([currentCart(locale), getTranslations({ locale, namespace: 'header' })]);
  const count = cart?.itemCount ?? null;
  return (
    <CartDrawer
      href={localizedPath('/cart', locale)}
      title={t('cartTitle')}
      closeLabel={t('closeCart')}
      link={
        <>
          {t('cart')}
          {count !== null && (
            <span
              data-testid="cart-count"
              aria-label={t('cartCount', { count })}
              className="min-w-6 rounded-full bg-brand-600 px-2 py-0.5 text-center text-xs font-semibold text-white"
            >
              {count}
            </span>
          )}
        </>
      }
    >
      {cart ? <CartDrawerBody cart={cart} locale={locale} /> : <p className="p-6">{t('cartUnavailable')}</p>}
    </CartDrawer>
  );
}

/** In the root layout: it must not fail with the database, or no error page below it could show. */
export async function SiteHeader({ shopName, locale, buyerPage }: { shopName: string; locale: Locale; buyerPage: boolean }) {
  const [collections, t] = await Promise.all([menuCollections(locale), getTranslations({ locale, namespace: 'header' })]);
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      {/* Phones: name and cart on the first row, menu and search on the second; wider: one row. */}
      <nav aria-label={t('mainNav')} className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-3 px-4 py-4">
        <Link href="/" locale={locale} className="text-lg font-bold tracking-tight">
          {shopName}
        </Link>
        <CollectionMenu
          collections={collections}
          locale={locale}
          languages={buyerPage ? <LanguageSwitcher locale={locale} label={t('language')} testIdPrefix="menu-" /> : null}
          className="order-2 md:order-none"
        />
        <SearchForm label={t('searchShop')} locale={locale} className="order-3 flex-1 md:order-none md:max-w-xs" />
        <span className="order-1 ml-auto flex items-center gap-1 md:order-none">
          <Link
            href="/account/orders"
            locale={locale}
            className="hidden rounded-lg px-3 py-2 text-sm font-medium hover:bg-zinc-100 md:inline-block dark:hover:bg-zinc-800"
          >
            {t('myOrders')}
          </Link>
          {/* Phones have it in the menu: the first row has no room. */}
          {buyerPage && <LanguageSwitcher locale={locale} label={t('language')} className="hidden md:flex" />}
          {/* Not behind a Suspense boundary: streamed in, it would need JavaScript to replace its placeholder. */}
          <HeaderCart locale={locale} />
        </span>
      </nav>
    </header>
  );
}
