import type { Locale } from '@/i18n/routing';
import { optionNameIn, translator } from './messages';

/**
 * What a refusal that names the shop's data is written with, in the buyer's language: the
 * `formMessages` templates, and option names ("size", "размер") joined the language's way. The
 * domain writes such a refusal itself (the cart, the checkout, the shipping rules), because only it
 * holds the data and its translations; refusals without data words are translated on their way out
 * by template (form-messages.ts). Loaded only when something is refused.
 */
export async function refusalWriter(locale: Locale) {
  const [t, optionName] = await Promise.all([translator(locale, 'formMessages'), optionNameIn(locale)]);
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    t,
    locale,
    /** Option names ("Size", "Colour") mid-sentence: "size and colour", "размер и цвет". */
    options: (names: readonly string[]) => list.format(names.map((n) => optionName(n).toLocaleLowerCase(locale))),
    /** An option name as a label ("Size: M"): capitalised as the merchant or the messages write it. */
    optionName,
  };
}

export type RefusalWriter = Awaited<ReturnType<typeof refusalWriter>>;
