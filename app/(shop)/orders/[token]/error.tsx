'use client';

import { RetryingError } from '@/components/ui/retrying-error';

export default function OrderError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RetryingError
      error={error}
      retry={retry}
      title="We could not load your order. Retrying…"
      detail="Your order is safe. The shop cannot reach its database for a moment; this page loads by itself as soon as it can."
    />
  );
}
