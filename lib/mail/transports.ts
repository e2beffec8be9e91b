import 'server-only';
import { env } from '@/lib/env';

/** A message as a transport receives it (already stored in the outbox). */
export interface OutgoingMail {
  /** Stable across retries, so a receiver can recognise a repeat after an unclear failure. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface MailTransport {
  /** Recorded on the outbox row: which way the message left. */
  name: string;
  /** Whether the stored body is what a reader sees (then it must be kept, even when sensitive). */
  keepsBody: boolean;
  send(mail: OutgoingMail): Promise<void>;
}

/** The development mailbox: the outbox row itself is the delivered message, read at /dev/mailbox. */
export const mailboxTransport: MailTransport = {
  name: 'mailbox',
  keepsBody: true,
  async send() {},
};

/** SMTP through nodemailer (loaded only when a mail server is configured). */
export function smtpTransport(url: string): MailTransport {
  let transporter: Promise<import('nodemailer').Transporter> | undefined;
  return {
    name: 'smtp',
    keepsBody: false,
    async send(mail) {
      transporter ??= import('nodemailer').then((m) => m.createTransport(url));
      const info = await (
        await transporter
      ).sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
      });
      const refused = [...(info.rejected ?? []), ...(info.pending ?? [])];
      if (refused.length > 0) throw new Error(`the mail server refused ${refused.length} recipient(s)`);
    },
  };
}

const g = globalThis as unknown as { __storefrontSmtp?: { url: string; transport: MailTransport } };

/**
 * Where mail goes: the SMTP server in EMAIL_SERVER; without one, the development mailbox, except
 * in a production deployment, where messages wait in the outbox (the start-up check says why).
 */
export function activeMailTransport(): MailTransport | null {
  const e = env();
  if (e.EMAIL_SERVER) {
    // One transporter (and its connections) per process, rebuilt only if the URL changes.
    if (g.__storefrontSmtp?.url !== e.EMAIL_SERVER) g.__storefrontSmtp = { url: e.EMAIL_SERVER, transport: smtpTransport(e.EMAIL_SERVER) };
    return g.__storefrontSmtp.transport;
  }
  return e.isProductionDeployment ? null : mailboxTransport;
}

/** The development mailbox is served only while it is where mail goes (never in production). */
export function isMailboxActive(): boolean {
  return activeMailTransport() === mailboxTransport;
}

/** The sender address: EMAIL_FROM, or the shop's name at its own host. */
export function defaultFrom(): string {
  const e = env();
  if (e.EMAIL_FROM) return e.EMAIL_FROM;
  const name = e.SHOP_NAME.replace(/["\\<>\r\n]/g, '');
  return `"${name}" <no-reply@${new URL(e.APP_URL).hostname}>`;
}
