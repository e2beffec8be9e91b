import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { errorSummary } from '@/lib/errors';

/** How long a buyer waits before a page that could not reach the database tries again. */
export const RETRY_AFTER_SECONDS = 5;

// Socket errors of a database that is down or unreachable, and PostgreSQL's own "not now"
// answers: connection exceptions (class 08), too many connections, shutting down or starting up,
// statement timeout. Anything else is a bug, not an outage, and must not be retried forever.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
const SERVER_CODES = new Set(['53300', '57014', '57P01', '57P02', '57P03']);
// The last two come from the pool's client-side query timeout (DB_QUERY_TIMEOUT_MS, db/pool-recovery.ts).
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /not queryable/,
  /^Query read timeout$/,
  /^connection ended while checked out$/,
];

/** True when `err` (or what it wraps: drizzle puts the driver's error in `cause`) means the database cannot be reached right now. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))) return true;
    if (DRIVER_MESSAGES.some((m) => m.test(e instanceof Error ? e.message : ''))) return true;
  }
  return false;
}

/** A path on this site (no scheme, host or `//`), else null: it is the target of a redirect. */
export function localPath(value: string | null | undefined): string | null {
  if (!value || !/^\/(?![/\\])/.test(value) || /[\s\\]/.test(value)) return null;
  const base = 'http://local.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}` : null;
}

/**
 * Run a page's database reads. When the database cannot be reached, a page cannot answer 503
 * itself (Next 16 renders a thrown error as 500 and has no 503 interrupt), so a document request
 * is redirected to /unavailable, which answers 503 with Retry-After and comes back here by
 * itself (no JavaScript needed). A request made by script (`Sec-Fetch-Dest: empty`: the client
 * router's navigation, refresh or error-boundary retry; Next hides its own `rsc` header from pages)
 * gets an error instead, so the page's error boundary keeps the URL and retries in place.
 *
 * `from` is this page's path; it must not carry anything the page does not already show.
 */
export async function whenDatabaseUp<T>(from: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    console.error('[page] database unavailable:', errorSummary(err));
    // Not the driver's error itself: drizzle's message quotes the query's parameters (tokens) and
    // Next logs what a page throws.
    if ((await headers()).get('sec-fetch-dest') === 'empty') throw new Error('The database is unavailable.');
    redirect(`/unavailable?from=${encodeURIComponent(from)}`);
  }
}
