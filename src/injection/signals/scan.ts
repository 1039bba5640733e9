// Runs the cues over one normalised view. The view is converted to UTF-8 once and every expression
// runs on that buffer (RE2 would otherwise re-encode the string on each call). Work per text:
//   - which packs apply: English always; a script (Cyrillic, Arabic, ...) switches its pack on; other
//     Latin-script packs switch on when one of their head words or keywords occurs (one gate test first);
//   - per active pack: one pass for head words, composed cues only in windows around them, and one
//     gate test per group of complete cues;
//   - structural cues (template tokens, exfiltration links, tool calls, payload splitting) behind gates.
// Counts are capped: the tenth "ignore" adds nothing the third did not.
import { re2, type Regex } from '../../util/re2.js';
import { compilePack, stopwordIndex, stopwordKey, type CompiledPack, type Family } from '../lang/compile.js';
import { LANG_PACKS } from '../lang/index.js';
import type { LangPack } from '../lang/types.js';
import { PLACEHOLDER, TRAILING_SPEAKER } from './data-anomaly.js';
import { BOUNDARY, PEM_ARMOR, ROLE_HEADER, TEMPLATE_TOKEN } from './delimiters.js';
import { IMAGE_OR_DATA_LINK, IMAGE_WITH_DATA, PROMOTE_URL, SEND_TO_URL } from './exfil.js';
import type { Counts, SignalId } from './ids.js';
import { ACT_ON_RESULT, CONCATENATION, STRING_ASSIGNMENT } from './split.js';
import { CALL_TOOL, DANGEROUS_CODE, READS_LOCAL_SECRETS, SENDS_REMOTE, TOOL_CALL_SHAPE } from './tools.js';

const MAX_COUNT = 8;
/** Window around a head word, in bytes, and how many windows per pack are examined at most (a bound
 * on work, high enough that padding a text with head words cannot push an attack out of view). */
const BEFORE = 150;
const AFTER = 190;
const MAX_WINDOWS = 512;

const FAMILY_SIGNAL: Readonly<Record<Exclude<Family, 'overrideNegated'>, SignalId>> = {
  override: 'override', overrideWeak: 'override_weak', overrideExtra: 'override', extraction: 'extraction', extractionWeak: 'extraction_weak',
  extractionYours: 'extraction_yours',
  persona: 'persona', unrestricted: 'unrestricted', refusal: 'refusal_suppression', contextSwitch: 'context_switch',
  addressed: 'addressed_to_model', directive: 'directive', leakFormat: 'leak_format', extractionExtra: 'extraction',
};

const PACKS: readonly CompiledPack[] = LANG_PACKS.map(compilePack);
const ALWAYS = PACKS.filter((p) => p.pack.id === 'en');
const BY_SCRIPT = PACKS.filter((p) => p.pack.script !== undefined);
const LATIN = PACKS.filter((p) => p.pack.id !== 'en' && p.pack.script === undefined);
const STOPWORDS = stopwordIndex(LATIN.map((p) => p.pack));
/** Stopword hits looked at before deciding which Latin-script packs apply (enough for mixed texts). */
const MAX_STOPWORD_HITS = 256;

type Script = NonNullable<LangPack['script']>;
/** Stop reading stopwords after this many in a row that switch on no new pack. */
const MAX_IDLE_HITS = 48;

