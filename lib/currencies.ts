/** Fiat currencies CryptoCloud accepts for `invoice/create` (`currency`), in its documented order. */
export const FIAT_CURRENCIES = [
  'USD',
  'UZS',
  'KGS',
  'KZT',
  'AMD',
  'AZN',
  'BYN',
  'AUD',
  'TRY',
  'AED',
  'CAD',
  'CNY',
  'HKD',
  'IDR',
  'INR',
  'JPY',
  'PHP',
  'SGD',
  'THB',
  'VND',
  'MYR',
  'RUB',
  'UAH',
  'EUR',
  'GBP',
] as const;
export type FiatCurrency = (typeof FIAT_CURRENCIES)[number];

export function isFiatCurrency(value: string): value is FiatCurrency {
  return (FIAT_CURRENCIES as readonly string[]).includes(value);
}
