import { getPathname } from '@/i18n/navigation';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@/i18n/routing';

/**
 * A page's canonical URL in its language and its `hreflang` alternates: every language's URL of
 * the same page, and `x-default` (the default language's, which negotiates for new visitors).
 * Paths are relative to `metadataBase` (APP_URL).
 */
export function alternates(path: string, locale: Locale): { canonical: string; languages: Record<string, string> } {
  const languages: Record<string, string> = Object.fromEntries(LOCALES.map((l) => [l, getPathname({ href: path, locale: l })]));
  languages['x-default'] = getPathname({ href: path, locale: DEFAULT_LOCALE });
  return { canonical: getPathname({ href: path, locale }), languages };
}
