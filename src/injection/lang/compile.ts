// Compiles language packs into small RE2 expressions. Small matters: RE2's DFA has a fixed memory
// budget, and one alternation of every cue overflows it and falls back to a matcher a hundred times
// slower. So each pack yields:
//   heads      - its head words (verbs of setting aside, rule nouns, secret nouns): one cheap pass that
//                finds where composed cues can be, and switches the pack on;
//   window     - composed cues (verb + pointer + noun, disclosure verb + secret), run only on short
//                windows around head words;
//   gates      - complete cues grouped by three or four, each group behind one combined test, so text
//                without any of them costs one pass per group.
import { re2, type Regex } from '../../util/re2.js';
import type { LangPack } from './types.js';

/**
 * Word characters for boundaries, per script: digits, ASCII letters and the letter blocks of the pack's
 * own script. Explicit and narrow on purpose: a class as wide as \p{L} makes RE2's automaton too large
 * to stay fast (measured: 5-10x slower scans).
 */
const LATIN = '0-9a-z\\x{00C0}-\\x{024F}\\x{0300}-\\x{036F}\\x{1E00}-\\x{1EFF}';
const SCRIPT_RANGES: Readonly<Record<NonNullable<LangPack['script']> | 'latin', string>> = {
  latin: LATIN,
  cyrillic: `${LATIN}\\x{0400}-\\x{052F}`,
  // Without the Arabic comma, semicolon, question mark and full stop (U+060C, U+061B, U+061F, U+06D4).
  arabic: `${LATIN}\\x{0600}-\\x{060B}\\x{060D}-\\x{061A}\\x{061C}-\\x{061E}\\x{0620}-\\x{06D3}\\x{06D5}-\\x{06FF}\\x{0750}-\\x{077F}`,
  devanagari: `${LATIN}\\x{0900}-\\x{0963}\\x{0966}-\\x{097F}`, // without the danda punctuation
  hangul: `${LATIN}\\x{1100}-\\x{11FF}\\x{AC00}-\\x{D7AF}`,
  kana: LATIN,
  han: LATIN,
};
const ranges = (pack: LangPack): string => SCRIPT_RANGES[pack.script ?? 'latin'];
const WORD = (pack: LangPack): string => `[${ranges(pack)}]`;
const BEGIN = (pack: LangPack): string => `(?:^|[^${ranges(pack)}])`;
const END = (pack: LangPack): string => `(?:[^${ranges(pack)}]|$)`;
const SEP = '[ ,]+';
const TOKEN = (pack: LangPack): string => `[${ranges(pack)}'-]+`;

function gap(pack: LangPack, n: number): string {
  if (pack.writing === 'dense') return `[^。！？.!?\\n]{0,${n * 3}}`;
  return `${SEP}(?:${TOKEN(pack)}${SEP}){0,${n}}`;
}

/** Replaces the {G1}..{G9} placeholders with the pack's gap pattern. */
function expandGaps(pack: LangPack, fragment: string): string {
  let out = '';
  for (let i = 0; i < fragment.length; i++) {
    const n = fragment.charCodeAt(i + 2) - 0x30;
    if (fragment[i] === '{' && fragment[i + 1] === 'G' && n >= 1 && n <= 9 && fragment[i + 3] === '}') {
      out += gap(pack, n);
      i += 3;
    } else out += fragment[i];
  }
  return out;
}

/** Accented letter -> class with its base letter, for languages often typed without accents. */
function loosen(fragment: string): string {
  let out = '';
  let inClass = false;
  for (const ch of fragment) {
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    const base = ch.normalize('NFD')[0] ?? ch;
    const extra = ch === 'đ' ? 'd' : ch === 'ı' ? 'i' : base !== ch && base.charCodeAt(0) < 0x80 ? base : '';
    out += extra ? (inClass ? `${ch}${extra}` : `[${ch}${extra}]`) : ch;
  }
  return out;
}

type Edges = 'both' | 'start' | 'end' | 'none';

/** One fragment as a word (spaced scripts) or as-is (dense scripts); '~' = any inflectional ending. */
function word(pack: LangPack, fragment: string, edges: Edges): string {
  const stem = fragment.endsWith('~');
  let f = fragment.split('~').join(`${WORD(pack)}*`);
  f = expandGaps(pack, f);
  if (pack.looseAccents) f = loosen(f);
  if (pack.writing === 'dense') return `(?:${f})`;
  // A fragment that opens with its own anchor ("(?:^|[.!?] )...": a sentence start) needs no word start:
  // the boundary would consume the very punctuation the anchor looks for.
  const anchored = fragment.startsWith('(?:^|');
  const pre = edges === 'none' || edges === 'end' || anchored ? '' : BEGIN(pack);
  const post = !stem && (edges === 'both' || edges === 'end') ? END(pack) : '';
  return `${pre}(?:${f})${post}`;
}

const alt = (parts: readonly string[]): string => `(?:${parts.join('|')})`;
const cls = (pack: LangPack, items: readonly string[], edges: Edges): string => alt(items.map((i) => word(pack, i, edges)));

