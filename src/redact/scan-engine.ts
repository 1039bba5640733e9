// The scanning engine behind scanner.ts. Speed (the target is >= 100 MB/s with ~150 recognizers) comes
// from not running most recognizers at all, running the others only where they can match, and paying
// as little per match as possible:
//  - the text is converted to UTF-8 once; every RE2 call reads the same bytes (a string argument would
//    be re-encoded by each regex);
//  - the text is cut into segments (at line ends where possible). Per segment, ONE RE2.Set pass says
//    which recognizers can match there; only those run, over that segment plus their own longest match.
//    The Set holds every recognizer's full pattern (as cheap in a Set as a keyword, and never fooled by
//    keywords as common as 'key', 'api' or '-'); keywords gate the long recognizers (PEM blocks, JWTs),
//    whose matches do not fit a segment's view, and run those near a hit only;
//  - keywords as common as 'key', '-' or '/' gate next to nothing: the recognizers listing one are
//    confirmed by a second Set over their full patterns (Engine.confirmSet) before they run;
//  - a match that fails validation (most matches of the busy recognizers) costs no offset mapping;
//  - recognizers written `\bprefix...` are searched without the `\b` (RE2 then skips ahead with memchr,
//    20-40x faster) and the boundary is checked per match;
//  - recognizers that match often (and mostly fail validation: timestamps for IPv6, numbers for phones)
//    are located with one `replace()` call that brackets every match with marker bytes, instead of one
//    exec() call per match (~1.3 µs each, 5x the cost).
// Keywords of long recognizers must occur inside a match or within its context window before it: that
// is where the engine looks for them.
import RE2 from 're2';
import { escapeRe2, re2 } from '../util/re2.js';
import { alignForward, OffsetMap } from './offsets.js';
import type { Finding, Recognizer } from './types.js';

const SEGMENT_BYTES = 8192;
/** Plain recognizers (no keywords) that can match more than this run over the whole text instead. */
const SEGMENT_MAX_BOUND = 2048;
/** How far back a segment end may move to land on a line end (or a space) instead of mid-token. */
const BOUNDARY_SEARCH = 1024;
/** Bytes before a window kept in its view so `\b` and friends see the preceding character. */
const VIEW_LOOKBEHIND = 16;
export const DEFAULT_CONTEXT_WINDOW = 48;
/** Confidence added when a context word is near (the reference scanner's rule). */
const CONTEXT_BOOST = 0.15;
const SET_MAX_MEM = 64 << 20;
/**
 * Views shorter than this skip the confirmSet pass: on the short windows of a stream, running the
 * few candidates it would rule out costs less than the pass (measured: 13 vs 15-17 µs per window).
 */
const CONFIRM_MIN_VIEW = 4096;
/** Nor does the pass pay for fewer candidates to rule out than this (measured with both bench sets). */
const CONFIRM_MIN_CANDIDATES = 3;
/**
 * Keywords common enough in ordinary text (prose, code, logs) that they gate little: recognizers
 * listing one are gated by their full pattern too (see Engine.confirmSet). Chosen by measurement:
 * these recognizers ran in most segments of the bench corpus and matched in almost none.
 */
const COMMON_KEYWORDS = new Set(['key', 'api', '-', '/', 'get', 's.', 'cd', 'fb', 'x-', 'pw', 'pwd', '-u', 'pat', '0x', 'ac', 'sk', '|', '\\', '</', 'eaa']);
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

