import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema';
import { resetEnvCache } from '@/lib/env';
import {
  activeMailTransport,
  deliverDueMail,
  deliverMail,
  isMailboxActive,
  mailboxTransport,
  queueMail,
  sendMail,
  type MailTransport,
} from '@/lib/mail';

const message = (over: Partial<Parameters<typeof queueMail>[1]> = {}) => ({
  kind: 'test',
  to: 'buyer@example.com',
  subject: 'Hello',
  html: '<p>Hello</p>',
  text: 'Hello',
  ...over,
});

/** A transport that records what it was given and can be told to fail. */
function fakeTransport(opts: { fail?: boolean; keepsBody?: boolean } = {}) {
  const sent: string[] = [];
  const transport: MailTransport = {
    name: 'fake',
    keepsBody: opts.keepsBody ?? false,
    async send(mail) {
      await new Promise((r) => setImmediate(r)); // let concurrent senders interleave
      if (opts.fail) throw new Error('connection refused');
      sent.push(mail.subject);
    },
  };
  return { transport, sent };
}

async function row(id: number) {
  const { db } = await getDb();
  const [r] = await db.select().from(outbox).where(eq(outbox.id, id));
  return r!;
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe('mail outbox', () => {
  it('stores a message in the caller’s transaction: a rollback leaves no message', async () => {
    const { db } = await getDb();
    let id = 0;
    await expect(
      db.transaction(async (tx) => {
        id = (await queueMail(tx, message({ subject: 'rolled back' }))).id;
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(id).toBeGreaterThan(0);
    expect(await db.select().from(outbox).where(eq(outbox.id, id))).toEqual([]);
  });

  it('stores one message per dedupe key', async () => {
    const { db } = await getDb();
    const a = await queueMail(db, message({ dedupeKey: 'order:1:paid' }));
    const b = await queueMail(db, message({ dedupeKey: 'order:1:paid', subject: 'again' }));
    expect(b).toEqual({ id: a.id, created: false });
    expect((await row(a.id)).subject).toBe('Hello');
  });

  it('delivers a message once even when several senders race for it', async () => {
    const { db } = await getDb();
    const { id } = await queueMail(db, message({ subject: 'race' }));
    const { transport, sent } = fakeTransport();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => deliverMail(id, { transport })));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(sent).toEqual(['race']);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'sent', transport: 'fake', attempts: 1 });
    expect(await deliverMail(id, { transport })).toBe('not-due');
    expect(sent).toHaveLength(1);
  });

  it('retries a failed delivery later, with backoff, and gives up after 8 attempts', async () => {
    const { db } = await getDb();
    const { id } = await queueMail(db, message({ subject: 'flaky' }));
    const now = new Date();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await deliverMail(id, { transport: fakeTransport({ fail: true }).transport, now })).toBe('retrying');
    const r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, lastError: 'connection refused' });
    expect(r.nextAttemptAt.getTime()).toBe(now.getTime() + 30_000);

    const ok = fakeTransport();
    expect(await deliverMail(id, { transport: ok.transport, now: new Date(now.getTime() + 1_000) })).toBe('not-due');
    await deliverDueMail({ transport: ok.transport, now: new Date(now.getTime() + 31_000) });
    expect(ok.sent).toContain('flaky');
    expect(await row(id)).toMatchObject({ status: 'sent', lastError: null });

    const { id: doomed } = await queueMail(db, message({ subject: 'doomed' }));
    const failing = fakeTransport({ fail: true }).transport;
    let at = (await row(doomed)).nextAttemptAt.getTime();
    const outcomes = [];
    for (let i = 0; i < 8; i++) {
      outcomes.push(await deliverMail(doomed, { transport: failing, now: new Date(at) }));
      at = (await row(doomed)).nextAttemptAt.getTime();
    }
    expect(outcomes.at(-1)).toBe('failed');
    expect(await row(doomed)).toMatchObject({ status: 'failed', attempts: 8 });
    vi.mocked(console.error).mockRestore();
  });

  it('takes over a delivery whose sender died after the lease ran out', async () => {
    const { db } = await getDb();
    const { id } = await queueMail(db, message({ subject: 'orphan' }));
    const now = new Date();
    await db
      .update(outbox)
      .set({ status: 'sending', claimedAt: new Date(now.getTime() - 60_000), attempts: 1 })
      .where(eq(outbox.id, id));
    const { transport, sent } = fakeTransport();
    expect(await deliverMail(id, { transport, now })).toBe('not-due');
    expect(await deliverMail(id, { transport, now: new Date(now.getTime() + 5 * 60_000) })).toBe('sent');
    expect(sent).toEqual(['orphan']);
  });

  it('blanks a sensitive body once a real transport sent it, and keeps it in the development mailbox', async () => {
    const { db } = await getDb();
    const smtpLike = await queueMail(db, message({ sensitive: true, text: 'https://shop/link?token=secret' }));
    await deliverMail(smtpLike.id, { transport: fakeTransport().transport });
    expect(await row(smtpLike.id)).toMatchObject({ status: 'sent', html: '', text: '' });

    const local = await queueMail(db, message({ sensitive: true, text: 'https://shop/link?token=secret' }));
    await deliverMail(local.id, { transport: mailboxTransport });
    expect(await row(local.id)).toMatchObject({ status: 'sent', transport: 'mailbox', text: 'https://shop/link?token=secret' });
  });

  it('chooses the mailbox outside production, SMTP when configured, and nothing in production without a server', async () => {
    const set = (vars: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(vars))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      resetEnvCache();
    };
    set({ EMAIL_SERVER: undefined, DEPLOY_ENV: undefined, VERCEL_ENV: undefined });
    expect(activeMailTransport()).toBe(mailboxTransport);
    expect(isMailboxActive()).toBe(true);
    set({ EMAIL_SERVER: 'smtp://user:pass@127.0.0.1:9' });
    expect(activeMailTransport()?.name).toBe('smtp');
    expect(isMailboxActive()).toBe(false);
    set({ EMAIL_SERVER: undefined, DEPLOY_ENV: 'production' });
    expect(activeMailTransport()).toBeNull();
    expect(isMailboxActive()).toBe(false);
    // Nothing can be delivered: the message waits in the outbox.
    const r = await sendMail(message({ subject: 'waiting' }));
    expect(r).toMatchObject({ ok: false, error: { kind: 'not-sent' } });
    const { db } = await getDb();
    const [waiting] = await db.select().from(outbox).where(eq(outbox.subject, 'waiting'));
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
