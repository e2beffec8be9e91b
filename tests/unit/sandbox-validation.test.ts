import { describe, expect, it } from 'vitest';
import { checkApiKey } from '@/lib/sandbox/auth';
import { INVALID_CURRENCY_MESSAGE, parseCancel, parseCreateInvoice, parseInfo, parseList, parsePeriod } from '@/lib/sandbox/validation';

const SHOP = 'SANDBOXSHOP00001';

describe('sandbox request validation', () => {
  it('reports missing amount and shop_id together, then field errors', () => {
    expect(parseCreateInvoice({}, SHOP)).toEqual({
      ok: false,
      error: { kind: 'invalid', errors: { amount: 'amount not passed.', shop_id: 'shop_id not passed.' } },
    });
    expect(parseCreateInvoice({ shop_id: SHOP, amount: 'x', currency: 'usd' }, SHOP)).toEqual({
      ok: false,
      error: { kind: 'invalid', errors: { amount: 'Invalid value amount.', currency: INVALID_CURRENCY_MESSAGE } },
    });
    expect(INVALID_CURRENCY_MESSAGE).toBe(
      "Invalid account currency specified. Available currencies 'USD', 'UZS', 'KGS', 'KZT', 'AMD', 'AZN', 'BYN', 'AUD', 'TRY', 'AED', 'CAD', 'CNY', 'HKD', 'IDR', 'INR', 'JPY', 'PHP', 'SGD', 'THB', 'VND', 'MYR', 'RUB', 'UAH', 'EUR', 'GBP'.",
    );
  });

  it('accepts amounts as numbers or numeric strings and reads add_fields', () => {
    const r = parseCreateInvoice(
      {
        shop_id: SHOP,
        amount: '12.50',
        order_id: 77,
        add_fields: { time_to_pay: { hours: 2 }, available_currencies: ['BTC', 'ETH'], cryptocurrency: 'ETH' },
      },
      SHOP,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      currency: 'USD',
      orderId: '77',
      lifetimeMinutes: 120,
      availableCurrencies: ['BTC', 'ETH'],
      cryptocurrency: 'ETH',
    });
    expect(r.value.amount.toFixed()).toBe('12.5');
    expect(
      parseCreateInvoice({ shop_id: SHOP, amount: 1, add_fields: { available_currencies: ['BTC'], cryptocurrency: 'ETH' } }, SHOP),
    ).toEqual({
      ok: false,
      error: { kind: 'invalid', errors: { cryptocurrency: 'Invalid value cryptocurrency.' } },
    });
  });

  it('validates info, cancel and period bodies', () => {
    expect(parseInfo({ uuids: ['abcd1234', 'INV-ABCD1234', 'bad'] })).toEqual({ ok: true, value: ['INV-ABCD1234'] });
    expect(parseInfo({ uuids: 'INV-ABCD1234' })).toEqual({
      ok: false,
      error: { kind: 'invalid', errors: { validate_error: 'uuids is required' } },
    });
    expect(parseInfo({ uuids: Array(101).fill('INV-ABCD1234') })).toEqual({
      ok: false,
      error: { kind: 'invalid', errors: { validate_error: 'Max 100 uuids' } },
    });
    expect(parseCancel({})).toEqual({ ok: false, error: { kind: 'invalid', errors: { validate_error: 'uuid is required' } } });
    expect(parseCancel({ uuid: 'abcd1234' })).toEqual({ ok: true, value: 'INV-ABCD1234' });
    const p = parsePeriod({ start: '01.02.2026', end: '01.02.2026' });
    expect(p.ok && [p.value.from.toISOString(), p.value.until.toISOString()]).toEqual([
      '2026-02-01T00:00:00.000Z',
      '2026-02-02T00:00:00.000Z',
    ]);
    expect(parsePeriod({ start: '31.02.2026', end: '01.03.2026' })).toEqual({
      ok: false,
      error: { kind: 'invalid', errors: { start: 'Invalid value start.' } },
    });
    expect(parseList({ start: '01.01.2026', end: '02.01.2026', limit: 500 })).toEqual({
      ok: false,
      error: { kind: 'invalid', errors: { limit: 'Invalid value limit.' } },
    });
  });

  it('checks the API key in constant time and tells garbage JWTs apart', () => {
    expect(checkApiKey('Token sandbox-api-key', 'sandbox-api-key')).toBeNull();
    expect(checkApiKey(null, 'sandbox-api-key')).toBe('unauthorized');
    expect(checkApiKey('Token nope', 'sandbox-api-key')).toBe('unauthorized');
    expect(checkApiKey('Bearer sandbox-api-key', 'sandbox-api-key')).toBe('unauthorized');
    expect(checkApiKey('Token xxx.yyy.zzz', 'sandbox-api-key')).toBe('bad-signature');
  });
});