/** Cue families a pack contributes. Composed ones run in windows; complete ones over the whole text. */
export type WindowFamily = 'override' | 'overrideWeak' | 'overrideNegated' | 'extraction' | 'extractionWeak' | 'extractionYours';
export type CompleteFamily = 'overrideExtra' | 'persona' | 'unrestricted' | 'refusal' | 'contextSwitch' | 'addressed' | 'leakFormat' | 'extractionExtra' | 'directive';
export type Family = WindowFamily | CompleteFamily;

/**
 * Complete families grouped for gating: one pass per group. A group must stay small enough for RE2's DFA
 * budget: past it, a combined expression falls from ~600 MB/s to a few MB/s. The budget is spent per
 * distinct text, so a benchmark that scans one prompt over and over keeps its DFA states cached and hides
 * the fall; a stream of different texts does not. Measured over the 4,896 dev rows (English families):
 * grouped by three, 1.5 s; these five groups, 0.1 s; one family per group, 0.12 s but three more passes.
 * Only pairs that stay linear together share a group. Every other pack is small enough for one group.
 * Directives get their own group because they are only read for untrusted text. Re-measure after adding
 * cues to the English pack: one cue too many can tip a group over.
 */
const GATE_GROUPS_LARGE: readonly (readonly CompleteFamily[])[] = [
  ['overrideExtra', 'leakFormat'], ['persona', 'refusal'], ['unrestricted', 'extractionExtra'], ['contextSwitch'], ['addressed'], ['directive'],
];
const GATE_GROUPS_SMALL: readonly (readonly CompleteFamily[])[] = [
  ['overrideExtra', 'persona', 'unrestricted', 'refusal', 'contextSwitch', 'addressed', 'leakFormat', 'extractionExtra'], ['directive'],
];
export const gateGroups = (pack: LangPack): readonly (readonly CompleteFamily[])[] => (pack.id === 'en' ? GATE_GROUPS_LARGE : GATE_GROUPS_SMALL);

export function windowSources(pack: LangPack): Record<WindowFamily, string> {
  const B = pack.writing === 'dense' ? '' : BEGIN(pack);
  const E = pack.writing === 'dense' ? '' : END(pack);
  const inner = (items: readonly string[] | undefined): string | null => (items?.length ? cls(pack, items, 'none') : null);
  const ignoreVO = inner(pack.ignore) as string, prior = inner(pack.prior) as string, rules = inner(pack.rules) as string;
  const ignoreOV = inner(pack.ignoreFinal) ?? ignoreVO;
  const soft = inner(pack.ignoreSoft), strict = inner(pack.priorStrict) ?? prior, broad = inner(pack.rulesBroad);
  const after = inner(pack.priorAfter);
  const anyRules = broad ? `(?:${rules}|${broad})` : rules;
  const everything = inner(pack.everything) as string;
  const reveal = inner(pack.reveal) as string, secret = inner(pack.secret) as string;
  const g = (n: number): string => gap(pack, n);
  // Bodies without the leading boundary, so the negated form can reuse them.
  const override: string[] = [], overrideWeak: string[] = [], extraction: string[] = [];
  for (const o of pack.order) {
    const ignore = o === 'VO' ? ignoreVO : ignoreOV;
    // (verb, pointer, noun) triples that are strong evidence; see the LangPack field comments.
    const triples: [string, string, string][] = [[ignore, prior, rules]];
    if (broad) triples.push([ignore, strict, broad]);
    if (soft) triples.push([soft, strict, rules]);
    // Soft verbs must sit right next to their object ("delete your rules"), or they would catch prose.
    for (const [v, p, n] of triples) {
      const vg = v === soft ? g(1) : g(3);
      override.push(o === 'VO' ? `${v}${vg}${p}${g(2)}${n}${E}` : `${p}${g(2)}${n}${vg}${v}${E}`);
    }
    if (after) {
      override.push(o === 'VO' ? `${ignore}${g(3)}${anyRules}${g(1)}${after}${E}` : `${anyRules}${g(1)}${after}${g(3)}${ignore}${E}`);
      if (soft) override.push(o === 'VO' ? `${soft}${g(3)}${rules}${g(1)}${after}${E}` : `${rules}${g(1)}${after}${g(3)}${soft}${E}`);
    }
    // Broad nouns (settings, messages, tasks) only count with a strict pointer, in the strong form above.
    overrideWeak.push(o === 'VO' ? `${ignore}${g(3)}(?:${everything}|${rules})${E}` : `(?:${everything}|${rules})${g(3)}${ignore}${E}`);
    extraction.push(o === 'VO' ? `${reveal}${g(4)}${secret}${E}` : `${secret}${g(4)}${reveal}${E}`);
  }
  // "without bypassing any safeguards", "you must never ignore your instructions": the same words, the
  // opposite request. Counted separately and subtracted.
  const neg = inner(pack.negators);
  const negated = neg && pack.order.includes('VO') ? `${B}${neg}${g(1)}${alt([...override, ...overrideWeak])}` : '\\b\\B';
  return {
    override: `${B}${alt(override)}`,
    overrideWeak: `${B}${alt(overrideWeak)}`,
    overrideNegated: negated,
    extraction: `${B}${alt(extraction)}`,
    extractionWeak: cls(pack, pack.secret, 'both'),
    extractionYours: cls(pack, pack.secretYours, 'both'),
  };
}

