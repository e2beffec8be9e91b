import 'server-only';
import { and, asc, eq, lt, lte, or, sql } from 'drizzle-orm';
import { getDb, type Db, type Tx } from '@/db/client';
import { outbox } from '@/db/schema';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { fail, ok, type Result } from '@/lib/result';
import { activeMailTransport, defaultFrom, type MailTransport } from './transports';

/** What a caller hands to the mail layer. */
export interface MailMessage {
  /** What the message is for (`sign_in`, `order_paid`, …): shown in the mailbox, used in logs. */
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  from?: string;
  /** Queueing the same key again stores nothing new (e.g. `order:<id>:paid`). */
  dedupeKey?: string;
  /** The body holds a credential (a sign-in link): blanked once a real transport delivered it. */
  sensitive?: boolean;
  /** The order a buyer's email is about (listed on the order in the back office). */
  orderId?: string;
}

/** A sender that crashed mid-delivery loses its claim after this long; the message is tried again. */
const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;

export type DeliveryOutcome = 'sent' | 'retrying' | 'failed' | 'not-due' | 'no-transport';

/**
 * Store a message to be sent, in the caller's transaction when given one, so it exists exactly
 * when the change that made it due commits. Nothing is sent here: call deliverMail() after the
 * commit, or leave it to the background sender.
 */
export async function queueMail(db: Db | Tx, message: MailMessage): Promise<{ id: number; created: boolean }> {
  const [row] = await db
    .insert(outbox)
    .values({
      kind: message.kind,
      dedupeKey: message.dedupeKey ?? null,
      toAddress: message.to,
      fromAddress: message.from ?? defaultFrom(),
      subject: message.subject,
      html: message.html,
      text: message.text,
      sensitive: message.sensitive ?? false,
      orderId: message.orderId ?? null,
      // The app's clock, like every claim: due at once, whatever the database server's clock says.
      nextAttemptAt: new Date(),
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  if (row) return { id: row.id, created: true };
  const [existing] = await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, message.dedupeKey!));
  return { id: existing!.id, created: false };
}

/** What a renderer makes of an unrendered row: the message, or null when it can never be made. */
export type RenderedMail = Pick<MailMessage, 'to' | 'subject' | 'html' | 'text'>;
export type MailRenderer = (row: {
  id: number;
  kind: string;
  orderId: string | null;
  dedupeKey: string | null;
}) => Promise<RenderedMail | null>;

// Renderers of unrendered rows, by kind. On globalThis: Next may load this module once per bundle
// layer, and the module that registers (lib/fulfilment) is loaded at start-up by the reconciler.
const registry = globalThis as unknown as { __storefrontMailRenderers?: Map<string, MailRenderer> };
const renderers = () => (registry.__storefrontMailRenderers ??= new Map());

/** Say how rows of these kinds, queued unrendered (queueUnrendered), are rendered at delivery. */
export function registerMailRenderer(kinds: readonly string[], render: MailRenderer): void {
  for (const kind of kinds) renderers().set(kind, render);
}

/**
 * Queue a message that is rendered only when it is delivered: one short INSERT in the caller's
 * transaction (no reads, no rendering while the caller holds its locks). Its kind must have a
 * renderer (registerMailRenderer). The dedupe key makes a second queueing store nothing.
 */
export function unrenderedMail(message: { kind: string; orderId: string; dedupeKey: string }) {
  return {
    kind: message.kind,
    dedupeKey: message.dedupeKey,
    orderId: message.orderId,
    fromAddress: defaultFrom(),
    nextAttemptAt: new Date(),
  } satisfies typeof outbox.$inferInsert;
}

export async function queueUnrendered(db: Db | Tx, message: { kind: string; orderId: string; dedupeKey: string }): Promise<void> {
  await db.insert(outbox).values(unrenderedMail(message)).onConflictDoNothing({ target: outbox.dedupeKey });
}

const retryDelay = (attempts: number) => Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

/** Rows a sender may take now: pending and due, or claimed by a sender whose lease ran out. */
const isDue = (now: Date) =>
  or(
    and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
    and(eq(outbox.status, 'sending'), lt(outbox.claimedAt, new Date(now.getTime() - LEASE_MS))),
  );

/**
 * Deliver one stored message, once: the sender first claims the row with a conditional UPDATE
 * (pending and due, or a claim older than the lease), so concurrent senders never both send it.
 * A failure is recorded and retried later with backoff, up to MAX_ATTEMPTS.
 */
