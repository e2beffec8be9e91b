import type { Metadata } from 'next';
import Link from 'next/link';
import { Timestamp } from '@/components/admin/timestamp';
import { STATUS_LABELS, StatusBadge } from '@/components/order/status-badge';
import { Price } from '@/components/product/price';
import { buttonClass, inputClass } from '@/components/ui/button';
import { ORDER_STATUSES } from '@/db/schema';
import { requireAdminPage } from '@/lib/auth';
import { listOrders, orderListQuerySchema, type OrderListQuery } from '@/lib/orders/admin-queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Orders' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function href(query: OrderListQuery, page: { before?: string; after?: string }) {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.q) params.set('q', query.q);
  if (page.before) params.set('before', page.before);
  if (page.after) params.set('after', page.after);
  const s = params.toString();
  return `/admin/orders${s ? `?${s}` : ''}`;
}

export default async function AdminOrdersPage({ searchParams }: Props) {
  const raw = await searchParams;
  const query = orderListQuerySchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  await requireAdminPage(href(query, {}));
  const page = await listOrders(query);
  return (
    <section aria-labelledby="orders-heading" className="space-y-6">
      <h1 id="orders-heading" className="text-2xl font-bold">
        Orders
      </h1>
      <form
        method="get"
        action="/admin/orders"
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        role="search"
        data-testid="order-search"
      >
        <div className="flex-1">
          <label htmlFor="order-q" className="mb-1 block text-sm font-medium">
            Email, order token or INV- id
          </label>
          <input
            id="order-q"
            name="q"
            type="search"
            defaultValue={query.q}
            maxLength={254}
            className={inputClass}
            data-testid="order-search-q"
          />
        </div>
        <div>
          <label htmlFor="order-status" className="mb-1 block text-sm font-medium">
            Status
          </label>
          <select
            id="order-status"
            name="status"
            defaultValue={query.status ?? ''}
            className={inputClass}
            data-testid="order-search-status"
          >
            <option value="">Any status</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass} data-testid="order-search-submit">
          Search
        </button>
      </form>

      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="order-count">
          {page.countCapped
            ? `More than ${page.count.toLocaleString('en-US')} orders`
            : `${page.count.toLocaleString('en-US')} order${page.count === 1 ? '' : 's'}`}
          {query.q || query.status ? ' match' : ''}, newest first.
        </p>
        <a
          href={`/admin/orders/export${href(query, {}).replace('/admin/orders', '')}`}
          className="text-sm font-medium text-brand-600 hover:underline"
          data-testid="order-export"
        >
          Download CSV
        </a>
      </div>

      {page.rows.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-zinc-300 p-8 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No orders here.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-sm" data-testid="order-table">
            <thead className="text-left text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="py-2 pr-3 font-medium">Placed</th>
                <th className="py-2 pr-3 font-medium">Order</th>
                <th className="py-2 pr-3 font-medium">Buyer</th>
                <th className="py-2 pr-3 font-medium">Status</th>
                <th className="py-2 pr-3 font-medium">Invoice</th>
                <th className="py-2 text-right font-medium">Total</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {page.rows.map((o) => (
                <tr key={o.id} data-testid="order-row" data-order-id={o.id}>
                  <td className="py-2 pr-3 whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                    <Timestamp date={o.createdAt} />
                  </td>
                  <td className="py-2 pr-3">
                    <Link
                      href={`/admin/orders/${o.id}`}
                      className="font-mono font-medium text-brand-600 hover:underline"
                      data-testid="order-link"
                    >
                      {o.id.slice(0, 8)}
                    </Link>
                  </td>
                  <td className="py-2 pr-3 break-all">{o.email}</td>
                  <td className="py-2 pr-3">
                    <StatusBadge status={o.status} />
                    {o.fulfilled && <span className="ml-2 text-xs font-semibold text-emerald-700 dark:text-emerald-400">fulfilled</span>}
                  </td>
                  <td className="py-2 pr-3 font-mono text-xs">{o.invoiceUuid ?? '—'}</td>
                  <td className="py-2 text-right font-medium">
                    <Price minor={o.totalMinor} currency={o.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Pages" className="flex justify-between text-sm font-medium">
        {page.newer ? (
          <Link href={href(query, { after: page.newer })} className="text-brand-600 hover:underline" data-testid="newer-page">
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        {page.older && (
          <Link href={href(query, { before: page.older })} className="text-brand-600 hover:underline" data-testid="older-page">
            Older →
          </Link>
        )}
      </nav>
    </section>
  );
}
