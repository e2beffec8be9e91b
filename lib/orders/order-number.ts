// The order number a buyer reads out ("CC-7K3M-Q9"): from the order's sequence number, not its
// token, so it opens nothing. Plain values only: safe anywhere, including emails and client code.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U
const BITS = 30; // six symbols
const MASK = 2 ** BITS - 1;
// An odd multiplier (invertible mod 2^30) and an offset: consecutive orders get unrelated-looking
// numbers, so a number does not tell how many orders the shop has taken.
const MULTIPLIER = 0x2d5a_4f3b;
const OFFSET = 0x1b3c_9d1;

/** Multiply modulo 2^30 without leaving exact integer arithmetic (both factors < 2^30). */
function mulMod(a: number, b: number): number {
  const low = (a * (b & 0x7fff)) % 2 ** BITS;
  const high = ((a * (b >>> 15)) % 2 ** BITS) * 2 ** 15;
  return (low + high) % 2 ** BITS;
}

/**
 * The readable number of the order with sequence number `seq` (1, 2, …): distinct for every `seq`
 * below 2^30 (a bijection of 30 bits), then a Crockford check symbol so a misread is noticed.
 */
export function formatOrderNumber(seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > MASK) throw new RangeError(`order sequence out of range: ${seq}`);
  const scrambled = (mulMod(seq & MASK, MULTIPLIER) + OFFSET) % 2 ** BITS;
  let symbols = '';
  for (let i = BITS - 5; i >= 0; i -= 5) symbols += ALPHABET[Math.floor(scrambled / 2 ** i) % 32];
  const check = ALPHABET[scrambled % 31]!;
  return `CC-${symbols.slice(0, 4)}-${symbols.slice(4)}${check}`;
}
