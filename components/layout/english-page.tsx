import type { ReactNode } from 'react';
import { Document } from '@/components/layout/document';
import { ShopFrame } from '@/components/layout/shop-frame';
import { DEFAULT_LOCALE } from '@/i18n/routing';
import { env } from '@/lib/env';

/**
 * The root error pages (404 outside the buyer's pages, 403, 401): they replace every layout below
 * the root, so they bring the document and the shop's frame, in the default language.
 */
export function EnglishPage({ children }: { children: ReactNode }) {
  return (
    <Document locale={DEFAULT_LOCALE}>
      <ShopFrame shopName={env().SHOP_NAME} locale={DEFAULT_LOCALE} plain>
        {children}
      </ShopFrame>
    </Document>
  );
}
