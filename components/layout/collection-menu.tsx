import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { localizedPath } from '@/lib/i18n/paths';
import type { CollectionView } from '@/lib/collections';

const linkClass = 'block rounded-lg px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800';

/**
 * The collections as the shop's menu. Wide screens show the links in the header; narrow ones a
 * disclosure (`<details>`: keyboard-operable, no script) that also holds "My orders", which the
 * header's first row has no room for there. Its links load the page afresh, so the disclosure
 * closes behind them (the header is in the layout and would otherwise stay open).
 */
export async function CollectionMenu({
  collections,
  locale,
  languages = null,
  className = '',
}: {
  collections: Pick<CollectionView, 'slug' | 'name'>[];
  locale: Locale;
  /** The language links, which the header's first row has no room for on phones either. */
  languages?: ReactNode;
  className?: string;
}) {
  const t = await getTranslations({ locale, namespace: 'header' });
  const href = (slug: string) => (slug ? `/collections/${slug}` : '/');
  // The disclosure's plain links carry the language themselves (the header's Links add it).
  const items = [
    { name: t('allProducts'), href: localizedPath('/', locale) },
    ...collections.map((c) => ({ name: c.name, href: localizedPath(href(c.slug), locale) })),
    { name: t('myOrders'), href: localizedPath('/account/orders', locale) },
  ];
  return (
    <nav aria-label={t('collections')} className={`flex items-center ${className}`}>
      <ul className="hidden items-center gap-1 md:flex">
        {collections.map((c) => (
          <li key={c.slug}>
            <Link href={href(c.slug)} locale={locale} className={linkClass}>
              {c.name}
            </Link>
          </li>
        ))}
      </ul>
      <details className="group relative md:hidden" data-testid="collection-menu">
        <summary className="flex cursor-pointer list-none items-center gap-1 rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800 [&::-webkit-details-marker]:hidden">
          {t('menu')}
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 transition group-open:rotate-180">
            <path d="M5 8l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </summary>
        <ul className="absolute left-0 z-20 mt-2 w-56 max-w-[calc(100vw-2rem)] rounded-xl border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          {items.map((item, i) => (
            <li key={item.href} className={i === items.length - 1 ? 'mt-1 border-t border-zinc-200 pt-1 dark:border-zinc-800' : undefined}>
              <a href={item.href} className={linkClass}>
                {item.name}
              </a>
            </li>
          ))}
          {languages && <li className="mt-1 border-t border-zinc-200 px-1 pt-1 dark:border-zinc-800">{languages}</li>}
        </ul>
      </details>
    </nav>
  );
}