export async function deliverMail(id: number, options: { transport?: MailTransport | null; now?: Date } = {}): Promise<DeliveryOutcome> {
  const transport = options.transport === undefined ? activeMailTransport() : options.transport;
  if (!transport) return 'no-transport';
  const { db } = await getDb();
  const now = options.now ?? new Date();
  const [claimed] = await db
    .update(outbox)
    .set({ status: 'sending', claimedAt: now, attempts: sql`${outbox.attempts} + 1` })
    .where(and(eq(outbox.id, id), isDue(now)))
    .returning();
  if (!claimed) return 'not-due';

  const ours = and(eq(outbox.id, id), eq(outbox.status, 'sending'), eq(outbox.claimedAt, now));
  // An order's email is rendered by the one sender that claimed it, and kept with the outcome of
  // this attempt (a retry sends the same message).
  let rendered: RenderedMail | null = null;
  let message: RenderedMail;
  try {
    if (claimed.toAddress === null || claimed.subject === null || claimed.html === null || claimed.text === null) {
      const render = renderers().get(claimed.kind);
      if (!render) {
        // This process never loaded the module that renders it: left, uncounted, for a sender that has.
        await db
          .update(outbox)
          .set({ status: 'pending', claimedAt: null, attempts: sql`${outbox.attempts} - 1` })
          .where(ours);
        return 'not-due';
      }
      rendered = await render(claimed);
      if (!rendered) {
        await db.update(outbox).set({ status: 'failed', claimedAt: null, lastError: 'nothing to render (its order is gone)' }).where(ours);
        return 'failed';
      }
      message = rendered;
    } else {
      message = { to: claimed.toAddress, subject: claimed.subject, html: claimed.html, text: claimed.text };
    }
    await transport.send({
      messageId: `<outbox-${claimed.id}.${claimed.createdAt.getTime()}@${new URL(env().APP_URL).hostname}>`,
      from: claimed.fromAddress,
      ...message,
    });
  } catch (err) {
    const failed = claimed.attempts >= MAX_ATTEMPTS;
    await db
      .update(outbox)
      .set({
        status: failed ? 'failed' : 'pending',
        claimedAt: null,
        lastError: errorSummary(err),
        nextAttemptAt: new Date(now.getTime() + retryDelay(claimed.attempts)),
        ...(rendered ? bodyOf(rendered) : {}),
      })
      .where(ours);
    console.error(`[mail] ${claimed.kind} #${claimed.id} not sent (attempt ${claimed.attempts}):`, errorSummary(err));
    return failed ? 'failed' : 'retrying';
  }
  const wipe = claimed.sensitive && !transport.keepsBody;
  await db
    .update(outbox)
    .set({
      status: 'sent',
      sentAt: new Date(),
      transport: transport.name,
      lastError: null,
      ...(rendered ? bodyOf(rendered) : {}),
      ...(wipe ? { html: '', text: '' } : {}),
    })
    .where(ours);
  return 'sent';
}

const bodyOf = (m: RenderedMail) => ({ toAddress: m.to, subject: m.subject, html: m.html, text: m.text });

/** Store a message and try to deliver it at once (outside any transaction). */
export async function sendMail(
  message: MailMessage,
): Promise<Result<{ id: number; outcome: DeliveryOutcome }, { kind: 'not-sent'; message: string }>> {
  const { db } = await getDb();
  const { id } = await queueMail(db, message);
  const outcome = await deliverMail(id);
  if (outcome === 'sent' || outcome === 'not-due') return ok({ id, outcome });
  return fail({
    kind: 'not-sent',
    message: outcome === 'no-transport' ? 'No mail server is configured (EMAIL_SERVER).' : 'The mail server did not accept the message.',
  });
}

/** Deliver every message that is due (the background sender and tests). */
export async function deliverDueMail(options: { transport?: MailTransport | null; now?: Date; limit?: number } = {}) {
  const now = options.now ?? new Date();
  const { db } = await getDb();
  const due = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(isDue(now))
    .orderBy(asc(outbox.id))
    .limit(options.limit ?? 100);
  const counts: Partial<Record<DeliveryOutcome, number>> = {};
  for (const { id } of due) {
    const outcome = await deliverMail(id, options);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}
