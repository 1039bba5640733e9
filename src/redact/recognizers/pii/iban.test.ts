import { describe, expect, it } from 'vitest';
import { IBAN_LENGTHS, ibanValid } from './iban.js';
import { makeIban, rng } from './testing/generators.js';
import { valuesOf } from './testing/scan.js';

const next = rng(3);
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const randomBban = (n: number) => Array.from({ length: n }, () => ALNUM[Math.floor(next() * 36)]).join('');
const spaced = (iban: string) => iban.match(/.{1,4}/g)?.join(' ') ?? iban;
const ibans = (text: string) => valuesOf(text, 'IBAN_CODE');

describe('IBAN_CODE end to end', () => {
  it.each(Object.entries(IBAN_LENGTHS))('%s (%i chars): compact, grouped and lower case', (country, length) => {
    const iban = makeIban(country, randomBban(length - 4));
    expect(ibans(`IBAN ${iban}.`)).toEqual([iban]);
    expect(ibans(`IBAN: ${spaced(iban)} thanks`)).toEqual([spaced(iban)]);
    expect(ibans(iban.toLowerCase())).toEqual([iban.toLowerCase()]);
  });

  it.each([
    ['GB82 WEST 1234 5698 7654 32', 'GB82 WEST 1234 5698 7654 32'],
    ['DE89370400440532013000', 'DE89370400440532013000'],
    ['BE68 5390 0754 7034 THEN', 'BE68 5390 0754 7034'], // a following 4-letter word is not swallowed
    ['pay to FR14 2004 1010 0505 0001 3M02 606, ok', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['Dash as separator: AL47-2121-1009-0000-0002-3569-8741', 'AL47-2121-1009-0000-0002-3569-8741'],
    ['GB82-WEST-1234-5698-7654-32', 'GB82-WEST-1234-5698-7654-32'],
  ])('%j', (text, expected) => {
    expect(ibans(text)).toEqual([expected]);
  });

  it.each([
    ['check digits wrong', 'GB83 WEST 1234 5698 7654 32'],
    ['one character changed', 'GB82 WEST 1234 5698 7654 33'],
    ['wrong length for the country', 'GB82WEST123456987654'],
    ['unknown country', makeIban('QQ', '1234567890123456')],
    ['inside a longer token', 'XGB82WEST12345698765432'],
    ['followed by more characters', 'GB82WEST12345698765432X'],
    ['check digits 00', 'GB00WEST12345698765432'],
    ['dashed, one character changed', 'GB82-WEST-1234-5698-7654-33'],
  ])('rejects %s: %j', (_why, text) => {
    expect(ibans(text)).toEqual([]);
  });

  it('ibanValid ignores spaces and case', () => {
    expect(ibanValid('gb82 west 1234 5698 7654 32')).toBe(true);
  });
});
