// Shared building blocks for the secret recognizers: a factory that fills the common fields, and
// the validators that turn "matches the shape" into "looks like a real credential". Every check
// here is plain string code (no JS regex): the scanner has already done the RE2 matching.
import type { Recognizer } from '../../types.js';

/** Fields a family module must give; the rest default here so each format stays one short entry. */
export interface SecretSpec {
  readonly id: string;
  readonly entity: string;
  readonly pattern: string;
  readonly keywords?: readonly string[];
  readonly group?: number;
  readonly maxLength?: number;
  readonly confidence?: number;
  readonly validate?: (value: string) => boolean;
  readonly context?: readonly string[];
  readonly requireContext?: boolean;
  readonly contextWindow?: number;
  readonly contextAfter?: number;
  readonly caseInsensitive?: boolean;
  readonly gate?: string;
}

/**
 * Fills kind, confidence and maxLength. RE2 caps a counted repetition at 1000, so long formats
 * (JWTs, PEM blocks) use an open-ended `{n,}`; the validator wrapper below refuses any value longer
 * than maxLength, which keeps maxLength a true bound for the streaming redactor's hold-back.
 */
export function secret(spec: SecretSpec): Recognizer {
  // Provider tokens are short; a longer bound only makes the streaming redactor hold back more.
  const maxLength = spec.maxLength ?? 256;
  const check = spec.validate;
  return {
    kind: 'secret',
    confidence: 0.9,
    ...spec,
    maxLength,
    validate: check ? (v) => v.length <= maxLength && check(v) : (v) => v.length <= maxLength,
  };
}

// ---------------------------------------------------------------------------------------------
// Character statistics

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = s.length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

export interface CharClasses {
  readonly lower: number;
  readonly upper: number;
  readonly digit: number;
  /** Anything else except the separators `-`, `_`, `.` that identifiers and slugs use anyway. */
  readonly symbol: number;
}

export function charClasses(s: string): CharClasses {
  let lower = 0, upper = 0, digit = 0, symbol = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c >= 48 && c <= 57) digit++;
    else if (c !== 45 && c !== 95 && c !== 46) symbol++;
  }
  return { lower, upper, digit, symbol };
}

/** Number of the four classes (lower, upper, digit, symbol) present. */
export function classCount(s: string): number {
  const c = charClasses(s);
  return (c.lower > 0 ? 1 : 0) + (c.upper > 0 ? 1 : 0) + (c.digit > 0 ? 1 : 0) + (c.symbol > 0 ? 1 : 0);
}

export function distinctChars(s: string): number {
  return new Set(s).size;
}

/** Longest run of one repeated character ("aaaa" -> 4). */
export function longestRun(s: string): number {
  let best = s.length > 0 ? 1 : 0, cur = 1;
  for (let i = 1; i < s.length; i++) {
    cur = s[i] === s[i - 1] ? cur + 1 : 1;
    if (cur > best) best = cur;
  }
  return best;
}

/** Longest run of consecutive code points, up or down ("abcdef", "98765"): keyboard filler. */
export function longestSequence(s: string): number {
  let best = s.length > 0 ? 1 : 0, up = 1, down = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    best = Math.max(best, up, down);
  }
  return best;
}

export function isHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return s.length > 0;
}

export function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/**
 * Letters-only strings that read as camelCase or snake_case words ("requiredCharacteristicTypes")
 * rather than random text: random mixed-case text has an upper-case share near one half, words far
 * less, and words never have single-letter lower-case islands between capitals.
 */
export function looksLikeWords(s: string): boolean {
  const c = charClasses(s);
  const letters = c.lower + c.upper;
  if (letters === 0 || letters < s.length * 0.85) return false;
  const upperShare = c.upper / letters;
  if (upperShare < 0.2 || upperShare > 0.97) return letters < 16 || pronounceable(s);
  // PascalCase with acronyms ("BetaManagedAgentsMCPOAuthResponse"): long lower-case runs. In random
  // mixed-case text a lower-case run averages under two letters.
  let runs = 0, inRun = 0, total = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 97 && ch <= 122) inRun++;
    else if (inRun > 0) { runs++; total += inRun; inRun = 0; }
  }
  if (inRun > 0) { runs++; total += inRun; }
  return runs >= 2 && total / runs >= 3.5;
}

/**
 * Single-case letters that could be read aloud: words have vowels on about every third letter and no
 * long consonant clusters; random lower-case text (base32/base36 tokens) has a vowel share near 0.19
 * and, over a few dozen letters, a run of six or more consonants almost surely. Digits and separators
 * end a run.
 */
export function pronounceable(s: string): boolean {
  let vowels = 0, letters = 0, run = 0, longest = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i) | 0x20;
    if (ch < 97 || ch > 122) { run = 0; continue; }
    letters++;
    if (ch === 97 || ch === 101 || ch === 105 || ch === 111 || ch === 117) { vowels++; run = 0; } else if (++run > longest) longest = run;
  }
  return vowels >= letters * 0.25 && longest <= 5;
}

