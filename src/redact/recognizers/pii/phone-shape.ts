// Structural reading of a phone-number candidate, before libphonenumber-js is asked: which digit
// groups, separators and extension it has, and whether it is really a date, an SSN, an IPv4
// address or a year range. These shapes share the phone pattern's
// alphabet (digits, spaces, dots, dashes), so they are rejected here on their structure.

export interface PhoneShape {
  /** The number's digits without the extension. */
  readonly digits: string;
  /** Digit-group lengths in order (parenthesised groups included). */
  readonly groups: readonly number[];
  readonly groupValues: readonly string[];
  /** Separator characters used between groups (space, '.', '-', parentheses). */
  readonly separators: string;
  readonly hasParens: boolean;
  /** Extension digits ('' when none). */
  readonly extension: string;
  readonly balancedParens: boolean;
  /** Begins with '+' (or '(+', as in "(+358) 40 ..."). */
  readonly plus: boolean;
  /**
   * International dialling prefix it begins with: '00' (most of the world) or '011' (from North
   * America; also how Delhi landlines start, so national validation still tries those).
   */
  readonly idd: '' | '00' | '011';
}

const EXT_MARKERS = ['extension', 'ext', 'x', '#'];
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

function trimEndSeparators(s: string): string {
  let end = s.length;
  while (end > 0 && ' ,'.includes(s[end - 1] as string)) end--;
  return s.slice(0, end);
}

/** Splits off a trailing extension (`x123`, `ext. 123`, `, extension 123`, `#123`). */
function splitExtension(value: string): [string, string] {
  let i = value.length;
  while (i > 0 && isDigit(value[i - 1])) i--;
  const tailStart = i;
  if (tailStart === value.length) return [value, ''];
  while (i > 0 && ' .:'.includes(value[i - 1] as string)) i--;
  const before = value.slice(Math.max(0, i - 9), i).toLowerCase();
  for (const marker of EXT_MARKERS) {
    if (before.endsWith(marker)) return [trimEndSeparators(value.slice(0, i - marker.length)), value.slice(tailStart)];
  }
  return [value, ''];
}

export function readPhone(value: string): PhoneShape {
  const [number, extension] = splitExtension(value);
  const groupValues: string[] = [];
  let separators = '';
  let current = '';
  let open = 0;
  let close = 0;
  for (const ch of number) {
    if (isDigit(ch)) { current += ch; continue; }
    if (current) { groupValues.push(current); current = ''; }
    if (ch === '(') open++;
    else if (ch === ')') close++;
    if (ch !== '+' && !separators.includes(ch)) separators += ch;
  }
  if (current) groupValues.push(current);
  const trimmed = number.trimStart();
  const digits = groupValues.join('');
  const plus = trimmed.startsWith('+') || trimmed.startsWith('(+');
  const idd = plus || trimmed.startsWith('(') ? '' : digits.startsWith('00') ? '00' : digits.startsWith('011') ? '011' : '';
  return {
    digits,
    groups: groupValues.map((g) => g.length),
    groupValues,
    separators,
    hasParens: open > 0,
    balancedParens: open === close && open <= 2,
    extension,
    plus,
    idd,
  };
}

const isYear = (g: string | undefined) => g !== undefined && g.length === 4 && (g.startsWith('19') || g.startsWith('20'));
const upTo = (g: string | undefined, max: number) => g !== undefined && g.length <= 2 && Number(g) >= 1 && Number(g) <= max;

/**
 * yyyy-mm-dd[ hh], dd.mm.yyyy, mm-dd-yyyy, yyyymmdd and year ranges (1990-2000): dates, not
 * numbers to call.
 */
export function looksLikeDate(s: PhoneShape): boolean {
  const g = s.groupValues;
  if (isYear(g[0]) && upTo(g[1], 12) && upTo(g[2], 31)) return true;
  const compact = g.length === 1 ? (g[0] as string) : '';
  if (compact.length === 8 && isYear(compact.slice(0, 4)) && upTo(compact.slice(4, 6), 12) && upTo(compact.slice(6), 31)) return true;
  if (upTo(g[0], 31) && upTo(g[1], 31) && isYear(g[2])) return true;
  return g.length === 2 && isYear(g[0]) && isYear(g[1]);
}

/** Shapes owned by other recognizers or that are never phone numbers. */
export function rejectedShape(s: PhoneShape, value: string): boolean {
  if (!s.balancedParens || looksLikeDate(s)) return true;
  const g = s.groups;
  // US SSN layout (3-2-4 with dashes or spaces) is reported by the SSN recognizer, not as a phone.
  if (g.length === 3 && g[0] === 3 && g[1] === 2 && g[2] === 4 && !s.hasParens) return true;
  // Dotted quad: an IPv4 address or a version string.
  if (g.length === 4 && s.separators === '.' && g.every((n) => n <= 3)) return true;
  // Card layout (4-4-4-4...).
  if (g.length >= 4 && g.slice(0, 4).every((n) => n === 4) && s.digits.length >= 13) return true;
  // Two groups split by a dot, one of them short, is a decimal number (3.14159265; while
  // 2612.6537 is a Brazilian-style phone layout); a year, a dash and a serial is
  // a ticket or invoice number (2024-000123).
  if (g.length === 2 && s.separators === '.' && Math.min(g[0] as number, g[1] as number) < 3) return true;
  if (g.length === 2 && s.separators === '-' && isYear(s.groupValues[0])) return true;
  // ISBN layout: dash-separated, a one-digit registration group first (0-15-060047-X), unless it
  // is the North American 1-NXX-NXX-XXXX.
  const nanpWithOne = g.length === 4 && g[1] === 3 && g[2] === 3 && g[3] === 4;
  if (s.separators === '-' && g[0] === 1 && g.length >= 3 && !nanpWithOne) return true;
  // Dots mixed with other separators (0.10-0.25-0.50, 0.5 0.25): lists of decimals.
  if (s.separators.includes('.') && (s.separators.includes(' ') || s.separators.includes('-') || s.separators.includes('/'))) return true;
  // Pairs of digits are a phone layout up to five pairs (01 23 45 67 89); six or more are a list
  // (lottery draws, table rows).
  if (g.length > 5 && g.every((n) => n === 2)) return true;
  // More than six groups, or nothing but single digits (1.2.3.4.5): enumerations, not numbers.
  if (g.length > 6 || g.every((n) => n === 1)) return true;
  return value.includes('..') || value.includes('--');
}
