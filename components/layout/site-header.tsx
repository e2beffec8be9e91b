import Link from 'next/link';
import { CartDrawer } from '@/components/cart/cart-drawer';
import { CartDrawerBody } from '@/components/cart/cart-drawer-body';
import { getCart, type CartView } from '@/lib/cart';
import { readCartId } from '@/lib/cart-cookie';
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

/** In the root layout: it must not fail with the database, or no error page below it could show. */
export async function SiteHeader({ shopName }: { shopName: string }) {
  const cart = await currentCart();
  const count = cart?.itemCount ?? null;
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-4">
        <Link href="/" className="text-lg font-bold tracking-tight">
          {shopName}
        </Link>
        <span className="flex items-center gap-1">
          <Link href="/account/orders" className="rounded-lg px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800">
            My orders
          </Link>
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
            {cart ? (
              <CartDrawerBody cart={cart} />
            ) : (
              <p className="p-6">Your cart cannot be shown just now. Please try again in a moment.</p>
            )}
          </CartDrawer>
        </span>
      </nav>
    </header>
  );
}
