import type { OrderStatus } from '@/lib/orders/types';

const TONES: Record<OrderStatus, string> = {
  pending: 'bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100',
  awaiting_payment: 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-100',
  partially_paid: 'bg-orange-100 text-orange-900 dark:bg-orange-900/40 dark:text-orange-100',
  paid: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-100',
  expired: 'bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200',
  canceled: 'bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200',
  needs_review: 'bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100',
};

/** An order's status as a coloured pill, named by the caller (server badge, or the live one on the order page). */
export function StatusPill({ status, label }: { status: OrderStatus; label: string }) {
  return (
    <span
      data-testid="order-status"
      data-status={status}
      className={`inline-flex rounded-full px-3 py-1 text-sm font-semibold ${TONES[status]}`}
    >
      {label}
    </span>
  );
}
