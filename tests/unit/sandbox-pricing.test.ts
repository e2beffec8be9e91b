import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CRYPTO_CURRENCIES, FIAT_USD_RATES, cryptoOf } from '@/lib/sandbox/catalog';
import { FIAT_CURRENCIES } from '@/lib/currencies';
import { fiatToUsd, paymentAmount, quote, settle, statusForPaid } from '@/lib/sandbox/pricing';
import { retryDelayMs } from '@/lib/sandbox/postbacks';

const d = (v: Decimal.Value) => new Decimal(v);

describe('sandbox pricing', () => {
  it('has a rate for each of the 25 fiat currencies and a unique id per crypto', () => {
    expect(Object.keys(FIAT_USD_RATES).sort()).toEqual([...FIAT_CURRENCIES].sort());
    expect(new Set(CRYPTO_CURRENCIES.map((c) => c.id)).size).toBe(CRYPTO_CURRENCIES.length);
    expect(cryptoOf('USDT_TRC20')).toMatchObject({ id: 4, network: { id: 4, code: 'TRC20' } });
    expect(cryptoOf('BNB')).toMatchObject({ id: 20, network: { id: 20, fullname: 'BNB Smart Chain' } });
  });

  it('converts fiat to USD to the cent', () => {
    expect(fiatToUsd(d('100'), 'EUR').toFixed()).toBe('108');
    expect(fiatToUsd(d('1234.56'), 'JPY').toFixed()).toBe('8.27');
  });

  it('adds the Tron transfer fee for the client and keeps the service fee on the merchant', () => {
    const q = quote(d(100), cryptoOf('USDT_TRC20'));
    expect([q.amountCrypto, q.fee, q.serviceFee, q.serviceFeeUsd, q.amountToPay, q.amountToPayUsd].map((x) => x.toFixed())).toEqual([
      '100',
      '1.4',
      '1.9',
      '1.9',
      '101.4',
      '101.4',
    ]);
    const btc = quote(d(100), cryptoOf('BTC'));
    expect(btc.amountCrypto.toFixed()).toBe('0.00166667');
    expect(btc.fee.toFixed()).toBe('0');
    expect(btc.amountToPay.decimalPlaces()).toBeLessThanOrEqual(8);
  });

  it('computes what partial, full and over-payment send', () => {
    const usdt = cryptoOf('USDT_TRC20');
    expect(paymentAmount('paid', d('101.4'), usdt).toFixed()).toBe('101.4');
    expect(paymentAmount('partial', d('101.4'), usdt).toFixed()).toBe('50.7');
    expect(paymentAmount('partial', d('0.000003'), usdt).toFixed()).toBe('0.000001');
    expect(paymentAmount('overpaid', d('101.4'), usdt).toFixed()).toBe('111.54');
    const pepe = cryptoOf('PEPE_BSC');
    expect(paymentAmount('partial', d('1'), pepe).lt(1)).toBe(true);
    expect(paymentAmount('overpaid', d('1'), pepe).toFixed()).toBe('2');
  });

  it('derives status, received and what is still due', () => {
    expect(statusForPaid(d('50'), d('101.4'))).toBe('partial');
    expect(statusForPaid(d('101.4'), d('101.4'))).toBe('paid');
    expect(statusForPaid(d('101.5'), d('101.4'))).toBe('overpaid');
    const s = settle(
      {
        amountPaid: d('101.4'),
        amountPaidUsd: d('101.4'),
        amountToPay: d('101.4'),
        fee: d('1.4'),
        feeUsd: d('1.4'),
        serviceFee: d('1.9'),
        serviceFeeUsd: d('1.9'),
      },
      cryptoOf('USDT_TRC20'),
    );
    expect([s.received, s.receivedUsd, s.toSurcharge].map((x) => x.toFixed())).toEqual(['98.1', '98.1', '0']);
    const tiny = settle(
      {
        amountPaid: d('1'),
        amountPaidUsd: d('1'),
        amountToPay: d('101.4'),
        fee: d('1.4'),
        feeUsd: d('1.4'),
        serviceFee: d('1.9'),
        serviceFeeUsd: d('1.9'),
      },
      cryptoOf('USDT_TRC20'),
    );
    expect(tiny.received.toFixed()).toBe('0');
    expect(tiny.toSurcharge.toFixed()).toBe('100.4');
  });

  it('backs postback retries off exponentially, capped at 5 minutes', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(1000, n))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(retryDelayMs(1000, 20)).toBe(300_000);
  });
});
