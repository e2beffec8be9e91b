import 'server-only';
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orderFulfilments, orderItems, orders, outbox, products, type OutboxStatus } from '@/db/schema';
import { deliverablesOf } from './deliverables';
import { addressLines } from './shipping';

export interface OrderMessage {
  id: number;
  kind: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  text: string;
}

/** What the back office shows about an order's delivery: its emails to the buyer, keys and downloads. */
export async function orderDelivery(orderId: string) {
  const { db } = await getDb();
  const [messages, digital, [order]] = await Promise.all([
    db
      .select({
        id: outbox.id,
        kind: outbox.kind,
        subject: outbox.subject,
        status: outbox.status,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        createdAt: outbox.createdAt,
        sentAt: outbox.sentAt,
        text: outbox.text,
      })
      .from(outbox)
      .where(eq(outbox.orderId, orderId))
      .orderBy(asc(outbox.id)),
    deliverablesOf(db, orderId),
    db
      .select({ address: orders.shippingAddress, name: orders.shippingName, priceMinor: orders.shippingMinor })
      .from(orders)
      .where(eq(orders.id, orderId)),
  ]);
  const shipping =
    order?.address && order.name ? { name: order.name, priceMinor: order.priceMinor, addressLines: addressLines(order.address) } : null;
  return {
    // An order's email is rendered when it is sent: until then it is named by its kind.
    messages: messages.map((m) => ({
      ...m,
      subject: m.subject ?? `${m.kind} (rendered when sent)`,
      text: m.text ?? '',
    })) satisfies OrderMessage[],
    ...digital,
    shipping,
  };
}

export interface PackingEntry {
  id: string;
  email: string;
  paidAt: Date | null;
  shippingName: string | null;
  addressLines: string[];
  items: Array<{ name: string; quantity: number; kind: string }>;
}

/** Paid orders with goods to send that are not marked shipped yet, oldest payment first. */
export async function packingList(limit = 200): Promise<PackingEntry[]> {
  const { db } = await getDb();
  const rows = await db
    .select({
      id: orders.id,
      email: orders.email,
      paidAt: orders.paidAt,
      shippingName: orders.shippingName,
      address: orders.shippingAddress,
    })
    .from(orders)
    .leftJoin(orderFulfilments, eq(orderFulfilments.orderId, orders.id))
    .where(and(eq(orders.status, 'paid'), isNotNull(orders.shippingAddress), isNull(orderFulfilments.orderId)))
    .orderBy(asc(orders.paidAt), asc(orders.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const items = await db
    .select({ orderId: orderItems.orderId, name: orderItems.name, quantity: orderItems.quantity, kind: products.kind })
    .from(orderItems)
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(
      inArray(
        orderItems.orderId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(orderItems.id));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    paidAt: r.paidAt,
    shippingName: r.shippingName,
    addressLines: r.address ? addressLines(r.address) : [],
    items: items.filter((i) => i.orderId === r.id).map(({ name, quantity, kind }) => ({ name, quantity, kind })),
  }));
}
