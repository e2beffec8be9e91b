import { DEFAULT_LOCALE, LOCALE_ROUTING, type Locale } from '@/i18n/routing';
import { env } from '@/lib/env';
import { toLocale } from './messages';

/**
 * A shop path in a language, as next-intl's `localePrefix: 'as-needed'` spells it: the default
 * language unprefixed (`/orders/x`), others prefixed (`/ru/orders/x`). Unprefixed for every
 * language while locale routing is off, so today's URLs keep working.
 */
export function localizedPath(path: string, locale: Locale, routingOn: boolean = LOCALE_ROUTING): string {
  if (!path.startsWith('/')) throw new RangeError(`not an absolute path: ${path}`);
  if (!routingOn || locale === DEFAULT_LOCALE) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/** What an order's links are built from: its token (the credential) and the buyer's language. */
export interface OrderLinkFields {
  publicToken: string;
  locale: string;
}

/** The order page's path in the order's language: `/orders/<token>`, `/ru/orders/<token>` once locale routing is on. */
export function orderPath(order: OrderLinkFields, routingOn?: boolean): string {
  return localizedPath(`/orders/${order.publicToken}`, toLocale(order.locale), routingOn);
}

/** The order page's absolute URL, for emails. The token in it is the credential: send it to the buyer only. */
export function orderUrl(order: OrderLinkFields, routingOn?: boolean): string {
  return `${env().APP_URL}${orderPath(order, routingOn)}`;
}
