import Link from 'next/link';
import { Suspense } from 'react';
import { CartDrawer } from '@/components/cart/cart-drawer';
import { CartDrawerBody } from '@/components/cart/cart-drawer-body';
import { CollectionMenu } from '@/components/layout/collection-menu';
import { SearchForm } from '@/components/layout/search-form';
import { getCart, type CartView } from '@/lib/cart';
import { readCartId } from '@/lib/cart-cookie';
import { listCollections } from '@/lib/collections';
import { errorSummary } from '@/lib/errors';
import { isDatabaseUnavailable } from '@/lib/unavailable';

/** The buyer's cart, or null while the database is unreachable (the page says so itself). */
async function currentCart(): Promise<CartView | null> {
  try {
    return await getCart(await readCartId());
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    console.error('[header] cart count unavailable:', errorSummary(err));
    return null;
  }
}

/** The menu's collections, or none while the database is unreachable (the page says so itself). */
async function menuCollections() {
  try {
    return await listCollections();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    console.error('[header] collections unavailable:', errorSummary(err));
    return [];
  }
}

/**
 * The header's cart: the buyer's own, so it is streamed into the page after the rest, which need
 * not wait for it (nor, later, stop being cacheable because of it).
 */
async function HeaderCart() {
  const cart = await currentCart();
  const count = cart?.itemCount ?? null;
  return (
    <CartDrawer
      link={
        <>
          Cart
          {count !== null && (
            <span
              data-testid="cart-count"
              aria-label={`${count} item${count === 1 ? '' : 's'} in cart`}
              className="min-w-6 rounded-full bg-brand-600 px-2 py-0.5 text-center text-xs font-semibold text-white"
            >
              {count}
            </span>
          )}
        </>
      }
    >
      {cart ? <CartDrawerBody cart={cart} /> : <p className="p-6">Your cart cannot be shown just now. Please try again in a moment.</p>}
    </CartDrawer>
  );
}

/** Until the cart has streamed in: the same link, to the cart page, without the count. */
function HeaderCartPending() {
  return (
    <Link
      href="/cart"
      className="inline-flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
    >
      Cart
    </Link>
  );
}

/** In the root layout: it must not fail with the database, or no error page below it could show. */
export async function SiteHeader({ shopName }: { shopName: string }) {
  const collections = await menuCollections();
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      {/* Phones: name and cart on the first row, menu and search on the second; wider: one row. */}
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-3 px-4 py-4">
        <Link href="/" className="text-lg font-bold tracking-tight">
          {shopName}
        </Link>
        <CollectionMenu collections={collections} className="order-2 md:order-none" />
        <SearchForm label="Search the shop" className="order-3 flex-1 md:order-none md:max-w-xs" />
        <span className="order-1 ml-auto flex items-center gap-1 md:order-none">
          <Link
            href="/account/orders"
            className="hidden rounded-lg px-3 py-2 text-sm font-medium hover:bg-zinc-100 md:inline-block dark:hover:bg-zinc-800"
          >
            My orders
          </Link>
          <Suspense fallback={<HeaderCartPending />}>
            <HeaderCart />
          </Suspense>
        </span>
      </nav>
    </header>
  );
}
