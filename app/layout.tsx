import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SandboxBanner } from '@/components/layout/sandbox-banner';
import { SiteHeader } from '@/components/layout/site-header';
import { isSandboxActive } from '@/lib/cryptocloud';
import { env } from '@/lib/env';
import './globals.css';

export function generateMetadata(): Metadata {
  const { APP_URL, SHOP_NAME } = env();
  return {
    metadataBase: new URL(APP_URL),
    title: { default: SHOP_NAME, template: `%s · ${SHOP_NAME}` },
    description: 'Goods paid for in crypto through CryptoCloud.',
    openGraph: { siteName: SHOP_NAME, type: 'website' },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const { SHOP_NAME } = env();
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900">
          Skip to content
        </a>
        {isSandboxActive() && <SandboxBanner />}
        <SiteHeader shopName={SHOP_NAME} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-zinc-200 py-6 text-center text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          {SHOP_NAME} · Payments by CryptoCloud
        </footer>
      </body>
    </html>
  );
}
