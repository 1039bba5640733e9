// IBAN: country code, two check digits, country-specific BBAN. The pattern is generated from
// the length table so each country matches exactly its own length, grouped in fours with single
// spaces (or dashes, as some forms print them) or not at all; a fixed length keeps a following word ("BE68 5390 0754 7034 THEN") out of
// the match. Validation: known country, exact length, check digits 02..98 and ISO 7064 mod 97 = 1.
import type { Recognizer } from '../../types.js';
import { ibanMod97 } from './checksums.js';
import { WORD_START } from './literal-escape.js';

/** SWIFT IBAN registry: total IBAN length per country. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Strips spaces and upper-cases, then checks country length, check-digit range and mod 97. */
export function ibanValid(value: string): boolean {
  const iban = value.replaceAll(' ', '').replaceAll('-', '').toUpperCase();
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected === undefined || iban.length !== expected) return false;
  const check = Number(iban.slice(2, 4));
  if (!(check >= 2 && check <= 98)) return false;
  return ibanMod97(iban) === 1;
}

/** One alternative per length: `(?:GB|DE|...)\d{2}` then the BBAN in fours, optionally spaced or dashed. */
function ibanPattern(): string {
  const byLength = new Map<number, string[]>();
  for (const [cc, len] of Object.entries(IBAN_LENGTHS)) byLength.set(len, [...(byLength.get(len) ?? []), cc]);
  const alternatives = [...byLength.entries()].sort((a, b) => b[0] - a[0]).map(([len, ccs]) => {
    const bban = len - 4;
    const fours = Math.floor(bban / 4);
    const rest = bban % 4;
    return `(?:${ccs.join('|')})\\d{2}(?:[ -]?[A-Z0-9]{4}){${fours}}${rest ? `(?:[ -]?[A-Z0-9]{${rest}})` : ''}`;
  });
  // The character before is consumed (group 1 is the IBAN) so that a literal escape counts as a boundary.
  return `${WORD_START}((?:${alternatives.join('|')}))\\b`;
}

const MAX_IBAN = 34;

export const IBAN_RECOGNIZERS: readonly Recognizer[] = [
  {
    id: 'iban',
    entity: 'IBAN_CODE',
    kind: 'pii',
    pattern: ibanPattern(),
    group: 1,
    caseInsensitive: true,
    maxLength: MAX_IBAN + Math.ceil(MAX_IBAN / 4),
    confidence: 0.9,
    validate: ibanValid,
    context: ['iban', 'account', 'bank', 'transfer', 'konto', 'sepa', 'wire'],
  },
];
