import 'server-only';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { Countdown } from '@/components/sandbox/countdown';
import { CurrencyPicker } from '@/components/sandbox/currency-picker';
import { PostbackLog } from '@/components/sandbox/postback-log';
import { QrCode } from '@/components/sandbox/qr-code';
import { StatusBadge } from '@/components/sandbox/status-badge';
import { SubmitButton } from '@/components/sandbox/submit-button';
import { loadPayPage } from '@/lib/sandbox/pay-page';
import { whenDatabaseUp } from '@/lib/unavailable';
import { asFormAction } from '@/lib/actions';
import { expireAction, payAction, returnAction, selectCurrencyAction } from './actions';

// The sandbox's hosted payment page, standing in for pay.cryptocloud.plus/<id>.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
// Paying awaits the first postback delivery to the shop (tests/unit/function-settings.test.ts).
export const maxDuration = 30;

export const metadata: Metadata = {
  title: 'Sandbox payment',
  robots: { index: false, follow: false },
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-1.5">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-right text-sm font-medium tabular-nums text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

export default async function SandboxPayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const page = await whenDatabaseUp(`/sandbox/pay/${encodeURIComponent(id)}`, () => loadPayPage(id));
  if (!page) notFound();
  const { crypto } = page;
  const partial = page.status === 'partial';

  return (
    <>
      <header className="space-y-2">
        <p className="text-sm font-medium uppercase tracking-wide text-amber-700 dark:text-amber-400">
          CryptoCloud sandbox · test invoice · no real payment
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold text-zinc-900 dark:text-zinc-50">Pay {page.shopName}</h1>
          <StatusBadge status={page.status} />
        </div>
        {/* Long ids break anywhere rather than push a phone's screen sideways. */}
        <p className="font-mono text-sm break-all text-zinc-600 dark:text-zinc-400" data-testid="sandbox-invoice-uuid">
          {page.uuid}
          {page.orderRef ? ` · order ${page.orderRef}` : ''}
        </p>
      </header>

      <section
        aria-label="Payment details"
        className="grid gap-8 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 md:grid-cols-[1fr_auto] dark:bg-zinc-900 dark:ring-zinc-800"
      >
        <div className="space-y-5">
          <div>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Amount to pay</p>
            <p className="text-3xl font-bold tabular-nums text-zinc-900 dark:text-zinc-50" data-testid="sandbox-amount">
              {page.amountToPay} <span className="text-xl">{crypto.code}</span>
            </p>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              on {crypto.network} · {page.amountInFiat} {page.fiatCurrency}
              {page.fiatCurrency !== 'USD' ? ` (≈ ${page.amountUsd} USD)` : ''}
            </p>
          </div>

          {partial && (
            <p
              role="status"
              className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-900"
              data-testid="sandbox-to-surcharge"
            >
              Partly paid: {page.amountPaid} {crypto.code} received,{' '}
              <strong>
                {page.toSurcharge} {crypto.code}
              </strong>{' '}
              still due. Pay the rest before the invoice expires.
            </p>
          )}

          <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
            <Row label="Invoice amount">
              {page.amountInFiat} {page.fiatCurrency}
            </Row>
            <Row label="Network fee (paid by you)">
              {page.fee} {crypto.code}
            </Row>
            <Row label="Paid so far">
              {page.amountPaid} {crypto.code}
            </Row>
          </dl>

          {page.open && (
            <CurrencyPicker
              options={page.currencyOptions}
              selected={crypto.fullcode}
              disabled={!page.canChangeCurrency}
              action={asFormAction(selectCurrencyAction)}
              invoice={page.suffix}
            />
          )}

          {page.open && <Countdown expiresAt={page.expiresAt} />}
        </div>

        {page.status === 'canceled' ? (
          // A canceled (or expired) invoice takes no payment: no address to send one to.
          <p className="text-sm text-zinc-700 md:w-56 dark:text-zinc-300" data-testid="sandbox-closed-note">
            This invoice is closed. Do not send anything to its former address; start a new payment from the shop instead.
          </p>
        ) : (
          <div className="space-y-3 md:w-56">
            <QrCode svg={page.qrSvg} label={`QR code of the ${crypto.code} deposit address`} />
            <div>
              <p className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
                {crypto.name} ({crypto.network}) deposit address
              </p>
              <p className="font-mono text-xs break-all text-zinc-900 dark:text-zinc-100" data-testid="sandbox-address">
                {page.address}
              </p>
            </div>
          </div>
        )}
      </section>

      {page.open ? (
        <section aria-labelledby="simulate-title" className="space-y-3">
          <h2 id="simulate-title" className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
            Simulate the buyer
          </h2>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <form action={asFormAction(payAction)}>
              <input type="hidden" name="invoice" value={page.suffix} />
              <input type="hidden" name="outcome" value="paid" />
              <SubmitButton testId="sandbox-pay-full" variant="primary">
                {partial ? 'Pay the rest' : 'Pay in full'}
              </SubmitButton>
            </form>
            <form action={asFormAction(payAction)}>
              <input type="hidden" name="invoice" value={page.suffix} />
              <input type="hidden" name="outcome" value="partial" />
              <SubmitButton testId="sandbox-pay-partial">Pay half of what is due</SubmitButton>
            </form>
            <form action={asFormAction(payAction)}>
              <input type="hidden" name="invoice" value={page.suffix} />
              <input type="hidden" name="outcome" value="overpaid" />
              <SubmitButton testId="sandbox-pay-over">Overpay (110 %)</SubmitButton>
            </form>
            <form action={asFormAction(expireAction)}>
              <input type="hidden" name="invoice" value={page.suffix} />
              <SubmitButton testId="sandbox-expire" variant="danger">
                Let it expire
              </SubmitButton>
            </form>
          </div>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            A payment sends the postback to the shop, then a settled invoice returns you to the shop.
          </p>
        </section>
      ) : (
        page.returnTo && (
          <form action={asFormAction(returnAction)}>
            <input type="hidden" name="invoice" value={page.suffix} />
            <SubmitButton testId="sandbox-return" variant="primary">
              {page.returnTo === 'fail' ? 'Invoice canceled: back to the shop' : 'Paid: back to the shop'}
            </SubmitButton>
          </form>
        )
      )}

      <PostbackLog attempts={page.attempts} />
    </>
  );
}
