import 'server-only';
import { headers } from 'next/headers';

const FALLBACK = 'en-US';

/**
 * The buyer's preferred locale from Accept-Language (first one Intl supports), for dates rendered
 * on the server: the same text reaches every client, so nothing differs at hydration.
 */
export async function requestLocale(): Promise<string> {
  const header = (await headers()).get('accept-language') ?? '';
  const wanted = header
    .split(',')
    .map((part) => part.split(';')[0]!.trim())
    .filter((tag) => tag && tag !== '*')
    .slice(0, 10);
  for (const tag of wanted) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // Not a well-formed language tag: try the next one.
    }
  }
  return FALLBACK;
}

/** "26 November 2026 at 14:05 UTC" in `locale`: the shop keeps time in UTC and says so. */
export function formatDateTime(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(date);
}
