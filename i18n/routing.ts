import { defineRouting } from 'next-intl/routing';

/**
 * The shop's languages. A third one is a message file (`messages/<code>.json`), an entry here and
 * catalog rows in the translation tables; no other code names a language.
 *
 * Routing is not switched on yet (no `app/[locale]`, no next-intl proxy): this is the configuration
 * it will use, and what checkout negotiates against today (docs/i18n.md).
 */
export const routing = defineRouting({
  locales: ['en', 'ru'],
  defaultLocale: 'en',
  // English stays at today's URLs (/products/…); other languages get a prefix (/ru/products/…).
  localePrefix: 'as-needed',
  // The buyer's choice, remembered. Read by checkout now, written by the next-intl proxy later.
  localeCookie: { name: 'NEXT_LOCALE', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' },
});

export type Locale = (typeof routing.locales)[number];
export const LOCALES: readonly Locale[] = routing.locales;
export const DEFAULT_LOCALE: Locale = routing.defaultLocale;
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/**
 * Whether buyer pages live under `app/[locale]` yet. Off: every locale uses today's unprefixed
 * paths. The step that moves the pages (and adds next-intl's proxy) turns it on, and every link
 * built with lib/i18n/paths.ts gains its `/ru` prefix at once.
 */
export const LOCALE_ROUTING = false;
