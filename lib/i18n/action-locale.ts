import 'server-only';
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, type Locale } from '@/i18n/routing';
import type { ActionState } from '@/lib/action-state';
import { localizeActionState } from './form-messages';
import { toLocale, translator, type Messages } from './messages';
import { localeSchema, negotiateLocale } from './negotiate';

/**
 * The request header in which next-intl's proxy hands the page's locale to the app (its
 * HEADER_LOCALE_NAME; tests/unit/i18n-locale.test.ts checks the installed version still uses it).
 */
export const LOCALE_HEADER = 'X-NEXT-INTL-LOCALE';

/**
 * The language of the page a server action was posted from (`/ru/cart` → ru): what its answers are
 * written in. Read from the proxy's header through next/headers, so it works wherever the action
 * runs; anything unexpected is the default language.
 */
export async function actionLocale(): Promise<Locale> {
  return toLocale((await headers()).get(LOCALE_HEADER));
}

/**
 * The language an order placed by this action keeps (its emails, its page's links, the pay page):
 * the page it was placed from, which the proxy names; without one (a caller outside the pages),
 * the buyer's language negotiated from the locale cookie and Accept-Language.
 */
export async function orderLocale(): Promise<Locale> {
  const requestHeaders = await headers();
  const page = localeSchema.safeParse(requestHeaders.get(LOCALE_HEADER));
  if (page.success) return page.data;
  return negotiateLocale({
    cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: requestHeaders.get('accept-language'),
  });
}

/** A translator of one namespace in the action's language. */
export async function actionTranslator<N extends keyof Messages>(namespace: N) {
  return translator(await actionLocale(), namespace);
}

/** `validatedAction`'s `localize` for the buyer's forms: every answer in the language of the page it came from. */
export async function inActionLocale(state: ActionState): Promise<ActionState> {
  return localizeActionState(state, await actionLocale());
}
