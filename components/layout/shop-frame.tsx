import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';

/** The shop's header, main area and footer: the (shop) layout, and root pages such as 404 and 403. */
export function ShopFrame({ shopName, children }: { shopName: string; children: ReactNode }) {
  return (
    <>
      <SiteHeader shopName={shopName} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-zinc-200 py-6 text-center text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        {shopName} · Payments by CryptoCloud
      </footer>
    </>
  );
}
