'use server';

import { redirect } from 'next/navigation';
import { requireBench } from '@/lib/bench';

/** `npm run bench`'s bare server action: it only redirects, as checkout ends by redirecting. */
export async function bareRedirectAction(): Promise<void> {
  requireBench();
  redirect('/bench/bare');
}
