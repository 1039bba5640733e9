import { describe, expect, it } from 'vitest';
import { readPhone, rejectedShape } from './phone-shape.js';
import { contextualPhoneShape, internationalPhoneValid, nationalPhoneValid } from './phone-validate.js';
import { scanPii, valuesOf } from './testing/scan.js';

const phones = (text: string) => valuesOf(text, 'PHONE_NUMBER');

describe('PHONE_NUMBER end to end', () => {
  it.each([
    // International: +CC, 00 and 011 dialling prefixes, "(0)" trunk notation, "(+CC)".
    ['Reach me on +44 20 7946 0958 today', '+44 20 7946 0958'],
    ['+1 (415) 555-2671', '+1 (415) 555-2671'],
    ['+33 1 23 45 67 89', '+33 1 23 45 67 89'],
    ['+91 98765 43210', '+91 98765 43210'],
    ['+46 (0)8 123 456 78', '+46 (0)8 123 456 78'],
    ['+4915112345678', '+4915112345678'],
    ['0044 20 7946 0958', '0044 20 7946 0958'],
    ['011 44 20 7946 0958', '011 44 20 7946 0958'],
    ['(+358) 40 123 4567', '(+358) 40 123 4567'],
    // National, no context: North American layout, trunk-0 numbers, parenthesised area codes.
    ['(212) 736-5000', '(212) 736-5000'],
    ['212-736-5000', '212-736-5000'],
    ['212.736.5000', '212.736.5000'],
    ['1-212-736-5000', '1-212-736-5000'],
    ['020 7946 0958', '020 7946 0958'],
    ['07700 900123', '07700 900123'],
    ['01 23 45 67 89', '01 23 45 67 89'],
    ['01.23.45.67.89', '01.23.45.67.89'],
    ['(02) 9876 5432', '(02) 9876 5432'],
    ['030 1234567', '030 1234567'],
    ['(11) 3456-7890', '(11) 3456-7890'],
    ['Delhi office 011-2345-6789', '011-2345-6789'],
    ['Berlin 030/1234567', '030/1234567'],
    // Extensions are part of the number.
    ['(617) 253-1000 x111', '(617) 253-1000 x111'],
    ['212-736-5000 ext. 42', '212-736-5000 ext. 42'],
    // Short or unmarked layouts next to a context word.
    ['call me at 555 1234', '555 1234'],
    ['Phone: 8241 5577', '8241 5577'],
    ['tel: 4155550123', '4155550123'],
    ['mobile 612 345 678', '612 345 678'],
    ['Tel. 06-1/555 1234', '06-1/555 1234'],
    ['You can call 41 27 83', '41 27 83'],
    ['stop sending messages to 733 1842', '733 1842'], // SMS
    ['no message came to my registered 592 0417', '592 0417'],
    // ... or followed by a label.
    ['512 70 446 office', '512 70 446'],
    ['73 26 44 fax', '73 26 44'],
    ['(42) 613-905-Office', '(42) 613-905'],
    ['555-1234 (home)', '555-1234'],
    // After a literal escape of text pasted from JSON or a log, whose letter touches the digits.
    ['Phone:\\n778-238-3036\\n\\nE-mail', '778-238-3036'],
    ['Fax:\\t46-8275895', '46-8275895'],
    ['Suite 559\\n9380 6377 office', '9380 6377'],
    ['mobile\\r\\n(07700) 154728', '(07700) 154728'],
  ])('%j -> %j', (text, expected) => {
    expect(phones(text)).toEqual([expected]);
  });

  it.each([
    ['in 2019 20 people came'],
    ['1 234 567 units'],
    ['2021-03-04'],
    ['1984-11-02 17:45:09'],
    ['04.03.2021'],
    ['born 12/03/1980'],
    ['v1.2.3.4'],
    ['10.0.0.1'],
    ['pages 100-120'],
    ['1990-2000'],
    ['Suite 714 52 3981 Maple Court'], // street numbers
    ['28416 3105 Elm St'],
    ['12345 Main Street'],
    ['zip 90210-1234'],
    ['order 123-4567'], // 7 digits, no context
    ['ref 0123 4567'], // trunk 0 but too short without context
    ['price 4 999 000'],
    ['12:30 555 1234'],
    ['+1 234'], // not a possible number
    ['+44 12'],
    ['2+2=4 and 3+5=8'],
    ['we reach 1 234 567 users'], // amount, even next to a context word
    ['call 12/03/2021'],
    ['call ticket 2024-000123'],
    ['mobile app build 20240506'],
    ['answer: 3.14159265'],
    ['the phone costs 1 299 euros'],
    ['call option strike 105.50 expiring 2025-01-17'],
    ['phone model X sold 4881525 units'], // a bare run needs 8+ digits
    ['ISBN 0-15-060047-X'],
    ['ticks 0 10 20 30 40 50'],
    ['rates 0.10-0.25-0.50'],
    ['lottery 03 11 17 23 34 45'],
    ['x = [0.12 0.34 0.56 0.78]'],
  ])('no phone in %j', (text) => {
    expect(phones(text)).toEqual([]);
  });

  it('does not report a phone inside an SSN, a card or an IBAN', () => {
    const text = 'SSN 427-81-5906, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32';
    expect(phones(text)).toEqual([]);
    expect(scanPii(text).map((f) => f.entity)).toEqual(['US_SSN', 'CREDIT_CARD', 'IBAN_CODE']);
  });

  it('keeps separate numbers apart', () => {
    expect(phones('Phone: 212-736-5000, fax: 212-736-5001')).toEqual(['212-736-5000', '212-736-5001']);
    expect(phones('512 70 446 office\n+46 (0)8 123 456 78 fax\n+1-617-253-1000')).toEqual(['512 70 446', '+46 (0)8 123 456 78', '+1-617-253-1000']);
  });

  it('does not match inside a longer digit run or word', () => {
    expect(phones('id 12127365000123456789')).toEqual([]);
    expect(phones('abc212-736-5000')).toEqual([]);
    expect(phones('born212-736-5000')).toEqual([]); // an n is an escape only after a backslash
    expect(phones('call 1.2.3.4.5.6.7')).toEqual([]);
  });
});

