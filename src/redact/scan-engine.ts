// The scanning engine behind scanner.ts. Speed comes from not running most recognizers at all, running
// the others only where they can match, and paying as little per match as possible:
//  - the text is converted to UTF-8 once; every RE2 call reads the same bytes (a string argument would
//    be re-encoded by each regex);
//  - the text is cut into short segments (at line ends where possible). Per segment, ONE RE2.Set pass
//    over keywords and a few dozen patterns says which recognizers may match near it (Engine.scan);
//    then each of those runs once over the merged ranges where it may (Engine.locate, Engine.run);
//  - keywords as common as 'key', '-' or '/' gate next to nothing: the recognizers listing one must
//    also have their pattern (or its head) match in the segment;
//  - a recognizer may declare a `gate`, what every valid match contains (IPv6: `::` or six groups),
//    so the text where its pattern matches but never validates (clock times) does not run it;
//  - a match that fails validation (most matches of the busy recognizers) costs no offset mapping;
//  - recognizers written `\bprefix...` are searched without the `\b` (RE2 then skips ahead with memchr,
//    20-40x faster) and the boundary is checked per match;
//  - recognizers that match often (and mostly fail validation: numbers for phones) are located with
//    one `replace()` call that brackets every match with marker bytes, instead of one exec() call per
//    match (~1.3-3 µs each, 5x the cost); capture-group recognizers too when the group ends the match.
// Streaming windows (scanWindow) keep the segment geometry the redactor's raw spans were designed on
// (Engine.stream). Keywords must occur inside a match or within its context window before it: that is
// where the engine looks for them.
import RE2 from 're2';
import { escapeRe2, re2 } from '../util/re2.js';
import { alignForward, OffsetMap } from './offsets.js';
import { parsePattern, type Node } from './regex-ast.js';
import { patternHead } from './regex-prefix.js';
import type { Finding, Recognizer } from './types.js';

/**
 * Whole-text segments: a recognizer a segment's Set pass wakes up (a planted card number wakes
 * several) runs over a few KB around it. Shorter segments cost more Set calls. Bench corpus, scan
 * only: 1.5-3 KB about the same, 8 KB 57 against 65 MB/s.
 */
const SEGMENT_BYTES = 2048;
/** Segments of a streaming window (see Engine.stream). */
const STREAM_SEGMENT_BYTES = 8192;
/**
 * Recognizers that can match more than this are long (PEM blocks, JWTs): in a stream, one without
 * keywords takes a pass over the whole window of its own; their keywords may sit deep in a match.
 */
const SEGMENT_MAX_BOUND = 2048;
/** How far back a segment end may move to land on a line end (or a space) instead of mid-token. */
const BOUNDARY_SEARCH = 512;
/**
 * How far (UTF-16 units) a whole-text segment's Set view reaches past it. Recognizers whose matches
 * can be longer are represented in the Set by the first this-many characters of their pattern
 * (patternHead). It covers every default keyword-less recognizer's match whole (the longest is ~250).
 */
const SCAN_OVERLAP = 256;
/** Bytes before a window kept in its view so `\b` and friends see the preceding character. */
const VIEW_LOOKBEHIND = 16;
export const DEFAULT_CONTEXT_WINDOW = 48;
/** Confidence added when a context word is near (the reference scanner's rule). */
const CONTEXT_BOOST = 0.15;
/**
 * Memory budget of a Set's DFA (states are built as text needs them, up to this). The whole-text Set
 * (keywords, patterns, heads) needs ~100 MB of states for a mix of token-rich and ordinary texts; at
 * 64 MB it kept discarding them and ran 4-6x slower (586 µs per secrets_dev row, 61 per pii_dev row,
 * against 155 and 10). Measured RSS after that mix: +207 MB (the engine before: +143).
 */
const SET_MAX_MEM = 128 << 20;
/**
 * Keywords common enough in ordinary text (prose, code, logs) that they gate little: recognizers
 * listing one are gated by their pattern too (see Engine.scan). Chosen by measurement: these
 * recognizers ran in most segments of the bench corpus and matched in almost none.
 */
