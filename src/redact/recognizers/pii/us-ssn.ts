// US Social Security and Individual Taxpayer Identification Numbers: AAA-GG-SSSS. The two share a
// layout and are told apart by the area number: SSNs never start with 9, ITINs always do (with a
// group in the IRS-assigned ranges). Dashed (or dotted) runs over-capture neighbouring digit
// groups so `1-123-45-6789` or `123-45-6789-0` is seen whole and rejected.
import type { Recognizer } from '../../types.js';
import { digitsOf } from './checksums.js';
import { WORD_START } from './literal-escape.js';

// Numbers the SSA published as examples (pamphlets, a wallet insert): never a person's SSN.
const EXAMPLE_SSNS = new Set(['078051120', '219099999', '123456789']);

/** Area 001-899 except 666, group 01-99, serial 0001-9999; not a repeated digit or known example. */
export function ssnDigitsValid(d: string): boolean {
  if (d.length !== 9) return false;
  const area = Number(d.slice(0, 3));
  const group = Number(d.slice(3, 5));
  const serial = Number(d.slice(5));
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  if (d.split('').every((c) => c === d[0])) return false;
  return !EXAMPLE_SSNS.has(d);
}

/** ITIN: area 9xx, group 50-65, 70-88, 90-92 or 94-99. */
export function itinDigitsValid(d: string): boolean {
  if (d.length !== 9 || d[0] !== '9') return false;
  const group = Number(d.slice(3, 5));
  return (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
}

/** Exactly three groups 3-2-4 with one kind of separator (or none). */
function layoutOk(value: string): boolean {
  if (value.length === 9) return true;
  if (value.length !== 11) return false;
  const sep = value[3];
  return (sep === '-' || sep === ' ' || sep === '.') && value[6] === sep;
}

export const ssnValid = (value: string): boolean => layoutOk(value) && ssnDigitsValid(digitsOf(value));
export const itinValid = (value: string): boolean => layoutOk(value) && itinDigitsValid(digitsOf(value));

// Group 1 is the number; WORD_START (literal-escape.ts) lets a literal escape stand for the boundary.
const DASHED = `${WORD_START}((?:\\d{1,12}[.\\-])?\\d{3}[.\\-]\\d{2}[.\\-]\\d{4}(?:[.\\-]\\d{1,12})?)\\b`;
// Space-separated 3-2-4 also occurs in addresses and tables ("Suite 680 36 4022"), and nine bare
// digits are anything (order numbers, ids): both only next to a context word.
const SPACED_OR_BARE = `${WORD_START}(\\d{3}(?: \\d{2} \\d{4}|\\d{6}))\\b`;

const SSN_CONTEXT = ['ssn', 'social security', 'social sec', 'ss#', 'ss #', 'soc sec'];
const ITIN_CONTEXT = ['itin', 'taxpayer', 'tax id', 'tin:', 'tin#', 'tin no', 'tin number'];

function variants(entity: string, idPrefix: string, validate: (v: string) => boolean, context: readonly string[]): Recognizer[] {
  const base = { entity, kind: 'pii' as const, validate, context, group: 1 };
  return [
    { ...base, id: `${idPrefix}_dashed`, pattern: DASHED, confidence: 0.8, maxLength: 13 + 11 + 13 },
    // The context word is required, so it doubles as a keyword: text without one skips the pass
    // (the scanner looks for keywords in the match and in the context window before it).
    { ...base, id: `${idPrefix}_context`, pattern: SPACED_OR_BARE, confidence: 0.55, maxLength: 11, requireContext: true, keywords: context },
  ];
}

export const US_SSN_RECOGNIZERS: readonly Recognizer[] = [
  ...variants('US_SSN', 'us_ssn', ssnValid, SSN_CONTEXT),
  ...variants('US_ITIN', 'us_itin', itinValid, ITIN_CONTEXT),
];
