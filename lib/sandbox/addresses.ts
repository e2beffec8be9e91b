import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { CryptoCurrency } from './catalog';

// Fake but well-formed-looking deposit addresses and transaction hashes per network. Addresses are
// derived from the invoice and currency, so the page and the API always show the same one.

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function stream(seed: string, length: number): Buffer {
  const chunks: Buffer[] = [];
  for (let i = 0; Buffer.concat(chunks).length < length; i++) {
    chunks.push(createHash('sha256').update(`${seed}#${i}`).digest());
  }
  return Buffer.concat(chunks).subarray(0, length);
}

function encode(seed: string, alphabet: string, length: number): string {
  return [...stream(seed, length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A deterministic deposit address for `seed` (invoice uuid, or shop + identify) on the currency's network. */
export function depositAddress(seed: string, crypto: CryptoCurrency): string {
  const s = `${seed}|${crypto.fullcode}`;
  switch (crypto.network.kind) {
    case 'evm':
      return `0x${stream(s, 20).toString('hex')}`;
    case 'tron':
      return `T${encode(s, BASE58, 33)}`;
    case 'bitcoin':
      return `bc1q${encode(s, BECH32, 38)}`;
    case 'litecoin':
      return `ltc1q${encode(s, BECH32, 38)}`;
    case 'solana':
      return encode(s, BASE58, 44);
    case 'ton':
      return `UQ${encode(s, BASE64URL, 46)}`;
  }
}

/** A random transaction hash in the network's usual notation. */
export function fakeTxHash(crypto: CryptoCurrency): string {
  const hex = randomBytes(32).toString('hex');
  return crypto.network.kind === 'evm' ? `0x${hex}` : hex;
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A static wallet's id: 32 upper-case alphanumerics (not an RFC 4122 UUID), stable per seed. */
export function staticWalletUuid(seed: string): string {
  return encode(`static-wallet|${seed}`, UPPER_ALNUM, 32);
}