/** The matched stopword without the boundary characters the expression consumed on each side. */
function trimEdges(s: string): string {
  const letter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || c > 0x7f;
  let a = 0, b = s.length;
  while (a < b && !letter(s.charCodeAt(a))) a++;
  while (b > a && !letter(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Scripts present in a non-ASCII view (one pass over the code units, only when needed). */
function scriptsOf(view: string): Set<Script> {
  const out = new Set<Script>();
  for (let i = 0; i < view.length; i++) {
    const c = view.charCodeAt(i);
    if (c < 0x400) continue;
    if (c <= 0x52f) out.add('cyrillic');
    else if (c >= 0x600 && c <= 0x6ff) out.add('arabic');
    else if (c >= 0x900 && c <= 0x97f) out.add('devanagari');
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) out.add('hangul');
    else if (c >= 0x3040 && c <= 0x30ff) out.add('kana');
    else if (c >= 0x4e00 && c <= 0x9fff) out.add('han');
  }
  return out;
}

function activePacks(view: string, buf: Buffer): CompiledPack[] {
  const out = [...ALWAYS];
  if (buf.length !== view.length) {
    const scripts = scriptsOf(view);
    // Japanese text mixes kana and kanji; Chinese text has kanji only.
    for (const p of BY_SCRIPT) if (scripts.has(p.pack.script as Script) || (p.pack.id === 'ja' && scripts.has('kana'))) out.push(p);
  }
  if (STOPWORDS) {
    const langs = new Set<string>();
    const re = STOPWORDS.re;
    re.lastIndex = 0;
    let hits = 0;
    let idle = 0;
    for (let m = re.exec(buf as unknown as string); m && hits < MAX_STOPWORD_HITS && idle < MAX_IDLE_HITS; m = re.exec(buf as unknown as string)) {
      hits++;
      const before = langs.size;
      for (const id of STOPWORDS.byWord.get(stopwordKey(trimEdges(String(m[0])))) ?? []) langs.add(id);
      idle = langs.size > before ? 0 : idle + 1;
      // The trailing edge character may start the next stopword.
      re.lastIndex = Math.max(m.index + 1, re.lastIndex - 1);
      if (langs.size === LATIN.length) break;
    }
    re.lastIndex = 0;
    for (const p of LATIN) if (langs.has(p.pack.id)) out.push(p);
  }
  return out;
}

export function countMatches(re: Regex, text: string | Buffer, cap = MAX_COUNT): number {
  // One native call for all matches (RE2's match with the g flag), instead of one exec per match.
  re.lastIndex = 0;
  const all = (re as unknown as { match(s: string | Buffer): unknown[] | null }).match(text);
  re.lastIndex = 0;
  return all ? Math.min(all.length, cap) : 0;
}

/** Merged [start, end) byte windows around head-word hits; the first and last ones when there are many. */
function windows(heads: Regex, buf: Buffer): [number, number][] {
  const spans: [number, number][] = [];
  heads.lastIndex = 0;
  for (let m = heads.exec(buf as unknown as string); m; m = heads.exec(buf as unknown as string)) {
    const from = Math.max(0, m.index - BEFORE), to = Math.min(buf.length, m.index + AFTER);
    const last = spans[spans.length - 1];
    if (last && from <= last[1]) last[1] = to; else spans.push([from, to]);
    // Any head inside this window would only widen it: jump to where a new window could begin.
    heads.lastIndex = Math.max(heads.lastIndex, to - BEFORE, m.index + 1);
  }
  heads.lastIndex = 0;
  if (spans.length <= MAX_WINDOWS) return spans;
  return [...spans.slice(0, MAX_WINDOWS / 2), ...spans.slice(-MAX_WINDOWS / 2)];
}

/** Margins around a gate match inside which its members are counted (a member may match more widely). */
const GATE_BEFORE = 96;
const GATE_AFTER = 320;

/**
 * Where a gate (the alternation of its members) matches: merged byte windows. Members then run on these
 * windows only, so an attack costs a few short scans instead of one full pass per member.
 */
function gateSpans(gate: Regex, buf: Buffer): [number, number][] {
  const spans: [number, number][] = [];
  gate.lastIndex = 0;
  for (let m = gate.exec(buf as unknown as string); m; m = gate.exec(buf as unknown as string)) {
    const end = m.index + (m[0] as unknown as Buffer).length;
    const from = Math.max(0, m.index - GATE_BEFORE), to = Math.min(buf.length, end + GATE_AFTER);
    const last = spans[spans.length - 1];
    if (last && from <= last[1]) last[1] = to; else spans.push([from, to]);
    gate.lastIndex = Math.max(end, m.index + 1);
    if (spans.length > MAX_WINDOWS) break;
  }
  gate.lastIndex = 0;
  return spans;
}

function countInSpans(re: Regex, buf: Buffer, spans: readonly [number, number][]): number {
  if (spans.length === 1 && spans[0]?.[0] === 0 && spans[0][1] === buf.length) return countMatches(re, buf);
  let n = 0;
  for (const [a, b] of spans) n += countMatches(re, buf.subarray(a, b));
  return Math.min(n, MAX_COUNT);
}

function scanPack(p: CompiledPack, buf: Buffer, into: Counts, directives: boolean): void {
  let negated = 0;
  for (const [from, to] of windows(p.heads, buf)) {
    const w = buf.subarray(from, to);
    for (const [family, re] of p.window) {
      if (family === 'overrideNegated') negated += countMatches(re, w);
      else into[FAMILY_SIGNAL[family]] += countMatches(re, w);
    }
  }
  // A negated override matched the override (and usually the weak form) too: take those back.
  if (negated > 0) {
    into.override = Math.max(0, into.override - negated);
    into.override_weak = Math.max(0, into.override_weak - negated);
  }
  for (const { gate, members } of p.gates) {
    if (!directives && members.length === 1 && members[0]?.[0] === 'directive') continue;
    if (members.length === 1) {
      for (const [family, re] of members) into[FAMILY_SIGNAL[family]] += countMatches(re, buf);
      continue;
    }
    const spans = gateSpans(gate, buf);
    if (spans.length === 0) continue;
    for (const [family, re] of members) into[FAMILY_SIGNAL[family]] += countInSpans(re, buf, spans);
  }
}

interface StructGate { readonly gate: Regex; readonly members: readonly (readonly [string, Regex])[] }
function structGate(members: readonly (readonly [string, Regex])[]): StructGate {
  return { gate: re2(members.map(([, r]) => `(?:${r.source})`).join('|'), 'gu'), members };
}
// Grouped by measured DFA behaviour: the first eight combine cheaply; the code-shaped ones do not.
const STRUCT_GATES: readonly StructGate[] = [
  structGate([
    ['template_token', TEMPLATE_TOKEN], ['role_header', ROLE_HEADER], ['boundary', BOUNDARY], ['tool_call_shape', TOOL_CALL_SHAPE],
    ['exfil_image', IMAGE_WITH_DATA], ['exfil_link', IMAGE_OR_DATA_LINK], ['send_to_url', SEND_TO_URL], ['promote_url', PROMOTE_URL],
    ['placeholder', PLACEHOLDER], ['trailing_speaker', TRAILING_SPEAKER],
  ]),
  structGate([['call_tool', CALL_TOOL], ['dangerous_code', DANGEROUS_CODE], ['reads_local', READS_LOCAL_SECRETS], ['sends_remote', SENDS_REMOTE]]),
  structGate([['act', ACT_ON_RESULT], ['assign', STRING_ASSIGNMENT], ['concat', CONCATENATION]]),
];

function scanStructure(buf: Buffer, into: Counts): void {
  const local: Record<string, number> = {};
  for (const { gate, members } of STRUCT_GATES) {
    const spans = gateSpans(gate, buf);
    if (spans.length === 0) continue;
    for (const [id, re] of members) {
      // Reassembly only matters next to string fragments or a request to act on a result: code is full of a + b.
      if (id === 'concat' && (local.assign ?? 0) < 2 && (local.act ?? 0) === 0) continue;
      // Two of them are about the whole text (a trailing speaker label, secrets read anywhere + sent anywhere).
      local[id] = id === 'trailing_speaker' || id === 'reads_local' || id === 'sends_remote' ? countMatches(re, buf) : countInSpans(re, buf, spans);
    }
  }
  // Armor lines of certificates and keys match the boundary expression too; they are not boundaries.
  if ((local.boundary ?? 0) > 0) local.boundary = Math.max(0, (local.boundary ?? 0) - countMatches(PEM_ARMOR, buf));
  for (const id of ['template_token', 'role_header', 'boundary', 'tool_call_shape', 'exfil_image', 'exfil_link', 'send_to_url', 'promote_url', 'call_tool', 'dangerous_code'] as const) {
    into[id] += local[id] ?? 0;
  }
  into.template_slot += Math.min(3, local.placeholder ?? 0) + (local.trailing_speaker ? 1 : 0);
  // Reading local secrets and sending to a remote host, in the same text.
  if ((local.reads_local ?? 0) > 0 && (local.sends_remote ?? 0) > 0) into.exfil_code += 1;
  // Payload splitting needs its pieces together: fragments bound to names, reassembly, and use.
  const assign = local.assign ?? 0, concat = local.concat ?? 0, act = local.act ?? 0;
  if (assign >= 2 && concat > 0) into[act > 0 ? 'payload_split' : 'payload_split_weak'] += 1;
  else if (concat > 0 && act > 0) into.payload_split_weak += 1;
}

/**
 * Adds the counts of every lexical and structural cue found in `view` to `into`. Imperative-mood
 * directives are only counted when asked for (untrusted text): in a user message they are the norm.
 */
export function scanView(view: string, into: Counts, directives = true, settled?: (c: Counts) => boolean): void {
  const buf = Buffer.from(view, 'utf8');
  for (const p of activePacks(view, buf)) {
    scanPack(p, buf, into, directives);
    // Once the verdict cannot change any more, the rest of the text is not worth reading.
    if (settled?.(into)) return;
  }
  scanStructure(buf, into);
}

/**
 * Debugging aid for tests and tuning (never used on the request path, never logged): the matched text
 * of every lexical family over `view`, as [family, match] pairs.
 */
export function explainView(view: string): [string, string][] {
  const out: [string, string][] = [];
  const buf = Buffer.from(view, 'utf8');
  const all = (family: string, re: Regex, text: Buffer): void => {
    re.lastIndex = 0;
    for (let m = re.exec(text as unknown as string); m; m = re.exec(text as unknown as string)) {
      out.push([family, String(m[0])]);
      if (m[0].length === 0) re.lastIndex++;
    }
    re.lastIndex = 0;
  };
  for (const p of activePacks(view, buf)) {
    for (const [from, to] of windows(p.heads, buf)) for (const [f, re] of p.window) all(`${p.pack.id}.${f}`, re, buf.subarray(from, to));
    for (const { members } of p.gates) for (const [f, re] of members) all(`${p.pack.id}.${f}`, re, buf);
  }
  for (const { members } of STRUCT_GATES) for (const [id, re] of members) all(id, re, buf);
  return out;
}

/** Invented persona names introduced by expansion ("DUDE, which stands for..."): read on the cased text. */
export const PERSONA_ACRONYM = re2('(?:^|[^A-Za-z])[A-Z][A-Z0-9-]{2,}(?:[^A-Za-z]|$)[^.\\n]*(?:stands for|short for|as the name suggests)', 'gu');
