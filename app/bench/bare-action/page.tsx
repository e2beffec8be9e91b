import type { Metadata } from 'next';
import { requireBench } from '@/lib/bench';
import { bareRedirectAction } from './actions';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Bare action', robots: { index: false } };

/** The form that posts `npm run bench`'s bare server action (compared with checkout). */
export default function BareActionPage() {
  requireBench();
  return (
    <main id="main" className="mx-auto max-w-2xl p-6">
      <form action={bareRedirectAction}>
        <input type="hidden" name="email" value="bench@example.com" />
        <button type="submit">Go</button>
      </form>
    </main>
  );
}
