import type { MetadataRoute } from 'next';
import { listActiveProducts } from '@/lib/catalog';
import { listCollections } from '@/lib/collections';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().APP_URL;
  const [products, collections] = await Promise.all([listActiveProducts(), listCollections()]);
  return [
    { url: `${base}/`, changeFrequency: 'daily', priority: 1 },
    ...collections.map((c) => ({ url: `${base}/collections/${c.slug}`, changeFrequency: 'daily' as const, priority: 0.9 })),
    ...products.map((p) => ({ url: `${base}/products/${p.slug}`, changeFrequency: 'weekly' as const, priority: 0.8 })),
  ];
}
