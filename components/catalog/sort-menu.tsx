import { getTranslations } from 'next-intl/server';
import { Link } from '@/i18n/navigation';
import { listingHref, type Sort } from '@/lib/catalog-params';

/**
 * The listing's order as links: the query string is the state, so a sorted listing can be shared
 * and the back button returns to the previous order, with no script.
 */
export async function SortMenu({ path, q, sort, sorts }: { path: string; q?: string; sort: Sort; sorts: readonly Sort[] }) {
  const t = await getTranslations('listing');
  return (
    <nav aria-label={t('sortLabel')} data-testid="sort-menu" className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400" aria-hidden="true">
        {t('sort')}
      </span>
      <ul className="flex flex-wrap gap-1">
        {sorts.map((s) => (
          <li key={s}>
            <Link
              href={listingHref(path, { q, sort: s })}
              aria-current={s === sort ? 'true' : undefined}
              className="inline-block rounded-full border border-transparent px-3 py-1 hover:bg-zinc-100 aria-[current=true]:border-zinc-300 aria-[current=true]:bg-zinc-100 aria-[current=true]:font-semibold dark:hover:bg-zinc-800 dark:aria-[current=true]:border-zinc-700 dark:aria-[current=true]:bg-zinc-800"
            >
              {t(`sorts.${s}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
