import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Timestamp } from '@/components/admin/timestamp';
import { getMailboxMessage, isMailboxActive } from '@/lib/mail';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Development mailbox', robots: { index: false, follow: false } };

type Props = { params: Promise<{ id: string }> };

/** Links in the text part, shown as plain links so a newcomer can follow them with one click. */
function linksOf(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
}

export default async function MailboxMessagePage({ params }: Props) {
  if (!isMailboxActive()) notFound();
  const id = Number((await params).id);
  const message = Number.isSafeInteger(id) && id > 0 ? await getMailboxMessage(id) : null;
  if (!message) notFound();
  // The HTML is shown in a sandboxed frame (no scripts, no access to this page); its links open
  // in the top window when clicked.
  const srcDoc = message.html.replace(/<head>/i, '<head><base target="_top">');
  return (
    <article className="mx-auto max-w-3xl space-y-6" aria-labelledby="message-subject">
      <Link href="/dev/mailbox" className="text-sm font-medium text-brand-600 hover:underline">
        ← All messages
      </Link>
      <header className="space-y-1">
        <h1 id="message-subject" className="text-2xl font-bold">
          {message.subject}
        </h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 text-sm text-zinc-600 dark:text-zinc-400">
          <dt>From</dt>
          <dd>{message.fromAddress}</dd>
          <dt>To</dt>
          <dd data-testid="mailbox-to">{message.toAddress}</dd>
          <dt>Sent</dt>
          <dd>
            <Timestamp date={message.createdAt} />
          </dd>
        </dl>
      </header>
      {linksOf(message.text).length > 0 && (
        <section aria-labelledby="links-heading" className="rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800">
          <h2 id="links-heading" className="mb-2 text-sm font-semibold">
            Links in this message
          </h2>
          <ul className="space-y-1 text-sm">
            {linksOf(message.text).map((href) => (
              <li key={href}>
                <a href={href} className="break-all text-brand-600 underline" data-testid="mailbox-link">
                  {href}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <iframe
        title={`Message: ${message.subject}`}
        srcDoc={srcDoc}
        sandbox="allow-top-navigation-by-user-activation allow-popups allow-popups-to-escape-sandbox"
        className="h-[32rem] w-full rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800"
      />
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Plain-text version</summary>
        <pre className="mt-2 whitespace-pre-wrap rounded-lg bg-zinc-100 p-4 dark:bg-zinc-900">{message.text}</pre>
      </details>
    </article>
  );
}
