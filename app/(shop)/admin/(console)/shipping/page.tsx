import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm, Field } from '@/components/admin/action-form';
import { Timestamp } from '@/components/admin/timestamp';
import { requireAdminPage } from '@/lib/auth';
import { packingList } from '@/lib/fulfilment';
import { markShippedAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Shipping' };

/** The packing view: paid orders with goods to send, oldest payment first, each with its address and "mark shipped". */
type Props = { searchParams: Promise<{ shipped?: string }> };

export default async function PackingPage({ searchParams }: Props) {
  await requireAdminPage('/admin/shipping');
  const entries = await packingList();
  const shipped = (await searchParams).shipped;
  return (
    <section aria-labelledby="packing-heading" className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 id="packing-heading" className="text-2xl font-bold">
          To pack and ship
        </h1>
        <Link
          href="/admin/shipping/options"
          className="text-sm font-medium text-brand-600 hover:underline"
          data-testid="shipping-options-link"
        >
          Shipping options and prices
        </Link>
      </div>
      {shipped && /^[0-9a-f]{8}$/.test(shipped) && (
        <p
          role="status"
          data-testid="shipped-notice"
          className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          Order <span className="font-mono">{shipped}</span> marked shipped; the buyer’s “on its way” email is queued.
        </p>
      )}
      {entries.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-zinc-300 p-8 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          Nothing to ship: every paid order with goods to send is marked shipped.
        </p>
      ) : (
        <ul className="space-y-4" data-testid="packing-list">
          {entries.map((e) => (
            <li
              key={e.id}
              className="grid gap-4 rounded-2xl border border-zinc-200 p-4 md:grid-cols-[1fr_1fr_18rem] dark:border-zinc-800"
              data-testid="packing-entry"
            >
              <div className="space-y-1 text-sm">
                <Link href={`/admin/orders/${e.id}`} className="font-mono font-semibold text-brand-600 hover:underline">
                  {e.id.slice(0, 8)}
                </Link>
                <p className="text-zinc-600 dark:text-zinc-400">
                  {e.email}
                  {e.paidAt && (
                    <>
                      {' '}
                      · paid <Timestamp date={e.paidAt} />
                    </>
                  )}
                </p>
                <ul>
                  {e.items.map((item, i) => (
                    <li key={i} className={item.kind === 'digital' ? 'text-zinc-500 dark:text-zinc-400' : 'font-medium'}>
                      {item.quantity} × {item.name}
                      {item.kind === 'digital' && ' (digital, delivered)'}
                    </li>
                  ))}
                </ul>
              </div>
              <address className="text-sm not-italic" data-testid="packing-address">
                <span className="mb-1 block text-xs font-semibold uppercase text-zinc-500 dark:text-zinc-400">{e.shippingName}</span>
                {e.addressLines.map((line, i) => (
                  <span key={i} className="block">
                    {line}
                  </span>
                ))}
              </address>
              <ActionForm action={markShippedAction} submitLabel="Mark shipped" pendingLabel="Saving…" testId="mark-shipped">
                <input type="hidden" name="orderId" value={e.id} />
                <Field name="trackingRef" label="Tracking reference" maxLength={200} hint="Emailed to the buyer." />
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
