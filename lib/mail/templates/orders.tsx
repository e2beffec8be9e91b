import 'server-only';
import { Column, Row, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { Locale } from '@/i18n/routing';
import { formatDateTime, formatPrice } from '@/lib/i18n/format';
import { translator, type Translator } from '@/lib/i18n/messages';
import type { MailMessage } from '../outbox';
import { renderEmail } from '../render';
import { brand, EmailButton, EmailLayout, FullLink, Heading, muted, Paragraph, type Brand } from './layout';

// The buyer's emails about an order, one component each. They are rendered when the change that
// makes them due commits (queued in its transaction), from what the database says then. Each is in
// the order's language: its strings from messages/<locale>.json (namespace orderEmail), prices and
// dates formatted for it, product and shipping names from the catalog's translations.

type T = Translator<'orderEmail'>;

/** What every order email shows. */
export interface OrderEmailBase {
  to: string;
  /** The buyer's language at checkout. */
  locale: Locale;
  orderUrl: string;
  /** The order number the buyer can quote (formatOrderNumber). */
  reference: string;
  currency: string;
  items: Array<{ name: string; quantity: number; lineTotalMinor: number }>;
  subtotalMinor: number;
  shipping: { name: string; priceMinor: number } | null;
  totalMinor: number;
  /** The shipping address, one line each; null for orders with nothing to ship. */
  addressLines: string[] | null;
}

/** An amount in crypto as the gateway reported it, e.g. 16.3 USDT on TRC20. */
export interface CryptoAmount {
  amount: string;
  ticker: string;
  network: string | null;
}

export interface Deliverables {
  downloads: Array<{ name: string; fileName: string; url: string }>;
  keys: Array<{ name: string; key: string }>;
  /** When the download links stop working, and how often each file may be downloaded. */
  linksExpireAt: Date | null;
  downloadLimit: number;
}

const crypto = (t: T, c: CryptoAmount) =>
  c.network
    ? t('crypto', { amount: c.amount, ticker: c.ticker, network: c.network })
    : t('cryptoNoNetwork', { amount: c.amount, ticker: c.ticker });
const cell = { padding: '6px 0', fontSize: '14px', lineHeight: '1.4', margin: 0 } as const;

function Lines({ order, t }: { order: OrderEmailBase; t: T }) {
  const money = (minor: number) => formatPrice(minor, order.currency, order.locale);
  const units = order.items.reduce((n, item) => n + item.quantity, 0);
  const line = (label: ReactNode, value: string, strong = false) => (
    <Row>
      <Column>
        <Text style={{ ...cell, fontWeight: strong ? 700 : 400 }}>{label}</Text>
      </Column>
      <Column align="right">
        <Text style={{ ...cell, fontWeight: strong ? 700 : 400 }}>{value}</Text>
      </Column>
    </Row>
  );
  return (
    <Section style={{ margin: '0 0 16px', borderTop: '1px solid #e4e4e7', borderBottom: '1px solid #e4e4e7' }}>
      <Text style={{ ...muted, margin: '8px 0 0' }}>{t('itemCount', { count: units })}</Text>
      {order.items.map((item, i) => (
        <Row key={i}>
          <Column>
            <Text style={cell}>
              {item.quantity} × {item.name}
            </Text>
          </Column>
          <Column align="right">
            <Text style={cell}>{money(item.lineTotalMinor)}</Text>
          </Column>
        </Row>
      ))}
      {order.shipping && line(t('subtotal'), money(order.subtotalMinor))}
      {order.shipping && line(t('shipping', { name: order.shipping.name }), money(order.shipping.priceMinor))}
      {line(t('total'), money(order.totalMinor), true)}
    </Section>
  );
}

function Address({ lines, t }: { lines: string[] | null; t: T }) {
  if (!lines) return null;
  return (
    <Section style={{ margin: '0 0 16px' }}>
      <Text style={{ ...muted, fontWeight: 600 }}>{t('shippingTo')}</Text>
      <Text style={{ ...muted, color: '#18181b' }}>
        {lines.map((l, i) => (
          <span key={i}>
            {l}
            <br />
          </span>
        ))}
      </Text>
    </Section>
  );
}

function DeliverablesList({ brand: b, d, t, locale }: { brand: Brand; d: Deliverables; t: T; locale: Locale }) {
  if (d.downloads.length === 0 && d.keys.length === 0) return null;
  return (
    <Section style={{ margin: '0 0 16px', padding: '16px', backgroundColor: '#f4f4f5', borderRadius: '12px' }}>
      <Text style={{ margin: '0 0 8px', fontSize: '16px', fontWeight: 700 }}>{t('digitalTitle')}</Text>
      {d.downloads.map((file) => (
        <Text key={file.url} style={{ margin: '0 0 8px', fontSize: '14px' }}>
          {file.name}:{' '}
          <a href={file.url} style={{ color: b.primary, fontWeight: 600 }}>
            {t('download', { file: file.fileName })}
          </a>
          <br />
          <span style={{ fontSize: '12px', color: '#52525b', wordBreak: 'break-all' }}>{file.url}</span>
        </Text>
      ))}
      {d.keys.map((k, i) => (
        <Text key={i} style={{ margin: '0 0 8px', fontSize: '14px' }}>
          {t('licenseKey', { name: k.name })} <code style={{ fontFamily: 'ui-monospace, Menlo, monospace', fontWeight: 700 }}>{k.key}</code>
        </Text>
      ))}
      {d.downloads.length > 0 && (
        <Text style={{ ...muted, margin: 0 }}>
          {t('downloadLimit', { limit: d.downloadLimit })}
          {d.linksExpireAt ? ` ${t('linksUntil', { until: formatDateTime(d.linksExpireAt, locale) })}` : ''} {t('freshLinks')}
        </Text>
      )}
    </Section>
  );
}

function OrderFooter({ order, t }: { order: OrderEmailBase; t: T }) {
  return (
    <>
      <Text style={muted}>{t('footer', { reference: order.reference })}</Text>
      <FullLink href={order.orderUrl} />
    </>
  );
}

async function message(kind: string, order: OrderEmailBase, subject: string, body: ReactNode, preview: string): Promise<MailMessage> {
  const b = brand();
  const rendered = await renderEmail(
    <EmailLayout brand={b} preview={preview} lang={order.locale}>
      {body}
    </EmailLayout>,
  );
  return { kind, to: order.to, subject: `${subject} · ${b.shopName}`, ...rendered };
}

export async function orderPlacedMessage(order: OrderEmailBase, pay: { link: string; expiresAt: Date | null }) {
  const b = brand();
  const t = await translator(order.locale, 'orderEmail');
  return message(
    'order_placed',
    order,
    t('placed.subject', { reference: order.reference }),
    <>
      <Heading>{t('placed.heading')}</Heading>
      <Paragraph>
        {pay.expiresAt ? t('placed.bodyUntil', { until: formatDateTime(pay.expiresAt, order.locale) }) : t('placed.body')}
      </Paragraph>
      <Lines order={order} t={t} />
      <Address lines={order.addressLines} t={t} />
      <EmailButton brand={b} href={pay.link}>
        {t('placed.payNow')}
      </EmailButton>
      <Paragraph>{t.rich('placed.orderPage', { link: (chunks) => <a href={order.orderUrl}>{chunks}</a> })}</Paragraph>
      <OrderFooter order={order} t={t} />
    </>,
    t('placed.preview'),
  );
}

export async function paymentReceivedMessage(
  order: OrderEmailBase,
  payment: { invoiceUuid: string | null; paid: CryptoAmount | null; paidAt: Date | null },
  deliverables: Deliverables,
) {
  const t = await translator(order.locale, 'orderEmail');
  const detail = { ...muted, color: '#18181b' };
  return message(
    'order_paid',
    order,
    t('paid.subject', { reference: order.reference }),
    <>
      <Heading>{t('paid.heading')}</Heading>
      <Paragraph>{t('paid.body')}</Paragraph>
      <Lines order={order} t={t} />
      <Section style={{ margin: '0 0 16px' }}>
        {payment.paid && <Text style={detail}>{t('paid.amount', { amount: crypto(t, payment.paid) })}</Text>}
        {payment.invoiceUuid && <Text style={detail}>{t('paid.invoice', { uuid: payment.invoiceUuid })}</Text>}
        {payment.paidAt && <Text style={detail}>{t('paid.confirmed', { at: formatDateTime(payment.paidAt, order.locale) })}</Text>}
      </Section>
      <DeliverablesList brand={brand()} d={deliverables} t={t} locale={order.locale} />
      <Address lines={order.addressLines} t={t} />
      {order.addressLines && <Paragraph>{t('paid.parcel')}</Paragraph>}
      <OrderFooter order={order} t={t} />
    </>,
    t('paid.preview', { reference: order.reference }),
  );
}

export async function partiallyPaidMessage(order: OrderEmailBase, due: { stillDue: CryptoAmount | null; payLink: string | null }) {
  const b = brand();
  const t = await translator(order.locale, 'orderEmail');
  return message(
    'order_partially_paid',
    order,
    t('partial.subject', { reference: order.reference }),
    <>
      <Heading>{t('partial.heading')}</Heading>
      <Paragraph>
        {due.stillDue
          ? t.rich('partial.stillDue', { amount: crypto(t, due.stillDue), strong: (chunks) => <strong>{chunks}</strong> })
          : t('partial.notFully')}
      </Paragraph>
      {due.payLink && (
        <EmailButton brand={b} href={due.payLink}>
          {t('partial.payRest')}
        </EmailButton>
      )}
      <Lines order={order} t={t} />
      <OrderFooter order={order} t={t} />
    </>,
    t('partial.preview'),
  );
}

export async function orderExpiredMessage(order: OrderEmailBase) {
  const b = brand();
  const t = await translator(order.locale, 'orderEmail');
  return message(
    'order_expired',
    order,
    t('expired.subject', { reference: order.reference }),
    <>
      <Heading>{t('expired.heading')}</Heading>
      <Paragraph>{t('expired.body')}</Paragraph>
      <Lines order={order} t={t} />
      <EmailButton brand={b} href={order.orderUrl}>
        {t('expired.orderAgain')}
      </EmailButton>
      <OrderFooter order={order} t={t} />
    </>,
    t('expired.preview'),
  );
}

export async function orderShippedMessage(order: OrderEmailBase, shipment: { trackingRef: string | null; note: string | null }) {
  const t = await translator(order.locale, 'orderEmail');
  return message(
    'order_shipped',
    order,
    t('shipped.subject', { reference: order.reference }),
    <>
      <Heading>{t('shipped.heading')}</Heading>
      <Paragraph>
        {shipment.trackingRef
          ? t.rich('shipped.tracking', { tracking: shipment.trackingRef, strong: (chunks) => <strong>{chunks}</strong> })
          : t('shipped.sentOut')}
      </Paragraph>
      {shipment.note && <Paragraph>{shipment.note}</Paragraph>}
      <Address lines={order.addressLines} t={t} />
      <Lines order={order} t={t} />
      <OrderFooter order={order} t={t} />
    </>,
    shipment.trackingRef ? t('shipped.previewTracking', { tracking: shipment.trackingRef }) : t('shipped.preview'),
  );
}

export async function digitalDeliveryMessage(order: OrderEmailBase, deliverables: Deliverables) {
  const t = await translator(order.locale, 'orderEmail');
  return message(
    'order_downloads',
    order,
    t('downloads.subject', { reference: order.reference }),
    <>
      <Heading>{t('downloads.heading')}</Heading>
      <Paragraph>{t('downloads.body')}</Paragraph>
      <DeliverablesList brand={brand()} d={deliverables} t={t} locale={order.locale} />
      <OrderFooter order={order} t={t} />
    </>,
    t('downloads.preview'),
  );
}

/** The plain note sent instead when an order email fails to render: it must still reach the buyer. */
export async function orderNewsFallback(order: OrderEmailBase, kind: string): Promise<MailMessage> {
  const t = await translator(order.locale, 'orderEmail');
  const text = `${t('fallback.text', { reference: order.reference })}\n\n${order.orderUrl}\n`;
  return {
    kind: `order_${kind}`,
    to: order.to,
    subject: t('fallback.subject', { reference: order.reference }),
    text,
    html: `<p>${escapeHtml(text)}</p>`,
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
