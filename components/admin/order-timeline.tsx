import { STATUS_LABELS } from '@/components/order/status-badge';
import type { AdminOrderDetail } from '@/lib/orders/admin-queries';
import { Timestamp } from './timestamp';

const WHO: Record<string, string> = {
  checkout: 'Buyer (checkout)',
  invoice_created: 'Shop (invoice created)',
  postback: 'CryptoCloud postback',
  reconciler: 'Reconciler (info API)',
  payment_window: 'Payment window',
};

const ACTIONS: Record<string, string> = {
  cancel: 'Canceled the order',
  resolve: 'Resolved the review',
  recheck: 'Re-checked with CryptoCloud',
  refund_owed: 'Flagged a refund owed',
  fulfil: 'Marked fulfilled',
  reprocess_postback: 'Re-processed a postback',
};

const text = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v));

/** Each event: when, who (an admin's email or the automatic cause), what changed, and why. */
export function OrderTimeline({ events }: { events: AdminOrderDetail['events'] }) {
  return (
    <ol className="space-y-3" data-testid="admin-timeline">
      {events.map((e) => {
        const d = e.detail ?? {};
        const admin = typeof d.by === 'object' && d.by && 'email' in d.by ? String((d.by as { email: unknown }).email) : null;
        const changed = e.from !== e.to;
        const { by: _by, action, reason, ...rest } = d as Record<string, unknown>;
        return (
          <li key={e.id} className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800" data-testid="timeline-event">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="font-medium">
                {admin ?? WHO[e.cause] ?? e.cause}
                {typeof action === 'string' && `: ${ACTIONS[action] ?? action}`}
              </span>
              <span className="text-zinc-500 dark:text-zinc-400">
                <Timestamp date={e.at} withSeconds />
              </span>
            </div>
            {changed && (
              <p className="mt-1">
                {e.from ? `${STATUS_LABELS[e.from]} → ` : ''}
                <strong>{STATUS_LABELS[e.to]}</strong>
              </p>
            )}
            {typeof reason === 'string' && <p className="mt-1 text-zinc-700 dark:text-zinc-300">Why: {reason}</p>}
            {Object.keys(rest).length > 0 && (
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-zinc-600 dark:text-zinc-400">
                {Object.entries(rest).map(([k, v]) => (
                  <div key={k} className="contents">
                    <dt>{k}</dt>
                    <dd className="break-all">{text(v)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ol>
  );
}
