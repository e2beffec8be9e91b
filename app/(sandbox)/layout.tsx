import type { ReactNode } from 'react';
import { Document } from '@/components/layout/document';
import { DEFAULT_LOCALE } from '@/i18n/routing';

/**
 * The built-in CryptoCloud sandbox's hosted pages: they stand for the gateway's own site, so they
 * have their own frame, not the shop's header and cart. The document is English; the pay page
 * marks its own content with its invoice's language (`lang` on its wrapper).
 */
export default function SandboxLayout({ children }: { children: ReactNode }) {
  return (
    <Document locale={DEFAULT_LOCALE}>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 space-y-8 px-4 py-10">
        {children}
      </main>
    </Document>
  );
}
