import 'server-only';
import { desc, eq, lt } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox, type OutboxStatus } from '@/db/schema';
import { deliverDueMail, deliverMail } from './outbox';
import { mailboxTransport } from './transports';

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

/** Shown for a message whose rendering failed so far (it is retried like a failed sending). */
const NOT_RENDERED = '(not rendered yet)';

/**
 * Messages newest first, 50 at a time (`before`: the last id of the previous page). What is due is
 * delivered first: an order's email is rendered when it is sent, and this page is where it goes.
 */
export async function listMailbox(before?: number): Promise<{ entries: MailboxEntry[]; nextBefore: number | null }> {
  await deliverDueMail({ transport: mailboxTransport });
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
  const entries = rows.slice(0, PAGE).map((r) => ({ ...r, to: r.to ?? NOT_RENDERED, subject: r.subject ?? NOT_RENDERED }));
  return { entries, nextBefore: rows.length > PAGE ? entries.at(-1)!.id : null };
}

/** One message, delivered first if it is due (rendered then); null when unknown or not renderable. */
export async function getMailboxMessage(id: number) {
  await deliverMail(id, { transport: mailboxTransport });
  const { db } = await getDb();
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!row || row.toAddress === null || row.subject === null || row.html === null || row.text === null) return null;
  return { ...row, toAddress: row.toAddress, subject: row.subject, html: row.html, text: row.text };
}
