import { readFileSync } from 'node:fs';
import path from 'node:path';
import { base64url, decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { parsePostbackBody, signPostbackToken, verifyPostback } from '@/lib/cryptocloud';

const SECRET = 'Zx8qLm2Vb7Nc4Rt6Yp1Wd3Ks9Hg5Jf0Ae2Tu';
const NOW = new Date('2026-01-27T09:05:00Z');
const nowSec = Math.floor(NOW.getTime() / 1000);
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/cryptocloud', name), 'utf8');
const key = (secret: string) => new TextEncoder().encode(secret);

function jsonBody(token: string, patch: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...JSON.parse(fixture('postback.json-body.json')), token, ...patch });
}

/** Parse then verify, as the route handler does. */
async function receive(
  body: string,
  contentType: string,
  secret = SECRET,
  opts: { now?: Date; clockToleranceSec?: number } = { now: NOW },
) {
  const parsed = parsePostbackBody(body, contentType);
  if (!parsed.ok) return parsed;
  return verifyPostback(parsed.value, secret, opts);
}

const sign = (claims: Record<string, unknown>, alg = 'HS256', secret = SECRET) =>
  new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg }).sign(key(secret));

describe('signPostbackToken', () => {
  it('mints HS256 {id, exp} with the CryptoCloud header and no iat', async () => {
    const token = await signPostbackToken('INV-XXXXXXXX', SECRET, { now: NOW });
    expect(decodeProtectedHeader(token)).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(decodeJwt(token)).toEqual({ id: 'XXXXXXXX', exp: nowSec + 300 });
    const raw = JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[0]!)));
    expect(Object.keys(raw)).toEqual(['typ', 'alg']);
  });

  it('supports the prefixed id form and a custom ttl', async () => {
    const token = await signPostbackToken('xxxxxxxx', SECRET, { now: NOW, ttlSec: 60, idForm: 'prefixed' });
    expect(decodeJwt(token)).toEqual({ id: 'INV-XXXXXXXX', exp: nowSec + 60 });
  });
});

describe('valid postbacks', () => {
  it('accepts the JSON fixture with a fresh token', async () => {
    const token = await signPostbackToken('XXXXXXXX', SECRET, { now: NOW });
    const r = await receive(jsonBody(token), 'application/json; charset=utf-8');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      invoiceUuid: 'INV-XXXXXXXX',
      status: 'success',
      orderId: 'ORDER_93223',
      amountCrypto: '102',
      currency: 'USDT_TRC20',
    });
    expect(r.value.invoiceInfo).toMatchObject({ uuid: 'INV-XXXXXXXX', status: 'overpaid', received: 99.7952 });
  });

  it('accepts the form fixture and parses invoice_info from its JSON string', async () => {
    const token = await signPostbackToken('XXXXXXXX', SECRET, { now: NOW });
    const body = fixture('postback.form-body.txt').trim().replace('TOKEN_SIGNED_AT_TEST_TIME', token);
    const r = await receive(body, 'application/x-www-form-urlencoded');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ invoiceUuid: 'INV-XXXXXXXX', orderId: 'ORDER_93223', amountCrypto: '102', currency: 'USDT_TRC20' });
    expect(r.value.invoiceInfo).toMatchObject({
      uuid: 'INV-XXXXXXXX',
      created: '2024-08-22 11:49:59.756692',
      project: { name: 'My Project', logo: '' },
      status: 'overpaid',
    });
  });

  it('accepts a token that expired 20 s ago (within the 60 s tolerance)', async () => {
    const token = await sign({ id: 'XXXXXXXX', exp: nowSec - 20 });
    const r = await receive(jsonBody(token), 'application/json');
    expect(r.ok && r.value.invoiceUuid).toBe('INV-XXXXXXXX');
  });

  it.each([
    ['suffix claim, suffix body', 'XXXXXXXX', 'XXXXXXXX'],
    ['prefixed claim, suffix body', 'INV-XXXXXXXX', 'XXXXXXXX'],
    ['suffix claim, prefixed body', 'XXXXXXXX', 'INV-XXXXXXXX'],
    ['prefixed claim, prefixed body', 'INV-XXXXXXXX', 'INV-XXXXXXXX'],
  ])('matches ids across prefix forms (%s)', async (_, claim, bodyId) => {
    const token = await sign({ id: claim, exp: nowSec + 300 });
    const r = await receive(jsonBody(token, { invoice_id: bodyId }), 'application/json');
    expect(r.ok && r.value.invoiceUuid).toBe('INV-XXXXXXXX');
  });

  it('accepts a numeric id claim against a numeric or string body id', async () => {
    const token = await sign({ id: 12345678, exp: nowSec + 300 });
    for (const invoiceId of [12345678, '12345678']) {
      const r = await receive(jsonBody(token, { invoice_id: invoiceId }), 'application/json');
      expect(r.ok && r.value.invoiceUuid).toBe('INV-12345678');
    }
  });

  it('strips a b"…" docs artefact around the token', async () => {
    const token = await signPostbackToken('XXXXXXXX', SECRET, { now: NOW });
    for (const wrapped of [`b"${token}"`, `b'${token}'`]) {
      const parsed = parsePostbackBody(jsonBody(wrapped), 'application/json');
      expect(parsed.ok && parsed.value.token).toBe(token);
    }
  });
});

