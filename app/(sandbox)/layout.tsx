import type { ReactNode } from 'react';

/**
 * The built-in CryptoCloud sandbox's hosted pages: they stand for the gateway's own site, so they
 * have their own frame, not the shop's header and cart.
 */
export default function SandboxLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="mx-auto w-full max-w-3xl flex-1 space-y-8 px-4 py-10">
      {children}
    </main>
  );
}
