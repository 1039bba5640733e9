// Normalisation before detection. Produces the views the signals match against and the obfuscation
// signals found on the way:
//   plain: NFKC, invisible characters removed, case kept (base64 and case-sensitive cues read this);
//   view:  plain, lower-cased, spelling variants and homoglyphs folded, leetspeak folded, runs of
//          horizontal whitespace collapsed to one space (newlines kept), misspelt keywords folded
//          ("ingore", "pasword"), spaced letters joined;
//   payloads: embedded encoded text (base64, hex, escapes, URL, HTML, Morse, rot13, reversed, smuggled
//          tag characters), decoded and normalised the same way, nested at most MAX_DEPTH deep.
// Every step is a linear pass; decoding shares one budget, so the total output is bounded by a constant
// times the input. The views are for matching only and are never forwarded.
import { re2 } from '../util/re2.js';
import { foldConfusables, HAS_FOREIGN } from './norm/confusables.js';
import { ANY_MARKER, decodeSpans, decodeTransforms, type Budget, type PayloadKind } from './norm/decode.js';
import { stripInvisible } from './norm/invisible.js';
import { foldLeet, HAS_SUBST } from './norm/leet.js';
import { ANY_VARIANT, foldScriptVariants } from './norm/script-fold.js';
import { ANY_RUN, joinSpacedLetters } from './norm/spaced.js';
import { foldTypos, HAS_TYPO } from './norm/typos.js';

export type ObfuscationSignal =
  | 'obf.zero_width' | 'obf.bidi' | 'obf.tag' | 'obf.selector' | 'obf.homoglyph' | 'obf.leet' | 'obf.spaced'
  | `obf.${PayloadKind}`;

export interface Payload {
  readonly kind: PayloadKind | 'smuggled';
  readonly depth: number;
  readonly plain: string;
  readonly view: string;
}

export interface NormalizedText {
  readonly plain: string;
  readonly view: string;
  readonly payloads: readonly Payload[];
  readonly signals: readonly ObfuscationSignal[];
}

/** Payloads inside payloads are decoded this deep and no deeper. */
export const MAX_DEPTH = 2;
/** Decoded text never exceeds this many characters in total, nor the input's own length (plus slack). */
export const MAX_DECODED = 65_536;
const MAX_CANDIDATES = 64;

const NON_ASCII = re2('[^\\x00-\\x7F]');
// Only runs that change: two or more spaces, or any other horizontal space (tab, NBSP, ideographic).
const HS = '\\t\\f\\v\\r\\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{202F}\\x{205F}\\x{3000}';
const HSPACE_RUN = re2(`[ ${HS}]*[${HS}][ ${HS}]*| {2,}`, 'gu');
/** Anything the whitespace collapse would change: most texts have none, and then it costs one test. */
const WS_UNUSUAL = re2(HSPACE_RUN.source, 'u');

// Each step has its own cheap test; these combine them so that ordinary text pays one pass for several
// steps (every RE2 call re-reads the whole string, so the number of passes is what costs).
const SCRIPT_GATE = re2(`${ANY_VARIANT.source}|${HAS_FOREIGN.source}`, 'u');
const FOLD_GATE = re2(`${HAS_SUBST.source}|${ANY_RUN.source}|${ANY_MARKER.source}|${HAS_TYPO.source}`, 'u');

/** Homoglyph folding, on mixed-script tokens only, of the lower-cased view. */
function foldHomoglyphs(view: string, nonAscii: boolean, signals: Set<ObfuscationSignal>): string {
  if (!nonAscii || !SCRIPT_GATE.test(view)) return view;
  const conf = foldConfusables(foldScriptVariants(view));
  if (conf.folded > 0) signals.add('obf.homoglyph');
  return conf.text;
}

function foldLeetspeak(view: string, signals: Set<ObfuscationSignal>): string {
  const leet = foldLeet(view);
  if (leet.strong) signals.add('obf.leet');
  return leet.text;
}

interface Views { plain: string; view: string; signals: Set<ObfuscationSignal>; hidden: readonly string[]; folds: boolean }

function views(input: string): Views {
  const signals = new Set<ObfuscationSignal>();
  let plain = input;
  let hidden: readonly string[] = [];
  const nonAscii = NON_ASCII.test(input);
  if (nonAscii) {
    const inv = stripInvisible(input);
    if (inv.zeroWidth > 0) signals.add('obf.zero_width');
    if (inv.bidi > 0) signals.add('obf.bidi');
    if (inv.tags > 0) signals.add('obf.tag');
    if (inv.selectors > 0) signals.add('obf.selector');
    hidden = inv.hidden;
    plain = inv.text.normalize('NFKC');
  }
  let view = plain.toLowerCase();
  if (nonAscii) {
    // NFKC after lower-casing too: a few lower-case mappings leave compatibility characters behind.
    view = view.normalize('NFKC');
  }
  view = foldHomoglyphs(view, nonAscii, signals);
  const folds = FOLD_GATE.test(view);
  if (folds) view = foldLeetspeak(view, signals);
  // Newlines are kept as they are (line starts matter for role headers); a replace costs ~25 us per
  // 4 KB however few matches it finds, so only horizontal runs are collapsed, and only when present.
  if (WS_UNUSUAL.test(view)) view = view.replace(HSPACE_RUN, ' ');
  if (folds) view = foldTypos(view).text;
  if (folds) {
    const spaced = joinSpacedLetters(view);
    if (spaced.joined > 0) {
      signals.add('obf.spaced');
      // Joining makes new tokens ('a.a.а' -> 'aaа', '1 g n o r e' -> '1gnore') that the folds must see
      // too, or normalising the view again would change it (the view must be a fixed point).
      view = foldHomoglyphs(spaced.text, nonAscii, signals);
      if (FOLD_GATE.test(view)) view = foldLeetspeak(view, signals);
      view = foldTypos(view).text;
    }
  }
  return { plain, view, signals, hidden, folds };
}

function collect(text: string, depth: number, budget: Budget, payloads: Payload[], signals: Set<ObfuscationSignal>): Views {
  const v = views(text);
  for (const s of v.signals) signals.add(s);
  if (depth >= MAX_DEPTH) return v;
  const raw = [
    ...v.hidden.map((t) => ({ kind: 'smuggled' as const, text: t })),
    ...decodeSpans(v.plain, budget),
    ...(v.folds ? decodeTransforms(v.view, budget) : []),
  ];
  for (const p of raw) {
    if (p.kind !== 'smuggled') signals.add(`obf.${p.kind}`);
    const inner = collect(p.text, depth + 1, budget, payloads, signals);
    payloads.push({ kind: p.kind, depth: depth + 1, plain: inner.plain, view: inner.view });
  }
  return v;
}

export function normalize(text: string): NormalizedText {
  const budget: Budget = { chars: Math.min(MAX_DECODED, text.length + 256), candidates: MAX_CANDIDATES };
  const payloads: Payload[] = [];
  const signals = new Set<ObfuscationSignal>();
  const top = collect(text, 0, budget, payloads, signals);
  return { plain: top.plain, view: top.view, payloads, signals: [...signals] };
}
