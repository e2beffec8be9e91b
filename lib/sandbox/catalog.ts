import 'server-only';
import type { FiatCurrency } from '@/lib/currencies';

// The sandbox's fixed demo market. Rates never move, so amounts in tests and screenshots are
// reproducible. Ids of USDT_TRC20 (4), ETH (3) and BNB (20) and their networks are the real
// ones (docs/cryptocloud.md §2.3); the other ids are the sandbox's own.

/** USD value of one unit of each fiat currency CryptoCloud accepts (demo rates). */
export const FIAT_USD_RATES: Record<FiatCurrency, string> = {
  USD: '1',
  UZS: '0.000079',
  KGS: '0.0115',
  KZT: '0.002',
  AMD: '0.0026',
  AZN: '0.59',
  BYN: '0.31',
  AUD: '0.66',
  TRY: '0.029',
  AED: '0.2723',
  CAD: '0.73',
  CNY: '0.138',
  HKD: '0.128',
  IDR: '0.000062',
  INR: '0.012',
  JPY: '0.0067',
  PHP: '0.0175',
  SGD: '0.74',
  THB: '0.028',
  VND: '0.000039',
  MYR: '0.22',
  RUB: '0.011',
  UAH: '0.024',
  EUR: '1.08',
  GBP: '1.27',
};

interface Network {
  code: string;
  id: number;
  fullname: string;
  /** EVM networks use 0x addresses and 0x transaction hashes. */
  kind: 'evm' | 'tron' | 'bitcoin' | 'litecoin' | 'solana' | 'ton';
}

const NETWORKS = {
  ERC20: { code: 'ERC20', id: 3, fullname: 'Ethereum', kind: 'evm' },
  TRC20: { code: 'TRC20', id: 4, fullname: 'Tron', kind: 'tron' },
  BSC: { code: 'BSC', id: 20, fullname: 'BNB Smart Chain', kind: 'evm' },
  BTC: { code: 'BTC', id: 1, fullname: 'Bitcoin', kind: 'bitcoin' },
  LTC: { code: 'LTC', id: 2, fullname: 'Litecoin', kind: 'litecoin' },
  SOL: { code: 'SOL', id: 30, fullname: 'Solana', kind: 'solana' },
  TON: { code: 'TON', id: 31, fullname: 'TON', kind: 'ton' },
  ARB: { code: 'ARB', id: 32, fullname: 'Arbitrum', kind: 'evm' },
  BASE: { code: 'BASE', id: 33, fullname: 'Base', kind: 'evm' },
  OPT: { code: 'OPT', id: 34, fullname: 'Optimism', kind: 'evm' },
} as const satisfies Record<string, Network>;

type NetworkCode = keyof typeof NETWORKS;

export interface CryptoCurrency {
  /** Full code, e.g. USDT_TRC20. */
  fullcode: string;
  /** Ticker, e.g. USDT. */
  code: string;
  id: number;
  name: string;
  network: Network;
  stablecoin: boolean;
  /** Display order on the pay page (1 first). */
  order: number;
  /** USD value of one unit (demo rate, decimal string). */
  usdRate: string;
  /** Decimal places crypto amounts are rounded to. */
  decimals: number;
  /**
   * Transfer (network-consolidation) fee in USD. Tron's $1.40 is documented; ERC-20 tokens get a
   * fixed $3 stand-in for Ethereum's dynamic fee; native coins and the other networks none.
   */
  transferFeeUsd: string;
}

// [fullcode, id, ticker, name, network, stablecoin, usdRate, decimals, transferFeeUsd]
type Row = [string, number, string, string, NetworkCode, boolean, string, number, string];