const COMMON_KEYWORDS = new Set(['key', 'api', '-', '/', 'get', 's.', 'cd', 'fb', 'x-', 'pw', 'pwd', '-u', 'pat', '0x', 'ac', 'sk', '|', '\\', '</', 'eaa']);
/** Why a segmented recognizer runs in a segment (Engine.need): bits that must all be set. */
const BY_KEYWORD = 1;
const BY_PATTERN = 2;
const MARK_OPEN = 0x00;
const MARK_CLOSE = 0x01;

type RE2Set = InstanceType<typeof RE2.Set>;

export interface Compiled {
  readonly r: Recognizer;
  readonly index: number;
  /** Typed as node-re2's own interface: its exec() accepts Buffers (the util type is RegExp's). */
  readonly re: RE2;
  readonly group: number;
  readonly context: readonly string[];
  readonly contextWindow: number;
  /** Longest match in UTF-16 units (holdback.ts): how far past a window a recognizer must read. */
  readonly bound: number;
  /** Set when the search pattern dropped a leading `\b`: whether the first character is a word character. */
  readonly boundaryWord: boolean | null;
  /** Locate matches with one replace() call (see above); else exec() per match. */
  readonly bulk: boolean;
  /**
   * The replacement that marks a match: the match between MARK_OPEN and MARK_CLOSE, and for a
   * capture-group recognizer (whose group ends the match, see groupEndsMatch) a copy of the group
   * and another MARK_CLOSE, whose length says where in the match the value starts.
   */
  readonly template: string;
}

/** A raw match's value span, valid or not: the streaming redactor never cuts through one. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface WindowScan {
  /** Valid findings whose value starts in [from, until), unresolved (overlaps not removed). */
  readonly findings: Finding[];
  readonly spans: Span[];
}

const META = '\\^$.|?*+()[]{}';

export function isWordByte(b: number): boolean {
  return (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95;
}

interface Searches {
  readonly re: RE2;
  readonly boundaryWord: boolean | null;
}

/** Compiled regexes per recognizer object: policies of many tenants share the default recognizers. */
const SEARCHES = new WeakMap<Recognizer, Searches>();

function searchesFor(r: Recognizer): Searches {
  const cached = SEARCHES.get(r);
  if (cached) return cached;
  const flags = `gu${r.caseInsensitive ? 'i' : ''}${(r.group ?? 0) > 0 ? 'd' : ''}`;
  const original = re2(r.pattern, flags) as unknown as RE2;
  const p = r.pattern;
  const next = p[2];
  // `\b` before a word character means "not preceded by one", before a non-word character the opposite.
  const strip = !r.caseInsensitive && p.startsWith('\\b') && next !== undefined && !META.includes(next);
  const out: Searches = strip
    ? { re: re2(p.slice(2), flags) as unknown as RE2, boundaryWord: isWordByte(next.charCodeAt(0)) }
    : { re: original, boundaryWord: null };
  SEARCHES.set(r, out);
  return out;
}

/**
 * Whether capture group `group` always ends where the whole match ends: it is an item of the pattern's
 * top-level sequence with only zero-width assertions after it, as in `(?:^|[^\d])(\d{16})\b`. Then a
 * match's value is its last characters, as many as the group holds, and bulk location (see
 * matchBulk) can report it.
 */
export function groupEndsMatch(pattern: string, group: number): boolean {
  let ast: Node;
  try {
    ast = parsePattern(pattern).ast;
  } catch {
    return false;
  }
  const items = ast.t === 'seq' ? ast.items : [ast];
  let before = 0; // capture groups opened before items[k]
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    if (item.t === 'group' && item.capture && before + 1 === group) return items.slice(k + 1).every((x) => x.t === 'assert');
    before += captures(item);
    if (before >= group) return false; // the group is nested inside items[k]
  }
  return false;
}

