import { describe, expect, it } from 'vitest';
import { itinDigitsValid, ssnDigitsValid } from './us-ssn.js';
import { scanPii } from './testing/scan.js';

const of = (text: string, entity: string) => scanPii(text).filter((f) => f.entity === entity).map((f) => f.value);

describe('US_SSN end to end', () => {
  it.each([
    ['Here is 427-81-5906.', '427-81-5906'],
    ['ssn 001-01-0001', '001-01-0001'],
    ['899-99-9999', '899-99-9999'],
    ['SSN: 427 81 5906', '427 81 5906'], // spaced: with context
    ['social security number 427815906', '427815906'], // bare: with context
    ['536.32.3065', '536.32.3065'],
  ])('%j -> %j', (text, expected) => {
    expect(of(text, 'US_SSN')).toEqual([expected]);
  });

  it.each([
    ['area 000', '000-12-3456'], ['area 666', '666-12-3456'], ['area 9xx', '900-12-3456'],
    ['group 00', '427-00-5906'], ['serial 0000', '427-81-0000'],
    ['repeated digit', '111-11-1111'], ['published example', '078-05-1120'], ['sequence', '123-45-6789'],
    ['spaced without context', 'Suite 427 81 5906 Oak Lane'],
    ['bare without context', 'order 427815906'],
    ['longer dashed run (before)', '1-427-81-5906'],
    ['longer dashed run (after)', '427-81-5906-7'],
    ['inside digits', '9427-81-59061'],
    ['mixed separators', '427-81 5906'],
  ])('rejects %s: %j', (_why, text) => {
    expect(of(text, 'US_SSN')).toEqual([]);
  });
});

describe('US_ITIN end to end', () => {
  it.each([
    ['912-70-1234', '912-70-1234'], ['900-50-0001', '900-50-0001'], ['999-99-9999', '999-99-9999'],
    ['ITIN 912 94 1234', '912 94 1234'], ['itin: 912901234', '912901234'],
  ])('%j -> %j', (text, expected) => {
    expect(of(text, 'US_ITIN')).toEqual([expected]);
    expect(of(text, 'US_SSN')).toEqual([]);
  });

  it.each(['912-49-1234', '912-66-1234', '912-89-1234', '912-93-1234', '812-70-1234'])('rejects %j (group or area out of range)', (text) => {
    expect(of(text, 'US_ITIN')).toEqual([]);
  });

  it('range helpers', () => {
    expect(ssnDigitsValid('427815906')).toBe(true);
    expect(itinDigitsValid('912701234')).toBe(true);
    expect(itinDigitsValid('427815906')).toBe(false);
  });
});
