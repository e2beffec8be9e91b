import { describe, expect, it } from 'vitest';
import { consumeRateLimit } from '@/lib/rate-limit';

describe('rate limit', () => {
  it('lets exactly `limit` of many concurrent hits through in one window', async () => {
    const now = new Date('2026-11-24T10:00:30Z');
    const results = await Promise.all(Array.from({ length: 25 }, () => consumeRateLimit('test:concurrent', 10, 600, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, error: { kind: 'rate-limited', retryAfterSeconds: 570 } });
  });

  it('starts again in the next window, keeps keys apart, and is off at 0', async () => {
    const t0 = new Date('2026-11-24T11:00:00Z');
    expect(await consumeRateLimit('test:window', 1, 60, t0)).toEqual({ ok: true, value: undefined });
    expect((await consumeRateLimit('test:window', 1, 60, new Date(t0.getTime() + 59_000))).ok).toBe(false);
    expect(await consumeRateLimit('test:other', 1, 60, t0)).toEqual({ ok: true, value: undefined });
    expect(await consumeRateLimit('test:window', 1, 60, new Date(t0.getTime() + 60_000))).toEqual({ ok: true, value: undefined });
    for (let i = 0; i < 5; i++) expect(await consumeRateLimit('test:off', 0, 60, t0)).toEqual({ ok: true, value: undefined });
  });
});
