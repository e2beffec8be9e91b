import { describe, expect, it } from 'vitest';
import {
  decimalToMinor,
  formatDecimal,
  formatMoney,
  minorToDecimalString,
  minorUnitDigits,
  multiplyMinor,
  parseMoneyInput,
} from '@/lib/money';

describe('money', () => {
  it("knows each currency's minor unit", () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
  });

  it('turns minor units into exact decimal strings and back', () => {
    expect(minorToDecimalString(1250, 'USD')).toBe('12.50');
    expect(minorToDecimalString(1, 'USD')).toBe('0.01');
    expect(minorToDecimalString(1250, 'JPY')).toBe('1250');
    expect(minorToDecimalString(1001, 'KWD')).toBe('1.001');
    expect(decimalToMinor('12.5', 'USD')).toBe(1250);
    expect(decimalToMinor(0.3, 'USD')).toBe(30);
    expect(decimalToMinor('1250', 'JPY')).toBe(1250);
  });

  it('refuses amounts that do not map exactly onto minor units', () => {
    expect(decimalToMinor('12.505', 'USD')).toBeNull();
    expect(decimalToMinor('12.5', 'JPY')).toBeNull();
    expect(decimalToMinor('abc', 'USD')).toBeNull();
    expect(decimalToMinor('1e400', 'USD')).toBeNull();
  });

  it('does integer arithmetic only', () => {
    // 0.1 + 0.2 style totals stay exact because they never become floats.
    expect(multiplyMinor(10, 3) + multiplyMinor(20, 1)).toBe(50);
    expect(() => multiplyMinor(1.5, 2)).toThrow(RangeError);
    expect(() => multiplyMinor(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
  });

  it('shows stored decimals without padding', () => {
    expect(formatDecimal('8.700000000000000000')).toBe('8.7');
    expect(formatDecimal('0.000001499999996212864')).toBe('0.000001499999996212864');
    expect(formatDecimal('102.000000000000000000')).toBe('102');
  });

  it('formats for display', () => {
    expect(formatMoney(3200, 'USD')).toBe('$32.00');
    expect(formatMoney(1199, 'EUR')).toBe('€11.99');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
  });
});

describe('parseMoneyInput', () => {
  it('reads a typed price exactly in the currency’s minor units', () => {
    expect(parseMoneyInput('12.5', 'USD')).toBe(1250);
    expect(parseMoneyInput(' 0.10 ', 'USD')).toBe(10);
    expect(parseMoneyInput('19.99', 'USD')).toBe(1999);
    expect(parseMoneyInput('1500', 'JPY')).toBe(1500);
    expect(parseMoneyInput('1.234', 'KWD')).toBe(1234);
    expect(parseMoneyInput('0', 'USD')).toBe(0);
  });

  it('refuses anything it would have to round or guess', () => {
    for (const bad of ['12.345', '-1', '+1', '1e3', '1,000.00', '12.', '.5', '', 'abc', '0x10', '1 000', 'NaN', 'Infinity']) {
      expect(parseMoneyInput(bad, 'USD'), bad).toBeNull();
    }
    expect(parseMoneyInput('15.5', 'JPY')).toBeNull();
    expect(parseMoneyInput('9999999999999999', 'USD')).toBeNull();
  });
});
