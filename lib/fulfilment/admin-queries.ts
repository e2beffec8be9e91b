import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox, type OutboxStatus } from '@/db/schema';
import { deliverablesOf } from './deliverables';

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
  const [messages, digital] = await Promise.all([
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
  ]);
  return { messages: messages satisfies OrderMessage[], ...digital };
}
