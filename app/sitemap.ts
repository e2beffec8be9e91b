import type { MetadataRoute } from 'next';
import { LOCALES } from '@/i18n/routing';
import { listActiveProducts } from '@/lib/catalog';
import { listCollections } from '@/lib/collections';
import { env } from '@/lib/env';
import { alternates } from '@/lib/i18n/seo';

export const dynamic = 'force-dynamic';

/** Every catalog page in every language, each entry naming its other languages (hreflang in the sitemap). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().APP_URL;
  const [products, collections] = await Promise.all([listActiveProducts(), listCollections()]);
  const pages = [
    { path: '/', changeFrequency: 'daily' as const, priority: 1 },
    ...collections.map((c) => ({ path: `/collections/${c.slug}`, changeFrequency: 'daily' as const, priority: 0.9 })),
    ...products.map((p) => ({ path: `/products/${p.slug}`, changeFrequency: 'weekly' as const, priority: 0.8 })),
  ];
  return pages.flatMap(({ path, changeFrequency, priority }) =>
    LOCALES.map((locale) => {
      const { canonical, languages } = alternates(path, locale);
      return {
        url: `${base}${canonical}`,
        changeFrequency,
        priority,
        alternates: { languages: Object.fromEntries(Object.entries(languages).map(([l, p]) => [l, `${base}${p}`])) },
      };
    }),
  );
}
