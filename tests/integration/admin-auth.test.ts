import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { outbox, users, verificationTokens } from '@/db/schema';
import { getAdmin, requestSignInLink, signInRequestSchema } from '@/lib/auth';
import { resetEnvCache } from '@/lib/env';
import { fakeRequest, lastSignInLink, openLink, SESSION_COOKIE, sessionsOf, startAuthServer, userByEmail } from '../helpers/auth';
import type { RouteServer } from '../helpers/route-server';

vi.mock('next/headers', async () => (await import('../helpers/auth')).mockNextHeaders());

let server: RouteServer;
const saved = { ...process.env };

beforeAll(async () => {
  delete process.env.ADMIN_EMAILS;
  delete process.env.EMAIL_SERVER;
  // The same few addresses sign in many times here; the limit test sets its own.
  process.env.SIGNIN_RATE_LIMIT_PER_EMAIL = '1000';
  server = await startAuthServer();
  resetEnvCache();
});
afterAll(async () => {
  await server.close();
  process.env = { ...saved };
  resetEnvCache();
});
beforeEach(() => {
  fakeRequest.headers = new Headers({ 'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 250) + 1}` });
  fakeRequest.cookies.clear();
});

const setEnv = (vars: Record<string, string | undefined>) => {
  for (const [k, v] of Object.entries(vars))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  resetEnvCache();
};

/** Request a link for `email` and open it: the session token it gives, or null. */
async function signIn(email: string, callbackUrl = '/admin') {
  const input = signInRequestSchema.parse({ email, callbackUrl }); // as the form's action parses it
  expect(await requestSignInLink(input, fakeRequest.headers)).toEqual({ ok: true, value: undefined });
  const link = await lastSignInLink(input.email);
  expect(link).not.toBeNull();
  return openLink(link!);
}

describe('email sign-in', () => {
  it('sends a link to a merchant that signs in once, and refuses it the second time', async () => {
    // A forged Host header must not change where the emailed link points.
    fakeRequest.headers.set('host', 'evil.example');
    fakeRequest.headers.set('x-forwarded-host', 'evil.example');
    expect(await requestSignInLink({ email: 'admin@example.com', callbackUrl: '/admin/orders' }, fakeRequest.headers)).toMatchObject({
      ok: true,
    });
    const link = (await lastSignInLink('admin@example.com'))!;
    expect(link.startsWith(`${server.url}/api/auth/callback/email?`)).toBe(true);

    const first = await openLink(link);
    expect(first.location).toBe(`${server.url}/admin/orders`);
    expect(first.session).not.toBeNull();
    expect(await sessionsOf('admin@example.com')).toEqual([{ token: first.session }]);
    expect(await userByEmail('admin@example.com')).toMatchObject({ role: 'admin' });

    const again = await openLink(link);
    expect(again.location).toBe(`${server.url}/admin/sign-in?error=Verification`);
    expect(again.session).toBeNull();
    expect(await sessionsOf('admin@example.com')).toHaveLength(1);
  });

  it('does not sign in with an expired link', async () => {
    expect(await requestSignInLink({ email: 'admin@example.com' }, fakeRequest.headers)).toMatchObject({ ok: true });
    const link = (await lastSignInLink('admin@example.com'))!;
    const { db } = await getDb();
    await db
      .update(verificationTokens)
      .set({ expires: new Date(Date.now() - 1_000) })
      .where(eq(verificationTokens.identifier, 'admin@example.com'));
    const before = (await sessionsOf('admin@example.com')).length;
    const opened = await openLink(link);
    expect(opened).toEqual({ location: `${server.url}/admin/sign-in?error=Verification`, session: null });
    expect(await sessionsOf('admin@example.com')).toHaveLength(before);
  });

  it('mails nobody who is not a merchant, and answers exactly as for a merchant', async () => {
    const answer = await requestSignInLink({ email: 'stranger@example.com' }, fakeRequest.headers);
    expect(answer).toEqual({ ok: true, value: undefined });
    const { db } = await getDb();
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, 'stranger@example.com'))).toEqual([]);
    expect(await db.select().from(verificationTokens).where(eq(verificationTokens.identifier, 'stranger@example.com'))).toEqual([]);
  });

  it('lands on the shop whatever callbackUrl says', async () => {
    for (const evil of ['https://evil.example/steal', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      const opened = await signIn('admin@example.com', evil);
      expect(opened.location).toBe(`${server.url}/admin`);
    }
    // A link edited by hand to carry another site is brought back too.
    await requestSignInLink({ email: 'admin@example.com' }, fakeRequest.headers);
    const link = new URL((await lastSignInLink('admin@example.com'))!);
    link.searchParams.set('callbackUrl', 'https://evil.example');
    expect((await openLink(link.toString())).location).toBe(`${server.url}/admin`);
  });

  it('limits link requests per email and per client address', async () => {
    setEnv({ SIGNIN_RATE_LIMIT_PER_EMAIL: '2', SIGNIN_RATE_LIMIT_PER_ADDRESS: '4' });
    try {
      const from = (ip: string) => new Headers({ 'x-forwarded-for': ip });
      const ask = (email: string, ip: string) => requestSignInLink({ email }, from(ip));
      expect(await ask('limited@example.com', '10.1.0.1')).toMatchObject({ ok: true });
      expect(await ask('limited@example.com', '10.1.0.2')).toMatchObject({ ok: true });
      // The third for the same address, from anywhere, is refused.
      expect(await ask('limited@example.com', '10.1.0.3')).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });

      // One client asking for many addresses is stopped after four, whoever they are for.
      for (const n of [1, 2, 3, 4]) expect(await ask(`spray${n}@example.com`, '10.2.0.1')).toMatchObject({ ok: true });
      const refused = await ask('admin@example.com', '10.2.0.1');
      expect(refused).toMatchObject({
        ok: false,
        error: { kind: 'rate-limited', message: expect.stringMatching(/Try again in \d+ minutes?\./) },
      });
      expect(await ask('spray5@example.com', '10.2.0.2')).toMatchObject({ ok: true });
    } finally {
      setEnv({ SIGNIN_RATE_LIMIT_PER_EMAIL: '1000', SIGNIN_RATE_LIMIT_PER_ADDRESS: undefined });
    }
  });

  it('seeds the admin role from ADMIN_EMAILS (any case) on first sign-in', async () => {
    setEnv({ ADMIN_EMAILS: 'Boss@Shop.test, second@shop.test' });
    try {
      expect(await userByEmail('boss@shop.test')).toBeNull();
      expect((await signIn('BOSS@shop.test')).session).not.toBeNull();
      expect(await userByEmail('boss@shop.test')).toMatchObject({ role: 'admin' });
    } finally {
      setEnv({ ADMIN_EMAILS: undefined });
    }
  });
});

