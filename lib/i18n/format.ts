import type { Locale } from '@/i18n/routing';
import { formatMoney } from '@/lib/money';

// Prices and dates in a language's conventions. The currency is the shop's whatever the language:
// "$32.00" in English, "32,00 $" in Russian. Times are UTC and say so.

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/** A moment as the buyer's language writes it, in UTC: "November 26, 2026 at 5:50 AM UTC", "26 ноября 2026 г. в 05:50 UTC". */
export function formatDateTime(date: Date, locale: Locale): string {
  let f = dateTimes.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
    dateTimes.set(locale, f);
  }
  return `${f.format(date)} UTC`;
}

/** A minor-unit amount of the shop's currency, written the language's way. */
export function formatPrice(minor: number, currency: string, locale: Locale): string {
  return formatMoney(minor, currency, locale);
}