describe('clock skew (E10)', () => {
  const token = () => signPostbackToken('XXXXXXXX', SECRET, { now: NOW }); // minted by the gateway at NOW

  // First: the warning is rate-limited, so an earlier warning would hide a wrong one here.
  it('does not warn on a token delivered on time by a server in step', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect((await receive(jsonBody(await token()), 'application/json')).ok).toBe(true);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('accepts a fresh token on a server clock 4 minutes fast', async () => {
    const r = await receive(jsonBody(await token()), 'application/json', SECRET, { now: new Date(NOW.getTime() + 4 * 60_000) });
    expect(r.ok && r.value.invoiceUuid).toBe('INV-XXXXXXXX');
  });

  it('accepts a fresh token on a server clock 4 minutes slow, and warns about the clock', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const r = await receive(jsonBody(await token()), 'application/json', SECRET, { now: new Date(NOW.getTime() - 4 * 60_000) });
      expect(r.ok && r.value.invoiceUuid).toBe('INV-XXXXXXXX');
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/clock seems about 240 s behind/));
    } finally {
      warn.mockRestore();
    }
  });

  it('still refuses a token 6 minutes old on a clock 4 minutes fast (replay window)', async () => {
    const r = await receive(jsonBody(await token()), 'application/json', SECRET, { now: new Date(NOW.getTime() + 10 * 60_000) });
    expect(r).toEqual({ ok: false, error: { kind: 'unauthorized', message: 'Postback token has expired.' } });
  });
});

