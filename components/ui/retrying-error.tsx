'use client';

import { useEffect } from 'react';
import { buttonClass } from '@/components/ui/button';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
// A failure this long after the previous one starts a new outage: back to the first delay.
const FORGET_AFTER_MS = 2 * MAX_DELAY_MS;

// Kept at module level: the error boundary renders this fallback afresh after each failed retry.
let failures = 0;
let lastFailureAt = 0;

/**
 * What an error boundary shows: the buyer's words, and a retry of the segment (re-fetched from the
 * server) that schedules itself with a doubling delay (1 s, 2 s, 4 s … at most 30 s) until the page
 * loads again, as it does once the database is back.
 */
export function RetryingError({
  error,
  retry,
  title,
  detail,
  again,
}: {
  error: unknown;
  retry: () => void;
  title: string;
  detail: string;
  /** The retry button's words. */
  again: string;
}) {
  useEffect(() => {
    const now = Date.now();
    failures = now - lastFailureAt > FORGET_AFTER_MS ? 1 : failures + 1;
    lastFailureAt = now;
    const timer = setTimeout(retry, Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - 1)));
    return () => clearTimeout(timer);
  }, [error, retry]);

  return (
    <section role="alert" data-testid="page-error" className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">{detail}</p>
      <button type="button" onClick={retry} className={`${buttonClass} mt-6`}>
        {again}
      </button>
    </section>
  );
}