// ---------------------------------------------------------------------------------------------
// Placeholders and templates

const FILLER_WORDS = [
  'example', 'sample', 'placeholder', 'changeme', 'change_me', 'change-me', 'redacted', 'dummy',
  'insert', 'your_', 'your-', 'yourkey', 'yourtoken', 'yoursecret', 'yourpassword', 'replace',
  'xxxx', '****', '####', '....', '••••', 'todo', 'fixme',
];

/**
 * The random part of a provider token is filler rather than a credential: documentation masks
 * (`xxxx`, `****`), repeated or counting characters (`aaaa…`, `abcdef…`, `123456…`), or words such
 * as "example". Real tokens are uniformly random, so none of these occur by chance at this length.
 */
export function isFillerToken(body: string): boolean {
  if (body.length === 0) return true;
  const lower = body.toLowerCase();
  if (FILLER_WORDS.some((w) => lower.includes(w))) return true;
  if (longestRun(body) >= 6) return true;
  if (longestSequence(lower) >= 6) return true;
  const need = Math.min(8, Math.ceil(body.length / 4));
  return distinctChars(body) < need;
}

/**
 * Placeholder policy for formats whose shape alone is distinctive (a provider prefix and a fixed
 * alphabet, as detect-secrets' AWS, Artifactory and Twilio detectors define them): a value of such a
 * shape is reported even when its random part is fill (`AKIA` + sixteen `Z`, `AP6` + ten `x`), since
 * masking a placeholder in a prompt costs nothing and a real key typed by hand or half-hidden looks
 * the same. Refused are only values that say they are not a credential: one already masked the way
 * consoles and documentation print masked keys (a run of upper-case `X`, or of `*`, `#`, `•`) and
 * documentation words (`EXAMPLE`, `sample`, `your_key`, ...). Lower-case `x` fill is not a mask
 * here: it is how format descriptions write "any character" (`ACxxxx...`).
 */
export function isMaskedOrDocumented(body: string): boolean {
  if (body.includes('XXXX')) return true;
  const lower = body.toLowerCase();
  return FILLER_WORDS.some((w) => w !== 'xxxx' && lower.includes(w));
}

/**
 * Letters that read as words rather than a random string: camelCase parts of three or more letters
 * ("ddressBook" after a two-letter class prefix), or one pronounceable run ("ollowers"). Random
 * base58/62 text has lower-case runs of about two letters and a vowel share near one in five.
 */
export function readsAsWords(s: string): boolean {
  const parts: string[] = [];
  let cur = '';
  for (const ch of s) {
    const upper = ch >= 'A' && ch <= 'Z';
    if (!upper && !(ch >= 'a' && ch <= 'z')) return false; // digits and symbols: not words
    if (upper && cur.length > 0) { parts.push(cur); cur = ''; }
    cur += ch;
  }
  if (cur.length > 0) parts.push(cur);
  if (parts.length === 0) return false;
  if (parts.length === 1) return pronounceable(parts[0] as string);
  return parts.every((p) => p.length >= 3 && p.slice(1) === p.slice(1).toLowerCase());
}

/** Validator for a token made of a literal prefix and a random body: the body must not be filler. */
export function bodyAfter(prefixLength: number, minEntropy = 0): (value: string) => boolean {
  return (value) => {
    const body = value.slice(prefixLength);
    return !isFillerToken(body) && (minEntropy === 0 || entropy(body) >= minEntropy);
  };
}

/** Validator: exact allowed lengths for the whole value, then the body filler check. */
export function lengthsAndBody(lengths: readonly number[], prefixLength: number): (value: string) => boolean {
  const body = bodyAfter(prefixLength);
  return (value) => lengths.includes(value.length) && body(value);
}

export function all(...checks: ReadonlyArray<(value: string) => boolean>): (value: string) => boolean {
  return (value) => checks.every((c) => c(value));
}

// ---------------------------------------------------------------------------------------------
// Encodings

/** `s` without trailing base64 '=' padding. */
export function stripPadding(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61) end--;
  return s.slice(0, end);
}

/** Decodes standard or URL-safe base64 (padding optional); null when the text is not base64. */
export function base64Decode(s: string): Buffer | null {
  let t = s.replaceAll('-', '+').replaceAll('_', '/');
  const pad = t.length % 4;
  if (pad === 1) return null;
  if (pad > 0) t += '='.repeat(4 - pad);
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
    if (!ok) return null;
  }
  return Buffer.from(t, 'base64');
}

let crcTable: Uint32Array | undefined;

export function crc32(s: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  const bytes = Buffer.from(s, 'utf8');
  for (const b of bytes) crc = (crcTable[(crc ^ b) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 with digits first, upper case before lower case, left-padded with '0' to `width`. */
export function base62(n: number, width: number): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}