describe('rejected tokens', () => {
  const unauthorized = { ok: false, error: { kind: 'unauthorized', message: expect.any(String) } };

  it('rejects a token that expired 6 minutes ago', async () => {
    const token = await signPostbackToken('XXXXXXXX', SECRET, { now: new Date(NOW.getTime() - 11 * 60_000) });
    expect(decodeJwt(token).exp).toBe(nowSec - 6 * 60);
    const r = await receive(jsonBody(token), 'application/json');
    expect(r).toEqual({ ok: false, error: { kind: 'unauthorized', message: 'Postback token has expired.' } });
  });

  it('honours a smaller clock tolerance', async () => {
    const token = await sign({ id: 'XXXXXXXX', exp: nowSec - 20 });
    const r = await receive(jsonBody(token), 'application/json', SECRET, { now: NOW, clockToleranceSec: 5 });
    expect(r).toEqual(unauthorized);
  });

  it('rejects a token without exp', async () => {
    const token = await sign({ id: 'XXXXXXXX' });
    const r = await receive(jsonBody(token), 'application/json');
    expect(r).toEqual({ ok: false, error: { kind: 'unauthorized', message: 'Postback token claim "exp" is invalid or missing.' } });
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signPostbackToken('XXXXXXXX', 'another-secret-key', { now: NOW });
    const r = await receive(jsonBody(token), 'application/json');
    expect(r).toEqual({ ok: false, error: { kind: 'unauthorized', message: 'Postback token signature does not match the secret key.' } });
  });

  it('rejects alg "none"', async () => {
    const enc = (o: object) => base64url.encode(JSON.stringify(o));
    const token = `${enc({ typ: 'JWT', alg: 'none' })}.${enc({ id: 'XXXXXXXX', exp: nowSec + 300 })}.`;
    const r = await receive(jsonBody(token), 'application/json');
    expect(r).toEqual(unauthorized);
  });

  it('rejects HS512 signed with the same secret', async () => {
    const token = await sign({ id: 'XXXXXXXX', exp: nowSec + 300 }, 'HS512');
    const r = await receive(jsonBody(token), 'application/json');
    expect(r).toEqual({ ok: false, error: { kind: 'unauthorized', message: 'Postback token uses an algorithm other than HS256.' } });
  });

  it('rejects an RS256 header carrying an HMAC signature (key confusion)', async () => {
    const good = await signPostbackToken('XXXXXXXX', SECRET, { now: NOW });
    const [, payload, sig] = good.split('.');
    const token = `${base64url.encode(JSON.stringify({ typ: 'JWT', alg: 'RS256' }))}.${payload}.${sig}`;
    expect(await receive(jsonBody(token), 'application/json')).toEqual(unauthorized);
  });

  it('rejects a valid token issued for another invoice', async () => {
    const token = await signPostbackToken('INV-AAAAAAAA', SECRET, { now: NOW });
    const r = await receive(jsonBody(token), 'application/json');
    expect(r).toEqual({ ok: false, error: { kind: 'unauthorized', message: 'Postback token was issued for a different invoice.' } });
  });

  it('rejects a valid token without an id claim', async () => {
    const token = await sign({ exp: nowSec + 300 });
    expect(await receive(jsonBody(token), 'application/json')).toEqual(unauthorized);
  });

  it.each([
    ['two segments', 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IlhYWFhYWFhYIn0'],
    ['junk', 'not a token at all'],
    ['10 KB', 'a'.repeat(10_240)],
    ['a 10 KB three-segment token', `${'a'.repeat(5000)}.${'b'.repeat(5000)}.c`],
  ])('rejects a malformed token (%s) without throwing', async (_, token) => {
    expect(await receive(jsonBody(token), 'application/json')).toEqual(unauthorized);
  });

  it('rejects a missing or non-string token', async () => {
    expect(await receive(jsonBody('', { token: undefined }), 'application/json')).toEqual({
      ok: false,
      error: { kind: 'unauthorized', message: 'Postback has no token.' },
    });
    expect(await receive(jsonBody('', { token: { alg: 'none' } }), 'application/json')).toEqual(unauthorized);
  });

  it('refuses to verify with an empty secret key', async () => {
    const token = await sign({ id: 'XXXXXXXX', exp: nowSec + 300 }, 'HS256', 'x');
    expect(await receive(jsonBody(token), 'application/json', '')).toEqual(unauthorized);
  });
});

describe('bodies', () => {
  it.each([null, 'text/plain', 'multipart/form-data; boundary=x', 'application/jsonp'])('rejects content type %j as 415', (ct) => {
    expect(parsePostbackBody('{}', ct)).toEqual({ ok: false, error: { kind: 'unsupported-media-type', message: expect.any(String) } });
  });

  it.each([
    ['bad JSON', '{"token": ', 'application/json'],
    ['empty JSON', '', 'application/json'],
    ['a JSON array', '[{"token":"x"}]', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['an empty form', '', 'application/x-www-form-urlencoded'],
    ['duplicated form keys', 'invoice_id=XXXXXXXX&token=a&invoice_id=AAAAAAAA', 'application/x-www-form-urlencoded'],
  ])('rejects %s as malformed', (_, body, ct) => {
    expect(parsePostbackBody(body, ct)).toEqual({ ok: false, error: { kind: 'malformed', message: expect.any(String) } });
  });

  it('keeps invoice_info null when its string is not JSON', () => {
    const r = parsePostbackBody('invoice_id=XXXXXXXX&invoice_info=%7Bnot+json&token=t', 'Application/X-WWW-Form-URLEncoded; charset=UTF-8');
    expect(r).toEqual({ ok: true, value: { invoice_id: 'XXXXXXXX', invoice_info: null, token: 't' } });
  });

  it.each([
    ['invoice_id as an object', { invoice_id: { $ne: null } }],
    ['invoice_id as an array', { invoice_id: ['XXXXXXXX'] }],
    ['an overlong invoice_id', { invoice_id: 'X'.repeat(65) }],
    ['a missing invoice_id', { invoice_id: undefined }],
    ['order_id as an object', { order_id: { a: 1 } }],
    ['a non-numeric amount_crypto', { amount_crypto: 'lots' }],
    ['invoice_info as an array', { invoice_info: [1] }],
    ['an invoice_id that is no invoice id', { invoice_id: 'hello' }],
  ])('rejects %s as malformed even with a valid token', async (_, patch) => {
    const token = await signPostbackToken('XXXXXXXX', SECRET, { now: NOW });
    const r = await receive(jsonBody(token, patch), 'application/json');
    expect(r).toEqual({ ok: false, error: { kind: 'malformed', message: expect.any(String) } });
  });
});
