import { formatDateTime } from '@/lib/locale';

/** A moment in the buyer's language (rendered on the server only: no hydration difference). */
export function LocalTime({ date, locale }: { date: Date; locale: string }) {
  return <time dateTime={date.toISOString()}>{formatDateTime(date, locale)}</time>;
}
