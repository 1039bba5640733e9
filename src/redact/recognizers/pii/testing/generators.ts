// Test-only generators of valid identifiers, written independently of the validators where the
// algorithm allows (BigInt mod 97, Verhoeff via the inverse table, lookup-string check letters),
// so a shared misunderstanding does not make a wrong validator pass its own tests.
// Excluded from the build (src/**/testing/**).

export { mulberry32 as rng } from '../../../../util/prng.js';

export function randomDigits(next: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(next() * 10));
  return s;
}

/** Appends the Luhn check digit: double every second digit from the right of the full number. */
export function withLuhn(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    // Position from the right in the final number is payload.length - i (check digit is 0).
    let d = Number(payload[i]);
    if ((payload.length - i) % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return payload + String((10 - (sum % 10)) % 10);
}

/** IBAN check digits with BigInt arithmetic (the validator uses piecewise mod 97). */
export function makeIban(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`;
  let numeric = '';
  for (const ch of rearranged) numeric += ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
  const check = 98n - (BigInt(numeric) % 97n);
  return `${country}${check.toString().padStart(2, '0')}${bban}`;
}

const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/** Verhoeff check digit by the generating form (position offset 1, then the inverse). */
export function withVerhoeff(payload: string): string {
  let c = 0;
  const digits = [...payload].reverse().map(Number);
  for (let i = 0; i < digits.length; i++) c = (D[c] as number[])[(P[(i + 1) % 8] as number[])[digits[i] as number] as number] as number;
  return payload + String(INV[c]);
}

/** ISO 7064 MOD 11,10: the check digit that brings the running product back to 1 at the end. */
export function withMod11_10(payload: string): string {
  let p = 10;
  for (const ch of payload) {
    let s = (Number(ch) + p) % 10;
    if (s === 0) s = 10;
    p = (2 * s) % 11;
  }
  return payload + String((11 - p) % 10);
}

export function withDniLetter(number: string): string {
  return number + 'TRWAGMYFPDXBNJZSQVHLCKE'.charAt(Number(number) % 23);
}

/** Codice fiscale check letter via the published odd-position lookup string. */
export function withCfCheck(first15: string): string {
  const oddTable = 'BAKPLCQDREVOSFTGUHMINJWZYX'; // value v at odd position -> letter index in this string
  const alnum = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = first15[i] as string;
    const idx = alnum.indexOf(ch);
    const value = idx < 10 ? idx : idx - 10; // digits 0-9 and letters A-Z both map to 0..25
    sum += i % 2 === 0 ? oddTable.indexOf(String.fromCharCode(65 + value)) : value;
  }
  return first15 + String.fromCharCode(65 + (sum % 26));
}

export function withFiCheck(dob: string, sign: string, individual: string): string {
  return `${dob}${sign}${individual}${'0123456789ABCDEFHJKLMNPRSTUVWXY'.charAt(Number(dob + individual) % 31)}`;
}

export function withPeselCheck(first10: string): string {
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...first10].reduce((acc, ch, i) => acc + Number(ch) * (w[i] as number), 0);
  return first10 + String((10 - (sum % 10)) % 10);
}
