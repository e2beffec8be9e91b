import 'server-only';
import Decimal from 'decimal.js';
import type { FiatCurrency } from '@/lib/currencies';
import { FIAT_USD_RATES, type CryptoCurrency } from './catalog';

// The sandbox's fee model (docs/cryptocloud.md §4 rule 4, §10):
// - amount (crypto) = amount_usd / rate; amount_usd = amount_in_fiat × fiat rate, to the cent.
// - transfer fee (`fee`): fixed per currency in USD (Tron $1.40), paid by the side named in
//   `side_commission`; with `client` it is added to amount_to_pay.
// - service fee: 1.9 % of the amount, paid by the side in `side_commission_cc` (the sandbox
//   project: `merchant`, as in the 2026 real sample), so it is deducted from what is received.
// - received = amount_paid − fee − service_fee (never below 0).
// A $100 invoice in USDT_TRC20 thus asks 101.4 USDT and credits 98.1 USDT once paid.

export const SERVICE_FEE_RATE = new Decimal('0.019');
export const SIDE_COMMISSION = 'client' as const;
export const SIDE_COMMISSION_SERVICE = 'merchant' as const;

const USD_DECIMALS = 2;

export interface Quote {
  amountUsd: Decimal;
  /** Invoice amount in the crypto, fees excluded. */
  amountCrypto: Decimal;
  fee: Decimal;
  feeUsd: Decimal;
  serviceFee: Decimal;
  serviceFeeUsd: Decimal;
  amountToPay: Decimal;
  amountToPayUsd: Decimal;
}

function roundCrypto(value: Decimal, crypto: CryptoCurrency, mode: Decimal.Rounding = Decimal.ROUND_HALF_UP): Decimal {
  return value.toDecimalPlaces(crypto.decimals, mode);
}

function roundUsd(value: Decimal): Decimal {
  return value.toDecimalPlaces(USD_DECIMALS, Decimal.ROUND_HALF_UP);
}

export function fiatToUsd(amount: Decimal, fiat: FiatCurrency): Decimal {
  return roundUsd(amount.mul(FIAT_USD_RATES[fiat]));
}

/** Crypto amount → USD at the demo rate, to the cent. */
export function cryptoToUsd(amount: Decimal, crypto: CryptoCurrency): Decimal {
  return roundUsd(amount.mul(crypto.usdRate));
}

function usdToCrypto(usd: Decimal, crypto: CryptoCurrency): Decimal {
  return roundCrypto(usd.div(crypto.usdRate), crypto);
}

/** Price a USD amount in one crypto under the sandbox project's fee settings. */
export function quote(amountUsd: Decimal, crypto: CryptoCurrency): Quote {
  const amountCrypto = usdToCrypto(amountUsd, crypto);
  const feeUsd = new Decimal(crypto.transferFeeUsd);
  const fee = usdToCrypto(feeUsd, crypto);
  const serviceFeeUsd = roundUsd(amountUsd.mul(SERVICE_FEE_RATE));
  const serviceFee = roundCrypto(amountCrypto.mul(SERVICE_FEE_RATE), crypto);
  let amountToPay = amountCrypto;
  let amountToPayUsd = amountUsd;
  if (SIDE_COMMISSION === 'client') {
    amountToPay = amountToPay.add(fee);
    amountToPayUsd = amountToPayUsd.add(feeUsd);
  }
  if ((SIDE_COMMISSION_SERVICE as string) === 'client') {
    amountToPay = amountToPay.add(serviceFee);
    amountToPayUsd = amountToPayUsd.add(serviceFeeUsd);
  }
  return { amountUsd, amountCrypto, fee, feeUsd, serviceFee, serviceFeeUsd, amountToPay, amountToPayUsd };
}

export type PaymentOutcome = 'paid' | 'partial' | 'overpaid';

/**
 * What the buyer sends for a simulated payment, given what is still due: the rest (paid), half
 * of it rounded down (partial), or 110 % of it rounded up (overpaid).
 */
export function paymentAmount(outcome: PaymentOutcome, due: Decimal, crypto: CryptoCurrency): Decimal {
  const unit = new Decimal(10).pow(-crypto.decimals);
  switch (outcome) {
    case 'paid':
      return due;
    case 'partial': {
      // Below one unit of precision, half is left unrounded so a partial never settles the invoice.
      const half = roundCrypto(due.div(2), crypto, Decimal.ROUND_DOWN);
      return half.gt(0) ? half : due.div(2);
    }
    case 'overpaid':
      return Decimal.max(roundCrypto(due.mul('1.1'), crypto, Decimal.ROUND_UP), due.add(unit));
  }
}

/** Status implied by the total paid so far against what is due. */
export function statusForPaid(paid: Decimal, toPay: Decimal): PaymentOutcome {
  if (paid.lt(toPay)) return 'partial';
  return paid.gt(toPay) ? 'overpaid' : 'paid';
}

export interface Settlement {
  received: Decimal;
  receivedUsd: Decimal;
  toSurcharge: Decimal;
  toSurchargeUsd: Decimal;
}

/** Derived amounts of an invoice: what the merchant is credited and what the buyer still owes. */
export function settle(
  inv: {
    amountPaid: Decimal;
    amountPaidUsd: Decimal;
    amountToPay: Decimal;
    fee: Decimal;
    feeUsd: Decimal;
    serviceFee: Decimal;
    serviceFeeUsd: Decimal;
  },
  crypto: CryptoCurrency,
): Settlement {
  const zero = new Decimal(0);
  if (inv.amountPaid.lte(0))
    return { received: zero, receivedUsd: zero, toSurcharge: inv.amountToPay, toSurchargeUsd: cryptoToUsd(inv.amountToPay, crypto) };
  const received = Decimal.max(zero, inv.amountPaid.sub(inv.fee).sub(inv.serviceFee));
  const receivedUsd = Decimal.max(zero, inv.amountPaidUsd.sub(inv.feeUsd).sub(inv.serviceFeeUsd));
  const toSurcharge = Decimal.max(zero, inv.amountToPay.sub(inv.amountPaid));
  return { received, receivedUsd, toSurcharge, toSurchargeUsd: cryptoToUsd(toSurcharge, crypto) };
}

/** A quote as the invoice row stores it (exact decimal strings), for a crypto by full code. */
export function quoteColumns(amountUsd: Decimal, crypto: CryptoCurrency) {
  const q = quote(amountUsd, crypto);
  return {
    cryptoCurrency: crypto.fullcode,
    amountCrypto: q.amountCrypto.toFixed(),
    fee: q.fee.toFixed(),
    feeUsd: q.feeUsd.toFixed(),
    serviceFee: q.serviceFee.toFixed(),
    serviceFeeUsd: q.serviceFeeUsd.toFixed(),
    amountToPay: q.amountToPay.toFixed(),
    amountToPayUsd: q.amountToPayUsd.toFixed(),
  };
}