function captures(n: Node): number {
  switch (n.t) {
    case 'seq':
    case 'alt': return n.items.reduce((a, x) => a + captures(x), 0);
    case 'group': return (n.capture ? 1 : 0) + captures(n.body);
    case 'repeat': return captures(n.body);
    default: return 0;
  }
}

/** Bulk templates: group 1-9 only (`$10` would read as group 1 followed by a '0'). */
const MAX_BULK_GROUP = 9;

export function compileRecognizer(r: Recognizer, index: number, bound: number): Compiled {
  const group = r.group ?? 0;
  const { re, boundaryWord } = searchesFor(r);
  const bulk = boundaryWord === null && (group === 0 || (group <= MAX_BULK_GROUP && groupEndsMatch(r.pattern, group)));
  return {
    r, index, group, bound, re, boundaryWord, bulk,
    template: group === 0 ? '\u0000$&\u0001' : `\u0000$&\u0001$${group}\u0001`,
    context: (r.context ?? []).map((w) => w.toLowerCase()),
    contextWindow: r.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
  };
}

const SET_CACHE_SIZE = 32;
const SET_CACHE = new Map<string, SetGroup>();

/** A SetGroup per distinct pattern list (the compile costs tens of ms; policies often repeat lists). */
export function setGroupFor(sources: readonly string[]): SetGroup {
  const key = sources.join('\u0000');
  let group = SET_CACHE.get(key);
  if (group) {
    SET_CACHE.delete(key);
  } else {
    group = new SetGroup(sources);
    if (SET_CACHE.size >= SET_CACHE_SIZE) SET_CACHE.delete(SET_CACHE.keys().next().value as string);
  }
  SET_CACHE.set(key, group);
  return group;
}

function validates(r: Recognizer, value: string): boolean {
  if (!r.validate) return true;
  try {
    return r.validate(value);
  } catch {
    return true; // a validator bug must not let a value through unredacted
  }
}

/** Segment end near `nominal`: after a line feed, else after a space, else any character boundary. */
function segmentEnd(buf: Buffer, start: number, nominal: number, until: number): number {
  if (nominal >= until) return until;
  const at = restartPoint(buf, nominal, start + 1);
  return at < nominal ? at : alignForward(buf, nominal);
}

/**
 * Just after the last line feed, else space, in the BOUNDARY_SEARCH bytes before `at` (not before
 * `floor`), else `at`: where a segment ends, or a search begins, rather than mid-token. (Searched in
 * that stretch only: a text without line feeds must not be searched back to its start each time.)
 */
function restartPoint(buf: Buffer, at: number, floor: number): number {
  const lo = Math.max(floor, at - BOUNDARY_SEARCH);
  if (at <= lo) return at;
  const before = buf.subarray(lo, at);
  const lf = before.lastIndexOf(MARK_LF);
  if (lf >= 0) return lo + lf + 1;
  const sp = before.lastIndexOf(0x20);
  return sp >= 0 ? lo + sp + 1 : at;
}
const MARK_LF = 0x0a;

/**
 * Bounds are in UTF-16 units: the byte offset `units` units after (or before) byte `b`. Exact, by
 * walking the UTF-8 lead bytes; in ASCII text a unit is a byte.
 */
function unitsAhead(run: Run, b: number, units: number): number {
  const buf = run.buf;
  if (run.map.ascii) return Math.min(buf.length, b + units);
  let i = b;
  for (let n = 0; n < units && i < buf.length;) {
    const c = buf[i]!;
    const len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    n += len === 4 ? 2 : 1;
    i += len;
  }
  return Math.min(i, buf.length);
}

/** The character boundary at or before byte `b - bytes` (0 at least). */
function bytesBack(buf: Buffer, b: number, bytes: number): number {
  let i = Math.max(0, b - bytes);
  while (i > 0 && (buf[i]! & 0xc0) === 0x80) i--;
  return i;
}

function unitsBack(run: Run, b: number, units: number): number {
  const buf = run.buf;
  if (run.map.ascii) return Math.max(0, b - units);
  let i = b;
  for (let n = 0; n < units && i > 0;) {
    i -= 1;
    const c = buf[i]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: part of the character that starts earlier
    n += c >= 0xf0 ? 2 : 1;
  }
  return i;
}

