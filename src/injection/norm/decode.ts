// Bounded decoding of payloads embedded in a prompt: base64, hex, \x and \u escapes, URL %-escapes,
// HTML entities, Morse code, rot13 and reversed text. Attackers encode the instruction and ask the model
// to decode and follow it; we decode it first and scan the result like any other text. Only decodings
// that yield readable text are kept, each candidate is looked at once, and the caller's byte budget caps
// the total, so the work stays linear in the input whatever it contains.
import { re2 } from '../../util/re2.js';

export type PayloadKind = 'base64' | 'hex' | 'escape' | 'url' | 'html' | 'morse' | 'rot13' | 'reversed';

export interface RawPayload { readonly kind: PayloadKind; readonly text: string }

/** Shared across one normalisation (all depths): total decoded characters still allowed. */
export interface Budget { chars: number; candidates: number }

// Shapes of encoded payloads. Unbounded repeats where the span may run on (RE2 stays linear); small
// counted repeats only where the shape needs them, because large ones bloat RE2's automaton.
const CANDIDATES = re2(
  '(?P<b64>[A-Za-z0-9+/]{20,}={0,2}|[A-Za-z0-9_-]{24,}={0,2})' +
  '|(?P<esc>(?:\\\\[xX][0-9a-fA-F]{2}){4,}|(?:\\\\[uU][0-9a-fA-F]{4}){3,})' +
  '|(?P<hex>\\b(?:0[xX])?[0-9a-fA-F]{2}(?:[ :,]?[0-9a-fA-F]{2}){7,}\\b)' +
  '|(?P<url>[^\\s%]*%[0-9a-fA-F]{2}[^\\s%]*%[0-9a-fA-F]{2}[^\\s%]*%[0-9a-fA-F]{2}[^\\s]*)' +
  '|(?P<html>&#?[0-9a-zA-Z]{2,8};(?:[^&\\n]*&#?[0-9a-zA-Z]{2,8};){2,}[^&\\n]*)' +
  '|(?P<morse>[.·•\\-−–—_]{1,7}(?:(?: ?/ ?| {1,3})[.·•\\-−–—_]{1,7}){5,})',
  'gu',
);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Readable: valid text, almost no control characters, mostly letters and spaces. */
export function readable(s: string): boolean {
  if (s.length < 4) return false;
  let letters = 0, control = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f) control++;
    else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letters++;
    else if (c > 0x7f || c === 0x20) letters += 0.5;
  }
  return control <= s.length * 0.02 && letters >= s.length * 0.6;
}

function bytesToText(bytes: Uint8Array): string | null {
  try { return strictUtf8.decode(bytes); } catch { return null; }
}

function hasUpperAndLower(s: string): boolean {
  let upper = false, lower = false;
  for (let i = 0; i < s.length && !(upper && lower); i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) upper = true;
    else if (c >= 0x61 && c <= 0x7a) lower = true;
  }
  return upper && lower;
}
const HEX_ONLY = re2('^[0-9a-fA-F]+$');

function decodeBase64(s: string): string | null {
  // A run of hex digits also fits the base64 alphabet; it is hex far more often.
  if (HEX_ONLY.test(s)) return decodeHex(s);
  // Base64 of text mixes upper and lower case; a long plain word, identifier or path rarely does both.
  if (!hasUpperAndLower(s)) return null;
  return bytesToText(Buffer.from(s, s.includes('-') || s.includes('_') ? 'base64url' : 'base64'));
}

function decodeHex(s: string): string | null {
  const digits = s.replace(HEX_JUNK, '');
  if (digits.length % 2 !== 0) return null;
  return bytesToText(Buffer.from(digits, 'hex'));
}
const HEX_JUNK = re2('^0[xX]|[ :,]', 'g');

function decodeEscapes(s: string): string | null {
  if (s[1] === 'u' || s[1] === 'U') {
    let out = '';
    for (let i = 0; i + 6 <= s.length; i += 6) out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
    return out;
  }
  const bytes: number[] = [];
  for (let i = 0; i + 4 <= s.length; i += 4) bytes.push(parseInt(s.slice(i + 2, i + 4), 16));
  return bytesToText(Uint8Array.from(bytes));
}

