import 'server-only';
import { Column, Row, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import { formatMoney } from '@/lib/money';
import type { MailMessage } from '../outbox';
import { renderEmail } from '../render';
import { brand, EmailButton, EmailLayout, FullLink, Heading, muted, Paragraph, type Brand } from './layout';

// The buyer's emails about an order, one component each. They are rendered when the change that
// makes them due commits (queued in its transaction), from what the database says then.

/** What every order email shows. */
export interface OrderEmailBase {
  to: string;
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

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const crypto = (c: CryptoAmount) => `${c.amount} ${c.ticker}${c.network ? ` on ${c.network}` : ''}`;
const cell = { padding: '6px 0', fontSize: '14px', lineHeight: '1.4', margin: 0 } as const;

function Lines({ order }: { order: OrderEmailBase }) {
  const money = (minor: number) => formatMoney(minor, order.currency);
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
      {order.shipping && line('Subtotal', money(order.subtotalMinor))}
      {order.shipping && line(`Shipping: ${order.shipping.name}`, money(order.shipping.priceMinor))}
      {line('Total', money(order.totalMinor), true)}
    </Section>
  );
}

function Address({ lines }: { lines: string[] | null }) {
  if (!lines) return null;
  return (
    <Section style={{ margin: '0 0 16px' }}>
      <Text style={{ ...muted, fontWeight: 600 }}>Shipping to</Text>
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

function DeliverablesList({ brand: b, d }: { brand: Brand; d: Deliverables }) {
  if (d.downloads.length === 0 && d.keys.length === 0) return null;
  return (
    <Section style={{ margin: '0 0 16px', padding: '16px', backgroundColor: '#f4f4f5', borderRadius: '12px' }}>
      <Text style={{ margin: '0 0 8px', fontSize: '16px', fontWeight: 700 }}>Your digital items</Text>
      {d.downloads.map((file) => (
        <Text key={file.url} style={{ margin: '0 0 8px', fontSize: '14px' }}>
          {file.name}:{' '}
          <a href={file.url} style={{ color: b.primary, fontWeight: 600 }}>
            Download {file.fileName}
          </a>
          <br />
          <span style={{ fontSize: '12px', color: '#52525b', wordBreak: 'break-all' }}>{file.url}</span>
        </Text>
      ))}
      {d.keys.map((k, i) => (
        <Text key={i} style={{ margin: '0 0 8px', fontSize: '14px' }}>
          {k.name} license key: <code style={{ fontFamily: 'ui-monospace, Menlo, monospace', fontWeight: 700 }}>{k.key}</code>
        </Text>
      ))}
      {d.downloads.length > 0 && (
        <Text style={{ ...muted, margin: 0 }}>
          Each file can be downloaded {d.downloadLimit} times{d.linksExpireAt ? `; these links work until ${utc(d.linksExpireAt)}` : ''}.
          Your order page always has fresh links.
        </Text>
      )}
    </Section>
  );
}

function OrderFooter({ order }: { order: OrderEmailBase }) {
  return (
    <>
      <Text style={muted}>
        Order {order.reference}. Your order page shows its status at any time; keep this email, its link is the key to it.
      </Text>
      <FullLink href={order.orderUrl} />
    </>
  );
}

async function message(kind: string, order: OrderEmailBase, subject: string, body: ReactNode, preview: string): Promise<MailMessage> {
  const b = brand();
  const rendered = await renderEmail(
    <EmailLayout brand={b} preview={preview}>
      {body}
    </EmailLayout>,
  );
  return { kind, to: order.to, subject: `${subject} · ${b.shopName}`, ...rendered };
}

export function orderPlacedMessage(order: OrderEmailBase, pay: { link: string; expiresAt: Date | null }) {
  const b = brand();
  return message(
    'order_placed',
    order,
    `Order ${order.reference} received: pay with crypto`,
    <>
      <Heading>Thank you for your order</Heading>
      <Paragraph>
        Your items are reserved. Pay with crypto on CryptoCloud&apos;s secure page{pay.expiresAt ? ` before ${utc(pay.expiresAt)}` : ''}.
      </Paragraph>
      <Lines order={order} />
      <Address lines={order.addressLines} />
      <EmailButton brand={b} href={pay.link}>
        Pay now
      </EmailButton>
      <Paragraph>
        Or see <a href={order.orderUrl}>your order page</a>, which updates as soon as the payment arrives.
      </Paragraph>
      <OrderFooter order={order} />
    </>,
    'Your items are reserved: pay with crypto to complete the order.',
  );
}

export function paymentReceivedMessage(
  order: OrderEmailBase,
  payment: { invoiceUuid: string | null; paid: CryptoAmount | null; paidAt: Date | null },
  deliverables: Deliverables,
) {
  return message(
    'order_paid',
    order,
    `Receipt for order ${order.reference}`,
    <>
      <Heading>Payment received. Thank you!</Heading>
      <Paragraph>This is your receipt.</Paragraph>
      <Lines order={order} />
      <Section style={{ margin: '0 0 16px' }}>
        {payment.paid && <Text style={{ ...muted, color: '#18181b' }}>Paid: {crypto(payment.paid)}</Text>}
        {payment.invoiceUuid && <Text style={{ ...muted, color: '#18181b' }}>Invoice: {payment.invoiceUuid}</Text>}
        {payment.paidAt && <Text style={{ ...muted, color: '#18181b' }}>Confirmed: {utc(payment.paidAt)}</Text>}
      </Section>
      <DeliverablesList brand={brand()} d={deliverables} />
      <Address lines={order.addressLines} />
      {order.addressLines && <Paragraph>We will email you again when your parcel is on its way.</Paragraph>}
      <OrderFooter order={order} />
    </>,
    `Payment received for order ${order.reference}.`,
  );
}

export function partiallyPaidMessage(order: OrderEmailBase, due: { stillDue: CryptoAmount | null; payLink: string | null }) {
  const b = brand();
  return message(
    'order_partially_paid',
    order,
    `Order ${order.reference}: part of the payment arrived`,
    <>
      <Heading>We received part of your payment</Heading>
      {due.stillDue ? (
        <Paragraph>
          Still due: <strong>{crypto(due.stillDue)}</strong>. Send the rest to the same invoice to complete the order.
        </Paragraph>
      ) : (
        <Paragraph>The invoice is not fully paid yet. Send the rest to the same invoice to complete the order.</Paragraph>
      )}
      {due.payLink && (
        <EmailButton brand={b} href={due.payLink}>
          Pay the rest
        </EmailButton>
      )}
      <Lines order={order} />
      <OrderFooter order={order} />
    </>,
    'Part of your payment arrived; here is what is still due.',
  );
}

export function orderExpiredMessage(order: OrderEmailBase) {
  const b = brand();
  return message(
    'order_expired',
    order,
    `Order ${order.reference} expired`,
    <>
      <Heading>Your order expired</Heading>
      <Paragraph>No payment arrived in time, so the order was closed. Nothing was charged, and its items went back into stock.</Paragraph>
      <Lines order={order} />
      <EmailButton brand={b} href={order.orderUrl}>
        Order again
      </EmailButton>
      <OrderFooter order={order} />
    </>,
    'No payment arrived in time; you can order the same items again.',
  );
}

export function orderShippedMessage(order: OrderEmailBase, shipment: { trackingRef: string | null; note: string | null }) {
  return message(
    'order_shipped',
    order,
    `Order ${order.reference} is on its way`,
    <>
      <Heading>Your order is on its way</Heading>
      {shipment.trackingRef ? (
        <Paragraph>
          Tracking reference: <strong>{shipment.trackingRef}</strong>
        </Paragraph>
      ) : (
        <Paragraph>The shop has sent your order out.</Paragraph>
      )}
      {shipment.note && <Paragraph>{shipment.note}</Paragraph>}
      <Address lines={order.addressLines} />
      <Lines order={order} />
      <OrderFooter order={order} />
    </>,
    shipment.trackingRef ? `Tracking reference ${shipment.trackingRef}` : 'Your order has been sent out.',
  );
}

export function digitalDeliveryMessage(order: OrderEmailBase, deliverables: Deliverables) {
  return message(
    'order_downloads',
    order,
    `Your downloads for order ${order.reference}`,
    <>
      <Heading>Your digital items</Heading>
      <Paragraph>Here are fresh links to what you bought.</Paragraph>
      <DeliverablesList brand={brand()} d={deliverables} />
      <OrderFooter order={order} />
    </>,
    'Fresh download links for your order.',
  );
}