const POOL_MAX = 4 << 20;
const ENCODER = new TextEncoder();
let pool = Buffer.allocUnsafe(64 << 10);

/**
 * The text as UTF-8, in a reused buffer (encoding is a third of the cost of a scan if allocated each
 * time). Valid until the next call: a scan is synchronous and does not keep it. Big texts get their own.
 */
function utf8(text: string): Buffer {
  const need = text.length * 3;
  if (need > POOL_MAX) return Buffer.from(text, 'utf8');
  if (pool.length < need) pool = Buffer.allocUnsafe(Math.min(POOL_MAX, Math.max(need, pool.length * 2)));
  const { written } = ENCODER.encodeInto(text, pool);
  return pool.subarray(0, written);
}

interface Run {
  readonly text: string;
  readonly buf: Buffer;
  readonly map: OffsetMap;
  /** No marker byte in the text: bulk location is safe. */
  readonly markable: boolean;
  readonly findings: Finding[];
  readonly spans: Span[] | null;
}

/**
 * RE2.Set over many patterns, split into smaller Sets if one ever gives up (its DFA hit the memory
 * budget): matching stays one pass per Set instead of falling back to running every recognizer.
 */
export class SetGroup {
  private chunks: { readonly set: RE2Set; readonly ids: readonly number[] }[];

  get size(): number {
    return this.sources.length;
  }

  constructor(private readonly sources: readonly string[]) {
    this.chunks = sources.length === 0 ? [] : [this.build(sources.map((_, i) => i))];
  }

  private build(ids: readonly number[]): { set: RE2Set; ids: readonly number[] } {
    return { set: new RE2.Set(ids.map((i) => this.sources[i]!), 'u', { maxMem: SET_MAX_MEM }), ids };
  }

  /** Indices (into `sources`) of the patterns that match somewhere in `view`. */
  match(view: Uint8Array | string): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.chunks.length; k++) {
      const chunk = this.chunks[k]!;
      let hits: number[];
      try {
        hits = chunk.set.match(view as Buffer | string);
      } catch {
        if (chunk.ids.length === 1) { out.push(chunk.ids[0]!); continue; } // cannot split: a candidate
        const half = chunk.ids.length >> 1;
        this.chunks.splice(k, 1, this.build(chunk.ids.slice(0, half)), this.build(chunk.ids.slice(half)));
        k -= 1; // retry this position with the first half
        continue;
      }
      for (const h of hits) out.push(chunk.ids[h]!);
    }
    return out;
  }
}

/** Where recognizers may match (Engine.locate): per compiled index, sorted merged [start, end) byte ranges. */
interface Located {
  readonly byPattern: readonly (number[] | undefined)[];
  readonly byKeyword: readonly (number[] | undefined)[];
}

/** Adds [start, end) to a recognizer's ranges; starts never decrease, so merging looks at the last only. */
function addRange(lists: (number[] | undefined)[], id: number, start: number, end: number): void {
  const list = (lists[id] ??= []);
  const last = list.length - 1;
  if (last > 0 && start <= list[last]!) list[last] = Math.max(list[last]!, end);
  else list.push(start, end);
}

/** The intersection of two sorted lists of disjoint ranges. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const start = Math.max(a[i]!, b[j]!);
    const end = Math.min(a[i + 1]!, b[j + 1]!);
    if (start < end) out.push(start, end);
    if (a[i + 1]! < b[j + 1]!) i += 2; else j += 2;
  }
  return out;
}

/**
 * Ranges whose starts moved back to a restart point (see restartPoint), merged: a search starting
 * mid-line is more likely to start inside a match the whole text would see from its beginning.
 */
function widen(ranges: readonly number[], buf: Buffer, floor: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < ranges.length; k += 2) {
    const start = restartPoint(buf, ranges[k]!, floor);
    const end = ranges[k + 1]!;
    if (out.length > 0 && start <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, end);
    else out.push(start, end);
  }
  return out;
}

