import 'server-only';
import { desc, eq, lt } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox, type OutboxStatus } from '@/db/schema';

export interface MailboxEntry {
  id: number;
  kind: string;
  to: string;
  from: string;
  subject: string;
  status: OutboxStatus;
  createdAt: Date;
  sentAt: Date | null;
}

const PAGE = 50;

/** Messages newest first, 50 at a time (`before`: the last id of the previous page). */
export async function listMailbox(before?: number): Promise<{ entries: MailboxEntry[]; nextBefore: number | null }> {
  const { db } = await getDb();
  const rows = await db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      to: outbox.toAddress,
      from: outbox.fromAddress,
      subject: outbox.subject,
      status: outbox.status,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(before ? lt(outbox.id, before) : undefined)
    .orderBy(desc(outbox.id))
    .limit(PAGE + 1);
  const entries = rows.slice(0, PAGE);
  return { entries, nextBefore: rows.length > PAGE ? entries.at(-1)!.id : null };
}

export async function getMailboxMessage(id: number) {
  const { db } = await getDb();
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row ?? null;
}
