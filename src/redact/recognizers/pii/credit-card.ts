// Payment card numbers (PAN): 12-19 digits, plain or grouped with single spaces or dashes.
// The pattern deliberately over-captures (up to 20 digits) so a card-shaped prefix of a longer
// digit run is seen whole and rejected, instead of a card being "found" inside an account number.
// Validation: consistent grouping, issuer range with that issuer's lengths, and Luhn.
import type { Recognizer } from '../../types.js';
import { digitsOf, luhnValid } from './checksums.js';
import { LITERAL_ESCAPE } from './literal-escape.js';

interface Issuer { readonly name: string; readonly lengths: readonly number[]; readonly ranges: readonly (readonly [number, number])[] }

// Ranges are on the leading digits (compared at the width of the bounds). Sources: the issuers'
// public BIN tables (ISO/IEC 7812 IIN ranges as summarised by the card networks).
const ISSUERS: readonly Issuer[] = [
  { name: 'visa', lengths: [13, 16, 19], ranges: [[4, 4]] },
  { name: 'mastercard', lengths: [16], ranges: [[51, 55], [2221, 2720]] },
  { name: 'amex', lengths: [15], ranges: [[34, 34], [37, 37]] },
  { name: 'discover', lengths: [16, 17, 18, 19], ranges: [[6011, 6011], [644, 649], [65, 65], [622126, 622925]] },
  { name: 'diners', lengths: [14, 15, 16, 17, 18, 19], ranges: [[300, 305], [3095, 3095], [36, 36], [38, 39]] },
  // JCB's assigned block is 3528-3589; the rest of 35xx is accepted too (ISO 7812 major industry
  // 3, travel and entertainment), since generators and test data use it and Luhn still applies.
  { name: 'jcb', lengths: [16, 17, 18, 19], ranges: [[35, 35]] },
  // Legacy 15-digit JCB ranges, still produced by generators and old cards.
  { name: 'jcb15', lengths: [15], ranges: [[1800, 1800], [2131, 2131]] },
  { name: 'unionpay', lengths: [16, 17, 18, 19], ranges: [[62, 62], [81, 81]] },
  { name: 'maestro', lengths: [12, 13, 14, 15, 16, 17, 18, 19], ranges: [[50, 50], [56, 69]] },
  { name: 'mir', lengths: [16, 17, 18, 19], ranges: [[2200, 2204]] },
  { name: 'rupay', lengths: [16], ranges: [[508, 508], [60, 60], [652, 653]] },
];

/** The issuer whose range and length fit the digits, if any. */
export function cardIssuer(digits: string): string | undefined {
  for (const issuer of ISSUERS) {
    if (!issuer.lengths.includes(digits.length)) continue;
    for (const [lo, hi] of issuer.ranges) {
      const width = String(lo).length;
      const prefix = Number(digits.slice(0, width));
      if (prefix >= lo && prefix <= hi) return issuer.name;
    }
  }
  return undefined;
}

/**
 * Grouping seen in real text: plain digits, or groups separated by one kind of separator where
 * every group but the last has 4 digits (4-4-4-4, 4-4-4-4-3, 4-4-4-1..4) or the 4-6-5 / 4-6-4
 * layout of Amex and Diners.
 */
export function cardGroupingOk(value: string): boolean {
  const hasSpace = value.includes(' ');
  const hasDash = value.includes('-');
  if (!hasSpace && !hasDash) return true;
  if (hasSpace && hasDash) return false;
  const groups = value.split(hasSpace ? ' ' : '-').map((g) => g.length);
  if (groups.length === 3 && groups[0] === 4 && groups[1] === 6 && (groups[2] === 5 || groups[2] === 4)) return true;
  const last = groups[groups.length - 1] as number;
  return groups.length >= 3 && groups.slice(0, -1).every((g) => g === 4) && last >= 1 && last <= 4;
}

export function creditCardValid(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length < 12 || digits.length > 19) return false;
  if (!cardGroupingOk(value)) return false;
  // Degenerate runs (one repeated digit) pass Luhn for some lengths but are placeholders, never cards.
  if (digits.split('').every((d) => d === digits[0])) return false;
  return cardIssuer(digits) !== undefined && luhnValid(digits);
}

/**
 * 12- and 13-digit numbers are mostly not cards: EAN-13 barcodes, tracking and order numbers
 * pass Luhn and an issuer prefix often enough. Short PANs (Maestro, old 13-digit Visa) are
 * therefore reported only next to a card word, by their own recognizer.
 */
const SHORT_PAN = 13;
const digitCount = (value: string) => digitsOf(value).length;

const CARD_CONTEXT = [
  'card', 'credit', 'debit', 'visa', 'mastercard', 'maestro', 'amex', 'american express', 'discover', 'diners', 'jcb',
  'unionpay', 'cc ', 'cc#', 'cc:', 'payment', 'expir', 'cvv', 'cvc',
];

// Up to 20 digits: one more than any card, so a longer run is captured whole and rejected. The
// character before is consumed (group 1 is the number) so that a '+' can exclude it:
// +4915112345678 is a phone number even when its digits happen to pass Luhn. A literal escape before
// the number counts as a separator (literal-escape.ts).
const PAN_PATTERN = `(?:^|${LITERAL_ESCAPE}|[^0-9A-Za-z_+])(\\d(?:[ -]?\\d){11,19})\\b`;

export const CREDIT_CARD_RECOGNIZERS: readonly Recognizer[] = [
  {
    id: 'credit_card',
    entity: 'CREDIT_CARD',
    kind: 'pii',
    pattern: PAN_PATTERN,
    group: 1,
    maxLength: 20 + 19,
    confidence: 0.85,
    validate: (value) => digitCount(value) > SHORT_PAN && creditCardValid(value),
    context: CARD_CONTEXT,
  },
  {
    id: 'credit_card_short',
    entity: 'CREDIT_CARD',
    kind: 'pii',
    pattern: PAN_PATTERN,
    group: 1,
    maxLength: 20 + 19,
    confidence: 0.7,
    validate: (value) => digitCount(value) <= SHORT_PAN && creditCardValid(value),
    context: CARD_CONTEXT,
    requireContext: true,
    // The context word is required, so it doubles as the keyword that lets text without one skip.
    keywords: CARD_CONTEXT,
  },
];