/** Index of the last element of sorted `xs` that is <= x (0 when none is). */
function atOrBefore(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid]! <= x) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * How a scan finds where recognizers may match: its segments, the Set over them, and what each
 * recognizer needs to run (see Engine).
 */
interface Mode {
  readonly segmentBytes: number;
  /** How far (UTF-16 units) a segment's Set view reaches past it. */
  readonly overlap: number;
  /** Set entries [0, patternIds.length) are these recognizers' entries, in this order; then keywords. */
  readonly set: SetGroup;
  readonly patternIds: readonly number[];
  /** Per compiled index: what must be seen for it to run (BY_KEYWORD | BY_PATTERN; 0: in wholeIds). */
  readonly need: Uint8Array;
  /** Long recognizers without keywords (and any without a Set entry): one Set over the whole text. */
  readonly wholeSet: SetGroup;
  readonly wholeIds: readonly number[];
}

/** The segments, Set and needs of whole-text scans (streaming: false) or streaming windows (see Engine). */
function modeOf(compiled: readonly Compiled[], keywordSources: readonly string[], streaming: boolean): Mode {
  const segmented = compiled.filter((c) => c.bound <= SEGMENT_MAX_BOUND);
  const overlap = streaming ? segmented.reduce((m, c) => Math.max(m, c.bound), 0) : SCAN_OVERLAP;
  const flagged = (c: Compiled, pattern: string): string => (c.r.caseInsensitive ? `(?i:${pattern})` : pattern);
  /** A recognizer's Set entry: its gate or pattern when it fits the view, else its head (or null). */
  const entry = (c: Compiled): string | null => {
    if (c.bound <= overlap) return flagged(c, (streaming ? undefined : c.r.gate) ?? c.r.pattern);
    try {
      return patternHead(c.r.pattern, c.r.caseInsensitive === true, overlap);
    } catch {
      return null; // syntax regex-ast.ts does not model
    }
  };
  const need = new Uint8Array(compiled.length);
  const patterned: { id: number; source: string }[] = [];
  const whole: Compiled[] = [];
  for (const c of compiled) {
    const keywords = c.r.keywords ?? [];
    const long = c.bound > SEGMENT_MAX_BOUND;
    let source: string | null = null;
    if (keywords.length === 0) {
      // In a whole text, a long recognizer without keywords is found by its head like any other (a
      // match starting in a segment has its head in the view); in a stream it takes a pass of its own.
      if (!(long && streaming)) source = entry(c);
    } else if (!streaming && !long && (c.r.gate !== undefined || keywords.some((k) => COMMON_KEYWORDS.has(k.toLowerCase())))) {
      // (Not in a stream: its windows are short, where running these costs less than a bigger Set,
      // and a pattern that does not match in the view finds nothing there anyway.)
      source = entry(c);
    }
    if (source !== null) patterned.push({ id: c.index, source });
    if (keywords.length > 0) need[c.index] = source === null ? BY_KEYWORD : BY_KEYWORD | BY_PATTERN;
    else if (source !== null) need[c.index] = BY_PATTERN;
    else whole.push(c);
  }
  return {
    segmentBytes: streaming ? STREAM_SEGMENT_BYTES : SEGMENT_BYTES,
    overlap,
    set: setGroupFor([...patterned.map((p) => p.source), ...keywordSources]),
    patternIds: patterned.map((p) => p.id),
    need,
    wholeSet: setGroupFor(whole.map((c) => flagged(c, c.r.pattern))),
    wholeIds: whole.map((c) => c.index),
  };
}

