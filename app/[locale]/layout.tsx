import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { hasLocale } from 'next-intl';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Document } from '@/components/layout/document';
import { ShopFrame } from '@/components/layout/shop-frame';
import { routing } from '@/i18n/routing';
import { env } from '@/lib/env';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

// Every language is known at build time; any other first segment is not a page of the shop.
export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'meta' });
  return { description: t('description'), openGraph: { siteName: env().SHOP_NAME, type: 'website', locale } };
}

/** Buyer pages, in the language of their URL (`/…` English, `/ru/…` Russian), in the shop's frame. */
export default async function LocaleLayout({ children, params }: Props) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  return (
    <Document locale={locale}>
      <ShopFrame shopName={env().SHOP_NAME} locale={locale} buyerPage>
        {children}
      </ShopFrame>
    </Document>
  );
}
