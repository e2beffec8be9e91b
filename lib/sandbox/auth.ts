import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

export type AuthFailure = 'unauthorized' | 'bad-signature';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time string comparison (hashing first makes unequal lengths take the same time). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Check `Authorization: Token <key>` against the sandbox key. A wrong key shaped like a JWT fails
 * as the real API's JWT decoder does (`{"detail":"Signature verification failed"}`); anything else
 * missing or wrong is `Unauthorized request.`.
 */
export function checkApiKey(header: string | null, apiKey: string): AuthFailure | null {
  const match = /^Token\s+(\S+)\s*$/.exec(header ?? '');
  const presented = match?.[1];
  if (!presented) return 'unauthorized';
  if (safeEqual(presented, apiKey)) return null;
  return JWT_SHAPE.test(presented) ? 'bad-signature' : 'unauthorized';
}
