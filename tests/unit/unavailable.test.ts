import { describe, expect, it } from 'vitest';
import { GET } from '@/app/unavailable/route';
import { isDatabaseUnavailable, localPath } from '@/lib/unavailable';

function withCode(message: string, code: string) {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
  it('recognises an unreachable or refusing database, also inside drizzle’s wrapper', () => {
    const refused = withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED');
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query: select … params: secret-token', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    for (const code of ['57P01', '57P03', '53300', '57014', '08006', '08001'])
      expect(isDatabaseUnavailable(withCode('server', code)), code).toBe(true);
  });

  it('leaves bugs alone: they must not be retried as an outage', () => {
    expect(isDatabaseUnavailable(withCode('syntax error at or near "form"', '42601'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('duplicate key value', '23505'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('localPath', () => {
  it('accepts paths on this site only', () => {
    expect(localPath('/orders/abc_DEF-123')).toBe('/orders/abc_DEF-123');
    expect(localPath('/products/mug?x=1')).toBe('/products/mug?x=1');
    for (const bad of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'orders/x',
      '/a b',
      '',
      null,
      undefined,
    ]) {
      expect(localPath(bad), String(bad)).toBeNull();
    }
  });
});

describe('GET /unavailable', () => {
  const get = (from: string) => GET(new Request(`http://localhost/unavailable?from=${encodeURIComponent(from)}`));

  it('answers 503 with Retry-After in the buyer’s words and reloads the page it came from', async () => {
    const res = get('/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<h1>We could not load your order. Retrying…</h1>');
    expect(html).toContain('<meta http-equiv="refresh" content="5;url=/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">');
    expect(await get('/cart').text()).toContain('<h1>We could not load this page. Retrying…</h1>');
  });

  it('never sends the buyer to another site, and escapes what it echoes', async () => {
    expect(await get('//evil.example/').text()).toContain('content="5;url=/"');
    const html = await get('/x"><script>alert(1)</script>').text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('url=/x%22%3E%3Cscript%3Ealert(1)%3C/script%3E"');
  });
});
