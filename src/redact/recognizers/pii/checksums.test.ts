import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitsOf, ibanMod97, isDigits, isValidDate, iso7064Mod11_10Valid, luhnCheckDigit, luhnValid, verhoeffValid, weightedSum } from './checksums.js';
import { makeIban, withLuhn, withMod11_10, withVerhoeff } from './testing/generators.js';

describe('luhn', () => {
  it.each([
    ['79927398713', true], // the textbook example
    ['4111111111111111', true],
    ['378282246310005', true],
    ['79927398710', false],
    ['4111111111111112', false],
    ['', false],
    ['1', false],
    ['12a4', false],
  ])('luhnValid(%s) = %s', (digits, expected) => {
    expect(luhnValid(digits)).toBe(expected);
  });

  it('agrees with an independent generator and the check-digit helper', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{1,18}$/), (payload) => {
      const full = withLuhn(payload);
      expect(luhnValid(full)).toBe(true);
      expect(luhnCheckDigit(payload)).toBe(Number(full.at(-1)));
    }));
  });

  it('detects every single-digit substitution', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{8,18}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, at, delta) => {
      const full = withLuhn(payload);
      const i = at % full.length;
      const changed = full.slice(0, i) + String((Number(full[i]) + delta) % 10) + full.slice(i + 1);
      expect(luhnValid(changed)).toBe(false);
    }));
  });
});

describe('ibanMod97', () => {
  it.each([
    ['GB82WEST12345698765432', true],
    ['DE89370400440532013000', true],
    ['FR1420041010050500013M02606', true],
    ['GB82WEST12345698765433', false],
    ['GB28WEST12345698765432', false], // check digits transposed
  ])('ibanMod97(%s) === 1 is %s', (iban, expected) => {
    expect(ibanMod97(iban) === 1).toBe(expected);
  });

  it('returns -1 for characters outside 0-9A-Z', () => {
    expect(ibanMod97('GB82WEST1234569876543!')).toBe(-1);
  });

  it('is 1 for check digits computed independently with BigInt', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Z0-9]{10,30}$/), (bban) => {
      expect(ibanMod97(makeIban('NL', bban))).toBe(1);
    }));
  });
});

describe('verhoeff', () => {
  it.each([
    ['2363', true], // Wikipedia's worked example: 236 -> check digit 3
    ['2364', false],
    ['', false],
  ])('verhoeffValid(%s) = %s', (digits, expected) => {
    expect(verhoeffValid(digits)).toBe(expected);
  });

  it('accepts generated check digits and catches adjacent transpositions', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{11}$/), fc.integer({ min: 0, max: 10 }), (payload, i) => {
      const full = withVerhoeff(payload);
      expect(verhoeffValid(full)).toBe(true);
      if (full[i] !== full[i + 1]) {
        const swapped = full.slice(0, i) + full[i + 1] + full[i] + full.slice(i + 2);
        expect(verhoeffValid(swapped)).toBe(false);
      }
    }));
  });
});

describe('iso7064Mod11_10', () => {
  it('accepts generated check digits and rejects any other last digit', () => {
    fc.assert(fc.property(fc.stringMatching(/^[1-9]\d{9}$/), (payload) => {
      const full = withMod11_10(payload);
      expect(iso7064Mod11_10Valid(full)).toBe(true);
      const wrong = payload + String((Number(full.at(-1)) + 1) % 10);
      expect(iso7064Mod11_10Valid(wrong)).toBe(false);
    }));
  });

  it.each(['', '5', 'abcdefghijk'])('rejects %j', (s) => {
    expect(iso7064Mod11_10Valid(s)).toBe(false);
  });
});

describe('helpers', () => {
  it.each([
    ['123', true], ['', false], ['12 3', false], ['١٢٣', false],
  ])('isDigits(%j) = %s', (s, expected) => {
    expect(isDigits(s)).toBe(expected);
  });

  it('digitsOf keeps ASCII digits only', () => {
    expect(digitsOf('+1 (555) 010-9999 x12')).toBe('15550109999' + '12');
  });

  it('weightedSum applies weights positionally', () => {
    expect(weightedSum('1234', [1, 3, 7, 9], 10)).toBe((1 + 6 + 21 + 36) % 10);
  });

  it.each([
    [2024, 2, 29, true], [2023, 2, 29, false], [1900, 2, 29, false], [2000, 2, 29, true],
    [2021, 4, 31, false], [2021, 12, 31, true], [2021, 13, 1, false], [2021, 1, 0, false],
  ])('isValidDate(%i, %i, %i) = %s', (y, m, d, expected) => {
    expect(isValidDate(y, m, d)).toBe(expected);
  });
});
