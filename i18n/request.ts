import { hasLocale } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';
import { loadMessages } from '@/lib/i18n/messages';
import { routing } from './routing';

/**
 * next-intl's per-request configuration. Until buyer pages move under `app/[locale]` there is no
 * locale segment, so a page gets English unless it names a locale itself, as the sandbox pay page
 * does with its invoice's: `getTranslations({ locale, namespace })`.
 */
export default getRequestConfig(async ({ locale: explicit, requestLocale }) => {
  const requested = explicit ?? (await requestLocale);
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return { locale, messages: await loadMessages(locale), timeZone: 'UTC' };
});
