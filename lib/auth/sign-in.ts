import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { env } from '@/lib/env';
import { fail, ok, type Result } from '@/lib/result';
import { clientAddress } from '@/lib/http/client-address';
import { consumeRateLimit } from '@/lib/rate-limit';
import { nextAuth } from './config';
import { maySignIn } from './roles';
import { safeReturnPath, SIGN_IN_PATH } from './urls';

export const signInRequestSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter your email address.')
    .max(254, 'That email address is too long.')
    .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' })),
  callbackUrl: z.string().max(2_000).optional(),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export type SignInError = { kind: 'rate-limited' | 'unavailable'; message: string };

const minutes = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return `${m} minute${m === 1 ? '' : 's'}`;
};

/**
 * Send a sign-in link, if this address may sign in. Limited per address and per client (both
 * counted on every request, whoever it is for), and answered the same way whether or not the
 * address has access, so the form does not reveal who the merchants are. The library's own
 * sign-in endpoint is closed (see authRouteHandlers): this is the only way a link is sent.
 */
export async function requestSignInLink(input: SignInRequest, requestHeaders: Headers): Promise<Result<void, SignInError>> {
  const e = env();
  const window = e.SIGNIN_RATE_WINDOW_SECONDS;
  const emailKey = createHash('sha256').update(input.email).digest('base64url');
  const [perEmail, perClient] = await Promise.all([
    consumeRateLimit(`signin:email:${emailKey}`, e.SIGNIN_RATE_LIMIT_PER_EMAIL, window),
    consumeRateLimit(`signin:client:${clientAddress(requestHeaders)}`, e.SIGNIN_RATE_LIMIT_PER_ADDRESS, window),
  ]);
  const limited = [perEmail, perClient].find((r) => !r.ok);
  if (limited && !limited.ok) {
    return fail({
      kind: 'rate-limited',
      message: `Too many sign-in links were requested. Try again in ${minutes(limited.error.retryAfterSeconds)}.`,
    });
  }
  if (!(await maySignIn(input.email))) return ok(undefined);
  const landed = await nextAuth.signIn('email', { email: input.email, redirectTo: safeReturnPath(input.callbackUrl), redirect: false });
  if (new URL(landed, e.APP_URL).pathname === SIGN_IN_PATH) {
    return fail({ kind: 'unavailable', message: 'The sign-in email could not be sent just now. Try again in a moment.' });
  }
  return ok(undefined);
}

/** Start GitHub sign-in (redirects to GitHub); only offered when AUTH_GITHUB_ID/SECRET are set. */
export async function signInWithGitHub(callbackUrl: string | undefined): Promise<never> {
  await nextAuth.signIn('github', { redirectTo: safeReturnPath(callbackUrl) });
  throw new Error('unreachable: signIn redirects');
}

export function gitHubSignInEnabled(): boolean {
  const e = env();
  return !!(e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET);
}

/** End this browser's session (its database row is deleted) and go to `redirectTo` (the sign-in page). */
export async function signOutHere(redirectTo = `${SIGN_IN_PATH}?signedOut=1`): Promise<never> {
  await nextAuth.signOut({ redirectTo: safeReturnPath(redirectTo) });
  throw new Error('unreachable: signOut redirects');
}
