import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { SandboxBanner } from '@/components/layout/sandbox-banner';
import type { Locale } from '@/i18n/routing';
import { isSandboxActive } from '@/lib/cryptocloud';
import { CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-messages';

/**
 * The `<html>` of every root layout (buyer pages in their language, the back office, the sandbox's
 * pay pages, the root error pages): the language, the skip link and the sandbox banner. Metadata,
 * viewport and styles come from app/layout.tsx, which all of them share. Client components below
 * (next-intl's Link, the cart's forms) read the language and their messages from its provider: only
 * the namespaces they use travel to the browser.
 */
export async function Document({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [t, messages] = await Promise.all([getTranslations({ locale, namespace: 'document' }), getMessages({ locale })]);
  return (
    <html lang={locale}>
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
        >
          {t('skipLink')}
        </a>
        {isSandboxActive() && <SandboxBanner text={t('sandboxBanner')} />}
        <NextIntlClientProvider locale={locale} messages={pickMessages(messages, CLIENT_NAMESPACES)} timeZone="UTC">
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
