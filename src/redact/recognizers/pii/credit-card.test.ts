import { describe, expect, it } from 'vitest';
import { cardGroupingOk, cardIssuer, creditCardValid } from './credit-card.js';
import { randomDigits, rng, withLuhn } from './testing/generators.js';
import { valuesOf } from './testing/scan.js';

const next = rng(42);
const card = (prefix: string, length: number) => withLuhn(prefix + randomDigits(next, length - prefix.length - 1));
const cards = (text: string) => valuesOf(text, 'CREDIT_CARD');
const group4 = (d: string, sep: string) => d.match(/.{1,4}/g)?.join(sep) ?? d;

const ISSUER_CASES: readonly [string, string, number][] = [
  ['visa', '4', 16], ['visa', '4', 13], ['visa', '4', 19],
  ['mastercard', '51', 16], ['mastercard', '55', 16], ['mastercard', '2221', 16], ['mastercard', '2720', 16],
  ['amex', '34', 15], ['amex', '37', 15],
  ['discover', '6011', 16], ['discover', '644', 16], ['discover', '65', 16],
  ['diners', '300', 14], ['diners', '36', 14], ['diners', '38', 16],
  ['jcb', '3528', 16], ['jcb', '3589', 16], ['jcb15', '2131', 15], ['jcb15', '1800', 15],
  ['unionpay', '62', 16], ['unionpay', '62', 19],
  ['maestro', '6759', 12], ['maestro', '5018', 16], ['maestro', '6304', 19],
  ['mir', '2200', 16],
];

describe('CREDIT_CARD end to end', () => {
  it.each(ISSUER_CASES)('%s %s… (%i digits): plain, spaced and dashed', (_issuer, prefix, length) => {
    const number = card(prefix, length);
    expect(cards(`card ${number} please`)).toEqual([number]);
    expect(cards(`card: ${group4(number, ' ')}.`)).toEqual([group4(number, ' ')]);
    expect(cards(`visa (${group4(number, '-')})`)).toEqual([group4(number, '-')]);
    // Without a card word only 14+ digit numbers count: 12-13 digits are mostly barcodes and ids.
    expect(cards(`ref ${number}`)).toEqual(length > 13 ? [number] : []);
  });

  it.each([
    ['Amex 4-6-5', '3782 822463 10005'],
    ['Diners 4-6-4', '3056 930902 5904'],
  ])('%s layout', (_name, value) => {
    expect(cards(`pay with ${value}`)).toEqual([value]);
  });

  it.each([
    ['Luhn failure', '4111 1111 1111 1112'],
    ['unknown issuer (9...)', withLuhn('912345678901234')],
    ['Amex prefix at 16 digits', withLuhn('341234567890123')],
    ['mastercard prefix at 15 digits', withLuhn('51234567890123')],
    ['mixed separators', '4111-1111 1111 1111'],
    ['odd grouping', '41 1111 1111 111 111'],
    ['repeated digit', '0000 0000 0000 0000'],
    ['inside a longer digit run', `99${withLuhn('411111111111111')}99`],
    ['followed by more groups', '4111 1111 1111 1111 2222'],
    ['after a plus sign (phone)', '+4915112345678'],
    ['inside a word', `ref${withLuhn('411111111111111')}`],
    ['EAN-13 barcode, no card word', 'ean 4922822283637'],
    ['12-digit tracking number', 'tracking 653035002258'],
  ])('rejects %s: %j', (_why, text) => {
    expect(cards(text)).toEqual([]);
  });
});

describe('card helpers', () => {
  it.each([
    ['4111111111111111', 'visa'], ['5500000000000004', 'mastercard'], ['2720990000000007', 'mastercard'],
    ['371449635398431', 'amex'], ['6011111111111117', 'discover'], ['3530111333300000', 'jcb'],
    ['30569309025904', 'diners'], ['6759649826438453', 'maestro'], ['9111111111111111', undefined],
  ])('cardIssuer(%s) = %s', (digits, issuer) => {
    expect(cardIssuer(digits)).toBe(issuer);
  });

  it.each([
    ['4111111111111111', true], ['4111 1111 1111 1111', true], ['4111-1111-1111-1111', true], ['3782 822463 10005', true],
    ['4111 1111-1111 1111', false], ['41111 111 1111 1111', false],
  ])('cardGroupingOk(%j) = %s', (value, expected) => {
    expect(cardGroupingOk(value)).toBe(expected);
  });

  it('validates the public test numbers of the networks', () => {
    for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '3566002020360505', '6200000000000005']) {
      expect(creditCardValid(n)).toBe(true);
    }
  });
});