function decodeUrl(s: string): string | null {
  try { return decodeURIComponent(s.replace(PLUS, ' ')); } catch { return null; }
}
const PLUS = re2('\\+', 'g');

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const ENTITY = re2('&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});', 'g');
function decodeHtml(s: string): string {
  return s.replace(ENTITY, (m: string, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

const MORSE: Readonly<Record<string, string>> = {
  '.-': 'a', '-...': 'b', '-.-.': 'c', '-..': 'd', '.': 'e', '..-.': 'f', '--.': 'g', '....': 'h', '..': 'i',
  '.---': 'j', '-.-': 'k', '.-..': 'l', '--': 'm', '-.': 'n', '---': 'o', '.--.': 'p', '--.-': 'q', '.-.': 'r',
  '...': 's', '-': 't', '..-': 'u', '...-': 'v', '.--': 'w', '-..-': 'x', '-.--': 'y', '--..': 'z',
  '-----': '0', '.----': '1', '..---': '2', '...--': '3', '....-': '4', '.....': '5', '-....': '6',
  '--...': '7', '---..': '8', '----.': '9',
};
const MORSE_DOT = re2('[·•]', 'g');
const MORSE_DASH = re2('[−–—_]', 'g');
const MORSE_WORD = re2(' ?/ ?| {3,}', 'g');
function decodeMorse(s: string): string | null {
  const norm = s.replace(MORSE_DOT, '.').replace(MORSE_DASH, '-');
  let out = '', unknown = 0, letters = 0;
  for (const word of norm.split(MORSE_WORD)) {
    for (const code of word.split(' ')) {
      if (!code) continue;
      const ch = MORSE[code];
      if (ch) { out += ch; letters++; } else { out += '?'; unknown++; }
    }
    out += ' ';
  }
  return letters >= 4 && unknown <= letters * 0.2 ? out.trim() : null;
}

/** Decodes the payload-shaped spans of `plain` (case kept), at most budget.candidates of them. */
export function decodeSpans(plain: string, budget: Budget): RawPayload[] {
  const out: RawPayload[] = [];
  CANDIDATES.lastIndex = 0;
  for (let m = CANDIDATES.exec(plain); m && budget.candidates > 0 && budget.chars > 0; m = CANDIDATES.exec(plain)) {
    budget.candidates--;
    const g = m.groups ?? {};
    let kind: PayloadKind;
    let text: string | null;
    if (g.b64) { kind = HEX_ONLY.test(g.b64) ? 'hex' : 'base64'; text = decodeBase64(g.b64); }
    else if (g.esc) { kind = 'escape'; text = decodeEscapes(g.esc); }
    else if (g.hex) { kind = 'hex'; text = decodeHex(g.hex); }
    else if (g.url) { kind = 'url'; text = decodeUrl(g.url); }
    else if (g.html) { kind = 'html'; text = decodeHtml(g.html); }
    else if (g.morse) { kind = 'morse'; text = decodeMorse(g.morse); }
    else continue;
    if (text === null || !readable(text)) continue;
    text = text.slice(0, budget.chars);
    budget.chars -= text.length;
    out.push({ kind, text });
  }
  return out;
}

// rot13 and reversed text have no shape of their own; they show up as words that only exist once the
// text is rotated or reversed. We count such marker words and decode a window around each one.
const ROT13_MARKERS = re2('(?:^|[^a-z])(?:gur|naq|lbh|lbhe|vf|vtaber|nyy|cerivbhf|vafgehpgvbaf|cnffjbeq|frperg|cebzcg|flfgrz|jvgu|guvf|gung|cevag|ercrng|erirny)(?:[^a-z]|$)', 'g');
const REVERSED_MARKERS = re2('(?:^|[^a-z])(?:eht|uoy|ruoy|erongi|snoitcurtsni|drowssap|terces|tpmorp|metsys|suoiverp|siht|taht|tnirp|taeper|laever|lla)(?:[^a-z]|$)', 'g');
const WINDOW = 400;
const MIN_MARKERS = 3;

function rot13(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x61 && c <= 0x7a ? String.fromCharCode(((c - 0x61 + 13) % 26) + 0x61) : s[i];
  }
  return out;
}
const reverse = (s: string): string => Array.from(s).reverse().join('');

/** Windows (merged) around marker hits, when there are at least MIN_MARKERS of them. */
function markedWindows(lower: string, markers: typeof ROT13_MARKERS): string[] {
  const spans: [number, number][] = [];
  let hits = 0;
  markers.lastIndex = 0;
  for (let m = markers.exec(lower); m; m = markers.exec(lower)) {
    hits++;
    const from = Math.max(0, m.index - WINDOW), to = Math.min(lower.length, m.index + WINDOW);
    const last = spans[spans.length - 1];
    if (last && from <= last[1]) last[1] = to; else spans.push([from, to]);
    if (hits > 256) break;
  }
  return hits >= MIN_MARKERS ? spans.map(([a, b]) => lower.slice(a, b)) : [];
}

/** Exported for the normaliser's combined gate. */
export const ANY_MARKER = re2(`${ROT13_MARKERS.source}|${REVERSED_MARKERS.source}`);

/** rot13 and reversed readings of the lower-cased view, when marker words say they are there. */
export function decodeTransforms(lower: string, budget: Budget): RawPayload[] {
  const out: RawPayload[] = [];
  if (!ANY_MARKER.test(lower)) return out;
  const take = (kind: PayloadKind, text: string): void => {
    if (budget.chars <= 0) return;
    const t = text.slice(0, budget.chars);
    budget.chars -= t.length;
    out.push({ kind, text: t });
  };
  for (const w of markedWindows(lower, ROT13_MARKERS)) take('rot13', rot13(w));
  for (const w of markedWindows(lower, REVERSED_MARKERS)) take('reversed', reverse(w));
  return out;
}
