import type { Metadata } from 'next';
import Link from 'next/link';
import { isMailboxActive } from '@/lib/mail';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Check your email', robots: { index: false, follow: false } };

export default function CheckEmailPage() {
  return (
    <section className="mx-auto max-w-md space-y-4 py-8 text-center">
      <h1 className="text-2xl font-bold">Check your email</h1>
      <p className="text-zinc-600 dark:text-zinc-400">If the address belongs to a merchant of this shop, a sign-in link is on its way.</p>
      {isMailboxActive() && (
        <Link href="/dev/mailbox" className="font-medium text-brand-600 hover:underline">
          Open the development mailbox
        </Link>
      )}
    </section>
  );
}
