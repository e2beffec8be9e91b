import 'server-only';
import { cookies } from 'next/headers';
import { cartIdSchema, newCartId } from '@/lib/cart';
import { env } from '@/lib/env';

const COOKIE = 'cart_id';

/** The cart id from the buyer's cookie, if it is well-formed. */
export async function readCartId(): Promise<string | null> {
  const value = (await cookies()).get(COOKIE)?.value;
  return value && cartIdSchema.safeParse(value).success ? value : null;
}

/** The buyer's cart id, creating one (and its cookie) if needed. Server actions only. */
export async function ensureCartId(): Promise<string> {
  const existing = await readCartId();
  if (existing) return existing;
  const id = newCartId();
  (await cookies()).set(COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().APP_URL.startsWith('https://'),
    path: '/',
    maxAge: 60 * 60 * 24 * 30,
  });
  return id;
}
