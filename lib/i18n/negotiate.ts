import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { z } from 'zod';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@/i18n/routing';

/** A locale the shop speaks, exactly as listed in i18n/routing.ts. */
export const localeSchema = z.enum(LOCALES as [Locale, ...Locale[]]);

/**
 * The buyer's language, chosen the way next-intl's proxy chooses it (its resolveLocale): a
 * supported value of the locale cookie first, then the best match of `Accept-Language`
 * (negotiator's q-ordering, then @formatjs/intl-localematcher's best fit), else the default.
 * Nothing the client sends can yield anything but a supported locale.
 */
export function negotiateLocale(input: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  const fromCookie = localeSchema.safeParse(input.cookie);
  if (fromCookie.success) return fromCookie.data;
  const requested = new Negotiator({ headers: { 'accept-language': input.acceptLanguage ?? undefined } }).languages();
  try {
    // Longest tags first, as next-intl does (formatjs/formatjs#4469).
    const ordered = [...LOCALES].sort((a, b) => b.length - a.length);
    const matched = match(requested, ordered, DEFAULT_LOCALE);
    return LOCALES.find((l) => l.toLowerCase() === matched.toLowerCase()) ?? DEFAULT_LOCALE;
  } catch {
    // A malformed language tag (RangeError from Intl): the default language.
    return DEFAULT_LOCALE;
  }
}
