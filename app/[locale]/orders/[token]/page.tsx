import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { after } from 'next/server';
import { LiveStatus } from '@/components/order/live-status';
import { DigitalItems } from '@/components/order/digital-items';
import { PayNowForm } from '@/components/order/pay-now-form';
import { StatusBadge } from '@/components/order/status-badge';
import { BuyerTimeline } from '@/components/order/buyer-timeline';
import { Price } from '@/components/product/price';
import { buttonClass, secondaryButtonClass } from '@/components/ui/button';
import { OrderItemRows } from '@/components/order/order-item-rows';
import { errorSummary } from '@/lib/errors';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { optionNameIn } from '@/lib/i18n/messages';
import { productNamesIn, shippingNamesIn } from '@/lib/translations';
import { relabel } from '@/lib/variants';
import { formatDateTime } from '@/lib/i18n/format';
import { formatDecimal } from '@/lib/money';
import { isFinal } from '@/lib/orders/state-machine';
import { ORDER_STATUSES, type OrderStatus } from '@/lib/orders/types';
import { liveStreams } from '@/lib/orders/status-feed';
import { findOrderIdByToken, getOrderView } from '@/lib/orders/queries';
import { reconcileOnView } from '@/lib/orders/reconcile';
import { whenDatabaseUp } from '@/lib/unavailable';
import { asFormAction } from '@/lib/actions';
import { orderAgainAction } from './actions';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
// "Pay now" creates or reuses an invoice, and a view may ask the gateway about it: the gateway
// timeout and a few short transactions (tests/unit/function-settings.test.ts).
export const maxDuration = 30;
type Props = {
  params: Promise<{ locale: Locale; token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: (await params).locale, namespace: 'order' });
  return { title: t('metaTitle'), robots: { index: false, follow: false }, referrer: 'no-referrer' };
}

