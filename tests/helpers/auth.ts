// Drives the back office's sign-in the way a browser does, inside the test process: the Auth.js
// route served over HTTP, next/headers replaced by a request the test controls (see mockNextHeaders).
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { outbox, sessions, users } from '@/db/schema';
import { startRouteServer, type RouteServer } from './route-server';

/** The request next/headers answers with: tests set its headers (client address, cookies). */
export const fakeRequest = { headers: new Headers(), cookies: new Map<string, string>() };

/** Module factory for vi.mock('next/headers', …). */
export function mockNextHeaders() {
  return {
    headers: async () => fakeRequest.headers,
    cookies: async () => ({
      get: (name: string) => (fakeRequest.cookies.has(name) ? { name, value: fakeRequest.cookies.get(name)! } : undefined),
      getAll: () => [...fakeRequest.cookies].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string) => void fakeRequest.cookies.set(name, value),
      delete: (name: string) => void fakeRequest.cookies.delete(name),
    }),
  };
}

/** Serve app/api/auth/[...nextauth] and point APP_URL (and so Auth.js's URLs) at it. */
export async function startAuthServer(): Promise<RouteServer> {
  const server = await startRouteServer({ '/api/auth/[...nextauth]': () => import('@/app/api/auth/[...nextauth]/route') });
  process.env.APP_URL = server.url;
  return server;
}

/** The link in the newest sign-in email to `email`, or null when none was sent. */
export async function lastSignInLink(email: string): Promise<string | null> {
  const { db } = await getDb();
  const [row] = await db
    .select({ text: outbox.text })
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.kind, 'sign_in')))
    .orderBy(desc(outbox.id))
    .limit(1);
  return row?.text?.match(/https?:\/\/\S+/)?.[0] ?? null;
}

export const SESSION_COOKIE = 'authjs.session-token';

/** Follow a sign-in link without following redirects: where it goes, and the session cookie it sets. */
export async function openLink(url: string): Promise<{ location: string; session: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && c.length > SESSION_COOKIE.length + 1);
  return { location: res.headers.get('location') ?? '', session: session?.slice(SESSION_COOKIE.length + 1) ?? null };
}

export async function sessionsOf(email: string) {
  const { db } = await getDb();
  return db
    .select({ token: sessions.sessionToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(users.email, email));
}

export async function userByEmail(email: string) {
  const { db } = await getDb();
  const [u] = await db.select().from(users).where(eq(users.email, email));
  return u ?? null;
}
