import Link from 'next/link';
import { EnglishPage } from '@/components/layout/english-page';
import { buttonClass } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <EnglishPage>
      <section className="mx-auto max-w-md py-16 text-center" data-testid="forbidden">
        <p className="text-sm font-semibold text-brand-600">403</p>
        <h1 className="mt-2 text-2xl font-bold">No access</h1>
        <p className="mt-3 text-zinc-600 dark:text-zinc-400">
          You are signed in, but this account has no access to the back office. Ask an admin of the shop.
        </p>
        <Link href="/" className={`${buttonClass} mt-6`}>
          Back to the shop
        </Link>
      </section>
    </EnglishPage>
  );
}
