import Link from 'next/link';
import { ShopFrame } from '@/components/layout/shop-frame';
import { buttonClass } from '@/components/ui/button';
import { env } from '@/lib/env';

export default function NotFound() {
  return (
    <ShopFrame shopName={env().SHOP_NAME}>
      <section className="mx-auto max-w-md py-16 text-center">
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-2xl font-bold">Page not found</h1>
        <p className="mt-3 text-zinc-600 dark:text-zinc-400">The page you are looking for does not exist or is no longer available.</p>
        <Link href="/" className={`${buttonClass} mt-6`}>
          Back to the shop
        </Link>
      </section>
    </ShopFrame>
  );
}
