import { getLocale } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { formatPrice } from '@/lib/i18n/format';

/** An amount of the shop's currency, written the page's language's way ("$32.00", "32,00 $"). */
export async function Price({ minor, currency, className }: { minor: number; currency: string; className?: string }) {
  const locale = (await getLocale()) as Locale;
  return <span className={className}>{formatPrice(minor, currency, locale)}</span>;
}
