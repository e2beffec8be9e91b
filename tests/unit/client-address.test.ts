import { afterEach, describe, expect, it } from 'vitest';
import { addressSource, clientAddress, clientAddressWarning } from '@/lib/http/client-address';
import { resetEnvCache } from '@/lib/env';

const saved = { ...process.env };

function setEnv(vars: Record<string, string | undefined>) {
  process.env = {
    ...saved,
    TRUSTED_PROXY_HOPS: undefined,
    CLIENT_IP_HEADER: undefined,
    VERCEL: undefined,
    VERCEL_ENV: undefined,
    DEPLOY_ENV: undefined,
  };
  for (const [k, v] of Object.entries(vars)) process.env[k] = v;
  for (const [k, v] of Object.entries(process.env)) if (v === undefined) delete process.env[k];
  resetEnvCache();
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const xff = (value: string, extra: Record<string, string> = {}) => new Headers({ 'x-forwarded-for': value, ...extra });
const hops = (n: number) => ({ trustedProxyHops: n });

describe('client address', () => {
  // What `next start` hands the app: X-Forwarded-For exactly as it arrived, or the connection's
  // address when the request had none (Next 16 fills the header only when it is absent).
  it('with no proxy, takes the right-most entry: the connection address an honest client gets', () => {
    expect(clientAddress(xff('::ffff:127.0.0.1'), hops(0))).toBe('127.0.0.1');
    expect(clientAddress(xff('198.51.100.2'), hops(0))).toBe('198.51.100.2');
  });

  it('behind one proxy, a spoofed prefix never changes the address', () => {
    // nginx `proxy_add_x_forwarded_for` appends the peer it saw to whatever the client sent.
    for (const sent of ['', '1.1.1.1', '1.1.1.1, 2.2.2.2', 'garbage, 10.0.0.1']) {
      const header = sent ? `${sent}, 203.0.113.7` : '203.0.113.7';
      expect(clientAddress(xff(header), hops(1))).toBe('203.0.113.7');
    }
  });

  it('behind Cloudflare and nginx (2), takes what Cloudflare appended and skips what nginx appended', () => {
    expect(clientAddress(xff('6.6.6.6, 203.0.113.7, 172.68.1.1'), hops(2))).toBe('203.0.113.7');
    expect(clientAddress(xff('203.0.113.8, 172.68.1.1'), hops(2))).toBe('203.0.113.8');
    // Fewer entries than proxies: the left-most is the farthest hop anyone recorded.
    expect(clientAddress(xff('172.68.1.1'), hops(2))).toBe('172.68.1.1');
  });

  it('two clients behind the same proxy get different addresses (no shared bucket)', () => {
    expect(clientAddress(xff('203.0.113.7'), hops(1))).not.toBe(clientAddress(xff('203.0.113.8'), hops(1)));
  });

  it('with a client-address header, reads only that header, whatever X-Forwarded-For says', () => {
    const source = { header: 'x-real-ip' };
    expect(clientAddress(xff('9.9.9.9', { 'x-real-ip': '203.0.113.7' }), source)).toBe('203.0.113.7');
    expect(clientAddress(xff('9.9.9.9, 8.8.8.8', { 'x-real-ip': '203.0.113.8' }), source)).toBe('203.0.113.8');
    // Missing where it must be set: one shared key rather than one the client picks.
    expect(clientAddress(xff('9.9.9.9'), source)).toBe('unknown');
  });

  it('normalises ports, brackets, IPv4-mapped IPv6, and keys IPv6 by its /64', () => {
    expect(clientAddress(xff('203.0.113.7:51234'), hops(1))).toBe('203.0.113.7');
    expect(clientAddress(xff('[2001:db8::1]:443'), hops(1))).toBe('2001:db8:0:0::/64');
    expect(clientAddress(xff('2001:DB8:0:1:aaaa::1'), hops(1))).toBe(clientAddress(xff('2001:db8:0:1:bbbb:cccc:dddd:eeee'), hops(1)));
    expect(clientAddress(xff('2001:db8:0:1::1'), hops(1))).not.toBe(clientAddress(xff('2001:db8:0:2::1'), hops(1)));
    expect(clientAddress(xff('::1'), hops(1))).toBe('0:0:0:0::/64');
    expect(clientAddress(xff('64:ff9b::192.0.2.1'), hops(1))).toBe('64:ff9b:0:0::/64');
  });

  it('answers `unknown` for a missing or unusable entry', () => {
    expect(clientAddress(new Headers(), hops(0))).toBe('unknown');
    expect(clientAddress(xff('not-an-ip'), hops(1))).toBe('unknown');
    expect(clientAddress(xff('unknown, 999.1.1.1'), hops(1))).toBe('unknown');
  });

  it('is configured by CLIENT_IP_HEADER, else Vercel’s own header on Vercel, else TRUSTED_PROXY_HOPS', () => {
    setEnv({});
    expect(addressSource()).toEqual({ trustedProxyHops: 0 });
    setEnv({ TRUSTED_PROXY_HOPS: '2' });
    expect(addressSource()).toEqual({ trustedProxyHops: 2 });
    setEnv({ VERCEL: '1', TRUSTED_PROXY_HOPS: '2' });
    expect(addressSource()).toEqual({ header: 'x-vercel-forwarded-for' });
    setEnv({ VERCEL: '1', CLIENT_IP_HEADER: 'CF-Connecting-IP' });
    expect(addressSource()).toEqual({ header: 'cf-connecting-ip' });

    // On Vercel a spoofed X-Forwarded-For (or one rewritten by a proxy on top) is not read.
    setEnv({ VERCEL: '1' });
    expect(clientAddress(xff('1.1.1.1', { 'x-vercel-forwarded-for': '203.0.113.7' }))).toBe('203.0.113.7');
  });

  it('warns at start-up only for a production deployment with no proxy declared', () => {
    setEnv({});
    expect(clientAddressWarning()).toBeNull();
    setEnv({ DEPLOY_ENV: 'production' });
    expect(clientAddressWarning()).toMatch(/TRUSTED_PROXY_HOPS is 0/);
    setEnv({ DEPLOY_ENV: 'production', TRUSTED_PROXY_HOPS: '1' });
    expect(clientAddressWarning()).toBeNull();
    setEnv({ VERCEL_ENV: 'production', VERCEL: '1' });
    expect(clientAddressWarning()).toBeNull();
  });
});
