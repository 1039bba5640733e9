// Invisible characters: zero-width joiners and spaces, bidi controls, Unicode tag characters and runs of
// variation selectors. None of them changes what a human reads, so an attacker uses them to split trigger
// words ("ig\u200Bnore") or to smuggle a second, hidden message (tag characters U+E0020..U+E007E mirror
// ASCII; long runs of variation selectors can encode bytes). We drop them from the matching view, report
// what was present, and return the smuggled payloads so the detector scans them too.
import { re2 } from '../../util/re2.js';

export interface InvisibleResult {
  readonly text: string;
  readonly zeroWidth: number;
  readonly bidi: number;
  readonly tags: number;
  readonly selectors: number;
  /** Text carried by tag characters or by variation-selector byte runs (empty when none). */
  readonly hidden: readonly string[];
}

// One class for everything that is removed; the detailed counts come from a code-point loop that only
// runs when this cheap test says there is something to count.
const ANY_INVISIBLE = re2(
  '[\\x{00AD}\\x{034F}\\x{061C}\\x{115F}\\x{1160}\\x{17B4}\\x{17B5}\\x{180B}-\\x{180F}\\x{200B}-\\x{200F}' +
  '\\x{202A}-\\x{202E}\\x{2060}-\\x{206F}\\x{3164}\\x{FE00}-\\x{FE0F}\\x{FEFF}\\x{FFA0}\\x{1BCA0}-\\x{1BCA3}' +
  '\\x{E0000}-\\x{E007F}\\x{E0100}-\\x{E01EF}]',
  'u',
);

const isBidi = (cp: number): boolean =>
  cp === 0x061c || cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
const isTag = (cp: number): boolean => cp >= 0xe0000 && cp <= 0xe007f;
/** Variation selector value 0..255, or -1. */
function selectorValue(cp: number): number {
  if (cp >= 0xfe00 && cp <= 0xfe0f) return cp - 0xfe00;
  if (cp >= 0xe0100 && cp <= 0xe01ef) return cp - 0xe0100 + 16;
  return -1;
}
function isZeroWidth(cp: number): boolean {
  return cp === 0x00ad || cp === 0x034f || cp === 0x115f || cp === 0x1160 || cp === 0x17b4 || cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) || (cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x206f && !isBidi(cp)) ||
    cp === 0x3164 || cp === 0xfeff || cp === 0xffa0 || (cp >= 0x1bca0 && cp <= 0x1bca3);
}

/** A run this long of variation selectors is not emoji presentation (one per glyph): it carries bytes. */
const SELECTOR_RUN_MIN = 8;
function endsWithAsciiLetter(s: string): boolean {
  const c = s.charCodeAt(s.length - 1) | 0x20;
  return c >= 0x61 && c <= 0x7a;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function stripInvisible(input: string): InvisibleResult {
  if (!ANY_INVISIBLE.test(input)) return { text: input, zeroWidth: 0, bidi: 0, tags: 0, selectors: 0, hidden: [] };
  let out = '';
  let zeroWidth = 0, bidi = 0, tags = 0, selectors = 0;
  let tagText = '';
  const hidden: string[] = [];
  let run: number[] = [];
  const flushRun = (): void => {
    if (run.length >= SELECTOR_RUN_MIN) hidden.push(utf8.decode(Uint8Array.from(run)));
    run = [];
  };
  for (const ch of input) {
    const cp = ch.codePointAt(0) as number;
    const sel = selectorValue(cp);
    if (sel >= 0) { selectors++; run.push(sel); continue; }
    flushRun();
    if (isTag(cp)) {
      tags++;
      // U+E0020..U+E007E shadow printable ASCII; the rest (language tag, cancel tag) carry nothing.
      if (cp >= 0xe0020 && cp <= 0xe007e) tagText += String.fromCharCode(cp - 0xe0000);
      continue;
    }
    if (isBidi(cp)) { bidi++; continue; }
    if (isZeroWidth(cp)) {
      // Soft hyphens, a leading BOM and joiners inside Indic/Arabic/emoji text are ordinary typography;
      // only the ones that split Latin words are counted as obfuscation.
      if (cp !== 0x00ad && !(cp === 0xfeff && out === '') && ((cp !== 0x200c && cp !== 0x200d) || endsWithAsciiLetter(out))) zeroWidth++;
      continue;
    }
    out += ch;
  }
  flushRun();
  if (tagText.trim()) hidden.push(tagText);
  // Emoji presentation uses one selector per glyph: only unusual counts are reported as obfuscation.
  const suspiciousSelectors = hidden.length > 0 || selectors >= SELECTOR_RUN_MIN ? selectors : 0;
  return { text: out, zeroWidth, bidi, tags, selectors: suspiciousSelectors, hidden };
}
