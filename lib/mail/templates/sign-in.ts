import 'server-only';
import type { MailMessage } from '../outbox';
import { emailButton, emailLayout, escapeHtml } from './layout';

/** The sign-in link email. The link is a credential: the message is marked sensitive. */
export function signInMessage({ to, url, minutes, shopName }: { to: string; url: string; minutes: number; shopName: string }): MailMessage {
  const subject = `Sign in to ${shopName}`;
  const html = emailLayout({
    shopName,
    preview: `Your sign-in link for ${shopName}`,
    body: `<p style="margin:0 0 16px">Use this link to sign in to the ${escapeHtml(shopName)} back office as <strong>${escapeHtml(to)}</strong>.</p>
<p style="margin:0 0 24px">${emailButton(url, 'Sign in')}</p>
<p style="margin:0 0 8px;font-size:13px;color:#52525b">The link works once and expires in ${minutes} minutes. If you did not ask for it, ignore this email: nobody can sign in without it.</p>
<p style="margin:0;font-size:12px;color:#71717a;word-break:break-all">${escapeHtml(url)}</p>`,
  });
  const text = `Sign in to the ${shopName} back office as ${to}:\n\n${url}\n\nThe link works once and expires in ${minutes} minutes. If you did not ask for it, ignore this email.\n`;
  return { kind: 'sign_in', to, subject, html, text, sensitive: true };
}
