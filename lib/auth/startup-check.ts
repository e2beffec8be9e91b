import 'server-only';
import { env, EnvError } from '@/lib/env';
import { activeMailTransport } from '@/lib/mail';
import { adminCount, DEV_ADMIN_EMAIL, usesDevelopmentAdmin } from './roles';

/** Configuration mistakes that must stop the server (like any invalid variable). */
export function checkBackOfficeConfig(): void {
  const e = env();
  if (!!e.AUTH_GITHUB_ID !== !!e.AUTH_GITHUB_SECRET) {
    throw new EnvError(['AUTH_GITHUB_ID and AUTH_GITHUB_SECRET must be set together (or neither, for email sign-in only)']);
  }
}

/**
 * What a merchant needs to know at start-up to get into the back office: how to create the first
 * admin in production, what is missing, or where the development admin's link arrives.
 */
export async function backOfficeStartupNotes(): Promise<Array<{ level: 'info' | 'warn'; message: string }>> {
  const e = env();
  const notes: Array<{ level: 'info' | 'warn'; message: string }> = [];
  if (usesDevelopmentAdmin()) {
    notes.push({
      level: 'info',
      message: `Back office: sign in at ${e.APP_URL}/admin as ${DEV_ADMIN_EMAIL}${activeMailTransport()?.name === 'mailbox' ? `; the link arrives at ${e.APP_URL}/dev/mailbox` : ''}. Set ADMIN_EMAILS before deploying.`,
    });
  }
  if (!e.isProductionDeployment) return notes;
  if (!e.AUTH_SECRET) {
    notes.push({
      level: 'warn',
      message: 'Back office: AUTH_SECRET is not set, so nobody can sign in. Generate one with `openssl rand -base64 33`.',
    });
  }
  if (!e.EMAIL_SERVER && !e.AUTH_GITHUB_ID) {
    notes.push({
      level: 'warn',
      message:
        'Back office: no sign-in method. Set EMAIL_SERVER (an smtps:// URL) and EMAIL_FROM for sign-in links, or AUTH_GITHUB_ID/AUTH_GITHUB_SECRET.',
    });
  }
  if (e.ADMIN_EMAILS.length === 0 && (await adminCount()) === 0) {
    notes.push({
      level: 'warn',
      message:
        'Back office: there is no admin. Set ADMIN_EMAILS=you@example.com and restart, then sign in at /admin (the address gets the admin role on first sign-in), or run `npm run admin:add -- you@example.com` against this database.',
    });
  }
  return notes;
}
