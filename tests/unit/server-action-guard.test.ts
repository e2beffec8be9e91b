import { describe, expect, it } from 'vitest';
import { refuseServerAction, SERVER_ACTION_BODY_LIMIT } from '@/lib/http/server-action-guard';

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
