import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm, Field } from '@/components/admin/action-form';
import { LocalTime } from '@/components/order/local-time';
import { StatusBadge } from '@/components/order/status-badge';
import { Price } from '@/components/product/price';
import { getSignedInEmail } from '@/lib/auth';
import { requestLocale } from '@/lib/locale';
import { isMailboxActive } from '@/lib/mail';
import { ordersByEmail } from '@/lib/orders/queries';
import { whenDatabaseUp } from '@/lib/unavailable';
import { requestOrdersLinkAction, signOutBuyerAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My orders', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A buyer's orders: everything placed with the email address their sign-in link proved, newest
 * first. Guests need no account to order; each order's own link keeps working without signing in.
 */
export default async function MyOrdersPage({ searchParams }: Props) {
  const email = await getSignedInEmail();
  const signedOut = !!(await searchParams).signedOut;
  if (!email) {
    return (
      <section aria-labelledby="my-orders-heading" className="mx-auto max-w-md space-y-6 py-8">
        <header className="space-y-2">
          <h1 id="my-orders-heading" className="text-2xl font-bold">
            My orders
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Enter the email address you ordered with. We email you a link that shows every order placed with it. No account or password
            needed.
          </p>
        </header>
        {signedOut && (
          <p
            role="status"
            data-testid="signed-out"
            className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
          >
            You are signed out.
          </p>
        )}
        <ActionForm action={requestOrdersLinkAction} submitLabel="Email me a link" pendingLabel="Sending…" testId="my-orders-form">
          <Field name="email" label="Email address" type="email" autoComplete="email" maxLength={254} required />
        </ActionForm>
        {isMailboxActive() && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Development shop: the link arrives in the{' '}
            <Link href="/dev/mailbox" className="font-medium text-brand-600 underline">
              development mailbox
            </Link>
            .
          </p>
        )}
      </section>
    );
  }

  const orders = await whenDatabaseUp('/account/orders', () => ordersByEmail(email));
  const locale = await requestLocale();
  return (
    <section aria-labelledby="my-orders-heading" className="mx-auto max-w-3xl space-y-6">
      <header className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="space-y-1">
          <h1 id="my-orders-heading" className="text-2xl font-bold">
            My orders
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Orders placed with <strong data-testid="my-orders-email">{email}</strong>, newest first.
          </p>
        </div>
        <ActionForm
          action={signOutBuyerAction}
          submitLabel="Sign out"
          pendingLabel="Signing out…"
          testId="my-orders-sign-out"
          variant="secondary"
          className=""
        />
      </header>
      {orders.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-zinc-300 p-8 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No orders were placed with this address yet.
        </p>
      ) : (
        <ul
          className="divide-y divide-zinc-200 rounded-2xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
          data-testid="my-orders-list"
        >
          {orders.map((o) => (
            <li key={o.publicToken}>
              <Link
                href={`/orders/${o.publicToken}`}
                className="flex flex-col gap-2 px-4 py-3 hover:bg-zinc-50 sm:flex-row sm:items-center sm:justify-between dark:hover:bg-zinc-900"
                data-testid="my-order"
              >
                <span className="space-y-1">
                  <span className="block text-sm text-zinc-600 dark:text-zinc-400">
                    Order <span data-testid="my-order-number">{o.number}</span> · <LocalTime date={o.createdAt} locale={locale} />
                  </span>
                  <span className="block font-medium">{o.items.join(', ')}</span>
                </span>
                <span className="flex items-center gap-3">
                  <StatusBadge status={o.status} />
                  <Price minor={o.totalMinor} currency={o.currency} className="font-semibold" />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
