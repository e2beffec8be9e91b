import { describe, expect, it } from 'vitest';
import { formatOrderNumber } from '@/lib/orders/order-number';

describe('formatOrderNumber', () => {
  it('gives a short Crockford base32 number with a check symbol', () => {
    for (const seq of [1, 2, 42, 99_999, 2 ** 30 - 1]) {
      expect(formatOrderNumber(seq)).toMatch(/^CC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/);
    }
  });

  it('is the same for the same order and different for every other one', () => {
    expect(formatOrderNumber(7)).toBe(formatOrderNumber(7));
    const seen = new Set<string>();
    for (let seq = 1; seq <= 200_000; seq++) seen.add(formatOrderNumber(seq));
    expect(seen.size).toBe(200_000);
    // The top of the range too, where products leave 2^53 if computed naively.
    const top = new Set(Array.from({ length: 10_000 }, (_, i) => formatOrderNumber(2 ** 30 - 1 - i)));
    expect(top.size).toBe(10_000);
  });

  it('does not read as a count: consecutive orders share no leading symbols', () => {
    const a = formatOrderNumber(1000);
    const b = formatOrderNumber(1001);
    expect(a.slice(0, 5)).not.toBe(b.slice(0, 5));
  });

  it('refuses what is not a sequence number', () => {
    for (const bad of [0, -1, 1.5, 2 ** 30, Number.NaN]) expect(() => formatOrderNumber(bad)).toThrow(RangeError);
  });
});
