import { describe, expect, it } from 'vitest';
import {
  aadhaarValid, caSinValid, deSteuerIdValid, esDniNieValid, fiHetuValid, itCodiceFiscaleValid, plPeselValid,
  sePersonnummerValid, ukNinoValid,
} from './national-id-checks.js';
import { randomDigits, rng, withCfCheck, withDniLetter, withFiCheck, withLuhn, withMod11_10, withPeselCheck, withVerhoeff } from './testing/generators.js';

const next = rng(7);

/** Flips the last character to a different one of the same kind. */
function breakLast(s: string): string {
  const last = s.at(-1) as string;
  const replacement = last >= '0' && last <= '9' ? String((Number(last) + 1) % 10) : last === 'A' ? 'B' : 'A';
  return s.slice(0, -1) + replacement;
}

describe('UK NINO', () => {
  it.each([
    ['AB123456C', true], ['AB 12 34 56 C', true], ['CE123456D', true],
    ['GB123456A', false], ['NK123456A', false], ['TN123456A', false], ['ZZ123456A', false], // excluded prefixes
    ['AB12 3456C', false], // partial spacing
  ])('ukNinoValid(%j) = %s', (value, expected) => {
    expect(ukNinoValid(value)).toBe(expected);
  });
});

describe('IN Aadhaar (Verhoeff)', () => {
  const valid = Array.from({ length: 20 }, () => withVerhoeff(String(2 + Math.floor(next() * 8)) + randomDigits(next, 10)));
  it.each(valid)('accepts generated %s, plain and grouped', (a) => {
    expect(aadhaarValid(a)).toBe(true);
    expect(aadhaarValid(`${a.slice(0, 4)} ${a.slice(4, 8)} ${a.slice(8)}`)).toBe(true);
    expect(aadhaarValid(`${a.slice(0, 4)}-${a.slice(4, 8)} ${a.slice(8)}`)).toBe(false); // mixed separators
    expect(aadhaarValid(breakLast(a))).toBe(false);
  });
  it.each([withVerhoeff('01234567890'), withVerhoeff('12345678901'), '222222222222'])('rejects %s (leading 0/1 or repeated digit)', (a) => {
    expect(aadhaarValid(a)).toBe(false);
  });
});

describe('ES DNI / NIE', () => {
  it.each([
    ['12345678Z', true], ['12345678-Z', true], ['12.345.678-Z', true], ['X1234567L', true], ['Y1234567X', true], ['Z1234567R', true],
    ['12345678A', false], ['X1234567A', false], ['1234567Z', false],
  ])('esDniNieValid(%j) = %s', (value, expected) => {
    expect(esDniNieValid(value)).toBe(expected);
  });
  it.each(Array.from({ length: 10 }, () => withDniLetter(randomDigits(next, 8))))('accepts generated %s', (dni) => {
    expect(esDniNieValid(dni)).toBe(true);
    expect(esDniNieValid(breakLast(dni))).toBe(false);
  });
});

describe('IT codice fiscale', () => {
  it.each([
    ['RSSMRA85T10A562S', true], // the customary example (Mario Rossi)
    ['rssmra85t10a562s', true],
    ['RSSMRA85T10A562T', false], // check letter
    ['RSSMRA85Z10A562S', false], // Z is not a month letter
    ['RSSMRA85T32A562S', false], // day 32
  ])('itCodiceFiscaleValid(%j) = %s', (value, expected) => {
    expect(itCodiceFiscaleValid(value)).toBe(expected);
  });
  it.each(['BNCGNN90A41H501', 'VRDLGU70M01F20R', 'RSSMRA85T10A56N'])('accepts %s with an independently computed check letter (incl. omocodia)', (first15) => {
    const cf = withCfCheck(first15);
    expect(itCodiceFiscaleValid(cf)).toBe(true);
    expect(itCodiceFiscaleValid(breakLast(cf))).toBe(false);
  });
});

describe('SE personnummer', () => {
  const makeSe = (yymmdd: string, serial: string) => withLuhn(yymmdd + serial);
  it.each([
    ['811218-9876', true], // Skatteverket's published example
    ['19811218-9876', true],
    ['811218+9876', true],
    [`811278-${withLuhn('811278987').slice(6)}`, true], // samordningsnummer (day + 60)
    ['811218-9875', false],
    ['811318-9876', false], // month 13
    ['17811218-9876', false], // implausible century
  ])('sePersonnummerValid(%j) = %s', (value, expected) => {
    expect(sePersonnummerValid(value)).toBe(expected);
  });
  it('accepts generated numbers', () => {
    const full = makeSe('920229', '123'); // 1992-02-29: a leap day
    expect(sePersonnummerValid(`${full.slice(0, 6)}-${full.slice(6)}`)).toBe(true);
  });
});

describe('FI henkilötunnus', () => {
  it.each([
    ['131052-308T', true], // the official example
    [withFiCheck('010101', 'A', '123'), true],
    [withFiCheck('290200', 'A', '002'), true], // 2000-02-29
    [withFiCheck('290200', '-', '002'), false], // 1900-02-29 does not exist
    [withFiCheck('010101', 'Y', '123'), true], // new 1900s sign
    ['131052-308U', false],
    [withFiCheck('131052', '-', '001'), false], // individual number 000-001 unused
    [withFiCheck('131052', 'G', '308'), false], // G is not a century sign
  ])('fiHetuValid(%j) = %s', (value, expected) => {
    expect(fiHetuValid(value)).toBe(expected);
  });
});

describe('CA SIN', () => {
  it.each([
    ['130 692 544', true], ['130-692-544', true], ['130692544', true],
    ['130 692 545', false],
    ['046 454 286', false], // the government's sample: first digit 0 is never assigned
    ['130 692-544', false], // mixed separators
  ])('caSinValid(%j) = %s', (value, expected) => {
    expect(caSinValid(value)).toBe(expected);
  });
  it.each(Array.from({ length: 8 }, () => withLuhn(String(1 + Math.floor(next() * 7)) + randomDigits(next, 7))))('accepts generated %s', (sin) => {
    expect(caSinValid(sin)).toBe(true);
  });
});

describe('PL PESEL', () => {
  it.each([
    ['44051401359', true], // 1944-05-14
    [withPeselCheck('0221010123'), true], // 2002-01-01 (month + 20)
    [withPeselCheck('8292310123'), true], // 1882-12-31 (month + 80)
    [withPeselCheck('0102300123'), false], // 1901-02-30
    [withPeselCheck('0113010123'), false], // month 13
    ['44051401358', false],
    ['4405140135', false],
  ])('plPeselValid(%j) = %s', (value, expected) => {
    expect(plPeselValid(value)).toBe(expected);
  });
});

describe('DE Steuer-ID', () => {
  it.each([
    [withMod11_10('8609574271'), true], // one digit (7) twice
    [withMod11_10('1123456789'), true],
    [withMod11_10('1112345678'), false], // three equal digits in a row
    [withMod11_10('1121345678'), true], // three 1s, not all adjacent
    [withMod11_10('1234567890'), false], // no repeated digit
    [withMod11_10('1122345678'), false], // two repeated digits
    [withMod11_10('0123456789'), false], // leading zero
    ['12 345 678 901', false],
  ])('deSteuerIdValid(%j) = %s', (value, expected) => {
    expect(deSteuerIdValid(value)).toBe(expected);
  });
  it('rejects a wrong check digit', () => {
    expect(deSteuerIdValid(breakLast(withMod11_10('8609574271')))).toBe(false);
  });
});
