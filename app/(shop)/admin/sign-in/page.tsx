import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm, Field } from '@/components/admin/action-form';
import { DEV_ADMIN_EMAIL, gitHubSignInEnabled, safeReturnPath, usesDevelopmentAdmin } from '@/lib/auth';
import { isMailboxActive } from '@/lib/mail';
import { gitHubSignInAction, requestSignInAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in', robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Auth.js error codes that reach this page, in words a merchant can act on.
const ERRORS: Record<string, string> = {
  Verification: 'That sign-in link cannot be used: it was used already or has expired. Request a new one below.',
  AccessDenied: 'This account has no access to the back office.',
  OAuthAccountNotLinked: 'That email address already signs in with an email link. Use the link instead.',
  Configuration: 'Sign-in is not configured correctly on this server (see its start-up log).',
};

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(one(params.callbackUrl));
  const error = one(params.error);
  return (
    <section aria-labelledby="sign-in-heading" className="mx-auto max-w-md space-y-6 py-8">
      <header className="space-y-2">
        <h1 id="sign-in-heading" className="text-2xl font-bold">
          Sign in to the back office
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">We email you a link that signs you in. No password to remember.</p>
      </header>
      {error && (
        <p
          role="alert"
          data-testid="sign-in-error"
          className="rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {ERRORS[error] ?? 'Sign-in did not work. Try again.'}{' '}
          {/* Buyers' links (My orders) come back here too when they cannot be used. */}
          <Link href="/account/orders" className="font-semibold underline">
            Looking for your orders? Ask for a new link under My orders.
          </Link>
        </p>
      )}
      {one(params.signedOut) && (
        <p
          role="status"
          data-testid="signed-out"
          className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          You are signed out.
        </p>
      )}
      {usesDevelopmentAdmin() && (
        <div
          role="note"
          data-testid="dev-admin-note"
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          Development shop: sign in as <strong>{DEV_ADMIN_EMAIL}</strong>
          {isMailboxActive() && (
            <>
              {' '}
              and open the link from the{' '}
              <Link href="/dev/mailbox" className="font-semibold underline">
                development mailbox
              </Link>
            </>
          )}
          . Set <code>ADMIN_EMAILS</code> to choose the admins.
        </div>
      )}
      <ActionForm action={requestSignInAction} submitLabel="Email me a sign-in link" pendingLabel="Sending…" testId="sign-in-form">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <Field name="email" label="Email address" type="email" autoComplete="email" maxLength={254} required />
      </ActionForm>
      {gitHubSignInEnabled() && (
        <ActionForm
          action={gitHubSignInAction}
          submitLabel="Sign in with GitHub"
          pendingLabel="Opening GitHub…"
          testId="github-sign-in"
          variant="secondary"
        >
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
        </ActionForm>
      )}
    </section>
  );
}
