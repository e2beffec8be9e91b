import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';

/** The shop's header, main area and footer: buyer pages in their language, the back office and root error pages in English. */
export async function ShopFrame({
  shopName,
  locale,
  buyerPage = false,
  plain = false,
  children,
}: {
  shopName: string;
  locale: Locale;
  /** A page that exists in every language (app/[locale]): the header offers the others. */
  buyerPage?: boolean;
  /**
   * Only the shop's name in the header: no menu, search or cart, so nothing is read from the
   * database. For the root 404/403/401 pages, which Next renders with every page as its error
   * boundaries: a full header there cost every page view three extra statements.
   */
  plain?: boolean;
  children: ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: 'frame' });
  return (
    <>
      {plain ? (
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <div className="mx-auto max-w-6xl px-4 py-4">
            <Link href="/" locale={locale} className="text-lg font-bold tracking-tight">
              {shopName}
            </Link>
          </div>
        </header>
      ) : (
        <SiteHeader shopName={shopName} locale={locale} buyerPage={buyerPage} />
      )}
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-zinc-200 py-6 text-center text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        {t('footer', { shop: shopName })}
      </footer>
    </>
  );
}
