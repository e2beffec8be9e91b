import type { MetadataRoute } from 'next';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

/** The web app manifest: the shop's name (from SHOP_NAME) and icons for home screens. */
export default function manifest(): MetadataRoute.Manifest {
  const name = env().SHOP_NAME;
  return {
    name,
    short_name: name.length <= 12 ? name : 'Shop',
    description: 'Goods paid for in crypto through CryptoCloud.',
    start_url: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#2563eb',
    icons: [
      { src: '/icon.svg', type: 'image/svg+xml', sizes: 'any' },
      { src: '/icons/icon-192.png', type: 'image/png', sizes: '192x192' },
      { src: '/icons/icon-512.png', type: 'image/png', sizes: '512x512' },
    ],
  };
}
