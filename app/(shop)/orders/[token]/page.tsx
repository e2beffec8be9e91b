import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { after } from 'next/server';
import { LiveStatus } from '@/components/order/live-status';
import { DigitalItems } from '@/components/order/digital-items';
import { PayNowForm } from '@/components/order/pay-now-form';
import { StatusBadge } from '@/components/order/status-badge';
import { BuyerTimeline } from '@/components/order/buyer-timeline';
import { LocalTime } from '@/components/order/local-time';
import { Price } from '@/components/product/price';
import { buttonClass, secondaryButtonClass } from '@/components/ui/button';
import { OrderItemRows } from '@/components/order/order-item-rows';
import { errorSummary } from '@/lib/errors';
import { requestLocale } from '@/lib/locale';
import { formatDecimal } from '@/lib/money';
import { isFinal } from '@/lib/orders/state-machine';
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
export const metadata: Metadata = { title: 'Your order', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** "12.5", "USDT_TRC20" → "12.5 USDT (TRC20)". */
function crypto(value: string, code: string | null) {
  const amount = formatDecimal(value);
  if (!code) return amount;
  const [ticker, network] = code.split('_');
  return network ? `${amount} ${ticker} (${network})` : `${amount} ${ticker}`;
}

export default async function OrderPage({ params, searchParams }: Props) {
  const { token } = await params;
  const { orderId, order } = await whenDatabaseUp(`/orders/${encodeURIComponent(token)}`, async () => {
    const id = await findOrderIdByToken(token);
    return { orderId: id, order: id ? await getOrderView(id) : null };
  });
  if (!orderId || !order) notFound();
  if (!isFinal(order.status)) after(() => reconcileOnView(orderId).catch((err) => console.error('[reconcile]', errorSummary(err))));
  const gatewayFailed = (await searchParams).payment === 'unavailable';
  const p = order.payment;
  const locale = await requestLocale();
  const when = (date: Date) => <LocalTime date={date} locale={locale} />;

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      {!isFinal(order.status) && <LiveStatus token={token} status={order.status} stream={liveStreams()} />}
      <header className="space-y-3">
        <h1 className="text-2xl font-bold">
          Order <span data-testid="order-number">{order.number}</span>
        </h1>
        <StatusBadge status={order.status} />
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Placed {when(order.createdAt)}. Keep this page&apos;s address, or find the order later under{' '}
          <Link
            href="/account/orders"
            className="font-medium text-brand-600 hover:underline dark:text-brand-300"
            data-testid="my-orders-link"
          >
            My orders
          </Link>{' '}
          with your email address.
        </p>
      </header>

      <section aria-live="polite" className="rounded-2xl border border-zinc-200 p-6 dark:border-zinc-800">
        {order.status === 'pending' && (
          <div className="space-y-3">
            <p>Your order is reserved. Pay with crypto on CryptoCloud&apos;s secure page.</p>
            <PayNowForm
              token={token}
              initialMessage={
                gatewayFailed
                  ? 'The payment provider could not be reached. Your order is saved: try "Pay now" again in a moment.'
                  : undefined
              }
            />
          </div>
        )}
        {order.status === 'awaiting_payment' && p && (
          <div className="space-y-3">
            <p>Waiting for your payment. This page updates by itself when it arrives.</p>
            {p.expiresAt && <p className="text-sm text-zinc-600 dark:text-zinc-400">The invoice is valid until {when(p.expiresAt)}.</p>}
            {p.link && (
              <a href={p.link} className={buttonClass} data-testid="invoice-link" rel="noreferrer">
                Go to the payment page
              </a>
            )}
          </div>
        )}
        {order.status === 'partially_paid' && p && (
          <div className="space-y-3">
            <p>We received part of the payment.</p>
            {p.toSurcharge && (
              <p className="text-lg font-semibold">
                Amount still due: <span data-testid="amount-due">{crypto(p.toSurcharge, p.cryptoCurrency)}</span>
              </p>
            )}
            {p.link && (
              <a href={p.link} className={buttonClass} data-testid="invoice-link" rel="noreferrer">
                Pay the rest
              </a>
            )}
          </div>
        )}
        {order.status === 'paid' && (
          <div className="space-y-2" data-testid="order-paid">
            <p className="text-lg font-semibold text-emerald-700 dark:text-emerald-400">Payment received. Thank you!</p>
            {order.paidAt && <p className="text-sm">Confirmed {when(order.paidAt)}.</p>}
            {order.fulfilment && (
              <div className="mt-3 rounded-lg bg-emerald-50 p-3 text-sm dark:bg-emerald-950" data-testid="order-fulfilled">
                <p className="font-semibold">Sent out {when(order.fulfilment.at)}.</p>
                {order.fulfilment.trackingRef && <p>Tracking reference: {order.fulfilment.trackingRef}</p>}
                {order.fulfilment.note && <p>{order.fulfilment.note}</p>}
              </div>
            )}
            {order.digital && <DigitalItems digital={order.digital} />}
            {p?.overpaidAmount && (
              <p className="text-sm">
                You paid <span data-testid="overpaid-amount">{crypto(p.overpaidAmount, p.cryptoCurrency)}</span> more than the invoice
                asked. Contact us to get the difference back.
              </p>
            )}
          </div>
        )}
        {(order.status === 'expired' || order.status === 'canceled') && (
          <div className="space-y-3">
            <p>
              This order {order.status === 'expired' ? 'expired before a payment arrived' : 'was canceled'}. Nothing was charged, and its
              items went back into stock.
            </p>
            <form action={asFormAction(orderAgainAction)}>
              <input type="hidden" name="token" value={token} />
              <button type="submit" className={secondaryButtonClass} data-testid="order-again">
                Order these items again
              </button>
            </form>
          </div>
        )}
        {order.status === 'needs_review' && (
          <p>
            We received a payment we need to check by hand (for example, it came after the invoice expired). We will contact you by email.
          </p>
        )}
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="mb-3 text-lg font-semibold">
          Items
        </h2>
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th>Product</th>
              <th>Quantity</th>
              <th>Price</th>
            </tr>
          </thead>
          <OrderItemRows items={order.items} currency={order.currency} />
          <tfoot>
            {order.shipping && (
              <tr>
                <th scope="row" colSpan={2} className="pt-3 text-left font-normal">
                  Shipping: {order.shipping.name}
                </th>
                <td className="pt-3 text-right" data-testid="order-shipping">
                  <Price minor={order.shipping.priceMinor} currency={order.currency} />
                </td>
              </tr>
            )}
            <tr>
              <th scope="row" colSpan={2} className="pt-3 text-left">
                Total
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
            Shipping to
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
          Timeline
        </h2>
        <BuyerTimeline events={order.events} shippedAt={order.fulfilment?.at ?? null} locale={locale} />
      </section>
    </div>
  );
}