describe('the data access layer', () => {
  it('re-reads the role on every check: a removed role denies the very next one, a deleted session signs out', async () => {
    const { session } = await signIn('admin@example.com');
    fakeRequest.headers.set('cookie', `${SESSION_COOKIE}=${session}`);
    expect(await getAdmin()).toMatchObject({ ok: true, value: { email: 'admin@example.com' } });

    const { db } = await getDb();
    await db.update(users).set({ role: 'none' }).where(eq(users.email, 'admin@example.com'));
    expect(await getAdmin()).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    await db.update(users).set({ role: 'admin' }).where(eq(users.email, 'admin@example.com'));
    expect(await getAdmin()).toMatchObject({ ok: true });

    fakeRequest.headers.set('cookie', `${SESSION_COOKIE}=forged-${session}`);
    expect(await getAdmin()).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    fakeRequest.headers.delete('cookie');
    expect(await getAdmin()).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
  });
});

describe('Auth.js endpoints', () => {
  async function csrf(): Promise<{ token: string; cookie: string }> {
    const res = await fetch(`${server.url}/api/auth/csrf`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
    return { token: ((await res.json()) as { csrfToken: string }).csrfToken, cookie };
  }

  it('signs out only with the CSRF token', async () => {
    const { session } = await signIn('admin@example.com');
    const signOut = (body: Record<string, string>, cookie: string) =>
      fetch(`${server.url}/api/auth/signout`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${SESSION_COOKIE}=${session}; ${cookie}` },
        body: new URLSearchParams(body),
      });
    const alive = async () => (await sessionsOf('admin@example.com')).some((s) => s.token === session);

    await signOut({}, '');
    expect(await alive()).toBe(true);
    const { token, cookie } = await csrf();
    await signOut({ csrfToken: 'x'.repeat(64) }, cookie);
    expect(await alive()).toBe(true);
    await signOut({ csrfToken: token }, '');
    expect(await alive()).toBe(true);
    await signOut({ csrfToken: token }, cookie);
    expect(await alive()).toBe(false);
  });

  it('keeps the library’s own sign-in endpoint closed: links are requested through /admin/sign-in only', async () => {
    const before = await lastSignInLink('admin@example.com');
    const { token, cookie } = await csrf();
    const res = await fetch(`${server.url}/api/auth/signin/email`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ csrfToken: token, email: 'admin@example.com' }),
    });
    expect(res.status).toBe(404);
    expect(await lastSignInLink('admin@example.com')).toBe(before);
  });
});
