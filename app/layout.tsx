import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SandboxBanner } from '@/components/layout/sandbox-banner';
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

/**
 * The document, shared by the shop and the sandbox's pay pages, which each bring their own frame
 * (app/(shop)/layout.tsx, app/(sandbox)/layout.tsx). The sandbox banner shows on both.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
        >
          Skip to content
        </a>
        {isSandboxActive() && <SandboxBanner />}
        {children}
      </body>
    </html>
  );
}
