import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { orders, outbox, verificationTokens } from '@/db/schema';
import { getAdmin, getSignedInEmail } from '@/lib/auth';
import { resetEnvCache } from '@/lib/env';
import { formatOrderNumber } from '@/lib/orders/order-number';
import { ordersByEmail } from '@/lib/orders/queries';
import { requestOrdersLinkAction } from '@/app/[locale]/account/orders/actions';
import { fakeRequest, lastSignInLink, openLink, SESSION_COOKIE, startAuthServer, userByEmail } from '../helpers/auth';
import { placeTestOrder } from '../helpers/shop';
import type { RouteServer } from '../helpers/route-server';

// "My orders": a buyer proves their address with the same email sign-in as the back office and
// sees every order placed with it. Strangers get the same answer and no email; no role changes.

vi.mock('next/headers', async () => (await import('../helpers/auth')).mockNextHeaders());

let server: RouteServer;
const saved = { ...process.env };

beforeAll(async () => {
  delete process.env.ADMIN_EMAILS;
  delete process.env.EMAIL_SERVER;
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
  fakeRequest.headers = new Headers({ 'x-forwarded-for': `10.1.0.${Math.floor(Math.random() * 250) + 1}` });
  fakeRequest.cookies.clear();
});

async function ask(email: string) {
  const form = new FormData();
  form.set('email', email);
  return requestOrdersLinkAction({}, form);
}

describe('my orders', () => {
  it('a buyer gets a link, signs in without any role and sees every order placed with the address, newest first', async () => {
    const first = await placeTestOrder([['node-runner-mug', 1]], undefined, 'Shopper@Example.com');
    const second = await placeTestOrder([['merkle-tree-socks', 2]], undefined, 'shopper@example.com');
    await placeTestOrder([['node-runner-mug', 1]], undefined, 'someone-else@example.com');

    const answer = await ask('Shopper@example.com');
    expect(answer).toMatchObject({ ok: true, message: expect.stringContaining('If orders were placed with shopper@example.com') });
    const link = await lastSignInLink('shopper@example.com');
    expect(link).not.toBeNull();
    const { db } = await getDb();
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, 'shopper@example.com'));
    expect(mail?.subject).toMatch(/Your orders at .*: sign-in link/);
    expect(mail?.sensitive).toBe(true);

    const opened = await openLink(link!);
    expect(opened.location).toBe(`${server.url}/account/orders`);
    expect(opened.session).not.toBeNull();
    fakeRequest.headers.set('cookie', `${SESSION_COOKIE}=${opened.session}`);
    expect(await getSignedInEmail()).toBe('shopper@example.com');
    expect((await userByEmail('shopper@example.com'))?.role).toBe('none');
    expect(await getAdmin()).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    const mine = await ordersByEmail((await getSignedInEmail())!);
    expect(mine.map((o) => o.publicToken)).toEqual([second.publicToken, first.publicToken]);
    expect(mine[0]).toMatchObject({ status: 'pending', items: [expect.stringMatching(/^2 × Merkle Tree Socks \(Size: (S\/M|L\/XL)\)$/)] });
    // In Russian: the product's translation and the option's name in Russian, the rest as bought.
    const inRussian = await ordersByEmail('shopper@example.com', 'ru');
    expect(inRussian.map((o) => o.publicToken)).toEqual(mine.map((o) => o.publicToken));
    expect(inRussian[0]!.items).toEqual([expect.stringMatching(/^2 × Носки «Дерево Меркла» \(Размер: (S\/M|L\/XL)\)$/)]);
    // Each order's readable number, from its own sequence number, and no two alike.
    const seqs = await (await getDb()).db.select({ token: orders.publicToken, number: orders.number }).from(orders);
    for (const o of mine) expect(o.number).toBe(formatOrderNumber(seqs.find((r) => r.token === o.publicToken)!.number));
    expect(new Set(mine.map((o) => o.number)).size).toBe(2);
  });

  it('an address without orders gets the same answer and no email; the admin keeps the admin role', async () => {
    const { db } = await getDb();
    const stranger = await ask('nobody-here@example.com');
    const buyer = await ask('shopper@example.com');
    expect(stranger.message!.replace('nobody-here@example.com', 'X')).toBe(buyer.message!.replace('shopper@example.com', 'X'));
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, 'nobody-here@example.com'))).toEqual([]);
    expect(await db.select().from(verificationTokens).where(eq(verificationTokens.identifier, 'nobody-here@example.com'))).toEqual([]);
    expect(await userByEmail('nobody-here@example.com')).toBeNull();

    // The development admin orders as a buyer too: still an admin after signing in from My orders.
    await placeTestOrder([['node-runner-mug', 1]], undefined, 'admin@example.com');
    await ask('admin@example.com');
    fakeRequest.headers.set('cookie', `${SESSION_COOKIE}=${(await openLink((await lastSignInLink('admin@example.com'))!)).session}`);
    expect((await userByEmail('admin@example.com'))?.role).toBe('admin');
    expect(await getAdmin()).toMatchObject({ ok: true });
    expect((await ordersByEmail('admin@example.com')).length).toBeGreaterThan(0);
    expect(await db.select({ id: orders.id }).from(orders).where(eq(orders.email, 'nobody-here@example.com'))).toEqual([]);
  });
});