export class Engine {
  /**
   * Whole texts. Per segment, one Set pass over every keyword and over an entry for each recognizer
   * that must match to run (see `need`). A recognizer with keywords runs near a segment where one of
   * them is; one without runs in a segment where its entry matches; one whose keywords are too common
   * to gate much ('key', '-', '/', 'get') needs both. Full patterns stay out of the Set when a keyword
   * can gate them: a Set over hundreds of full patterns was measured at 0.1 MB/s (its DFA thrashes),
   * while literals and a few dozen patterns keep it fast. A recognizer's entry is its pattern, or, when
   * it declares a `gate` (what any match that can pass validation contains), the gate, so text where
   * only invalid matches are possible (timestamps for IPv6) does not run it; or, when its matches may
   * be longer than the view reaches past a segment (SCAN_OVERLAP), their first SCAN_OVERLAP characters
   * (patternHead). Short segments with a short reach: a recognizer a planted value wakes up runs over
   * ~2-6 KB around it, not 10.
   */
  private readonly scan: Mode;
  /**
   * Streaming windows, which need the raw spans of invalid matches too (the redactor never cuts
   * through one): the geometry those spans were designed on. Full patterns of keyword-less
   * recognizers only (never gates), a view reaching past each segment over every recognizer's
   * longest match, and a keyword anywhere in a segment's view runs its recognizers over the whole
   * segment, so raw spans do not depend on where in a window a keyword is.
   */
  private readonly stream: Mode;
  /** Set entries after a mode's patterns: keyword -> compiled indices listing it. */
  private readonly keywordOwners: readonly (readonly number[])[];
  private readonly contextUnits: number;

  constructor(private readonly compiled: readonly Compiled[], private readonly minConfidence: number) {
    const keywords = new Map<string, number[]>();
    for (const c of compiled) {
      for (const k of c.r.keywords ?? []) {
        const key = k.toLowerCase();
        keywords.set(key, [...(keywords.get(key) ?? []), c.index]);
      }
    }
    this.keywordOwners = [...keywords.values()];
    const keywordSources = [...keywords.keys()].map((k) => `(?i:${escapeRe2(k)})`);
    this.scan = modeOf(compiled, keywordSources, false);
    this.stream = modeOf(compiled, keywordSources, true);
    this.contextUnits = compiled.reduce((m, c) => Math.max(m, c.contextWindow), DEFAULT_CONTEXT_WINDOW);
  }

  /** Findings (unresolved) and raw spans of matches whose value starts in [from, until) of `text`. */
  run(text: string, from: number, until: number, spans: boolean): WindowScan {
    const buf = utf8(text);
    const map = new OffsetMap(buf, text.length);
    const run: Run = {
      text, buf, map, markable: buf.indexOf(MARK_OPEN) < 0 && buf.indexOf(MARK_CLOSE) < 0,
      findings: [], spans: spans ? [] : null,
    };
    const fromB = map.ascii || from === 0 ? from : Buffer.byteLength(text.slice(0, from));
    const untilB = until >= text.length ? buf.length : map.ascii ? until : Buffer.byteLength(text.slice(0, until));
    if (fromB >= untilB) return { findings: [], spans: [] };
    map.checkpoint(fromB, from);
    // Two passes: first every segment's Set pass, noting where each recognizer must run, then each
    // recognizer over those ranges. Back-to-back passes of one regex keep its DFA in the CPU caches
    // (interleaved, every pass ran ~1.6x slower), and a recognizer needed in most segments (IPv4 in
    // logs) makes one call, not one per segment.
    const mode = spans ? this.stream : this.scan;
    const seen = this.locate(run, fromB, untilB, from, mode);
    for (let id = 0; id < this.compiled.length; id++) {
      const need = mode.need[id]!;
      let ranges = need === BY_PATTERN ? seen.byPattern[id] : seen.byKeyword[id];
      if (ranges === undefined || need === 0) continue;
      if (need === (BY_KEYWORD | BY_PATTERN)) {
        const byPattern = seen.byPattern[id];
        if (byPattern === undefined) continue;
        ranges = intersect(byPattern, ranges);
      }
      if (!spans) ranges = widen(ranges, buf, fromB); // (a stream's ranges start where they did before)
      for (let k = 0; k < ranges.length; k += 2) this.matchAll(this.compiled[id]!, ranges[k]!, ranges[k + 1]!, run);
    }
    if (mode.wholeIds.length > 0) {
      for (const k of mode.wholeSet.match(buf.subarray(alignForward(buf, Math.max(0, fromB - VIEW_LOOKBEHIND))))) {
        this.matchAll(this.compiled[mode.wholeIds[k]!]!, fromB, untilB, run);
      }
    }
    return { findings: run.findings, spans: run.spans ?? [] };
  }

