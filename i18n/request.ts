import { hasLocale } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';
import { loadMessages } from '@/lib/i18n/messages';
import { routing } from './routing';

/**
 * next-intl's per-request configuration: buyer pages' locale is their `[locale]` segment (set by
 * the layout with setRequestLocale, or by the proxy's header in server actions); pages outside it
 * (back office, mailbox) get English unless they name a locale themselves, as the sandbox pay page
 * does with its invoice's: `getTranslations({ locale, namespace })`.
 */
export default getRequestConfig(async ({ locale: explicit, requestLocale }) => {
  const requested = explicit ?? (await requestLocale);
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return { locale, messages: await loadMessages(locale), timeZone: 'UTC' };
});
