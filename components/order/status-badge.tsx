import { getTranslations } from 'next-intl/server';
import en from '@/messages/en.json';
import type { OrderStatus } from '@/lib/orders/types';
import { StatusPill } from './status-pill';

/** The statuses' names in the default language: the back office's (buyer pages name them in theirs). */
export const STATUS_LABELS: Record<OrderStatus, string> = en.order.status;

export async function StatusBadge({ status }: { status: OrderStatus }) {
  const t = await getTranslations('order');
  return <StatusPill status={status} label={t(`status.${status}`)} />;
}