export function compileRecognizer(r: Recognizer, index: number, bound: number): Compiled {
  const group = r.group ?? 0;
  const { re, boundaryWord } = searchesFor(r);
  return {
    r, index, group, bound, re, boundaryWord,
    bulk: group === 0 && boundaryWord === null,
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
  const floor = Math.max(start + 1, nominal - BOUNDARY_SEARCH);
  const lf = buf.lastIndexOf(MARK_LF, nominal - 1);
  if (lf >= floor) return lf + 1;
  const sp = buf.lastIndexOf(0x20, nominal - 1);
  if (sp >= floor) return sp + 1;
  return alignForward(buf, nominal);
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
  /** Per recognizer: match starts below this byte were already looked at in this run. */
  readonly scannedTo: Int32Array;
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

export class Engine {
  /**
   * Per segment, one Set pass over every keyword and over the full pattern of each segmented recognizer
   * that has NO keywords. A recognizer with keywords runs when one of them is in the segment; one
   * without runs when its pattern matches there. Full patterns stay out of the Set when a keyword can
   * gate them: a Set over hundreds of full patterns was measured at 0.1 MB/s (its DFA thrashes), while
   * literals and the few keyword-less patterns keep it fast.
   */
  private readonly set: SetGroup;
  /** Set entries [0, patternCount) are the segmented recognizers' patterns, in this order. */
  private readonly patternIds: readonly number[];
  /** Set entries from patternCount on: keyword -> compiled indices listing it. */
  private readonly keywordOwners: readonly (readonly number[])[];
  /** Long recognizers without keywords: one Set over the whole text. */
  private readonly wholeSet: SetGroup;
  private readonly wholeIds: readonly number[];
  private readonly setOverlap: number;
  private readonly contextUnits: number;
  /**
   * Keyword-gated recognizers whose keywords are too common to gate much ('key', '-', '/', 'get'):
   * a second Set over their full patterns runs when one of them is a candidate, and only those whose
   * pattern matches in the segment's view run (a match starting in the segment lies inside that view).
   */
  private readonly confirmSet: SetGroup;
  /** Per compiled index: its entry in confirmSet, or -1. */
  private readonly confirmEntry: Int32Array;
  /** Scratch for candidates(): confirmSet hits, and recognizers already listed (always left all 0). */
  private readonly confirmHit: Uint8Array;
  private readonly mark: Uint8Array;

  constructor(private readonly compiled: readonly Compiled[], private readonly minConfidence: number) {
    const setSource = (c: Compiled): string => (c.r.caseInsensitive ? `(?i:${c.r.pattern})` : c.r.pattern);
    const segmented = compiled.filter((c) => c.bound <= SEGMENT_MAX_BOUND && !c.r.keywords?.length);
    const whole = compiled.filter((c) => c.bound > SEGMENT_MAX_BOUND && !c.r.keywords?.length);
    const keywords = new Map<string, number[]>();
    for (const c of compiled) {
      for (const k of c.r.keywords ?? []) {
        const key = k.toLowerCase();
        keywords.set(key, [...(keywords.get(key) ?? []), c.index]);
      }
    }
    this.set = setGroupFor([...segmented.map(setSource), ...[...keywords.keys()].map((k) => `(?i:${escapeRe2(k)})`)]);
    this.patternIds = segmented.map((c) => c.index);
    this.keywordOwners = [...keywords.values()];
    this.wholeSet = setGroupFor(whole.map(setSource));
    this.wholeIds = whole.map((c) => c.index);
    // The Set view must cover every recognizer a segment can start (keyword-gated ones included).
    this.setOverlap = compiled.filter((c) => c.bound <= SEGMENT_MAX_BOUND).reduce((m, c) => Math.max(m, c.bound), 0);
    this.contextUnits = compiled.reduce((m, c) => Math.max(m, c.contextWindow), DEFAULT_CONTEXT_WINDOW);
    const confirm = compiled.filter((c) => c.bound <= SEGMENT_MAX_BOUND && (c.r.keywords ?? []).some((k) => COMMON_KEYWORDS.has(k.toLowerCase())));
    this.confirmSet = setGroupFor(confirm.map(setSource));
    this.confirmEntry = new Int32Array(compiled.length).fill(-1);
    confirm.forEach((c, i) => { this.confirmEntry[c.index] = i; });
    this.confirmHit = new Uint8Array(confirm.length);
    this.mark = new Uint8Array(compiled.length);
  }

  /**
   * Recognizers that may match in a segment whose Set view is `view`, in index order: from the Set's
   * hits (see `set`), less those the confirmSet rules out (see `confirmSet`).
   */
  private candidates(view: Buffer): number[] {
    const hits = this.set.match(view);
    const mark = this.mark;
    const out: number[] = [];
    const n = this.patternIds.length;
    let confirm = 0;
    for (const h of hits) {
      if (h < n) {
        const id = this.patternIds[h]!;
        if (mark[id] === 0) { mark[id] = 1; out.push(id); }
        continue;
      }
      for (const id of this.keywordOwners[h - n]!) {
        if (mark[id] !== 0) continue;
        mark[id] = 1;
        out.push(id);
        if (this.confirmEntry[id]! >= 0) confirm += 1;
      }
    }
    for (const id of out) mark[id] = 0;
    if (out.length > 1) out.sort((a, b) => a - b);
    if (confirm < CONFIRM_MIN_CANDIDATES || view.length < CONFIRM_MIN_VIEW) return out;
    const hit = this.confirmHit;
    hit.fill(0);
    for (const h of this.confirmSet.match(view)) hit[h] = 1;
    return out.filter((id) => { const e = this.confirmEntry[id]!; return e < 0 || hit[e] === 1; });
  }

  /** Findings (unresolved) and raw spans of matches whose value starts in [from, until) of `text`. */
  run(text: string, from: number, until: number, spans: boolean): WindowScan {
    const buf = utf8(text);
    const map = new OffsetMap(buf, text.length);
    const run: Run = {
      text, buf, map, markable: buf.indexOf(MARK_OPEN) < 0 && buf.indexOf(MARK_CLOSE) < 0,
      scannedTo: new Int32Array(this.compiled.length), findings: [], spans: spans ? [] : null,
    };
    const fromB = map.ascii || from === 0 ? from : Buffer.byteLength(text.slice(0, from));
    const untilB = until >= text.length ? buf.length : map.ascii ? until : Buffer.byteLength(text.slice(0, until));
    if (fromB >= untilB) return { findings: [], spans: [] };
    map.checkpoint(fromB, from);
    run.scannedTo.fill(fromB);
    let seg16 = from;
    for (let segStart = fromB; segStart < untilB;) {
      const segEnd = segmentEnd(buf, segStart, segStart + SEGMENT_BYTES, untilB);
      map.checkpoint(segStart, seg16);
      seg16 += map.unitsBetween(segStart, segEnd);
      // The Set view reaches back over the longest context window (keywords may sit just before a
      // value) and on over the longest match of a plain recognizer starting in the segment.
      const setStart = unitsBack(run, segStart, this.contextUnits);
      const setEnd = unitsAhead(run, segEnd, this.setOverlap);
      for (const id of this.candidates(buf.subarray(setStart, setEnd))) {
        const c = this.compiled[id]!;
        // A long recognizer's keyword may sit deep inside its match (a JWT's payload): look back one match.
        const back = c.bound > SEGMENT_MAX_BOUND ? unitsBack(run, segStart, c.bound) : segStart;
        const start = Math.max(run.scannedTo[id]!, fromB, back);
        if (start < segEnd) this.matchAll(c, start, segEnd, run);
        run.scannedTo[id] = Math.max(run.scannedTo[id]!, segEnd);
      }
      segStart = segEnd;
    }
    if (this.wholeIds.length > 0) {
      for (const k of this.wholeSet.match(buf.subarray(alignForward(buf, Math.max(0, fromB - VIEW_LOOKBEHIND))))) {
        this.matchAll(this.compiled[this.wholeIds[k]!]!, fromB, untilB, run);
      }
    }
    return { findings: run.findings, spans: run.spans ?? [] };
  }

  /** Every match of one recognizer whose value starts in [from, to) (absolute bytes). */
  private matchAll(c: Compiled, from: number, to: number, run: Run): void {
    const viewStart = alignForward(run.buf, Math.max(0, from - VIEW_LOOKBEHIND));
    const view = run.buf.subarray(viewStart, unitsAhead(run, to, c.bound));
    if (c.bulk && run.markable) this.matchBulk(c, view, viewStart, from, to, run);
    else this.matchEach(c, view, viewStart, from, to, run);
  }

  /** One replace() call brackets every match with marker bytes; offsets shift by 2 per earlier match. */
  private matchBulk(c: Compiled, view: Buffer, viewStart: number, from: number, to: number, run: Run): void {
    c.re.lastIndex = 0;
    const marked = c.re.replace(view, '\u0000$&\u0001');
    let shift = 0;
    for (let open = marked.indexOf(MARK_OPEN); open >= 0; open = marked.indexOf(MARK_OPEN, open + 1)) {
      const close = marked.indexOf(MARK_CLOSE, open + 1);
      const start = viewStart + open - shift;
      const end = start + (close - open - 1);
      shift += 2;
      if (start < from) {
        // A match from before the window's start runs into it (the text before `from` was decided
        // without it, e.g. cut off at a forced boundary): search the part it hides from `from` on.
        if (end > from) this.matchEach(c, view, viewStart, from, Math.min(to, end), run);
        continue;
      }
      if (start >= to) break;
      if (end > start) this.report(c, start, end, start, end, run);
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
