import type { Metadata } from 'next';
import NextLink from 'next/link';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ActionForm, Field } from '@/components/admin/action-form';
import { LocalTime } from '@/components/order/local-time';
import { StatusBadge } from '@/components/order/status-badge';
import { Price } from '@/components/product/price';
import { getSignedInEmail } from '@/lib/auth';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { isMailboxActive } from '@/lib/mail';
import { ordersByEmail } from '@/lib/orders/queries';
import { whenDatabaseUp } from '@/lib/unavailable';
import { requestOrdersLinkAction, signOutBuyerAction } from './actions';

export const dynamic = 'force-dynamic';
type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'myOrders' });
  return { title: t('metaTitle'), robots: { index: false, follow: false }, referrer: 'no-referrer' };
}

/**
 * A buyer's orders: everything placed with the email address their sign-in link proved, newest
 * first. Guests need no account to order; each order's own link keeps working without signing in.
 */
export default async function MyOrdersPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('myOrders');
  const email = await getSignedInEmail();
  const signedOut = !!(await searchParams).signedOut;
  if (!email) {
    return (
      <section aria-labelledby="my-orders-heading" className="mx-auto max-w-md space-y-6 py-8">
        <header className="space-y-2">
          <h1 id="my-orders-heading" className="text-2xl font-bold">
            {t('title')}
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('intro')}</p>
        </header>
        {signedOut && (
          <p
            role="status"
            data-testid="signed-out"
            className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
          >
            {t('signedOut')}
          </p>
        )}
        <ActionForm action={requestOrdersLinkAction} submitLabel={t('emailMe')} pendingLabel={t('sending')} testId="my-orders-form">
          <Field name="email" label={t('email')} type="email" autoComplete="email" maxLength={254} required />
        </ActionForm>
        {isMailboxActive() && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {t.rich('devMailbox', {
              // The mailbox is outside the language's pages: a plain link.
              link: (chunks) => (
                <NextLink href="/dev/mailbox" className="font-medium text-brand-600 underline">
                  {chunks}
                </NextLink>
              ),
            })}
          </p>
        )}
      </section>
    );
  }

  const orders = await whenDatabaseUp('/account/orders', () => ordersByEmail(email, locale));
  return (
    <section aria-labelledby="my-orders-heading" className="mx-auto max-w-3xl space-y-6">
      <header className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="space-y-1">
          <h1 id="my-orders-heading" className="text-2xl font-bold">
            {t('title')}
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {t.rich('placedWith', { email: () => <strong data-testid="my-orders-email">{email}</strong> })}
          </p>
        </div>
        <ActionForm
          action={signOutBuyerAction}
          submitLabel={t('signOut')}
          pendingLabel={t('signingOut')}
          testId="my-orders-sign-out"
          variant="secondary"
          className=""
        />
      </header>
      {orders.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-zinc-300 p-8 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {t('none')}
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
                    {t.rich('order', {
                      number: () => <span data-testid="my-order-number">{o.number}</span>,
                      when: () => <LocalTime date={o.createdAt} locale={locale} />,
                    })}
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
