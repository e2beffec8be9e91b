import { useLocale } from 'next-intl';
import { NotFoundContent } from '@/components/layout/not-found-content';
import type { Locale } from '@/i18n/routing';

/** A missing product, collection or order, or an unknown path, in the page's language. */
export default function LocaleNotFound() {
  // not-found files get no params: the layout's setRequestLocale gave the request its locale.
  const locale = useLocale() as Locale;
  return <NotFoundContent locale={locale} />;
}
