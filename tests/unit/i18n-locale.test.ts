import { describe, expect, it } from 'vitest';
import { localeSchema, negotiateLocale } from '@/lib/i18n/negotiate';
import { localizedPath } from '@/lib/i18n/paths';
import { toLocale } from '@/lib/i18n/messages';
import { formatDateTime, formatPrice } from '@/lib/i18n/format';

describe('locale negotiation (cookie, then Accept-Language, then English)', () => {
  it('takes the best Accept-Language match by quality', () => {
    expect(negotiateLocale({ acceptLanguage: 'ru' })).toBe('ru');
    expect(negotiateLocale({ acceptLanguage: 'ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7' })).toBe('ru');
    expect(negotiateLocale({ acceptLanguage: 'de-DE,de;q=0.9,ru;q=0.5' })).toBe('ru');
    expect(negotiateLocale({ acceptLanguage: 'en;q=0.9,ru;q=0.8' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'ru;q=0.2,en;q=0.8' })).toBe('en');
    // Best fit, as next-intl's proxy: Ukrainian and Belarusian readers are closer to Russian than to English.
    expect(negotiateLocale({ acceptLanguage: 'uk-UA' })).toBe('ru');
    expect(negotiateLocale({ acceptLanguage: 'ja-JP,ja;q=0.9' })).toBe('en');
  });

  it('falls back to English for no, empty, wildcard or malformed headers', () => {
    for (const acceptLanguage of [null, undefined, '', '*', 'x', '!!!,;q=abc', 'ru;q=0', 'a'.repeat(5000)]) {
      expect(negotiateLocale({ acceptLanguage }), String(acceptLanguage).slice(0, 20)).toBe('en');
    }
  });

  it('prefers a supported cookie and ignores any other cookie value', () => {
    expect(negotiateLocale({ cookie: 'en', acceptLanguage: 'ru' })).toBe('en');
    expect(negotiateLocale({ cookie: 'ru', acceptLanguage: 'en' })).toBe('ru');
    for (const cookie of ['RU', 'ru-RU', 'de', '', ' ru', 'ru\u0000', '__proto__']) {
      expect(negotiateLocale({ cookie, acceptLanguage: 'en' }), cookie).toBe('en');
    }
  });

  it('accepts only supported locales at a boundary', () => {
    expect(localeSchema.safeParse('ru').success).toBe(true);
    expect(localeSchema.safeParse('de').success).toBe(false);
    expect(toLocale('ru')).toBe('ru');
    expect(toLocale('fr')).toBe('en');
    expect(toLocale(null)).toBe('en');
  });
});

describe('localized paths', () => {
  it('carry the language by default: buyer pages live under app/[locale]', () => {
    expect(localizedPath('/orders/abc', 'ru')).toBe('/ru/orders/abc');
    expect(localizedPath('/orders/abc', 'en')).toBe('/orders/abc');
  });

  it('would keep unprefixed URLs with locale routing off', () => {
    expect(localizedPath('/orders/abc', 'ru', false)).toBe('/orders/abc');
    expect(localizedPath('/', 'ru', false)).toBe('/');
  });

  it('prefix every language but the default once it is on (as-needed)', () => {
    expect(localizedPath('/orders/abc', 'ru', true)).toBe('/ru/orders/abc');
    expect(localizedPath('/', 'ru', true)).toBe('/ru');
    expect(localizedPath('/orders/abc', 'en', true)).toBe('/orders/abc');
    expect(() => localizedPath('orders', 'ru', true)).toThrow(RangeError);
  });
});

describe('formatting by language, in the shop currency', () => {
  it('writes prices and dates the language way', () => {
    expect(formatPrice(3200, 'USD', 'en')).toBe('$32.00');
    expect(formatPrice(3200, 'USD', 'ru').replace(/\s/g, ' ')).toBe('32,00 $');
    const at = new Date('2026-11-26T05:07:00Z');
    expect(formatDateTime(at, 'en')).toBe('November 26, 2026 at 5:07 AM UTC');
    expect(formatDateTime(at, 'ru')).toBe('26 ноября 2026 г. в 05:07 UTC');
  });
});

describe("the page's locale in server actions", () => {
  it('is read from the header next-intl’s proxy sets', async () => {
    const { readFileSync } = await import('node:fs');
    const constants = readFileSync('node_modules/next-intl/dist/esm/production/shared/constants.js', 'utf8');
    const { LOCALE_HEADER } = await import('@/lib/i18n/action-locale');
    expect(constants).toContain(`"${LOCALE_HEADER}"`);
  });
});
