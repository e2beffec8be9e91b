import 'server-only';
import { forbidden, redirect, unauthorized } from 'next/navigation';
import { cache } from 'react';
import { fail, ok, type Result } from '@/lib/result';
import { nextAuth } from './config';
import { signInUrl } from './urls';

// The data access layer of the back office: every admin page, server action and route handler
// asks here, so a proxy that is bypassed (or absent) opens nothing.

/** Who is acting, as recorded in order events and the audit log. */
export interface Admin {
  id: string;
  email: string;
  name: string | null;
}

export type AccessFailure = { kind: 'unauthenticated' | 'forbidden'; message: string };

// One session lookup per request, shared by the layout and the page (a server action is its own request).
const currentSession = cache(() => nextAuth.auth());

/**
 * The signed-in admin, read from the database now: the session row and its user's current role.
 * A role removed a moment ago is already gone here.
 */
export async function getAdmin(): Promise<Result<Admin, AccessFailure>> {
  const user = (await currentSession())?.user;
  if (!user?.id || !user.email) return fail({ kind: 'unauthenticated', message: 'Sign in to continue.' });
  if (user.role !== 'admin') return fail({ kind: 'forbidden', message: 'This account has no access to the back office.' });
  return ok({ id: user.id, email: user.email, name: user.name ?? null });
}

/**
 * Whoever is signed in, admin or buyer, with the address their sign-in link proved. A buyer sees
 * the orders placed with that address ("My orders"); roles do not matter here.
 */
export async function getSignedInEmail(): Promise<string | null> {
  const user = (await currentSession())?.user;
  return user?.id && user.email ? user.email.toLowerCase() : null;
}

/** For server actions and route handlers: the admin, or a 401 (no session) / 403 (no admin role). */
export async function requireAdmin(): Promise<Admin> {
  const admin = await getAdmin();
  if (admin.ok) return admin.value;
  return admin.error.kind === 'unauthenticated' ? unauthorized() : forbidden();
}

/** For pages: the admin, or a redirect to sign-in coming back to `returnTo` (no session) / a 403 page. */
export async function requireAdminPage(returnTo: string): Promise<Admin> {
  const admin = await getAdmin();
  if (admin.ok) return admin.value;
  return admin.error.kind === 'unauthenticated' ? redirect(signInUrl(returnTo)) : forbidden();
}
