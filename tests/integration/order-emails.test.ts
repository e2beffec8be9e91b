import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orders, outbox } from '@/db/schema';
import type { Admin } from '@/lib/auth';
import { signPostbackToken } from '@/lib/cryptocloud';
import { deliverDueMail, deliverMail, mailboxTransport, type MailTransport } from '@/lib/mail';
import { fulfilOrder } from '@/lib/orders/admin-actions';
import { formatOrderNumber } from '@/lib/orders/order-number';
import { reconcile } from '@/lib/orders/reconcile';
import {
  deliveredEmailsOf,
  deliverPostback,
  orderState,
  orderWithInvoice,
  SANDBOX_SECRET,
  startShop,
  startSink,
  type Shop,
} from '../helpers/shop';

// The buyer's emails: queued in the transaction of the change that makes them due, once per order
// and kind whatever the gateway repeats, rendered with the shop's name and colours, and delivered
// by a sender whose failures never touch the order.

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;
const admin: Admin = { id: 'admin-user-id', email: 'merchant@example.com', name: null };

beforeAll(async () => {
  shop = await startShop();
  sink = await startSink();
});
afterAll(async () => {
  await sink.close();
  await shop.close();
});
beforeEach(() => {
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url, EMAIL_SERVER: undefined, SHOP_NAME: undefined, SHOP_COLOR_PRIMARY: undefined });
});

