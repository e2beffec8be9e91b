import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { ActionForm } from '@/components/admin/action-form';
import { DEV_ADMIN_EMAIL, getAdmin, usesDevelopmentAdmin } from '@/lib/auth';
import { allowTestInvoices, paymentWarnings } from '@/lib/cryptocloud';
import { signOutAction } from '../actions';

export const metadata: Metadata = {
  title: { default: 'Back office', template: '%s · Back office' },
  robots: { index: false, follow: false },
};

/**
 * The back office's frame. It protects nothing (a layout is not re-rendered on client navigation):
 * every page, action and route checks the admin itself through lib/auth.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const admin = await getAdmin();
  if (!admin.ok) return children;
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 border-b border-zinc-200 pb-4 sm:flex-row sm:items-center sm:justify-between dark:border-zinc-800">
        <nav aria-label="Back office">
          <AdminNav />
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-zinc-600 dark:text-zinc-400" data-testid="admin-email">
            {admin.value.email}
          </span>
          <ActionForm
            action={signOutAction}
            submitLabel="Sign out"
            pendingLabel="Signing out…"
            testId="sign-out"
            variant="secondary"
            className=""
          />
        </div>
      </div>
      {paymentWarnings().map((warning) => (
        <p
          key={warning}
          role="alert"
          data-testid="payment-warning"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm font-semibold text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
        >
          {warning}
        </p>
      ))}
      {allowTestInvoices() && (
        <p
          role="note"
          data-testid="test-mode-banner"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm font-medium text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          Test-mode invoices are being accepted as payment: no real money moves for them. This is so with the sandbox and outside a
          production deployment; CRYPTOCLOUD_ALLOW_TEST_INVOICES overrides it.
        </p>
      )}
      {usesDevelopmentAdmin() && (
        <p role="note" data-testid="dev-admin-banner" className="text-sm text-zinc-600 dark:text-zinc-400">
          Development shop: {DEV_ADMIN_EMAIL} is the admin because ADMIN_EMAILS is not set. Set it (and a mail server) before deploying.
        </p>
      )}
      {children}
    </div>
  );
}