const ROWS: Row[] = [
  ['USDT_TRC20', 4, 'USDT', 'Tether', 'TRC20', true, '1', 6, '1.4'],
  ['BTC', 1, 'BTC', 'Bitcoin', 'BTC', false, '60000', 8, '0'],
  ['LTC', 2, 'LTC', 'Litecoin', 'LTC', false, '80', 8, '0'],
  ['ETH', 3, 'ETH', 'Ethereum', 'ERC20', false, '3000', 6, '0'],
  ['TRX', 5, 'TRX', 'Tron', 'TRC20', false, '0.12', 6, '1.4'],
  ['USDT_ERC20', 6, 'USDT', 'Tether', 'ERC20', true, '1', 6, '3'],
  ['USDC_ERC20', 7, 'USDC', 'USD Coin', 'ERC20', true, '1', 6, '3'],
  ['SOL', 8, 'SOL', 'Solana', 'SOL', false, '150', 6, '0'],
  ['TON', 9, 'TON', 'Toncoin', 'TON', false, '5', 6, '0'],
  ['BNB', 20, 'BNB', 'BNB', 'BSC', false, '600', 6, '0'],
  ['USDT_BSC', 21, 'USDT', 'Tether', 'BSC', true, '1', 6, '0'],
  ['USDC_BSC', 22, 'USDC', 'USD Coin', 'BSC', true, '1', 6, '0'],
  ['DAI_BSC', 23, 'DAI', 'Dai', 'BSC', true, '1', 6, '0'],
  ['USDT_TON', 24, 'USDT', 'Tether', 'TON', true, '1', 6, '0'],
  ['USDT_SOL', 25, 'USDT', 'Tether', 'SOL', true, '1', 6, '0'],
  ['USDC_SOL', 26, 'USDC', 'USD Coin', 'SOL', true, '1', 6, '0'],
  ['USDD_TRC20', 27, 'USDD', 'USDD', 'TRC20', true, '1', 6, '1.4'],
  ['DAI_ERC20', 28, 'DAI', 'Dai', 'ERC20', true, '1', 6, '3'],
  ['PYUSD_ERC20', 29, 'PYUSD', 'PayPal USD', 'ERC20', true, '1', 6, '3'],
  ['PYUSD_SOL', 30, 'PYUSD', 'PayPal USD', 'SOL', true, '1', 6, '0'],
  ['ETH_ARB', 31, 'ETH', 'Ethereum', 'ARB', false, '3000', 6, '0'],
  ['ETH_BASE', 32, 'ETH', 'Ethereum', 'BASE', false, '3000', 6, '0'],
  ['ETH_OPT', 33, 'ETH', 'Ethereum', 'OPT', false, '3000', 6, '0'],
  ['USDT_ARB', 34, 'USDT', 'Tether', 'ARB', true, '1', 6, '0'],
  ['USDT_OPT', 35, 'USDT', 'Tether', 'OPT', true, '1', 6, '0'],
  ['USDC_ARB', 36, 'USDC', 'USD Coin', 'ARB', true, '1', 6, '0'],
  ['USDC_BASE', 37, 'USDC', 'USD Coin', 'BASE', true, '1', 6, '0'],
  ['USDC_OPT', 38, 'USDC', 'USD Coin', 'OPT', true, '1', 6, '0'],
  ['DAI_ARB', 39, 'DAI', 'Dai', 'ARB', true, '1', 6, '0'],
  ['DAI_BASE', 40, 'DAI', 'Dai', 'BASE', true, '1', 6, '0'],
  ['DAI_OPT', 41, 'DAI', 'Dai', 'OPT', true, '1', 6, '0'],
  ['XAUT_ERC20', 42, 'XAUT', 'Tether Gold', 'ERC20', false, '2400', 6, '3'],
  ['XAUT_TON', 43, 'XAUT', 'Tether Gold', 'TON', false, '2400', 6, '0'],
  ['ARB_ARB', 44, 'ARB', 'Arbitrum', 'ARB', false, '0.8', 4, '0'],
  ['OP_OPT', 45, 'OP', 'Optimism', 'OPT', false, '1.6', 4, '0'],
  ['PEPE_BSC', 46, 'PEPE', 'Pepe', 'BSC', false, '0.00001', 0, '0'],
  ['PEPE_ERC20', 47, 'PEPE', 'Pepe', 'ERC20', false, '0.00001', 0, '3'],
  ['SHIB_BSC', 48, 'SHIB', 'Shiba Inu', 'BSC', false, '0.00002', 0, '0'],
  ['SHIB_ERC20', 49, 'SHIB', 'Shiba Inu', 'ERC20', false, '0.00002', 0, '3'],
  ['TRUMP_SOL', 50, 'TRUMP', 'Official Trump', 'SOL', false, '10', 4, '0'],
];

export const CRYPTO_CURRENCIES: readonly CryptoCurrency[] = ROWS.map(
  ([fullcode, id, code, name, network, stablecoin, usdRate, decimals, transferFeeUsd], i) => ({
    fullcode,
    id,
    code,
    name,
    network: NETWORKS[network],
    stablecoin,
    order: i + 1,
    usdRate,
    decimals,
    transferFeeUsd,
  }),
);

const byCode = new Map(CRYPTO_CURRENCIES.map((c) => [c.fullcode, c]));

/** The invoice's crypto when the merchant preselects none (as the real default page does). */
export const DEFAULT_CRYPTO = 'USDT_TRC20';

export function findCrypto(fullcode: string): CryptoCurrency | undefined {
  return byCode.get(fullcode);
}

/** The catalog entry of a code already validated on the way in (a stored invoice's currency). */
export function cryptoOf(fullcode: string): CryptoCurrency {
  const c = byCode.get(fullcode);
  if (!c) throw new Error(`unknown sandbox crypto currency ${fullcode}`);
  return c;
}
