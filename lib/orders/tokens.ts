import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** 256 random bits: the order token is the only credential for its order page. */
export function newOrderToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A fresh idempotency key for one rendering of the checkout form. */
export function newCheckoutKey(): string {
  return randomBytes(24).toString('base64url');
}

export const orderTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
