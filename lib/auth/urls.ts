import { env } from '@/lib/env';

export const SIGN_IN_PATH = '/admin/sign-in';
export const CHECK_EMAIL_PATH = '/admin/sign-in/check-email';
export const ADMIN_HOME = '/admin';
/** A buyer's own orders, reached with an email sign-in link. */
export const MY_ORDERS_PATH = '/account/orders';

/**
 * Where to send someone after signing in: a path on this shop, never another site. Anything that
 * does not resolve to the shop's own origin (`https://evil.example`, `//evil.example`,
 * `/\evil.example`, `javascript:`) becomes the back office's home.
 */
export function safeReturnPath(input: string | null | undefined): string {
  if (!input) return ADMIN_HOME;
  const base = new URL(env().APP_URL);
  let target: URL;
  try {
    target = new URL(input, base);
  } catch {
    return ADMIN_HOME;
  }
  if (target.origin !== base.origin) return ADMIN_HOME;
  return `${target.pathname}${target.search}${target.hash}`;
}

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInUrl(returnTo: string): string {
  return `${SIGN_IN_PATH}?${new URLSearchParams({ callbackUrl: safeReturnPath(returnTo) })}`;
}
