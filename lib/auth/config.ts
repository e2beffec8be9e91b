import 'server-only';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth, { type NextAuthConfig } from 'next-auth';
import type { Adapter } from 'next-auth/adapters';
import GitHub from 'next-auth/providers/github';
import type { EmailConfig } from 'next-auth/providers';
import { getDb, type Db } from '@/db/client';
import { accounts, sessions, users, verificationTokens, type UserRole } from '@/db/schema';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { sendMail, signInMessage } from '@/lib/mail';
import { initialRole, maySignIn } from './roles';
import { authSecret } from './secret';
import { CHECK_EMAIL_PATH, MY_ORDERS_PATH, safeReturnPath, SIGN_IN_PATH } from './urls';

// The only module that configures Auth.js. Sessions are database sessions: revocable by deleting
// the row, and every auth() reads the user row (with its role) again. Keep them that way: the
// back office's "role re-read on every request" depends on it.

declare module '@auth/core/types' {
  interface User {
    role?: UserRole;
  }
}

/** Sign-in links work once and for this long. */
export const LINK_MINUTES = 10;
const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

let pinnedAuthUrl: string | undefined;

/**
 * Auth.js builds every URL it makes, the emailed sign-in link included, from AUTH_URL when it is
 * set, and otherwise from the request's Host header. Pin it to APP_URL so a forged Host cannot
 * point a sign-in link at another site (an explicit AUTH_URL is left alone).
 */
function pinAuthUrl(): void {
  const wanted = `${env().APP_URL}/api/auth`;
  if (process.env.AUTH_URL === undefined || process.env.AUTH_URL === pinnedAuthUrl) {
    process.env.AUTH_URL = wanted;
    pinnedAuthUrl = wanted;
  }
}

/** The drizzle adapter on our tables; addresses are kept in lower case and new users get their seeded role. */
function adapter(db: Db): Adapter {
  const base = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  return {
    ...base,
    createUser: (user) => {
      const email = user.email.toLowerCase();
      return base.createUser!({ ...user, email, role: initialRole(email) });
    },
    getUserByEmail: (email) => base.getUserByEmail!(email.toLowerCase()),
  };
}

/** Email sign-in links, delivered through the shop's mail layer (outbox, then SMTP or /dev/mailbox). */
function emailProvider(): EmailConfig {
  return {
    id: 'email',
    type: 'email',
    name: 'Email',
    maxAge: LINK_MINUTES * 60,
    async sendVerificationRequest({ identifier, url }) {
      // The link returns to where it was asked for: a buyer's own orders, or the back office.
      const returnTo = new URL(url).searchParams.get('callbackUrl') ?? '';
      const audience = safeReturnPath(returnTo).startsWith(MY_ORDERS_PATH) ? 'buyer' : 'merchant';
      const sent = await sendMail(await signInMessage({ to: identifier, url, minutes: LINK_MINUTES, audience }));
      if (!sent.ok) throw new Error(sent.error.message);
    },
  };
}

async function config(): Promise<NextAuthConfig> {
  pinAuthUrl();
  const e = env();
  const { db } = await getDb();
  return {
    adapter: adapter(db),
    secret: await authSecret(),
    session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 3600 },
    providers: [
      emailProvider(),
      ...(e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? [GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET })] : []),
    ],
    pages: { signIn: SIGN_IN_PATH, verifyRequest: CHECK_EMAIL_PATH, error: SIGN_IN_PATH },
    callbacks: {
      async signIn({ user, email }) {
        if (user.email && (await maySignIn(user.email))) return true;
        // A link request for an address without access gets the same answer as any other.
        return email?.verificationRequest ? CHECK_EMAIL_PATH : false;
      },
      redirect: ({ url }) => `${env().APP_URL}${safeReturnPath(url)}`,
      session: ({ session, user }) => ({
        ...session,
        user: { id: user.id, email: user.email, name: user.name ?? null, image: user.image ?? null, role: user.role ?? 'none' },
      }),
    },
    logger: {
      // One line, no stack or request data.
      error: (error) => console.error(`[auth] ${error.name}: ${errorSummary(error)}`),
      warn: (code) => console.warn(`[auth] ${code}`),
      debug: () => undefined,
    },
  };
}

/** The Auth.js instance; nothing outside lib/auth touches it. */
export const nextAuth = NextAuth(config);
