import Link from 'next/link';
import { EnglishPage } from '@/components/layout/english-page';
import { buttonClass } from '@/components/ui/button';

export default function Unauthorized() {
  return (
    <EnglishPage>
      <section className="mx-auto max-w-md py-16 text-center" data-testid="unauthorized">
        <p className="text-sm font-semibold text-brand-600">401</p>
        <h1 className="mt-2 text-2xl font-bold">Sign in again</h1>
        <p className="mt-3 text-zinc-600 dark:text-zinc-400">Your session has ended. Sign in to continue; nothing was changed.</p>
        <Link href="/admin/sign-in" className={`${buttonClass} mt-6`}>
          Sign in
        </Link>
      </section>
    </EnglishPage>
  );
}