export default async function OrderPage({ params, searchParams }: Props) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  const t = await getTranslations('order');
  /** "12.5", "USDT_TRC20" → "12.5 USDT (TRC20)". */
  const crypto = (value: string, code: string | null) => {
    const amount = formatDecimal(value);
    if (!code) return amount;
    const [ticker, network] = code.split('_');
    return network ? t('crypto', { amount, ticker: ticker!, network }) : t('cryptoNoNetwork', { amount, ticker: ticker! });
  };
  const { orderId, order } = await whenDatabaseUp(`/orders/${encodeURIComponent(token)}`, async () => {
    const id = await findOrderIdByToken(token);
    return { orderId: id, order: id ? await getOrderView(id) : null };
  });
  if (!orderId || !order) notFound();
  if (!isFinal(order.status)) after(() => reconcileOnView(orderId).catch((err) => console.error('[reconcile]', errorSummary(err))));
  const gatewayFailed = (await searchParams).payment === 'unavailable';
  const p = order.payment;
  // The lines and the shipping option as bought, named in the page's language when there is a translation.
  const [names, shippingNames, nameOf] = await whenDatabaseUp(`/orders/${encodeURIComponent(token)}`, () =>
    Promise.all([
      productNamesIn(
        order.items.map((i) => i.productId),
        locale,
      ),
      shippingNamesIn(order.shipping?.optionId ? [order.shipping.optionId] : [], locale),
      optionNameIn(locale),
    ]),
  );
  const items = order.items.map((i) => ({
    ...i,
    name: names.get(i.productId) ?? i.name,
    variantLabel: i.variantLabel && relabel(i.variantLabel, nameOf),
  }));
  const shippingName = order.shipping ? (order.shipping.optionId && shippingNames.get(order.shipping.optionId)) || order.shipping.name : '';

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-3">
        <h1 className="text-2xl font-bold">{t.rich('title', { number: () => <span data-testid="order-number">{order.number}</span> })}</h1>
        {isFinal(order.status) ? (
          <StatusBadge status={order.status} />
        ) : (
          <LiveStatus
            token={token}
            status={order.status}
            stream={liveStreams()}
            labels={Object.fromEntries(ORDER_STATUSES.map((s) => [s, t(`status.${s}`)])) as Record<OrderStatus, string>}
          />
        )}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {t.rich('placed', {
            when: formatDateTime(order.createdAt, locale),
            link: (chunks) => (
              <Link
                href="/account/orders"
                className="font-medium text-brand-600 hover:underline dark:text-brand-300"
                data-testid="my-orders-link"
              >
                {chunks}
              </Link>
            ),
          })}
        </p>
      </header>

      <section aria-live="polite" className="rounded-2xl border border-zinc-200 p-6 dark:border-zinc-800">
        {order.status === 'pending' && (
          <div className="space-y-3">
            <p>{t('pending')}</p>
            <PayNowForm token={token} initialMessage={gatewayFailed ? t('gatewayFailed') : undefined} />
          </div>
        )}
        {order.status === 'awaiting_payment' && p && (
          <div className="space-y-3">
            <p>{t('awaiting')}</p>
            {p.expiresAt && (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('validUntil', { when: formatDateTime(p.expiresAt, locale) })}</p>
            )}
            {p.link && (
              <a href={p.link} className={buttonClass} data-testid="invoice-link" rel="noreferrer">
                {t('goPay')}
              </a>
            )}
          </div>
        )}
        {order.status === 'partially_paid' && p && (
          <div className="space-y-3">
            <p>{t('partial')}</p>
            {p.toSurcharge && (
              <p className="text-lg font-semibold">
                {t.rich('stillDue', { amount: () => <span data-testid="amount-due">{crypto(p.toSurcharge!, p.cryptoCurrency)}</span> })}
              </p>
            )}
            {p.link && (
              <a href={p.link} className={buttonClass} data-testid="invoice-link" rel="noreferrer">
                {t('payRest')}
              </a>
            )}
          </div>
        )}
        {order.status === 'paid' && (
          <div className="space-y-2" data-testid="order-paid">
            <p className="text-lg font-semibold text-emerald-700 dark:text-emerald-400">{t('paid')}</p>
            {order.paidAt && <p className="text-sm">{t('confirmed', { when: formatDateTime(order.paidAt, locale) })}</p>}
            {order.fulfilment && (
              <div className="mt-3 rounded-lg bg-emerald-50 p-3 text-sm dark:bg-emerald-950" data-testid="order-fulfilled">
                <p className="font-semibold">{t('sentOut', { when: formatDateTime(order.fulfilment.at, locale) })}</p>
                {order.fulfilment.trackingRef && <p>{t('tracking', { ref: order.fulfilment.trackingRef })}</p>}
                {order.fulfilment.note && <p>{order.fulfilment.note}</p>}
              </div>
            )}
            {order.digital && <DigitalItems digital={order.digital} />}
            {p?.overpaidAmount && (
              <p className="text-sm">
                {t.rich('overpaid', {
                  amount: () => <span data-testid="overpaid-amount">{crypto(p.overpaidAmount!, p.cryptoCurrency)}</span>,
                })}
              </p>
            )}
          </div>
        )}
        {(order.status === 'expired' || order.status === 'canceled') && (
          <div className="space-y-3">
            <p>{order.status === 'expired' ? t('expired') : t('canceled')}</p>
            <form action={asFormAction(orderAgainAction)}>
              <input type="hidden" name="token" value={token} />
              <button type="submit" className={secondaryButtonClass} data-testid="order-again">
                {t('orderAgain')}
              </button>
            </form>
          </div>
        )}
        {order.status === 'needs_review' && <p>{t('review')}</p>}
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="mb-3 text-lg font-semibold">
          {t('items')}
        </h2>
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th>{t('product')}</th>
              <th>{t('quantity')}</th>
              <th>{t('price')}</th>
            </tr>
          </thead>
          <OrderItemRows items={items} currency={order.currency} />
          <tfoot>
            {order.shipping && (
              <tr>
                <th scope="row" colSpan={2} className="pt-3 text-left font-normal">
                  {t('shipping', { name: shippingName })}
                </th>
                <td className="pt-3 text-right" data-testid="order-shipping">
                  <Price minor={order.shipping.priceMinor} currency={order.currency} />
                </td>
              </tr>
            )}
            <tr>
              <th scope="row" colSpan={2} className="pt-3 text-left">
                {t('total')}
              </th>
              <td className="pt-3 text-right text-base font-semibold" data-testid="order-total">
                <Price minor={order.totalMinor} currency={order.currency} />
              </td>
            </tr>
          </tfoot>
        </table>
      </section>

      {order.shipping && (
        <section aria-labelledby="address-heading">
          <h2 id="address-heading" className="mb-2 text-lg font-semibold">
            {t('shippingTo')}
          </h2>
          <address className="text-sm not-italic" data-testid="order-address">
            {order.shipping.addressLines.map((line, i) => (
              <span key={i} className="block">
                {line}
              </span>
            ))}
          </address>
        </section>
      )}

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
          {t('timeline')}
        </h2>
        <BuyerTimeline events={order.events} shippedAt={order.fulfilment?.at ?? null} locale={locale} />
      </section>
    </div>
  );
}
