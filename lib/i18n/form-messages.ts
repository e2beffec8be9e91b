import type { ActionState } from '@/lib/action-state';
import { DEFAULT_LOCALE, type Locale } from '@/i18n/routing';
import en from '@/messages/en.json';
import { translator } from './messages';

// The answers of the buyer's forms in the page's language. The domain (cart, checkout, shipping
// rules, the action wrapper) words its refusals in the default language; `formMessages` in the
// message files lists each of them as a template (`Only {stock} left in stock.`), so an answer is
// recognised by its English text, its values taken from it and the message written again in the
// buyer's language. An answer no template matches stays as it is.

interface Template {
  key: keyof typeof en.formMessages;
  pattern: RegExp;
  args: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const TEMPLATES: Template[] = (Object.entries(en.formMessages) as Array<[Template['key'], string]>).map(([key, text]) => {
  const args: string[] = [];
  const pattern = text
    .split(/(\{\w+\})/)
    .map((part) => {
      const arg = /^\{(\w+)\}$/.exec(part);
      if (!arg) return escape(part);
      args.push(arg[1]!);
      return '(.+?)';
    })
    .join('');
  return { key, pattern: new RegExp(`^${pattern}$`, 's'), args };
});

/** One answer in `locale`; values that are answers themselves (`{problem} You already have …`) too. */
export async function localizeFormMessage(message: string, locale: Locale): Promise<string> {
  if (locale === DEFAULT_LOCALE) return message;
  const t = await translator(locale, 'formMessages');
  const walk = (text: string, depth: number): string => {
    for (const { key, pattern, args } of TEMPLATES) {
      const m = pattern.exec(text);
      if (!m) continue;
      const values = Object.fromEntries(args.map((a, i) => [a, depth < 2 ? walk(m[i + 1]!, depth + 1) : m[i + 1]!]));
      return t(key, values);
    }
    return text;
  };
  return walk(message, 0);
}

/** An action's answer (its message and field messages) in `locale`. */
export async function localizeActionState<S extends ActionState>(state: S, locale: Locale): Promise<S> {
  if (locale === DEFAULT_LOCALE) return state;
  const out: ActionState = { ...state };
  if (state.message !== undefined) out.message = await localizeFormMessage(state.message, locale);
  if (state.fieldErrors) {
    out.fieldErrors = Object.fromEntries(
      await Promise.all(
        Object.entries(state.fieldErrors).map(async ([f, m]) => [f, typeof m === 'string' ? await localizeFormMessage(m, locale) : m]),
      ),
    );
  }
  return out as S;
}
