import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { GatewayPanel } from '@/components/admin/gateway-panel';
import { Price } from '@/components/product/price';
import { DEV_ADMIN_EMAIL, requireAdminPage, usesDevelopmentAdmin } from '@/lib/auth';
import { gatewaySettings } from '@/lib/cryptocloud';
import { dashboardFigures } from '@/lib/orders/admin-queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Dashboard' };

const card = 'rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800';

export default async function DashboardPage() {
  const admin = await requireAdminPage('/admin');
  const figures = await dashboardFigures();
  const mode = gatewaySettings().mode;
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">Dashboard</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Signed in as {admin.email}
          {usesDevelopmentAdmin() &&
            admin.email === DEV_ADMIN_EMAIL &&
            ', the development admin (nothing is configured: this is not a production deployment)'}
          .
        </p>
      </header>

      <section aria-labelledby="attention-heading" className="space-y-3">
        <h2 id="attention-heading" className="text-lg font-semibold">
          Needs attention
        </h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <Link
            href="/admin/orders?status=needs_review"
            className={`${card} hover:bg-zinc-50 dark:hover:bg-zinc-900`}
            data-testid="needs-review"
          >
            <span className="block text-3xl font-bold" data-testid="needs-review-count">
              {figures.needsReview}
            </span>
            <span className="text-sm text-zinc-600 dark:text-zinc-400">order{figures.needsReview === 1 ? '' : 's'} to review</span>
          </Link>
          <Link
            href="/admin/postbacks?verdict=unmatched"
            className={`${card} hover:bg-zinc-50 dark:hover:bg-zinc-900`}
            data-testid="unmatched-postbacks"
          >
            <span className="block text-3xl font-bold">{figures.postbacks.unmatched}</span>
            <span className="text-sm text-zinc-600 dark:text-zinc-400">unmatched postbacks, last 7 days</span>
          </Link>
          <Link
            href="/admin/postbacks?verdict=mismatch"
            className={`${card} hover:bg-zinc-50 dark:hover:bg-zinc-900`}
            data-testid="mismatched-postbacks"
          >
            <span className="block text-3xl font-bold">{figures.postbacks.mismatch}</span>
            <span className="text-sm text-zinc-600 dark:text-zinc-400">mismatched postbacks, last 7 days</span>
          </Link>
        </div>
      </section>

      <section aria-labelledby="sales-heading" className="space-y-3">
        <h2 id="sales-heading" className="text-lg font-semibold">
          Sales
        </h2>
        {figures.byCurrency.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No orders in the last 30 days.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[32rem] text-sm" data-testid="sales-table">
              <thead className="text-left text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th className="py-2 pr-3 font-medium">Currency</th>
                  <th className="py-2 pr-3 font-medium" />
                  <th className="py-2 pr-3 text-right font-medium">Today (UTC)</th>
                  <th className="py-2 pr-3 text-right font-medium">Last 7 days</th>
                  <th className="py-2 text-right font-medium">Last 30 days</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {figures.byCurrency.flatMap((c) => [
                  <tr key={`${c.currency}-orders`}>
                    <td className="py-2 pr-3 font-medium" rowSpan={2}>
                      {c.currency}
                    </td>
                    <td className="py-2 pr-3 text-zinc-600 dark:text-zinc-400">Orders placed</td>
                    <td className="py-2 pr-3 text-right">{c.orders.today}</td>
                    <td className="py-2 pr-3 text-right">{c.orders.week}</td>
                    <td className="py-2 text-right">{c.orders.month}</td>
                  </tr>,
                  <tr key={`${c.currency}-revenue`} data-testid={`revenue-${c.currency}`}>
                    <td className="py-2 pr-3 text-zinc-600 dark:text-zinc-400">Paid revenue</td>
                    <td className="py-2 pr-3 text-right">
                      <Price minor={c.revenueMinor.today} currency={c.currency} />
                    </td>
                    <td className="py-2 pr-3 text-right">
                      <Price minor={c.revenueMinor.week} currency={c.currency} />
                    </td>
                    <td className="py-2 text-right">
                      <Price minor={c.revenueMinor.month} currency={c.currency} />
                    </td>
                  </tr>,
                ])}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="gateway-heading" className="space-y-3">
        <h2 id="gateway-heading" className="text-lg font-semibold">
          CryptoCloud {mode === 'sandbox' ? '(built-in sandbox)' : mode === 'disabled' ? '(not configured)' : ''}
        </h2>
        <Suspense fallback={<p className="text-sm text-zinc-600 dark:text-zinc-400">Asking CryptoCloud…</p>}>
          <GatewayPanel />
        </Suspense>
      </section>
    </div>
  );
}
