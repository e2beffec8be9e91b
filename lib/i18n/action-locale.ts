import 'server-only';
import { headers } from 'next/headers';
import type { Locale } from '@/i18n/routing';
import type { ActionState } from '@/lib/action-state';
import { localizeActionState } from './form-messages';
import { toLocale, translator, type Messages } from './messages';

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

/** A translator of one namespace in the action's language. */
export async function actionTranslator<N extends keyof Messages>(namespace: N) {
  return translator(await actionLocale(), namespace);
}

/** `validatedAction`'s `localize` for the buyer's forms: every answer in the language of the page it came from. */
export async function inActionLocale(state: ActionState): Promise<ActionState> {
  return localizeActionState(state, await actionLocale());
}
