'use client';

import { RetryingError } from '@/components/ui/retrying-error';
import './globals.css';

/** The root layout itself failed: this replaces it, so it brings its own document and styles. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>We could not load this page</title>
        <main className="px-4">
          <RetryingError
            error={error}
            retry={retry}
            title="We could not load this page. Retrying…"
            detail="The shop is having trouble for a moment. This page loads by itself as soon as it can."
            again="Try again now"
          />
        </main>
      </body>
    </html>
  );
}