export function completeSources(pack: LangPack): Record<CompleteFamily, string | null> {
  const one = (items: readonly string[], edges: Edges = 'both'): string | null => (items.length ? cls(pack, items, edges) : null);
  return {
    overrideExtra: one(pack.overrideExtra), persona: one(pack.persona), unrestricted: one(pack.unrestricted), refusal: one(pack.refusal),
    contextSwitch: one(pack.contextSwitch), addressed: one(pack.addressed), leakFormat: one(pack.leakFormat),
    extractionExtra: one(pack.extractionExtra ?? []),
    // Directive cues carry their own sentence-start anchor; they end at a word boundary.
    directive: one(pack.directive, 'end'),
  };
}

/**
 * Head words: where a composed cue can be. Every override has a verb of setting aside (strong verbs
 * here; soft ones like "delete" only count with a rule noun, which is in the secret heads) and every
 * extraction has a secret noun. Ordinary nouns like "rules" alone would open windows all over benign
 * documents.
 */
export function headSource(pack: LangPack): string {
  return cls(pack, [...pack.ignore, ...(pack.ignoreFinal ?? []), ...pack.secretHeads], 'start');
}

export interface Gate { readonly gate: Regex; readonly members: readonly (readonly [CompleteFamily, Regex])[] }

export interface CompiledPack {
  readonly pack: LangPack;
  readonly heads: Regex;
  readonly window: readonly (readonly [WindowFamily, Regex])[];
  readonly gates: readonly Gate[];
}

/**
 * Secret phrases are counted on their own (weak extraction) in every window. A long list as one
 * expression is past the DFA budget on varied text (measured: the English list, 3.5x slower in one
 * piece than in chunks of this many), so it is compiled in chunks; a phrase matched by two chunks counts
 * twice, which repeats saturate anyway.
 */
const SECRET_CHUNK = 12;

function windowRegexes(pack: LangPack, w: Record<WindowFamily, string>): (readonly [WindowFamily, Regex])[] {
  const out: (readonly [WindowFamily, Regex])[] = [];
  for (const f of Object.keys(w) as WindowFamily[]) {
    if (f === 'extractionWeak' && pack.secret.length > SECRET_CHUNK) {
      for (let i = 0; i < pack.secret.length; i += SECRET_CHUNK) out.push([f, re2(cls(pack, pack.secret.slice(i, i + SECRET_CHUNK), 'both'), 'gu')]);
    } else out.push([f, re2(w[f], 'gu')]);
  }
  return out;
}

export function compilePack(pack: LangPack): CompiledPack {
  const w = windowSources(pack);
  const c = completeSources(pack);
  const gates: Gate[] = [];
  for (const group of gateGroups(pack)) {
    const members = group.flatMap((f) => { const s = c[f]; return s ? [[f, re2(s, 'gu')] as const] : []; });
    if (members.length === 0) continue;
    const gate = members.length === 1 ? (members[0] as readonly [CompleteFamily, Regex])[1]
      : re2(members.map(([f]) => `(?:${c[f] as string})`).join('|'), 'gu');
    gates.push({ gate, members });
  }
  return {
    pack,
    heads: re2(headSource(pack), 'gu'),
    window: windowRegexes(pack, w),
    gates,
  };
}

/** Strips accents for looking matched stopwords up ("não" and "nao" are the same key). */
export function stopwordKey(word: string): string {
  let ascii = true;
  for (let i = 0; i < word.length && ascii; i++) if (word.charCodeAt(i) > 0x7f) ascii = false;
  return ascii ? word : word.normalize('NFD').replace(MARKS, '');
}
const MARKS = re2('[\\x{0300}-\\x{036F}]', 'gu');

/**
 * One expression for the stopwords of every Latin-script pack (exact spelling, so the automaton stays
 * small), and the map from a matched word back to its packs.
 */
export function stopwordIndex(packs: readonly LangPack[]): { re: Regex; byWord: Map<string, LangPack['id'][]> } | null {
  const words: string[] = [];
  const byWord = new Map<string, LangPack['id'][]>();
  for (const p of packs) {
    for (const list of p.stopwords) {
      for (const w of list.split('|')) {
        words.push(w);
        const key = stopwordKey(w);
        byWord.set(key, [...(byWord.get(key) ?? []), p.id]);
      }
    }
  }
  if (words.length === 0) return null;
  const edge = `[^${SCRIPT_RANGES.latin}]`;
  return { re: re2(`(?:^|${edge})(?:${words.join('|')})(?:${edge}|$)`, 'gu'), byWord };
}
