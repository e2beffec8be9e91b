import 'server-only';
import { isIP } from 'node:net';
import { env } from '@/lib/env';

/**
 * Where the client's address comes from: a header that the platform or the outermost proxy writes
 * itself, or X-Forwarded-For read from the right past the proxies the operator runs.
 */
export type AddressSource = { header: string } | { trustedProxyHops: number };

/** The configured source: CLIENT_IP_HEADER, else Vercel's own header on Vercel, else TRUSTED_PROXY_HOPS. */
export function addressSource(): AddressSource {
  const e = env();
  if (e.CLIENT_IP_HEADER) return { header: e.CLIENT_IP_HEADER };
  // Vercel's edge writes this one itself; X-Forwarded-For can be replaced by a proxy put in front of Vercel.
  if (e.VERCEL === '1') return { header: 'x-vercel-forwarded-for' };
  return { trustedProxyHops: e.TRUSTED_PROXY_HOPS };
}

/**
 * The client's address, as a rate-limit key. Only what a trusted party wrote is read: with N
 * proxies in front of the app, each appending the address it saw to X-Forwarded-For, the client
 * is the N-th entry from the right; everything left of it is whatever the client sent. IPv6
 * clients are keyed by their /64, which one household or server controls as a whole. Requests
 * without a usable address share the key `unknown`.
 */
export function clientAddress(headers: Headers, source: AddressSource = addressSource()): string {
  const raw =
    'header' in source
      ? entries(headers.get(source.header))[0]
      : fromForwardedFor(entries(headers.get('x-forwarded-for')), source.trustedProxyHops);
  return normalize(raw) ?? 'unknown';
}

/**
 * A start-up warning for a production deployment whose rate limit a client can dodge: with no
 * proxy declared, the right-most X-Forwarded-For entry is the connection's address only when the
 * request brought no X-Forwarded-For of its own (`next start` fills the header only when absent).
 */
export function clientAddressWarning(): string | null {
  const source = addressSource();
  if (!env().isProductionDeployment || 'header' in source || source.trustedProxyHops > 0) return null;
  return 'TRUSTED_PROXY_HOPS is 0 (no proxy in front of the app): a client that sends its own X-Forwarded-For chooses the address its checkouts are counted under. Put the app behind a proxy and set TRUSTED_PROXY_HOPS (or CLIENT_IP_HEADER) to match it; see README "Behind a proxy".';
}

function entries(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function fromForwardedFor(list: string[], hops: number): string | undefined {
  // With no proxy, the right-most entry is the best there is (see clientAddressWarning). With
  // fewer entries than proxies the request skipped some of them: the left-most is the farthest
  // hop anyone recorded.
  return list[Math.max(list.length - Math.max(hops, 1), 0)];
}

function normalize(raw: string | undefined): string | null {
  if (!raw) return null;
  let value = raw.toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value); // "[2001:db8::1]:443"
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':')); // "203.0.113.7:51234"
  if (value.startsWith('::ffff:') && isIP(value.slice(7)) === 4) value = value.slice(7); // IPv4 on a dual-stack socket
  const version = isIP(value);
  if (version === 4) return value;
  if (version === 6) return `${prefix64(value)}::/64`;
  return null;
}

/** The first four groups of a valid IPv6 address, e.g. `2001:db8:0:1` for `2001:db8::1:0:0:1`. */
function prefix64(address: string): string {
  const groups = (part: string) => (part ? part.split(':') : []);
  const [head = '', tail] = address.split('::');
  let all = groups(head);
  if (tail !== undefined) {
    const rest = groups(tail);
    // An embedded IPv4 address (`::ffff:1.2.3.4` style) fills two groups.
    const width = rest.length + (rest.at(-1)?.includes('.') ? 1 : 0);
    all = [...all, ...Array<string>(8 - all.length - width).fill('0'), ...rest];
  }
  return all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':');
}