  /**
   * The Set pass of every segment of [fromB, untilB): per recognizer, where a match may start (byte
   * ranges, sorted and merged). An entry's hit means a match may start in the segment (its first
   * `overlap` characters lie in the view). In a whole text, a keyword hit means one may start within the
   * recognizer's longest match before the view or the longest context window after it (keywords sit
   * inside a match or just before it; the Set does not say where in the view); in a stream, anywhere
   * in the segment (see `stream`).
   */
  private locate(run: Run, fromB: number, untilB: number, from: number, mode: Mode): Located {
    const { buf, map } = run;
    const streaming = mode === this.stream;
    const n = mode.patternIds.length;
    const byPattern: (number[] | undefined)[] = [];
    const byKeyword: (number[] | undefined)[] = [];
    const bounds: number[] = [];
    /** UTF-16 offset of each segment start (bounds[k]). */
    const bounds16: number[] = [];
    let seg16 = from;
    for (let segStart = fromB; segStart < untilB;) {
      const segEnd = segmentEnd(buf, segStart, segStart + mode.segmentBytes, untilB);
      bounds.push(segStart);
      bounds16.push(seg16);
      map.checkpoint(segStart, seg16);
      const segUnits = map.unitsBetween(segStart, segEnd);
      // The view reaches back over the longest context window (keywords may sit just before a value).
      const setStart = unitsBack(run, segStart, this.contextUnits);
      const setStart16 = streaming ? 0 : seg16 - map.unitsBetween(setStart, segStart);
      const setEnd = unitsAhead(run, segEnd, mode.overlap);
      const reachEnd = streaming ? segEnd : Math.min(untilB, unitsAhead(run, setEnd, this.contextUnits));
      seg16 += segUnits;
      for (const h of mode.set.match(buf.subarray(setStart, setEnd))) {
        if (h < n) {
          addRange(byPattern, mode.patternIds[h]!, segStart, segEnd);
          continue;
        }
        for (const id of this.keywordOwners[h - n]!) {
          const bound = this.compiled[id]!.bound;
          let reach: number;
          // Whole text: `bound` units before the view, or a little earlier. Without walking back over
          // the text: the start of the segment that holds that offset, or 3 bytes per unit back (no
          // character takes more), whichever is later.
          if (!streaming) reach = Math.max(bounds[atOrBefore(bounds16, setStart16 - bound)]!, bytesBack(buf, setStart, map.ascii ? bound : 3 * bound));
          // A stream's long recognizer may have its keyword deep inside its match (a JWT's payload).
          else reach = bound > SEGMENT_MAX_BOUND ? Math.max(fromB, unitsBack(run, segStart, bound)) : segStart;
          addRange(byKeyword, id, reach, reachEnd);
        }
      }
      segStart = segEnd;
    }
    return { byPattern, byKeyword };
  }

  /** Every match of one recognizer whose value starts in [from, to) (absolute bytes). */
  private matchAll(c: Compiled, from: number, to: number, run: Run): void {
    const viewStart = alignForward(run.buf, Math.max(0, from - VIEW_LOOKBEHIND));
    const view = run.buf.subarray(viewStart, unitsAhead(run, to, c.bound));
    if (c.bulk && run.markable) this.matchBulk(c, view, viewStart, from, to, run);
    else this.matchEach(c, view, viewStart, from, to, run);
  }

