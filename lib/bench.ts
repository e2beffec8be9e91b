import 'server-only';
import { notFound } from 'next/navigation';
import { env } from '@/lib/env';

/**
 * The bare baselines `npm run bench` measures the shop against, in the same build: a page, a
 * server action and a postback route that do the least the real ones must. They exist only while
 * STOREFRONT_BENCH is set (never in a production deployment: lib/env.ts refuses it); otherwise
 * they answer 404 like any unknown path.
 */
export function benchEnabled(): boolean {
  return env().STOREFRONT_BENCH;
}

/** Pages and actions: 404 unless the benchmark flag is set. */
export function requireBench(): void {
  if (!benchEnabled()) notFound();
}
