import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES } from '@/i18n/routing';
import { translator } from '@/lib/i18n/messages';

// The message files: one per locale of i18n/routing.ts, all with English's keys, every message a
// valid ICU message, and every plural with the categories its language needs.

const dir = path.join(import.meta.dirname, '../../messages');
const read = (locale: string) => JSON.parse(readFileSync(path.join(dir, `${locale}.json`), 'utf8')) as Record<string, unknown>;

/** "a.b.c" → message, for every leaf. */
function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Record<string, unknown>, name)) out.set(k, v);
    } else out.set(name, value);
  }
  return out;
}

type Ast = ReturnType<IntlMessageFormat['getAst']>;
/** Every plural argument's categories (`one`, `few`, …), nested ones included. */
function pluralCategories(ast: Ast, out: string[][] = []): string[][] {
  for (const el of ast) {
    if ('options' in el && el.options && typeof el.options === 'object') {
      // type 6 = plural (intl-messageformat's TYPE.plural); select options are walked too.
      if (el.type === 6) out.push(Object.keys(el.options).filter((k) => !k.startsWith('=')));
      for (const opt of Object.values(el.options as Record<string, { value: Ast }>)) pluralCategories(opt.value, out);
    }
    if ('children' in el && Array.isArray(el.children)) pluralCategories(el.children as Ast, out);
  }
  return out;
}

describe('message files', () => {
  it('exist for exactly the configured locales', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...LOCALES].sort());
  });

  const reference = flatten(read(DEFAULT_LOCALE));

  for (const locale of LOCALES) {
    it(`${locale}: same keys as ${DEFAULT_LOCALE}, every message a non-empty ICU string`, () => {
      const messages = flatten(read(locale));
      expect([...messages.keys()].sort()).toEqual([...reference.keys()].sort());
      for (const [key, message] of messages) {
        expect(typeof message, key).toBe('string');
        expect((message as string).trim(), key).not.toBe('');
        expect(() => new IntlMessageFormat(message as string, locale), key).not.toThrow();
      }
    });

    it(`${locale}: every plural names each category the language has`, () => {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      let plurals = 0;
      for (const [key, message] of flatten(read(locale))) {
        for (const categories of pluralCategories(new IntlMessageFormat(message as string, locale).getAst())) {
          plurals++;
          expect(categories.sort(), key).toEqual([...needed].sort());
        }
      }
      expect(plurals).toBeGreaterThan(0);
    });
  }

  it('Russian item counts: 1 товар, 2 товара, 5 товаров, 11 товаров, 21 товар, 1,5 товара', async () => {
    const t = await translator('ru', 'common');
    expect([1, 2, 5, 11, 21, 22, 1.5].map((count) => t('itemCount', { count }))).toEqual([
      '1 товар',
      '2 товара',
      '5 товаров',
      '11 товаров',
      '21 товар',
      '22 товара',
      '1,5 товара',
    ]);
    const en = await translator('en', 'common');
    expect([1, 2, 5].map((count) => en('itemCount', { count }))).toEqual(['1 item', '2 items', '5 items']);
  });
});
