import type { Metadata } from 'next';
import { requireBench } from '@/lib/bench';

// Read per request: the flag is the running server's, not the build's.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Bare page', description: 'The benchmark’s baseline page.' };

/** `npm run bench`'s bare page: the root layout and one paragraph, nothing from the database. */
export default function BarePage() {
  requireBench();
  return (
    <main id="main" className="mx-auto max-w-2xl p-6">
      <h1 className="text-2xl font-semibold">Bare page</h1>
      <p>The baseline the benchmark compares every shop page with.</p>
    </main>
  );
}
