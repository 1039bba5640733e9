// Validation of national identifiers whose structure or check digit makes a match reliable.
// Each function takes the matched value (separators allowed where the format has them).
import { digitsOf, isDigits, isValidDate, iso7064Mod11_10Valid, luhnValid, verhoeffValid, weightedSum } from './checksums.js';

/** UK National Insurance number: HMRC excludes these prefixes (and D F I Q U V; O second). */
const NINO_BAD_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
export function ukNinoValid(value: string): boolean {
  const compact = value.replaceAll(' ', '');
  if (compact.length !== 9) return false;
  // Either unspaced or fully spaced (AB 12 34 56 C).
  if (compact.length !== value.length && value.length !== 13) return false;
  return !NINO_BAD_PREFIXES.has(compact.slice(0, 2).toUpperCase());
}

/** Aadhaar: 12 digits, first digit 2-9, Verhoeff check digit; one separator kind if grouped. */
export function aadhaarValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 12 || d[0] === '0' || d[0] === '1') return false;
  if (value.length !== 12 && !(value.length === 14 && value[4] === value[9])) return false;
  if (d.split('').every((c) => c === d[0])) return false;
  return verhoeffValid(d);
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): letter = number mod 23. */
export function esDniNieValid(value: string): boolean {
  const compact = value.replaceAll('-', '').replaceAll('.', '').toUpperCase();
  if (compact.length !== 9) return false;
  const prefix = 'XYZ'.indexOf(compact[0] as string);
  const numberPart = prefix >= 0 ? String(prefix) + compact.slice(1, 8) : compact.slice(0, 8);
  if (!isDigits(numberPart)) return false;
  return DNI_LETTERS[Number(numberPart) % 23] === compact[8];
}

// Codice fiscale check character tables: odd positions (1st, 3rd, ...) map through ODD.
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const CF_OMOCODE = 'LMNPQRSTUV'; // digits replaced by letters when two people share a code
const CF_MONTHS = 'ABCDEHLMPRST';
function cfValue(ch: string): number {
  const c = ch.charCodeAt(0);
  return c >= 48 && c <= 57 ? c - 48 : c - 65;
}
function cfDigit(ch: string): number {
  const o = CF_OMOCODE.indexOf(ch);
  return o >= 0 ? o : Number(ch);
}
/** Italian codice fiscale: month letter, day 1-31 (41-71 for women), and the check character. */
export function itCodiceFiscaleValid(value: string): boolean {
  const cf = value.toUpperCase();
  if (cf.length !== 16) return false;
  const day = cfDigit(cf[9] as string) * 10 + cfDigit(cf[10] as string);
  if (!CF_MONTHS.includes(cf[8] as string) || !((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const v = cfValue(cf[i] as string);
    sum += i % 2 === 0 ? (CF_ODD[v] as number) : v;
  }
  return String.fromCharCode(65 + (sum % 26)) === cf[15];
}

/**
 * Swedish personnummer: [YY]YYMMDD-NNNC or with '+' (100+ years old). Luhn over the 10 digits
 * YYMMDDNNNC; the day may be +60 (samordningsnummer). A 4-digit year must be plausible.
 */
export function sePersonnummerValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 10 && d.length !== 12) return false;
  if (d.length === 12 && !['18', '19', '20'].includes(d.slice(0, 2))) return false;
  const ten = d.slice(-10);
  const month = Number(ten.slice(2, 4));
  let day = Number(ten.slice(4, 6));
  if (day > 60) day -= 60;
  const year = d.length === 12 ? Number(d.slice(0, 4)) : 2000 + Number(ten.slice(0, 2));
  return isValidDate(year, month, day) && luhnValid(ten);
}

const FI_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const FI_CENTURY: Readonly<Record<string, number>> = { '+': 1800, '-': 1900, U: 1900, V: 1900, W: 1900, X: 1900, Y: 1900, A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000 };
/** Finnish henkilötunnus: DDMMYY, century sign, individual number 002-999, mod 31 check char. */
export function fiHetuValid(value: string): boolean {
  if (value.length !== 11) return false;
  const century = FI_CENTURY[value[6] as string];
  const dob = value.slice(0, 6);
  const individual = value.slice(7, 10);
  if (century === undefined || !isDigits(dob) || !isDigits(individual) || Number(individual) < 2) return false;
  if (!isValidDate(century + Number(dob.slice(4, 6)), Number(dob.slice(2, 4)), Number(dob.slice(0, 2)))) return false;
  return FI_CHECK[Number(dob + individual) % 31] === value[10];
}

/** Canadian SIN: 9 digits, Luhn, first digit not 0 or 8 (never assigned); one separator kind. */
export function caSinValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 9 || d[0] === '0' || d[0] === '8') return false;
  if (value.length !== 9 && !(value.length === 11 && value[3] === value[7])) return false;
  return luhnValid(d);
}

/** Polish PESEL: weights 1-3-7-9, and a valid birth date with the month's century offset. */
export function plPeselValid(value: string): boolean {
  if (value.length !== 11 || !isDigits(value)) return false;
  const check = (10 - weightedSum(value, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3], 10)) % 10;
  if (check !== Number(value[10])) return false;
  let month = Number(value.slice(2, 4));
  const offset = Math.floor(month / 20);
  month -= offset * 20;
  const century = [1900, 2000, 2100, 2200, 1800][offset];
  if (century === undefined) return false;
  return isValidDate(century + Number(value.slice(0, 2)), month, Number(value.slice(4, 6)));
}

/**
 * German Steuer-ID (IdNr): 11 digits, first not 0; in the first ten exactly one digit occurs
 * two or three times (three never all adjacent) and the rest at most once; ISO 7064 MOD 11,10.
 */
export function deSteuerIdValid(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 11 || d[0] === '0') return false;
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) counts[d.charCodeAt(i) - 48] = (counts[d.charCodeAt(i) - 48] as number) + 1;
  const repeated = counts.filter((c) => c >= 2);
  if (repeated.length !== 1 || (repeated[0] as number) > 3) return false;
  if (repeated[0] === 3) {
    for (let i = 0; i + 2 < 10; i++) if (d[i] === d[i + 1] && d[i] === d[i + 2]) return false;
  }
  return iso7064Mod11_10Valid(d);
}
