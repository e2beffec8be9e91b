'use client';

import { RetryingError } from '@/components/ui/retrying-error';

/** A back-office or mailbox page failed (usually: the database is unreachable for a moment). */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RetryingError
      error={error}
      retry={retry}
      title="We could not load this page. Retrying…"
      detail="The shop cannot reach its database for a moment. This page loads by itself as soon as it can."
      again="Try again now"
    />
  );
}
