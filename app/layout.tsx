import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
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
 * Metadata, viewport and styles shared by every page. The document itself (`<html lang>`) is each
 * root layout's below, through components/layout/document.tsx: buyer pages in their language
 * (app/[locale]/layout.tsx), the back office and dev mailbox (app/(shop)), the sandbox's pay pages
 * (app/(sandbox)), the benchmark's pages (app/bench) and the root error pages in English.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
