import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orders } from '@/db/schema';
import { dashboardFigures } from '@/lib/orders/admin-queries';
import { reconcile } from '@/lib/orders/reconcile';
import { lateOrder, orderState, orderWithInvoice, placeTestOrder, startShop, startSink, type Shop } from '../helpers/shop';

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;

beforeAll(async () => {
  shop = await startShop();
  sink = await startSink();
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url });
});
afterAll(async () => {
  await sink.close();
  await shop.close();
});

describe('dashboard', () => {
  it('counts orders and paid revenue per window, orders to review and bad postbacks', async () => {
    const now = new Date();
    const paid = await orderWithInvoice([['node-runner-mug', 2]]); // 2 × $16.00 + $6.00 shipping
    expect((await shop.control(paid.invoiceUuid, 'pay', { outcome: 'paid' })).status).toBe(200);
    await reconcile({ orderIds: [paid.orderId] });
    expect((await orderState(paid.orderId)).order.status).toBe('paid');
    await placeTestOrder([['whitepaper-poster', 1]]);
    await lateOrder(shop, sink.url, 'merkle-tree-socks', 1);

    // An order paid ten days ago counts for 30 days only; one from 40 days ago not at all.
    const old = await orderWithInvoice([['genesis-block-hoodie', 1]]); // $59.00 + $6.00 shipping
    const older = await orderWithInvoice([['genesis-block-hoodie', 1]]);
    const { db } = await getDb();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    await db
      .update(orders)
      .set({ status: 'paid', createdAt: daysAgo(10), paidAt: daysAgo(10) })
      .where(eq(orders.id, old.orderId));
    await db
      .update(orders)
      .set({ status: 'paid', createdAt: daysAgo(40), paidAt: daysAgo(40) })
      .where(eq(orders.id, older.orderId));

    const f = await dashboardFigures(now);
    expect(f.byCurrency).toEqual([
      { currency: 'USD', orders: { today: 3, week: 3, month: 4 }, revenueMinor: { today: 3800, week: 3800, month: 3800 + 6500 } },
    ]);
    expect(f.needsReview).toBe(1);
    expect(f.postbacks).toEqual({ unmatched: 0, mismatch: 1 });
  });
});
