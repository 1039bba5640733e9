// Test-only generators: synthetic credentials built here (seeded, reproducible), never copied from
// any data set. Random parts use a small PRNG so every run sees the same values.
import { createScanner } from '../../../scanner.js';
import type { Finding } from '../../../types.js';
import { SECRET_RECOGNIZERS } from '../index.js';
import { base62, crc32 } from '../util.js';
import { mulberry32 as prng } from '../../../../util/prng.js';

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const HEX = '0123456789abcdef';
export const B64 = ALNUM + '+/';
export const B64URL = ALNUM + '-_';
export const BASE32 = UPPER + '234567';

export { mulberry32 as prng } from '../../../../util/prng.js';

let shared = prng(20240601);

/** Resets the shared generator (call in beforeEach for order-independent tables). */
export function reseed(seed = 20240601): void {
  shared = prng(seed);
}

/** A random string over `alphabet`; mixes in one of each class present so short strings stay varied. */
export function rand(alphabet: string, n: number, next: () => number = shared): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

/** A GitHub classic token with a correct CRC32/base62 checksum suffix. */
export function githubToken(prefix: 'ghp' | 'gho' | 'ghu' | 'ghs' | 'ghr', seed = 7): string {
  const random = rand(ALNUM, 30, prng(seed));
  return `${prefix}_${random}${base62(crc32(random), 6)}`;
}

export function b64url(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

export function jwt(header: unknown = { alg: 'HS256', typ: 'JWT' }, payload: unknown = { sub: '42', iat: 1700000000 }): string {
  return `${b64url(header)}.${b64url(payload)}.${rand(B64URL, 43)}`;
}

/** PEM armour around `lines` lines of 64 random base64 characters. */
export function pemBlock(label = 'RSA PRIVATE KEY', lines = 6, eol = '\n'): string {
  const body = Array.from({ length: lines }, () => rand(B64, 64)).join(eol);
  return `-----BEGIN ${label}-----${eol}${body}${eol}${rand(B64, 20)}==${eol}-----END ${label}-----`;
}

const scanner = createScanner(SECRET_RECOGNIZERS);

export interface Found extends Finding {
  readonly value: string;
}

export function scan(text: string): Found[] {
  return scanner.scan(text).map((f) => ({ ...f, value: text.slice(f.start, f.end) }));
}

/** Entities found in `text`, for compact expectations. */
export function entities(text: string): string[] {
  return scan(text).map((f) => f.entity);
}

/** The first finding whose value contains `needle`, if any. */
export function findingFor(text: string, needle: string): Found | undefined {
  return scan(text).find((f) => f.value.includes(needle) || needle.includes(f.value));
}
