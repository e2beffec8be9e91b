import { describe, expect, it } from 'vitest';
import { refuseMalformedActionBody, refuseServerAction, SERVER_ACTION_BODY_LIMIT } from '@/lib/http/server-action-guard';

const post = (headers: Record<string, string>, path = '/cart', allowed: string[] = []) =>
  refuseServerAction('POST', path, new Headers({ host: 'shop.example.test', ...headers }), allowed);

describe('server-action guard', () => {
  it('lets same-origin posts and posts without an Origin (not a browser) through, as Next does', () => {
    expect(post({ origin: 'https://shop.example.test' })).toBeNull();
    expect(post({})).toBeNull();
    expect(post({ origin: 'http://shop.example.test', 'content-length': String(SERVER_ACTION_BODY_LIMIT) })).toBeNull();
  });

  it('refuses a foreign, a null and a malformed Origin with 403', () => {
    expect(post({ origin: 'https://evil.example' })).toMatchObject({ status: 403, reason: expect.stringContaining('evil.example') });
    expect(post({ origin: 'https://shop.example.test.evil.example' })?.status).toBe(403);
    expect(post({ origin: 'https://shop.example.test:8443' })?.status).toBe(403);
    expect(post({ origin: 'null' })).toMatchObject({ status: 403, reason: expect.stringContaining('"null"') });
    expect(post({ origin: 'not a url' })?.status).toBe(403);
  });

  it('compares with X-Forwarded-Host when a proxy sets it, like Next', () => {
    expect(post({ origin: 'https://public.example.test', 'x-forwarded-host': 'public.example.test' })).toBeNull();
    expect(post({ origin: 'https://shop.example.test', 'x-forwarded-host': 'public.example.test, other' })?.status).toBe(403);
  });

  it('accepts the allow-list with Next’s wildcards, and never `null` through it', () => {
    const allowed = ['proxy.example.test', '*.example.org', '**.example.net'];
    expect(post({ origin: 'https://proxy.example.test' }, '/cart', allowed)).toBeNull();
    expect(post({ origin: 'https://a.example.org' }, '/cart', allowed)).toBeNull();
    expect(post({ origin: 'https://a.b.example.org' }, '/cart', allowed)?.status).toBe(403);
    expect(post({ origin: 'https://a.b.example.net' }, '/cart', allowed)).toBeNull();
    expect(post({ origin: 'null' }, '/cart', ['null'])?.status).toBe(403);
  });

  it('refuses a declared body over the action limit with 413', () => {
    expect(post({ origin: 'https://shop.example.test', 'content-length': String(2 * 1024 * 1024) })).toMatchObject({ status: 413 });
  });

  it('leaves route handlers and other methods alone', () => {
    const foreign = new Headers({ host: 'shop.example.test', origin: 'https://evil.example', 'content-length': String(5 * 1024 * 1024) });
    expect(refuseServerAction('POST', '/api/cryptocloud/postback', foreign, [])).toBeNull();
    expect(refuseServerAction('GET', '/cart', foreign, [])).toBeNull();
  });
});

describe('server-action bodies (catalogue D on actions)', () => {
  const call = (
    body: BodyInit | null,
    contentType: string | null,
    extra: Record<string, string> = { 'next-action': 'a'.repeat(42) },
    path = '/cart',
  ) => {
    const headers = new Headers(extra);
    if (contentType) headers.set('content-type', contentType);
    return refuseMalformedActionBody(new Request(`http://shop.example.test${path}`, { method: 'POST', headers, body }), path);
  };
  const multipart = () => {
    const f = new FormData();
    f.append('1_$ACTION_ID_abc', '');
    f.append('email', 'a@example.com');
    return f;
  };

  it('lets React-encoded arguments through: JSON text and multipart form data, and leaves the body readable', async () => {
    expect(await call('[{"status":"idle"},"$K1"]', 'text/plain;charset=UTF-8')).toBeNull();
    expect(await call(multipart(), null)).toBeNull();
    expect(await call(multipart(), null, {})).toBeNull(); // a form posted without JavaScript
    const request = new Request('http://shop.example.test/cart', {
      method: 'POST',
      headers: { 'next-action': 'x', 'content-type': 'text/plain' },
      body: '["kept"]',
    });
    await refuseMalformedActionBody(request, '/cart');
    expect(await request.text()).toBe('["kept"]');
  });

  it('refuses empty, non-JSON and wrongly typed action calls with 400/415 and a reason', async () => {
    expect(await call(null, 'text/plain')).toMatchObject({ status: 400, reason: expect.stringContaining('no arguments') });
    expect(await call('not json{', 'text/plain')).toMatchObject({ status: 400, reason: expect.stringContaining('not valid JSON') });
    expect(await call('<a/>', 'text/xml')).toMatchObject({ status: 415 });
    expect(await call('{}', 'application/json')).toMatchObject({ status: 415 });
    expect(await call(null, null)).toMatchObject({ status: 415 });
  });

  it('refuses a multipart body that cannot be read, with or without JavaScript', async () => {
    expect(await call('garbage', 'multipart/form-data; boundary=xyz')).toMatchObject({ status: 400 });
    expect(await call('garbage', 'multipart/form-data; boundary=xyz', {})).toMatchObject({ status: 400 });
  });

  it('leaves other posts to pages and route handlers alone', async () => {
    expect(await call('a=1&a=2', 'application/x-www-form-urlencoded', {})).toBeNull();
    expect(await call('not json', 'text/plain', { 'next-action': 'x' }, '/api/cryptocloud/postback')).toBeNull();
  });
});
