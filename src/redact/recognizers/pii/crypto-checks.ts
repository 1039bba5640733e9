// Checksum validation for cryptocurrency addresses. A random string that merely looks like an
// address passes these with probability ~2^-32 (base58check, bech32), so a match is near-certain.
import { createHash } from 'node:crypto';
import { keccak256Hex } from './keccak.js';

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_INDEX = new Map<string, number>([...BASE58_ALPHABET].map((c, i) => [c, i]));

/** Base58 (Bitcoin alphabet) to bytes; null when a character is outside the alphabet. */
export function base58Decode(s: string): Uint8Array | null {
  const bytes: number[] = [];
  for (const ch of s) {
    let carry = BASE58_INDEX.get(ch);
    if (carry === undefined) return null;
    for (let j = 0; j < bytes.length; j++) {
      carry += (bytes[j] as number) * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) { bytes.push(carry & 0xff); carry >>= 8; }
  }
  // Each leading '1' encodes one leading zero byte.
  for (let i = 0; i < s.length && s[i] === '1'; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** Base58check: the last 4 bytes are the first 4 of SHA-256(SHA-256(payload)). */
export function base58CheckValid(s: string): Uint8Array | null {
  const raw = base58Decode(s);
  if (!raw || raw.length < 5) return null;
  const payload = raw.subarray(0, raw.length - 4);
  const sum = sha256(sha256(payload));
  for (let i = 0; i < 4; i++) if (sum[i] !== raw[raw.length - 4 + i]) return null;
  return payload;
}

/** Legacy Bitcoin address: 21-byte payload with version 0x00 (P2PKH) or 0x05 (P2SH). */
export function bitcoinBase58Valid(s: string): boolean {
  const payload = base58CheckValid(s);
  return payload !== null && payload.length === 21 && (payload[0] === 0x00 || payload[0] === 0x05);
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function polymod(values: readonly number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ (gen[i] as number)) >>> 0;
  }
  return chk;
}

/** Decodes a bech32/bech32m string: hrp, 5-bit data (without checksum) and which constant matched. */
export function bech32Decode(s: string): { hrp: string; data: number[]; variant: 'bech32' | 'bech32m' } | null {
  if (s.length > 90) return null;
  const lower = s.toLowerCase();
  // Mixed case is invalid by the spec.
  if (lower !== s && s.toUpperCase() !== s) return null;
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || sep + 7 > lower.length) return null;
  const hrp = lower.slice(0, sep);
  const data: number[] = [];
  for (const ch of lower.slice(sep + 1)) {
    const v = BECH32_CHARSET.indexOf(ch);
    if (v < 0) return null;
    data.push(v);
  }
  const expanded: number[] = [];
  for (let i = 0; i < hrp.length; i++) expanded.push(hrp.charCodeAt(i) >> 5);
  expanded.push(0);
  for (let i = 0; i < hrp.length; i++) expanded.push(hrp.charCodeAt(i) & 31);
  const check = polymod([...expanded, ...data]);
  const variant = check === BECH32_CONST ? 'bech32' : check === BECH32M_CONST ? 'bech32m' : null;
  if (!variant) return null;
  return { hrp, data: data.slice(0, -6), variant };
}

/**
 * Segwit address (BIP-173/350): witness v0 must use bech32 and carry a 20- or 32-byte program;
 * v1..16 must use bech32m with a 2..40-byte program.
 */
export function segwitAddressValid(s: string, hrp = 'bc'): boolean {
  const dec = bech32Decode(s);
  if (!dec || dec.hrp !== hrp || dec.data.length < 1) return false;
  const version = dec.data[0] as number;
  if (version > 16) return false;
  if ((version === 0) !== (dec.variant === 'bech32')) return false;
  const bits = (dec.data.length - 1) * 5;
  const bytes = Math.floor(bits / 8);
  // Padding must be fewer than 5 bits (and zero, which the checksum already constrains loosely).
  if (bits - bytes * 8 >= 5) return false;
  if (bytes < 2 || bytes > 40) return false;
  return version !== 0 || bytes === 20 || bytes === 32;
}

/**
 * Ethereum address: all-lower or all-upper hex carries no checksum; mixed case must follow
 * EIP-55 (a hex letter is upper case iff the matching nibble of keccak256(lower address) >= 8).
 */
export function ethereumAddressValid(addr: string): boolean {
  const hex = addr.startsWith('0x') || addr.startsWith('0X') ? addr.slice(2) : addr;
  if (hex.length !== 40) return false;
  const lower = hex.toLowerCase();
  for (let i = 0; i < 40; i++) {
    const c = lower.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  if (hex === lower || hex === hex.toUpperCase()) return true;
  const hash = keccak256Hex(lower);
  for (let i = 0; i < 40; i++) {
    const ch = hex[i] as string;
    if (ch >= '0' && ch <= '9') continue;
    const upper = ch >= 'A' && ch <= 'F';
    if (upper !== parseInt(hash[i] as string, 16) >= 8) return false;
  }
  return true;
}
