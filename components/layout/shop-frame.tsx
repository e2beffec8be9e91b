import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/site-header';
import type { Locale } from '@/i18n/routing';

/** The shop's header, main area and footer: buyer pages in their language, the back office and root error pages in English. */
export async function ShopFrame({
  shopName,
  locale,
  buyerPage = false,
  children,
}: {
  shopName: string;
  locale: Locale;
  /** A page that exists in every language (app/[locale]): the header offers the others. */
  buyerPage?: boolean;
  children: ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: 'frame' });
  return (
    <>
      <SiteHeader shopName={shopName} locale={locale} buyerPage={buyerPage} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-zinc-200 py-6 text-center text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        {t('footer', { shop: shopName })}
      </footer>
    </>
  );
}
