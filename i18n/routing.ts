import { defineRouting } from 'next-intl/routing';

/**
 * The shop's languages. A third one is a message file (`messages/<code>.json`), an entry here and
 * catalog rows in the translation tables; no other code names a language.
 *
 * Buyer pages live under `app/[locale]`; proxy.ts runs next-intl's routing with this configuration,
 * and checkout negotiates the order's language against it (docs/i18n.md).
 */
export const routing = defineRouting({
  locales: ['en', 'ru'],
  defaultLocale: 'en',
  // English stays at today's URLs (/products/…); other languages get a prefix (/ru/products/…).
  localePrefix: 'as-needed',
  // The buyer's choice, remembered: written by next-intl's proxy when the language of the URL differs
  // from the browser's, read by it on the next visit to an unprefixed page and by checkout.
  localeCookie: { name: 'NEXT_LOCALE', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' },
});

export type Locale = (typeof routing.locales)[number];
export const LOCALES: readonly Locale[] = routing.locales;
export const DEFAULT_LOCALE: Locale = routing.defaultLocale;
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/**
 * Whether buyer pages live under `app/[locale]`: links built with lib/i18n/paths.ts (order emails,
 * the checkout redirect, the way back from the pay page) carry the order's `/ru` prefix. Off, every
 * locale would use unprefixed paths.
 */
export const LOCALE_ROUTING = true;
