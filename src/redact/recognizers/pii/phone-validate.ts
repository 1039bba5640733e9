// Phone-number validation with libphonenumber-js (full metadata, so number types and lengths are
// checked, not just the country code). Results are memoised on the normalised digits: the same
// number tends to recur in a conversation, and parsing is the expensive part of phone detection.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { readPhone, rejectedShape, type PhoneShape } from './phone-shape.js';

/**
 * Regions whose national format starts with the trunk prefix 0, tried (most common first) for a
 * number written with a leading 0. "Valid as written" also requires the region's own national
 * format to have exactly the digits written, so a number missing its trunk 0 is not "valid in
 * France" merely because libphonenumber would add one.
 */
export const TRUNK_ZERO_REGIONS: readonly CountryCode[] = ['GB', 'DE', 'FR', 'IT', 'NL', 'BE', 'AU', 'IN', 'ZA', 'CH', 'AT', 'IE', 'SE', 'JP', 'NZ', 'CN', 'TR', 'KR'];
/** Regions tried for a parenthesised area code without a trunk 0, e.g. (11) 4706-6184. */
export const AREA_CODE_REGIONS: readonly CountryCode[] = ['US', 'BR', 'MX', 'AR', 'CO', 'ES', 'IT', 'PL', 'CN', 'JP'];

const CACHE_LIMIT = 2048;
const cache = new Map<string, boolean>();

function memo(key: string, compute: () => boolean): boolean {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const result = compute();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

/** `+CC ...`, `00 CC ...` or `011 CC ...`: a possible number for that country calling code. */
export function internationalPhoneValid(value: string): boolean {
  const s = readPhone(value);
  if (!s.balancedParens) return false;
  let digits = s.digits;
  if (!s.plus) {
    if (s.idd === '') return false;
    digits = digits.slice(s.idd.length);
  }
  // E.164 allows at most 15 digits including the country code; fewer than 8 is never a full number.
  if (digits.length < 8 || digits.length > 15) return false;
  return memo(`+${digits}`, () => {
    const parsed = parsePhoneNumberFromString(`+${digits}`);
    return parsed !== undefined && parsed.isPossible();
  });
}

function digitsOnly(s: string): string {
  let out = '';
  for (const ch of s) if (ch >= '0' && ch <= '9') out += ch;
  return out;
}

/** Valid in `region` and written with exactly the digits of that region's national format. */
export function validAsWritten(digits: string, region: CountryCode): boolean {
  const parsed = parsePhoneNumberFromString(digits, region);
  return parsed !== undefined && parsed.isValid() && digitsOnly(parsed.formatNational()) === digits;
}

function validAsWrittenIn(digits: string, regions: readonly CountryCode[]): boolean {
  return memo(`${regions[0] ?? ''}:${digits}`, () => regions.some((region) => validAsWritten(digits, region)));
}

/** North American layout: 3-3-4, optionally led by a 1, the area code optionally in parentheses. */
function nanpDigits(s: PhoneShape): string | undefined {
  const g = s.groups;
  if (s.digits.length === 10 && g.length === 3 && g[0] === 3 && g[1] === 3) return s.digits;
  if (s.digits.length === 11 && s.digits[0] === '1' && g.length === 4 && g[0] === 1 && g[1] === 3 && g[2] === 3) return s.digits.slice(1);
  return undefined;
}

/**
 * A nationally written number trusted without any context word. It must carry a marker that
 * only phone numbers have, and be valid as written:
 *  - North American 3-3-4 layout, valid in the NANP (US, CA and the Caribbean);
 *  - a leading trunk 0 (9-12 digits; 10+ when it is just two space-separated groups, which is
 *    also how street numbers are written), valid in a region that dials with trunk 0;
 *  - a parenthesised area code, valid in a region that writes one.
 * Everything else (7-digit locals, 8-digit plans without a trunk prefix, ...) needs a context
 * word or label: see contextualPhoneShape.
 */
export function nationalPhoneValid(value: string): boolean {
  const s = readPhone(value);
  if (s.plus || s.idd === '00' || rejectedShape(s, value) || s.groups.length < 2) return false;
  const n = s.digits.length;
  const nanp = nanpDigits(s);
  if (nanp !== undefined && memo(`nanp:${nanp}`, () => parsePhoneNumberFromString(nanp, 'US')?.isValid() === true)) return true;
  // A trunk prefix opens an area code ("020", "0490"), never stands alone ("0 10 20 30 40").
  if (s.digits[0] === '0' && (s.groups[0] as number) >= 2) {
    const twoSpacedGroups = s.groups.length === 2 && !s.hasParens && s.separators === ' ';
    if (n < (twoSpacedGroups ? 10 : 9) || n > 12) return false;
    return validAsWrittenIn(s.digits, TRUNK_ZERO_REGIONS);
  }
  if (s.hasParens && n >= 8 && n <= 12) return validAsWrittenIn(s.digits, AREA_CODE_REGIONS);
  return false;
}

/**
 * Phone-shaped, for use only next to a phone context word or label: 6-13 digits in plausible
 * groups, or 8-12 bare digits. No libphonenumber call, because the scanner validates before it checks context and
 * this runs on every number-like run in the text.
 */
export function contextualPhoneShape(value: string, minGrouped = 7): boolean {
  const s = readPhone(value);
  // A leading 00 is kept here: next to a context word it is a number even when it does not
  // parse as an international one (some national plans and many generators write it so).
  if (s.plus || rejectedShape(s, value)) return false;
  const n = s.digits.length;
  // A bare run needs 8+ digits: 7-digit counts and ids are everywhere ("sold 4881525 units").
  if (s.groups.length === 1) return n >= 8 && n <= 12;
  // One digit then groups of three (1 234 567, 2.500.000): a thousands-grouped amount.
  if (s.groups[0] === 1 && s.groups.slice(1).every((g) => g === 3)) return false;
  // Six digits only as three or more groups (33 93 31): short numbering plans write them so.
  return n >= (s.groups.length >= 3 ? Math.min(6, minGrouped) : minGrouped) && n <= 13;
}