  /**
   * One replace() call brackets every match with marker bytes (see Compiled.template); offsets in the
   * output shift by what the markers (and group copies) of earlier matches added.
   */
  private matchBulk(c: Compiled, view: Buffer, viewStart: number, from: number, to: number, run: Run): void {
    c.re.lastIndex = 0;
    const marked = c.re.replace(view, c.template);
    let shift = 0;
    for (let open = marked.indexOf(MARK_OPEN); open >= 0;) {
      const close = marked.indexOf(MARK_CLOSE, open + 1);
      const start = viewStart + open - shift;
      const end = start + (close - open - 1);
      let valueStart = start;
      let next = close + 1;
      if (c.group > 0) {
        const copyEnd = marked.indexOf(MARK_CLOSE, next);
        valueStart = end - (copyEnd - next);
        next = copyEnd + 1;
      }
      shift += next - open - (end - start);
      open = marked.indexOf(MARK_OPEN, next);
      if (start < from) {
        // A match from before the window's start runs into it (the text before `from` was decided
        // without it, e.g. cut off at a forced boundary): search the part it hides from `from` on.
        if (end > from) this.matchEach(c, view, viewStart, from, Math.min(to, end), run);
        continue;
      }
      if (start >= to) break;
      if (end > valueStart) this.report(c, valueStart, end, start, end, run);
    }
  }

  private matchEach(c: Compiled, view: Buffer, viewStart: number, from: number, to: number, run: Run): void {
    const re = c.re;
    re.lastIndex = from - viewStart;
    for (let m = re.exec(view); m !== null; m = re.exec(view)) {
      const mStart = viewStart + m.index;
      if (mStart >= to) break;
      if (m[0].length === 0) { re.lastIndex = alignForward(view, re.lastIndex + 1); continue; }
      if (c.boundaryWord !== null && m.index > 0 && isWordByte(view[m.index - 1]!) === c.boundaryWord) {
        // Not at a word boundary: the original pattern would not match here; it may match further in.
        re.lastIndex = m.index + 1;
        continue;
      }
      let vs = mStart;
      let ve = mStart + m[0].length;
      if (c.group > 0) {
        const ix = m.indices?.[c.group];
        if (!ix || ix[1] === ix[0]) continue;
        vs = viewStart + ix[0];
        ve = viewStart + ix[1];
      }
      this.report(c, vs, ve, mStart, mStart + m[0].length, run);
    }
  }

  /**
   * One raw match: the value [startB, endB) and the whole match [matchB, matchEndB) (they differ for
   * capture-group recognizers, whose match includes context such as `password = `). The span kept
   * for the streaming redactor is the whole match: a decided point must never fall inside one, or the
   * next scan, starting there, could no longer see the context the value needs.
   */
  private report(c: Compiled, startB: number, endB: number, matchB: number, matchEndB: number, run: Run): void {
    const r = c.r;
    let validated = false;
    if (run.spans === null && r.validate !== undefined && !run.map.ascii) {
      // Most matches of the busy recognizers fail validation: decode the value from the bytes and
      // map offsets only for the ones that pass. A U+FFFD in the bytes may stand for a lone surrogate
      // of the text: then the text's own slice is what the validator must see.
      const value = run.buf.toString('utf8', startB, endB);
      if (!value.includes('\uFFFD')) {
        if (!validates(r, value)) return;
        validated = true;
      }
    }
    const start = run.map.toUtf16(startB);
    const end = run.map.toUtf16(endB);
    if (run.spans) {
      const ms = matchB < startB ? run.map.toUtf16(matchB) : start;
      const me = matchEndB > endB ? run.map.toUtf16(matchEndB) : end;
      run.spans.push({ start: ms, end: me });
    }
    if (!validated && !validates(r, run.text.slice(start, end))) return;
    let hasContext = false;
    if (c.context.length > 0) {
      const window = run.text.slice(Math.max(0, start - c.contextWindow), start).toLowerCase();
      hasContext = c.context.some((w) => window.includes(w));
    }
    if (r.requireContext && !hasContext) return;
    const confidence = Math.min(1, r.confidence + (hasContext ? CONTEXT_BOOST : 0));
    if (confidence < this.minConfidence) return;
    run.findings.push({ entity: r.entity, recognizer: r.id, kind: r.kind, start, end, confidence });
  }
}
