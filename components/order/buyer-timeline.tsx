import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { LocalTime } from '@/components/order/local-time';
import type { OrderStatus } from '@/lib/orders/types';

export interface TimelineEvent {
  from: OrderStatus | null;
  to: OrderStatus;
  at: Date;
}

/** The order's story for the buyer: its status changes, then the shipment when it went out. */
export async function BuyerTimeline({ events, shippedAt, locale }: { events: TimelineEvent[]; shippedAt: Date | null; locale: Locale }) {
  // What each status change means to the buyer, in their words rather than the state machine's.
  const t = await getTranslations({ locale, namespace: 'order.steps' });
  const steps = events.map((e) => ({ text: t(e.to), at: e.at, key: `${e.to}-${e.at.toISOString()}` }));
  if (shippedAt) steps.push({ text: t('shipped'), at: shippedAt, key: 'shipped' });
  return (
    <ol className="space-y-3 border-l-2 border-zinc-200 pl-4 text-sm dark:border-zinc-800" data-testid="order-timeline">
      {steps.map((s) => (
        <li key={s.key} className="relative">
          <span aria-hidden="true" className="absolute top-1.5 -left-[1.4rem] size-2.5 rounded-full bg-brand-600" />
          <span className="block font-medium" data-testid="timeline-step">
            {s.text}
          </span>
          <span className="block text-zinc-600 dark:text-zinc-400">
            <LocalTime date={s.at} locale={locale} />
          </span>
        </li>
      ))}
    </ol>
  );
}
