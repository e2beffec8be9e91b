import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Timestamp } from '@/components/admin/timestamp';
import { isMailboxActive, listMailbox } from '@/lib/mail';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Development mailbox', robots: { index: false, follow: false } };

type Props = { searchParams: Promise<{ before?: string }> };

/** Every message the shop sent, while no mail server is configured (never in production). */
export default async function MailboxPage({ searchParams }: Props) {
  if (!isMailboxActive()) notFound();
  const before = Number((await searchParams).before);
  const { entries, nextBefore } = await listMailbox(Number.isSafeInteger(before) && before > 0 ? before : undefined);
  return (
    <section aria-labelledby="mailbox-heading" className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 id="mailbox-heading" className="text-2xl font-bold">
          Development mailbox
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No mail server is configured (<code>EMAIL_SERVER</code>), so every email the shop sends lands here instead. This page does not
          exist in a production deployment or once a mail server is set.
        </p>
      </header>
      {entries.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-zinc-300 p-8 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No messages yet. Request a sign-in link at{' '}
          <Link href="/admin/sign-in" className="underline">
            /admin/sign-in
          </Link>
          .
        </p>
      ) : (
        <ul
          className="divide-y divide-zinc-200 rounded-2xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
          data-testid="mailbox-list"
        >
          {entries.map((m) => (
            <li key={m.id}>
              <Link
                href={`/dev/mailbox/${m.id}`}
                className="flex flex-col gap-1 px-4 py-3 hover:bg-zinc-50 sm:flex-row sm:items-center sm:justify-between dark:hover:bg-zinc-900"
                data-testid="mailbox-entry"
              >
                <span>
                  <span className="block font-medium">{m.subject}</span>
                  <span className="block text-sm text-zinc-600 dark:text-zinc-400">To {m.to}</span>
                </span>
                <span className="text-sm text-zinc-500 dark:text-zinc-400">
                  <Timestamp date={m.createdAt} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {nextBefore && (
        <Link href={`/dev/mailbox?before=${nextBefore}`} className="text-sm font-medium text-brand-600 hover:underline">
          Older messages
        </Link>
      )}
    </section>
  );
}
