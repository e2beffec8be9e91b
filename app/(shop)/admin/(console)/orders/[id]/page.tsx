import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ActionForm, Field } from '@/components/admin/action-form';
import { OrderTimeline } from '@/components/admin/order-timeline';
import { Timestamp } from '@/components/admin/timestamp';
import { VerdictBadge } from '@/components/admin/verdict-badge';
import { StatusBadge } from '@/components/order/status-badge';
import { Price } from '@/components/product/price';
import { OrderItemRows } from '@/components/order/order-item-rows';
import { requireAdminPage } from '@/lib/auth';
import { orderDelivery } from '@/lib/fulfilment';
import { isMailboxActive } from '@/lib/mail';
import { formatDecimal } from '@/lib/money';
import { getAdminOrder } from '@/lib/orders/admin-queries';
import { cancelOrderAction, flagRefundAction, fulfilAction, recheckAction, resendDownloadsAction, resolveReviewAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Order' };

type Props = { params: Promise<{ id: string }> };

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="space-y-3" data-testid={testId}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const card = 'rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800';

export default async function AdminOrderPage({ params }: Props) {
  const { id } = await params;
  await requireAdminPage(`/admin/orders/${id}`);
  const order = await getAdminOrder(id);
  if (!order) notFound();
  const delivery = await orderDelivery(order.id);
  const mailbox = isMailboxActive();
  const moneyIn = order.payments.filter((p) => ['paid', 'overpaid', 'partial'].includes(p.status));
  const canCancel = order.status === 'pending' || order.status === 'awaiting_payment';
  const lastPaid = moneyIn.at(-1);

  return (
    <div className="space-y-8">
      <header className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-2">
          <Link href="/admin/orders" className="text-sm font-medium text-brand-600 hover:underline">
            ← Orders
          </Link>
          <h1 className="text-2xl font-bold">
            Order <span className="font-mono text-xl">{order.id.slice(0, 8)}</span>
          </h1>
          <div className="flex flex-wrap items-center gap-3">
            <StatusBadge status={order.status} />
            {order.fulfilment && (
              <span className="rounded-full bg-emerald-600 px-3 py-1 text-sm font-semibold text-white" data-testid="fulfilled-badge">
                Fulfilled
              </span>
            )}
            {order.refunds.length > 0 && (
              <span className="rounded-full bg-red-700 px-3 py-1 text-sm font-semibold text-white" data-testid="refund-badge">
                Refund owed
              </span>
            )}
          </div>
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-500 dark:text-zinc-400">Buyer</dt>
          <dd data-testid="order-email">{order.email}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Placed</dt>
          <dd>
            <Timestamp date={order.createdAt} />
          </dd>
          {order.paidAt && (
            <>
              <dt className="text-zinc-500 dark:text-zinc-400">Paid</dt>
              <dd>
                <Timestamp date={order.paidAt} />
              </dd>
            </>
          )}
          <dt className="text-zinc-500 dark:text-zinc-400">Total</dt>
          <dd className="font-semibold" data-testid="order-total">
            <Price minor={order.totalMinor} currency={order.currency} />
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Stock</dt>
          <dd>{order.stockReleasedAt ? 'back on the shelf' : 'reserved for this order'}</dd>
        </dl>
      </header>

      <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-8">
          <Section title="Items">
            <table className="w-full text-sm">
              <thead className="text-left text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th className="py-2 font-medium">Product</th>
                  <th className="py-2 font-medium">Quantity</th>
                  <th className="py-2 text-right font-medium">Line total</th>
                </tr>
              </thead>
              <OrderItemRows items={order.items} currency={order.currency} />
            </table>
            <p className="text-sm">
              <Link href={`/orders/${order.publicToken}`} className="text-brand-600 hover:underline">
                The buyer’s order page
              </Link>
            </p>
          </Section>

          <Section title="Invoices" testId="invoices">
            {order.payments.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No invoice was created for this order.</p>
            ) : (
              <ul className="space-y-3">
                {order.payments.map((p) => (
                  <li key={p.invoiceUuid} className={card} data-testid="invoice">
                    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                      <dt className="text-zinc-500 dark:text-zinc-400">Invoice</dt>
                      <dd className="font-mono" data-testid="invoice-uuid">
                        {p.invoiceUuid}
                      </dd>
                      <dt className="text-zinc-500 dark:text-zinc-400">Gateway status</dt>
                      <dd data-testid="invoice-status">
                        {p.status}
                        {p.testMode && (
                          <span className="ml-2 rounded bg-amber-200 px-1.5 text-xs font-semibold text-amber-950">test mode</span>
                        )}
                      </dd>
                      <dt className="text-zinc-500 dark:text-zinc-400">Amount</dt>
                      <dd>
                        {formatDecimal(p.amount)} {p.currency}
                        {p.cryptoCurrency && <span className="text-zinc-500 dark:text-zinc-400"> · paid in {p.cryptoCurrency}</span>}
                      </dd>
                      {p.amountPaidUsd && (
                        <>
                          <dt className="text-zinc-500 dark:text-zinc-400">Received</dt>
                          <dd>{formatDecimal(p.amountPaidUsd)} USD</dd>
                        </>
                      )}
                      {p.overpaidAmount && (
                        <>
                          <dt className="text-zinc-500 dark:text-zinc-400">Overpaid by</dt>
                          <dd>{formatDecimal(p.overpaidAmount)}</dd>
                        </>
                      )}
                      {p.toSurcharge && (
                        <>
                          <dt className="text-zinc-500 dark:text-zinc-400">Still due</dt>
                          <dd>{formatDecimal(p.toSurcharge)}</dd>
                        </>
                      )}
                      <dt className="text-zinc-500 dark:text-zinc-400">Expires</dt>
                      <dd>{p.expiresAt ? <Timestamp date={p.expiresAt} /> : '—'}</dd>
                      <dt className="text-zinc-500 dark:text-zinc-400">Pay page</dt>
                      <dd className="break-all">
                        {p.link ? (
                          <a href={p.link} className="text-brand-600 hover:underline" rel="noreferrer">
                            {p.link}
                          </a>
                        ) : (
                          '—'
                        )}
                      </dd>
                      <dt className="text-zinc-500 dark:text-zinc-400">Last update</dt>
                      <dd>
                        <Timestamp date={p.updatedAt} withSeconds />
                      </dd>
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          {delivery.shipping && (
            <Section title="Shipping" testId="order-shipping">
              <p className="text-sm">
                {delivery.shipping.name}: <Price minor={delivery.shipping.priceMinor} currency={order.currency} />
              </p>
              <address className="text-sm not-italic" data-testid="order-address">
                {delivery.shipping.addressLines.map((line, i) => (
                  <span key={i} className="block">
                    {line}
                  </span>
                ))}
              </address>
            </Section>
          )}

          {(delivery.keys.length > 0 || delivery.grants.length > 0) && (
            <Section title="Digital delivery" testId="digital-delivery">
              <ul className="space-y-1 text-sm">
                {delivery.keys.map((k, i) => (
                  <li key={`k${i}`} data-testid="delivered-key">
                    {k.name}: <code className="font-mono">{k.key}</code>
                  </li>
                ))}
                {delivery.grants.map((g) => (
                  <li key={g.id} data-testid="delivered-download">
                    {g.name} ({g.fileName}): downloaded {g.downloadCount} of {g.maxDownloads} times
                  </li>
                ))}
              </ul>
            </Section>
          )}

          <Section title="Emails to the buyer" testId="order-emails">
            {delivery.messages.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No email about this order yet.</p>
            ) : (
              <ul className="space-y-3">
                {delivery.messages.map((m) => (
                  <li key={m.id} className={card} data-testid="order-email-message" data-kind={m.kind}>
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                      <span className="font-medium">{m.subject}</span>
                      <span className="rounded bg-zinc-100 px-1.5 text-xs font-semibold dark:bg-zinc-800" data-testid="order-email-status">
                        {m.status}
                      </span>
                      <span className="text-zinc-500 dark:text-zinc-400">
                        queued <Timestamp date={m.createdAt} />
                        {m.sentAt && (
                          <>
                            {' '}
                            · sent <Timestamp date={m.sentAt} />
                          </>
                        )}
                        {m.attempts > 1 && ` · ${m.attempts} attempts`}
                      </span>
                    </div>
                    {m.lastError && <p className="mt-1 text-sm text-red-700 dark:text-red-400">Last error: {m.lastError}</p>}
                    <details className="mt-2 text-xs">
                      <summary className="cursor-pointer font-medium">Text</summary>
                      <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-zinc-100 p-3 dark:bg-zinc-900">
                        {m.text || '(removed once delivered)'}
                      </pre>
                    </details>
                    {mailbox && (
                      <Link href={`/dev/mailbox/${m.id}`} className="mt-1 inline-block text-xs text-brand-600 hover:underline">
                        Open in the development mailbox
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section title="History">
            <OrderTimeline events={order.events} />
          </Section>

          <Section title="Postbacks received" testId="order-postbacks">
            {order.postbacks.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No postback has arrived for this order’s invoices.</p>
            ) : (
              <ul className="space-y-3">
                {order.postbacks.map((pb) => (
                  <li key={pb.id} className={card} data-testid="order-postback">
                    <div className="flex flex-wrap items-center gap-3 text-sm">
                      <VerdictBadge verdict={pb.verdict} />
                      <span className="font-mono">{pb.invoiceUuid}</span>
                      <span className="text-zinc-500 dark:text-zinc-400">
                        <Timestamp date={pb.receivedAt} withSeconds />
                        {pb.repeatCount > 1 && ` · received ${pb.repeatCount} times, last `}
                        {pb.repeatCount > 1 && <Timestamp date={pb.lastReceivedAt} withSeconds />}
                      </span>
                    </div>
                    {pb.detail && <p className="mt-1 text-sm">{pb.detail}</p>}
                    <details className="mt-2 text-xs">
                      <summary className="cursor-pointer font-medium">Raw body ({pb.contentType || 'no content type'})</summary>
                      <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-zinc-100 p-3 dark:bg-zinc-900">
                        {pb.rawBody}
                      </pre>
                    </details>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>

        <aside aria-label="Actions" className="space-y-6">
          {order.fulfilment && (
            <div className={card} data-testid="fulfilment">
              <h2 className="font-semibold">Fulfilled</h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                By {order.fulfilment.fulfilledBy}, <Timestamp date={order.fulfilment.createdAt} />
              </p>
              {order.fulfilment.trackingRef && <p className="mt-1 text-sm">Tracking: {order.fulfilment.trackingRef}</p>}
              {order.fulfilment.note && <p className="mt-1 text-sm">{order.fulfilment.note}</p>}
            </div>
          )}
          {order.refunds.map((r) => (
            <div key={r.id} className={`${card} border-red-300 dark:border-red-800`} data-testid="refund">
              <h2 className="font-semibold">
                Refund owed: {formatDecimal(r.amount)} {r.currency}
              </h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                {r.invoiceUuid ? `${r.invoiceUuid} · ` : ''}flagged by {r.flaggedBy}, <Timestamp date={r.createdAt} />
              </p>
              <p className="mt-1 text-sm">{r.reason}</p>
            </div>
          ))}

          {order.payments.length > 0 && (
            <div className={card}>
              <h2 className="mb-2 font-semibold">Re-check with CryptoCloud</h2>
              <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
                Ask the info API about this order’s invoices now and apply the answer.
              </p>
              <ActionForm
                action={recheckAction}
                submitLabel="Re-check now"
                pendingLabel="Asking CryptoCloud…"
                testId="recheck"
                variant="secondary"
              >
                <input type="hidden" name="orderId" value={order.id} />
              </ActionForm>
            </div>
          )}

          {order.status === 'needs_review' && (
            <div className={`${card} border-sky-300 dark:border-sky-800`} data-testid="review-panel">
              <h2 className="mb-2 font-semibold">Resolve the review</h2>
              <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
                Check the invoices and postbacks, then decide.{' '}
                {order.stockReleasedAt ? 'Marking it paid takes its items off the shelf again.' : 'Its items are still reserved.'}
              </p>
              <div className="space-y-6">
                <ActionForm action={resolveReviewAction} submitLabel="Mark paid" pendingLabel="Saving…" testId="resolve-paid">
                  <input type="hidden" name="orderId" value={order.id} />
                  <input type="hidden" name="decision" value="paid" />
                  <Field name="reason" label="Why is it paid?" multiline required maxLength={500} />
                </ActionForm>
                <ActionForm
                  action={resolveReviewAction}
                  submitLabel="Cancel the order"
                  pendingLabel="Saving…"
                  testId="resolve-cancel"
                  variant="danger"
                >
                  <input type="hidden" name="orderId" value={order.id} />
                  <input type="hidden" name="decision" value="canceled" />
                  <Field name="reason" label="Why cancel it?" multiline required maxLength={500} />
                </ActionForm>
              </div>
            </div>
          )}

          {canCancel && (
            <div className={card}>
              <h2 className="mb-2 font-semibold">Cancel this unpaid order</h2>
              <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
                Its invoice is canceled at CryptoCloud first, then its items go back in stock.
              </p>
              <ActionForm
                action={cancelOrderAction}
                submitLabel="Cancel order"
                pendingLabel="Canceling…"
                testId="cancel-order"
                variant="danger"
              >
                <input type="hidden" name="orderId" value={order.id} />
                <Field name="reason" label="Reason" multiline required maxLength={500} />
              </ActionForm>
            </div>
          )}

          {order.status === 'paid' && !order.fulfilment && (
            <div className={card}>
              <h2 className="mb-2 font-semibold">{delivery.shipping ? 'Mark shipped' : 'Mark fulfilled'}</h2>
              <ActionForm
                action={fulfilAction}
                submitLabel={delivery.shipping ? 'Mark shipped' : 'Mark fulfilled'}
                pendingLabel="Saving…"
                testId="fulfil"
              >
                <input type="hidden" name="orderId" value={order.id} />
                <Field name="trackingRef" label="Tracking reference" hint="Shown to the buyer." maxLength={200} />
                <Field name="note" label="Note for the buyer" multiline maxLength={500} />
              </ActionForm>
            </div>
          )}

          {order.status === 'paid' && (delivery.keys.length > 0 || delivery.grants.length > 0) && (
            <div className={card}>
              <h2 className="mb-2 font-semibold">Email the downloads again</h2>
              <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Sends the buyer fresh download links and the license keys.</p>
              <ActionForm
                action={resendDownloadsAction}
                submitLabel="Send again"
                pendingLabel="Queueing…"
                testId="resend-downloads"
                variant="secondary"
              >
                <input type="hidden" name="orderId" value={order.id} />
              </ActionForm>
            </div>
          )}

          {moneyIn.length > 0 && (
            <div className={card}>
              <h2 className="mb-2 font-semibold">Flag a refund owed</h2>
              <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
                When money came in that the shop must give back: a canceled order, a second invoice, an overpayment.
              </p>
              <ActionForm
                action={flagRefundAction}
                submitLabel="Flag refund owed"
                pendingLabel="Saving…"
                testId="refund"
                variant="secondary"
              >
                <input type="hidden" name="orderId" value={order.id} />
                <Field
                  name="amount"
                  label="Amount"
                  inputMode="decimal"
                  required
                  defaultValue={lastPaid?.overpaidAmount ? formatDecimal(lastPaid.overpaidAmount) : undefined}
                />
                <Field
                  name="currency"
                  label="Currency"
                  required
                  defaultValue={lastPaid?.cryptoCurrency ?? order.currency}
                  hint="A fiat code (USD) or the crypto paid (USDT_TRC20)."
                />
                <Field name="invoiceUuid" label="Invoice" defaultValue={lastPaid?.invoiceUuid} />
                <Field name="reason" label="Why" multiline required maxLength={500} />
              </ActionForm>
            </div>
          )}
        </aside>
      </div>
    </div>
  );
}
