import type { ReactNode } from 'react';
import { Document } from '@/components/layout/document';
import { ShopFrame } from '@/components/layout/shop-frame';
import { DEFAULT_LOCALE } from '@/i18n/routing';
import { env } from '@/lib/env';

/** The back office and the development mailbox: in English, inside the shop's header and footer. */
export default function ShopLayout({ children }: { children: ReactNode }) {
  return (
    <Document locale={DEFAULT_LOCALE}>
      <ShopFrame shopName={env().SHOP_NAME} locale={DEFAULT_LOCALE}>
        {children}
      </ShopFrame>
    </Document>
  );
}
