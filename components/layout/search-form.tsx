import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { MAX_QUERY_LENGTH } from '@/lib/catalog-params';
import { localizedPath } from '@/lib/i18n/paths';

/**
 * A product search as a plain GET form: it works without JavaScript, and the result's URL
 * (/search?q=…) is the search, to share or to come back to.
 */
export async function SearchForm({
  label,
  locale,
  defaultValue = '',
  className = '',
}: {
  label: string;
  locale: Locale;
  defaultValue?: string;
  className?: string;
}) {
  const t = await getTranslations({ locale, namespace: 'search' });
  return (
    <form
      action={localizedPath('/search', locale)}
      method="get"
      role="search"
      aria-label={label}
      className={`flex min-w-0 items-center gap-2 ${className}`}
    >
      <label className="min-w-0 flex-1">
        <span className="sr-only">{t('field')}</span>
        <input
          type="search"
          name="q"
          defaultValue={defaultValue}
          maxLength={MAX_QUERY_LENGTH}
          placeholder={t('field')}
          autoComplete="off"
          enterKeyHint="search"
          className="block w-full min-w-0 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 placeholder:text-zinc-500 focus:border-brand-500 focus:outline-2 focus:outline-brand-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400"
        />
      </label>
      <button
        type="submit"
        className="shrink-0 rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {t('submit')}
      </button>
    </form>
  );
}