describe('phone validators', () => {
  it.each([
    ['+44 20 7946 0958', true], ['001-617-253-1000', true], ['+1-023-456-7890x123', true],
    ['+1 555', false], ['+999 1234 5678', false], ['+44 20 7946 0958 1234 5678', false],
  ])('internationalPhoneValid(%j) = %s', (value, expected) => {
    expect(internationalPhoneValid(value)).toBe(expected);
  });

  it.each([
    ['617-253-1000', true], ['(212) 736-5000', true], ['020 7946 0958', true], ['01 23 45 67 89', true],
    ['123-456-7890', false], // NANP area codes never start with 1
    ['04172 3859', false], // two spaced groups need 10+ digits
    ['427-81-5906', false], // SSN layout
    ['2021-03-04', false],
  ])('nationalPhoneValid(%j) = %s', (value, expected) => {
    expect(nationalPhoneValid(value)).toBe(expected);
  });

  it.each([
    ['555 1234', true], ['4155550123', true], ['41 27 83', true],
    ['12 345', false], ['123456', false], ['1234567890123', false], ['(12 345-678', false],
  ])('contextualPhoneShape(%j) = %s', (value, expected) => {
    expect(contextualPhoneShape(value)).toBe(expected);
  });

  it('reads groups, separators and extensions', () => {
    const s = readPhone('(617) 253-1000 ext. 111');
    expect(s).toMatchObject({ digits: '6172531000', groups: [3, 3, 4], extension: '111', hasParens: true, plus: false, idd: '' });
    expect(readPhone('0044 20 7946 0958').idd).toBe('00');
    expect(rejectedShape(readPhone('192.168.10.1'), '192.168.10.1')).toBe(true);
  });
});
