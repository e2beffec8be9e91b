import { getTranslations } from 'next-intl/server';
import en from '@/messages/en.json';
import type { OrderStatus } from '@/lib/orders/types';

/** The statuses' names in the default language: the back office's (buyer pages name them in theirs). */
export const STATUS_LABELS: Record<OrderStatus, string> = en.order.status;

const TONES: Record<OrderStatus, string> = {
  pending: 'bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100',
  awaiting_payment: 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-100',
  partially_paid: 'bg-orange-100 text-orange-900 dark:bg-orange-900/40 dark:text-orange-100',
  paid: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-100',
  expired: 'bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200',
  canceled: 'bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200',
  needs_review: 'bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100',
};

export async function StatusBadge({ status }: { status: OrderStatus }) {
  const t = await getTranslations('order');
  return (
    <span
      data-testid="order-status"
      data-status={status}
      className={`inline-flex rounded-full px-3 py-1 text-sm font-semibold ${TONES[status]}`}
    >
      {t(`status.${status}`)}
    </span>
  );
}
