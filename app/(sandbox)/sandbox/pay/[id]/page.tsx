import 'server-only';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { cache } from 'react';
import { Countdown } from '@/components/sandbox/countdown';
import { CurrencyPicker } from '@/components/sandbox/currency-picker';
import { PostbackLog } from '@/components/sandbox/postback-log';
import { QrCode } from '@/components/sandbox/qr-code';
import { StatusBadge } from '@/components/sandbox/status-badge';
import { SubmitButton } from '@/components/sandbox/submit-button';
import { loadMessages, translator } from '@/lib/i18n/messages';
import { loadPayPage } from '@/lib/sandbox/pay-page';
import { whenDatabaseUp } from '@/lib/unavailable';
import { asFormAction } from '@/lib/actions';
import { expireAction, payAction, returnAction, selectCurrencyAction } from './actions';

// The sandbox's hosted payment page, standing in for pay.cryptocloud.plus/<id>.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
// Paying awaits the first postback delivery to the shop (tests/unit/function-settings.test.ts).
export const maxDuration = 30;

type Props = { params: Promise<{ id: string }> };

// The page and its metadata read the invoice once per request.
const load = cache((id: string) => whenDatabaseUp(`/sandbox/pay/${encodeURIComponent(id)}`, () => loadPayPage(id)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await load((await params).id).catch(() => null);
  const t = await translator(page?.locale ?? 'en', 'sandboxPay');
  return { title: t('metaTitle'), robots: { index: false, follow: false } };
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-1.5">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-right text-sm font-medium tabular-nums text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

/**
 * In the language the invoice was created with (`?locale=`), like CryptoCloud's own page: the
 * strings come from messages/<locale>.json (namespace sandboxPay), for the client parts too.
 */
export default async function SandboxPayPage({ params }: Props) {
  const { id } = await params;
  const page = await load(id);
  if (!page) notFound();
  const { crypto } = page;
  const partial = page.status === 'partial';
  const t = await translator(page.locale, 'sandboxPay');
  const messages = await loadMessages(page.locale);

  return (
    <NextIntlClientProvider locale={page.locale} messages={{ sandboxPay: messages.sandboxPay }} timeZone="UTC">
      <div lang={page.locale} className="space-y-8">
        <header className="space-y-2">
          <p className="text-sm font-medium uppercase tracking-wide text-amber-700 dark:text-amber-400">{t('banner')}</p>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-bold text-zinc-900 dark:text-zinc-50">{t('title', { shop: page.shopName })}</h1>
            <StatusBadge status={page.status} label={t('status', { status: page.status })} />
          </div>
          {/* Long ids break anywhere rather than push a phone's screen sideways. */}
          <p className="font-mono text-sm break-all text-zinc-600 dark:text-zinc-400" data-testid="sandbox-invoice-uuid">
            {page.uuid}
            {page.orderRef ? ` · ${t('orderRef', { reference: page.orderRef })}` : ''}
          </p>
        </header>

        <section
          aria-label={t('detailsLabel')}
          className="grid gap-8 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 md:grid-cols-[1fr_auto] dark:bg-zinc-900 dark:ring-zinc-800"
        >
          <div className="space-y-5">
            <div>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('amountToPay')}</p>
              <p className="text-3xl font-bold tabular-nums text-zinc-900 dark:text-zinc-50" data-testid="sandbox-amount">
                {page.amountToPay} <span className="text-xl">{crypto.code}</span>
              </p>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                {t('onNetwork', { network: crypto.network })} · {page.amountInFiat} {page.fiatCurrency}
                {page.fiatCurrency !== 'USD' ? ` (≈ ${page.amountUsd} USD)` : ''}
              </p>
            </div>

            {partial && (
              <p
                role="status"
                className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-900"
                data-testid="sandbox-to-surcharge"
              >
                {t.rich('partial', {
                  paid: `${page.amountPaid} ${crypto.code}`,
                  due: `${page.toSurcharge} ${crypto.code}`,
                  strong: (chunks) => <strong>{chunks}</strong>,
                })}
              </p>
            )}

            <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
              <Row label={t('invoiceAmount')}>
                {page.amountInFiat} {page.fiatCurrency}
              </Row>
              <Row label={t('networkFee')}>
                {page.fee} {crypto.code}
              </Row>
              <Row label={t('paidSoFar')}>
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
              {t('closedNote')}
            </p>
          ) : (
            <div className="space-y-3 md:w-56">
              <QrCode svg={page.qrSvg} label={t('qrLabel', { code: crypto.code })} />
              <div>
                <p className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
                  {t('depositAddress', { name: crypto.name, network: crypto.network })}
                </p>
                <p className="break-all font-mono text-xs text-zinc-900 dark:text-zinc-100" data-testid="sandbox-address">
                  {page.address}
                </p>
              </div>
            </div>
          )}
        </section>

        {page.open ? (
          <section aria-labelledby="simulate-title" className="space-y-3">
            <h2 id="simulate-title" className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
              {t('simulateTitle')}
            </h2>
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
              <form action={asFormAction(payAction)}>
                <input type="hidden" name="invoice" value={page.suffix} />
                <input type="hidden" name="outcome" value="paid" />
                <SubmitButton testId="sandbox-pay-full" variant="primary">
                  {partial ? t('payRest') : t('payFull')}
                </SubmitButton>
              </form>
              <form action={asFormAction(payAction)}>
                <input type="hidden" name="invoice" value={page.suffix} />
                <input type="hidden" name="outcome" value="partial" />
                <SubmitButton testId="sandbox-pay-partial">{t('payHalf')}</SubmitButton>
              </form>
              <form action={asFormAction(payAction)}>
                <input type="hidden" name="invoice" value={page.suffix} />
                <input type="hidden" name="outcome" value="overpaid" />
                <SubmitButton testId="sandbox-pay-over">{t('overpay')}</SubmitButton>
              </form>
              <form action={asFormAction(expireAction)}>
                <input type="hidden" name="invoice" value={page.suffix} />
                <SubmitButton testId="sandbox-expire" variant="danger">
                  {t('expire')}
                </SubmitButton>
              </form>
            </div>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">{t('simulateNote')}</p>
          </section>
        ) : (
          page.returnTo && (
            <form action={asFormAction(returnAction)}>
              <input type="hidden" name="invoice" value={page.suffix} />
              <SubmitButton testId="sandbox-return" variant="primary">
                {page.returnTo === 'fail' ? t('returnFail') : t('returnPaid')}
              </SubmitButton>
            </form>
          )
        )}

        <PostbackLog attempts={page.attempts} t={t} />
      </div>
    </NextIntlClientProvider>
  );
}
