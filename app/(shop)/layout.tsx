import type { ReactNode } from 'react';
import { ShopFrame } from '@/components/layout/shop-frame';
import { env } from '@/lib/env';

/** Every shop page (storefront, cart, orders, back office) inside the shop's header and footer. */
export default function ShopLayout({ children }: { children: ReactNode }) {
  return <ShopFrame shopName={env().SHOP_NAME}>{children}</ShopFrame>;
}
