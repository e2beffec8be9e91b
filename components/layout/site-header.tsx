import Link from 'next/link';
import { getCartCount } from '@/lib/cart';
import { readCartId } from '@/lib/cart-cookie';
import { errorSummary } from '@/lib/errors';
import { isDatabaseUnavailable } from '@/lib/unavailable';

/** The cart's item count, or null while the database is unreachable (the page says so itself). */
async function cartCount(): Promise<number | null> {
  try {
    return await getCartCount(await readCartId());
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    console.error('[header] cart count unavailable:', errorSummary(err));
    return null;
  }
}

/** In the root layout: it must not fail with the database, or no error page below it could show. */
export async function SiteHeader({ shopName }: { shopName: string }) {
  const count = await cartCount();
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
          <Link
            href="/cart"
            className="inline-flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
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
          </Link>
        </span>
      </nav>
    </header>
  );
}
