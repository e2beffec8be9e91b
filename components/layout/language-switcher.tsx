'use client';

import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { usePathname } from '@/i18n/navigation';
import { LOCALES, type Locale } from '@/i18n/routing';

/** Each language's name in itself, for the switcher ("English", "Русский"). */
function autonym(locale: Locale) {
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

function Links({ locale, query, testIdPrefix }: { locale: Locale; query: string; testIdPrefix: string }) {
  // The page without its language prefix: the same page in every language.
  const path = usePathname();
  return (
    <>
      {LOCALES.map((l) =>
        l === locale ? (
          <span key={l} aria-current="true" lang={l} className="rounded-lg px-2 py-2 text-sm font-semibold">
            {l.toUpperCase()}
          </span>
        ) : (
          // Always prefixed (`/en/…` too): next-intl's proxy stores the choice in the cookie and, for
          // the default language, redirects to the unprefixed URL. A plain link: no JavaScript needed,
          // and the new document gets its own `<html lang>`.
          <a
            key={l}
            href={`/${l}${path === '/' ? '' : path}${query ? `?${query}` : ''}`}
            hrefLang={l}
            lang={l}
            title={autonym(l)}
            data-testid={`${testIdPrefix}switch-locale-${l}`}
            className="rounded-lg px-2 py-2 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
            {l.toUpperCase()}
          </a>
        ),
      )}
    </>
  );
}

function WithQuery({ locale, testIdPrefix }: { locale: Locale; testIdPrefix: string }) {
  return <Links locale={locale} query={useSearchParams().toString()} testIdPrefix={testIdPrefix} />;
}

/** The header's languages: the current page (and its query string) in each of the others. */
export function LanguageSwitcher({
  locale,
  label,
  className = 'flex',
  testIdPrefix = '',
}: {
  locale: Locale;
  label: string;
  className?: string;
  /** The phone menu's copy has its own test ids. */
  testIdPrefix?: string;
}) {
  return (
    <nav aria-label={label} className={`items-center ${className}`} data-testid={`${testIdPrefix}language-switcher`}>
      {/* The query is read on the client where a page is prerendered; until then the links keep the path. */}
      <Suspense fallback={<Links locale={locale} query="" testIdPrefix={testIdPrefix} />}>
        <WithQuery locale={locale} testIdPrefix={testIdPrefix} />
      </Suspense>
    </nav>
  );
}
