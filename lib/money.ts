import Decimal from 'decimal.js';

// Money inside the app is an integer count of the currency's minor unit (cents for USD, yen for
// JPY). Decimal strings exist only at the edges: the gateway's `amount` and the amounts it reports.

const exponents = new Map<string, number>();

/** Number of minor-unit digits of an ISO 4217 currency (2 for USD, 0 for JPY, 3 for KWD). */
export function minorUnitDigits(currency: string): number {
  let digits = exponents.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, digits);
  }
  return digits;
}

export function assertMinor(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount of minor units: ${value}`);
  return value;
}

/** 1250 USD-cents → "12.50"; exact, no floating point. */
export function minorToDecimalString(minor: number, currency: string): string {
  return new Decimal(assertMinor(minor)).div(new Decimal(10).pow(minorUnitDigits(currency))).toFixed(minorUnitDigits(currency));
}

/**
 * "12.5" → 1250 for USD. Returns null when the value has more precision than the currency's minor
 * unit, so a gateway amount that does not map exactly onto the order total never compares equal.
 */
export function decimalToMinor(value: Decimal.Value, currency: string): number | null {
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    return null;
  }
  if (!d.isFinite()) return null;
  const scaled = d.mul(new Decimal(10).pow(minorUnitDigits(currency)));
  if (!scaled.isInteger()) return null;
  const n = scaled.toNumber();
  return Number.isSafeInteger(n) ? n : null;
}

export function multiplyMinor(unitMinor: number, quantity: number): number {
  return assertMinor(assertMinor(unitMinor) * assertMinor(quantity));
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Display a minor-unit amount, e.g. formatMoney(1250, 'USD') → "$12.50". */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  // Intl formats a decimal string exactly (no float rounding of the scaled value).
  return f.format(minorToDecimalString(minor, currency) as unknown as number);
}

/** An exact decimal string for display without storage padding: "8.700000000000000000" → "8.7". */
export function formatDecimal(value: string): string {
  try {
    return new Decimal(value).toFixed();
  } catch {
    return value;
  }
}

/**
 * An amount typed by a person, e.g. a price: "12.5" → 1250 for USD, exactly. Null when it is not a
 * plain non-negative decimal (no sign, exponent or separators) or has more decimals than the
 * currency's minor unit ("12.345" USD) — never rounded.
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const value = text.trim();
  if (!/^\d{1,15}(\.\d{1,18})?$/.test(value)) return null;
  return decimalToMinor(value, currency);
}
