import { formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/i18n/routing';

/** A moment in the page's language, in UTC (rendered on the server only: no hydration difference). */
export function LocalTime({ date, locale }: { date: Date; locale: Locale }) {
  return <time dateTime={date.toISOString()}>{formatDateTime(date, locale)}</time>;
}
