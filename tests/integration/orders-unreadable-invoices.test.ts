// The gateway describing one invoice in a way we cannot read (an undocumented status such as
// "expired", a broken item) must not hold back the others in its answer, must never count as paid,
// and must not make its postbacks fail forever. A fake CryptoCloud API (live keys) says those things
// to the real reconciler (through the cron route) and the real postback route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { unreadableInvoices } from '@/db/schema';
import { invoiceSuffix, signPostbackToken } from '@/lib/cryptocloud';
import { startFakeCryptoCloud, type FakeCryptoCloud } from '../helpers/fake-cryptocloud';
import { orderState, orderWithInvoice, postbacksFor, setStock, startShop, type Shop } from '../helpers/shop';

const CRON_SECRET = 'a-long-enough-cron-secret';
type Placed = Awaited<ReturnType<typeof orderWithInvoice>>;

let shop: Shop;
let fake: FakeCryptoCloud;
const placed: Placed[] = [];
let paid: Placed;
let expired: Placed;
let broken: Placed;
let nameless: Placed;
const brokenItem = { uuid: '', status: 'paid', amount_in_fiat: 'a lot', order_id: '' };

beforeAll(async () => {
  shop = await startShop();
  fake = await startFakeCryptoCloud();
  shop.setEnv({ ...fake.env, CRON_SECRET });
  await setStock('lightning-enamel-pin-set', 1_000);
  for (let i = 0; i < 100; i++) placed.push(await orderWithInvoice([['lightning-enamel-pin-set', 1]]));
  [paid, expired, broken, nameless] = placed.slice(40, 44) as [Placed, Placed, Placed, Placed];
  fake.invoices.get(paid.invoiceUuid)!.status = 'paid';
  fake.invoices.get(expired.invoiceUuid)!.status = 'expired'; // not a CryptoCloud status
  // A paid-looking item whose amount cannot be read: never applied, whatever its status says.
  Object.assign(brokenItem, { uuid: broken.invoiceUuid, order_id: broken.publicToken });
  fake.items.set(broken.invoiceUuid, brokenItem);
  fake.items.set(nameless.invoiceUuid, 'not an invoice'); // names no invoice at all
}, 180_000);

afterAll(async () => {
  shop.setEnv(Object.fromEntries(Object.keys(fake.env).map((k) => [k, undefined])));
  await fake.close();
  await shop.close();
});

const reconcileByCron = () => fetch(`${shop.url}/api/cron/reconcile`, { headers: { Authorization: `Bearer ${CRON_SECRET}` } });

async function postback(o: Placed) {
  const token = await signPostbackToken(o.invoiceUuid, fake.secretKey);
  return fetch(`${shop.url}/api/cryptocloud/postback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      status: 'success',
      invoice_id: invoiceSuffix(o.invoiceUuid),
      amount_crypto: '16',
      currency: 'USDT_TRC20',
      order_id: o.publicToken,
      token,
    }),
  });
}

async function recorded(invoiceUuid: string | null) {
  const { db } = await getDb();
  const rows = await db.select().from(unreadableInvoices);
  return rows.filter((r) => r.invoiceUuid === invoiceUuid);
}

// One story, in order: each step starts from where the previous one left the shop.
describe('an unreadable invoice in a merchant/info answer', () => {
  it('does not hold back the rest of its batch of 100: the paid order is paid, the odd ones are recorded with their JSON', async () => {
    const res = await reconcileByCron();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', applied: 1, unreadable: 3, errors: [] });
    // All four were in one answer of 100 invoices.
    const batch = fake.infoRequests.find((uuids) => uuids.includes(paid.invoiceUuid));
    expect(batch).toHaveLength(100);
    for (const o of [expired, broken, nameless]) expect(batch).toContain(o.invoiceUuid);

    expect((await orderState(paid.orderId)).order.status).toBe('paid');
    for (const o of [expired, broken, nameless]) {
      const s = await orderState(o.orderId);
      expect(s.order.status).toBe('awaiting_payment');
      expect(s.payment?.status).toBe('created');
    }
    expect((await orderState(placed[0]!.orderId)).order.status).toBe('awaiting_payment');

    const [odd] = await recorded(expired.invoiceUuid);
    expect(odd).toMatchObject({ gatewayStatus: 'expired', reason: 'unknown status "expired"', seenCount: 1 });
    expect(odd?.raw).toMatchObject({
      uuid: expired.invoiceUuid,
      status: 'expired',
      order_id: expired.publicToken,
      amount_in_fiat: Number(fake.invoices.get(expired.invoiceUuid)!.amount),
    });
    const [bad] = await recorded(broken.invoiceUuid);
    expect(bad).toMatchObject({ gatewayStatus: 'paid', reason: expect.stringContaining('amount_in_fiat'), raw: brokenItem });
    expect(await recorded(null)).toMatchObject([{ gatewayStatus: null, raw: 'not an invoice' }]);
  });

  it('a postback for the invoice with an unknown status answers 200, is kept as a mismatch naming it, and changes nothing', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await postback(expired);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ verdict: 'mismatch' });
    }
    const [event] = await postbacksFor(expired.invoiceUuid);
    expect(event).toMatchObject({ verdict: 'mismatch', detail: expect.stringContaining('unknown status "expired"') });
    const s = await orderState(expired.orderId);
    expect(s.order.status).toBe('awaiting_payment');
    expect(s.payment?.status).toBe('created');
    expect((await recorded(expired.invoiceUuid))[0]?.seenCount).toBeGreaterThanOrEqual(2);
  });

  it('postbacks for a broken item and for one that names no invoice answer 200 and pay nothing', async () => {
    for (const o of [broken, nameless]) {
      const res = await postback(o);
      expect(res.status).toBe(200);
      const [event] = await postbacksFor(o.invoiceUuid);
      expect(event).toMatchObject({ verdict: 'mismatch', detail: expect.stringContaining('unreadable') });
      expect((await orderState(o.orderId)).order.status).toBe('awaiting_payment');
    }
  });

  it('the reconciler keeps asking: once the gateway reports the invoice paid, its order is paid', async () => {
    const asked = fake.infoRequests.length;
    fake.invoices.get(expired.invoiceUuid)!.status = 'paid';
    const res = await reconcileByCron();
    expect(await res.json()).toMatchObject({ applied: 1, unreadable: 2 });
    expect(fake.infoRequests.slice(asked).flat()).toContain(expired.invoiceUuid);
    const s = await orderState(expired.orderId);
    expect(s.order.status).toBe('paid');
    expect(s.events.filter((e) => e.toStatus === 'paid')).toHaveLength(1);
    // The broken item stays one row, seen by both runs and its postback.
    expect(await recorded(broken.invoiceUuid)).toMatchObject([{ seenCount: 3 }]);
  });
});