async function pay(invoiceUuid: string, outcome: 'paid' | 'partial' = 'paid') {
  const res = await shop.control(invoiceUuid, 'pay', { outcome });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The order's queued emails, as stored (unrendered until a sender delivers them). */
async function emailsOf(orderId: string) {
  const { db } = await getDb();
  return db.select().from(outbox).where(eq(outbox.orderId, orderId)).orderBy(asc(outbox.id));
}

describe('order emails', () => {
  it('placed (pay link, order page), then the receipt (items, total, crypto and network paid, invoice id), with the shop’s name and colour', async () => {
    shop.setEnv({ SHOP_NAME: 'Satoshi Supplies', SHOP_COLOR_PRIMARY: '#aa3300' });
    const o = await orderWithInvoice([['node-runner-mug', 2]]);
    // Queued unrendered in the invoice's transaction: kind, order and dedupe key only.
    expect(await emailsOf(o.orderId)).toMatchObject([
      { kind: 'order_placed', dedupeKey: `order:${o.orderId}:placed`, subject: null, html: null },
    ]);
    const [placed] = await deliveredEmailsOf(o.orderId);
    expect(placed).toMatchObject({ kind: 'order_placed', toAddress: 'buyer@example.com', dedupeKey: `order:${o.orderId}:placed` });
    expect(placed!.subject).toContain('Satoshi Supplies');
    // The order number the buyer reads out, the same one the order page shows.
    const { db } = await getDb();
    const [row] = await db.select({ number: orders.number }).from(orders).where(eq(orders.id, o.orderId));
    expect(placed!.subject).toContain(`Order ${formatOrderNumber(row!.number)} received`);
    expect(placed!.text).toContain(o.link);
    expect(placed!.text).toContain(`/orders/${o.publicToken}`);
    expect(placed!.html).toContain('#aa3300');
    expect(placed!.text).toMatch(/2 × Node Runner Mug/);

    await pay(o.invoiceUuid);
    expect((await deliverPostback(shop.url, o.invoiceUuid)).status).toBe(200);
    const receipt = (await deliveredEmailsOf(o.orderId)).find((m) => m.kind === 'order_paid')!;
    const { payment } = await orderState(o.orderId);
    const [ticker, network] = payment!.cryptoCurrency!.split('_');
    expect(receipt.text).toContain(o.invoiceUuid);
    expect(receipt.text).toContain('$32.00');
    expect(receipt.text).toMatch(new RegExp(`Paid: [0-9.]+ ${ticker} on ${network}`));
    expect(receipt.html).toContain('Satoshi Supplies');
  });

  it('partly paid: what is still due and a link to pay the rest; expired: a link to order again', async () => {
    const partial = await orderWithInvoice([['merkle-tree-socks', 1]]);
    await pay(partial.invoiceUuid, 'partial');
    await deliverPostback(shop.url, partial.invoiceUuid);
    const due = (await deliveredEmailsOf(partial.orderId)).find((m) => m.kind === 'order_partially_paid')!;
    expect(due.text).toMatch(/Still due: [0-9.]+ [A-Z]+/);
    expect(due.text).toContain(partial.link);

    const late = await orderWithInvoice([['merkle-tree-socks', 1]]);
    expect((await shop.control(late.invoiceUuid, 'expire')).status).toBe(200);
    await reconcile({ orderIds: [late.orderId] });
    expect((await orderState(late.orderId)).order.status).toBe('expired');
    const expired = (await deliveredEmailsOf(late.orderId)).find((m) => m.kind === 'order_expired')!;
    expect(expired.text).toMatch(/Order again/);
    expect(expired.text).toContain(`/orders/${late.publicToken}`);
  });

  it('100 duplicate postbacks: one receipt (with its download link), one row per email', async () => {
    const o = await orderWithInvoice([['self-custody-field-guide', 1]]);
    await pay(o.invoiceUuid);
    const token = await signPostbackToken(o.invoiceUuid, SANDBOX_SECRET);
    const fresh = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signPostbackToken(o.invoiceUuid, SANDBOX_SECRET, { now: new Date(Date.now() + i * 1000) })),
    );
    // Identical deliveries and deliveries with fresh tokens (new bodies), all at once.
    const responses = await Promise.all([
      ...Array.from({ length: 80 }, () => deliverPostback(shop.url, o.invoiceUuid, { token })),
      ...fresh.map((t) => deliverPostback(shop.url, o.invoiceUuid, { token: t })),
    ]);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const mails = await deliveredEmailsOf(o.orderId);
    expect(mails.map((m) => m.kind)).toEqual(['order_placed', 'order_paid']);
    expect(mails[1]!.text).toMatch(/\/api\/orders\/[A-Za-z0-9_-]{43}\/downloads\//);
  });

  it('the receipt is rendered by the one sender that claims it, once, and the row keeps what was sent', async () => {
    const o = await orderWithInvoice([['hash-rate-notebook', 1]]);
    await pay(o.invoiceUuid);
    expect((await deliverPostback(shop.url, o.invoiceUuid)).status).toBe(200);
    const queued = (await emailsOf(o.orderId)).find((m) => m.kind === 'order_paid')!;
    expect(queued).toMatchObject({ dedupeKey: `order:${o.orderId}:paid`, toAddress: null, subject: null, html: null, text: null });
    const sent: Array<{ to: string; subject: string; text: string }> = [];
    const recording: MailTransport = {
      name: 'recording',
      keepsBody: false,
      async send(mail) {
        await new Promise((r) => setImmediate(r)); // let concurrent senders interleave
        sent.push(mail);
      },
    };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => deliverMail(queued.id, { transport: recording })));
    expect(outcomes.filter((x) => x === 'sent')).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('buyer@example.com');
    expect(sent[0]!.text).toContain(o.invoiceUuid);
    const [row] = (await emailsOf(o.orderId)).filter((m) => m.id === queued.id);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      toAddress: 'buyer@example.com',
      subject: sent[0]!.subject,
      text: sent[0]!.text,
    });
  });

  it('a mail server that is down: the payment is applied, the message is retried with backoff, the order never changes', async () => {
    shop.setEnv({ EMAIL_SERVER: 'smtp://127.0.0.1:1' });
    const o = await orderWithInvoice([['hash-rate-notebook', 1]]);
    await pay(o.invoiceUuid);
    expect((await deliverPostback(shop.url, o.invoiceUuid)).status).toBe(200);
    const paid = (await orderState(o.orderId)).order;
    expect(paid.status).toBe('paid');

    const failing: MailTransport = {
      name: 'down',
      keepsBody: false,
      async send() {
        throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      },
    };
    const now = new Date();
    await deliverDueMail({ transport: failing, now });
    const [placed, receipt] = await emailsOf(o.orderId);
    for (const m of [placed!, receipt!]) {
      expect(m).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('ECONNREFUSED') });
      expect(m.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    }
    // Not due again until its backoff passes; then a second failure waits longer.
    expect(await deliverDueMail({ transport: failing, now })).toEqual({});
    await deliverDueMail({ transport: failing, now: new Date(now.getTime() + 31_000) });
    const again = (await emailsOf(o.orderId))[1]!;
    expect(again.attempts).toBe(2);
    expect(again.nextAttemptAt.getTime() - (now.getTime() + 31_000)).toBeGreaterThanOrEqual(60_000);
    // The mail server is back: delivered, once.
    await deliverDueMail({ transport: mailboxTransport, now: new Date(now.getTime() + 10 * 60_000) });
    expect((await emailsOf(o.orderId)).map((m) => m.status)).toEqual(['sent', 'sent']);
    const after = (await orderState(o.orderId)).order;
    expect(after.status).toBe('paid');
    expect(after.updatedAt).toEqual(paid.updatedAt);
  });

  it('mark shipped queues the tracking email once; a digital-only order gets none', async () => {
    const hoodie = await orderWithInvoice([['genesis-block-hoodie', 1]]);
    await pay(hoodie.invoiceUuid);
    await deliverPostback(shop.url, hoodie.invoiceUuid);
    expect(await fulfilOrder(admin, hoodie.orderId, { trackingRef: 'DHL 00340434', note: 'Blue box' })).toMatchObject({ ok: true });
    const shipped = (await deliveredEmailsOf(hoodie.orderId)).filter((m) => m.kind === 'order_shipped');
    expect(shipped).toHaveLength(1);
    expect(shipped[0]!.text).toContain('DHL 00340434');

    const guide = await orderWithInvoice([['self-custody-field-guide', 1]]);
    await pay(guide.invoiceUuid);
    await deliverPostback(shop.url, guide.invoiceUuid);
    expect(await fulfilOrder(admin, guide.orderId, {})).toMatchObject({ ok: true });
    const { db } = await getDb();
    expect(
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.orderId, guide.orderId), eq(outbox.kind, 'order_shipped'))),
    ).toEqual([]);
  });
});
