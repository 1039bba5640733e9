// The scanning engine behind scanner.ts. Speed comes from not running most recognizers at all, running
// the others only where they can match, and paying as little per match as possible:
//  - the text is converted to UTF-8 once, into a reused buffer; every RE2 call reads the same bytes (a
//    string argument would be re-encoded by each regex);
//  - the text is cut into short segments (at line ends where possible). Per segment, ONE RE2.Set pass
//    over keywords and a few dozen patterns says which recognizers may match near it (Engine.scan);
//    then each of those runs once over the merged ranges where it may (Engine.locate, Engine.run);
//    only the recognizers something woke up are looked at;
//  - keywords as common as 'key', '-' or '/' gate next to nothing: the recognizers listing one must
//    also have their pattern (or its head) match in the segment, and when only such recognizers list
//    a keyword, the Set pass leaves it out: it is looked for near their pattern's matches (deferred);
//  - a recognizer may declare a `gate`, what every valid match contains (IPv6: `::` or six groups),
//    so the text where its pattern matches but never validates (clock times) does not run it;
//  - a match that fails validation (most matches of the busy recognizers) costs no offset mapping, and
//    the others are mapped to UTF-16 in one increasing sweep per scan (Engine.settle);
//  - recognizers written `\bprefix...` are searched without the `\b` (RE2 then skips ahead with memchr,
//    20-40x faster) and the boundary is checked per match;
//  - recognizers that match often (and mostly fail validation: numbers for phones) are located with
//    one `replace()` call that brackets every match with marker bytes, instead of one exec() call per
//    match (~1.3-3 µs each, 5x the cost); capture-group recognizers too when the group ends the match.
//    While one matches rarely (a planted value here and there), exec() finds the same matches for
//    less: a replace() call costs ~2 µs more and copies the text it searches;
//  - a recognizer matching hundreds of times per MB (IPv4 in logs) may bring a hand-written finder of
//    exactly its pattern's matches (Recognizer.find): ~0.25 µs per match against RE2's ~2.
// Streaming windows (scanWindow) keep the segment geometry the redactor's raw spans were designed on
// (Engine.stream). Keywords must occur inside a match or within its context window before it: that is
// where the engine looks for them.
import { isAscii } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import RE2 from 're2';
import { escapeRe2, re2 } from '../util/re2.js';
import { ScanBudgetExceeded } from './errors.js';
import { alignBack, alignForward, OffsetMap } from './offsets.js';
import { captures, parsePattern, type Node } from './regex-ast.js';
import { patternHead, reportingAlternatives } from './regex-prefix.js';
import type { Finding, Recognizer } from './types.js';

/**
 * Whole-text segments: a recognizer a segment's Set pass wakes up (a planted card number wakes
 * several) runs over a few KB around it. Shorter segments cost more Set calls. Bench corpus, scan
 * only: 1.5-2.5 KB about the same, 3 KB 4% slower, 8 KB 57 against 65 MB/s.
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
 * (patternHead). Every byte of it is scanned twice (by this segment's Set pass and the next one's):
 * 128 against 256 gave +2.4% throughput (median of thirty interleaved A/B rounds, same findings);
 * at 64 the heads grew too short to gate (half the throughput).
 */
const SCAN_OVERLAP = 128;
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
 * listing one are gated by their pattern too (see Engine.scan), and such a keyword is looked for only
 * near their pattern's matches (see modeOf). Chosen by measurement: these recognizers ran in most
 * segments of the bench corpus and matched in almost none; '://' (any URL) and 'iv' (give, private)
 * woke the URI credential and salt/IV recognizers over ~1 MB per 8 MB for nothing (3.5 ms). Not '@':
 * the email pattern made the Set pass 60% slower.
 */
const COMMON_KEYWORDS = new Set(['key', 'api', '-', '/', 'get', 's.', 'cd', 'fb', 'x-', 'pw', 'pwd', '-u', 'pat', '0x', 'ac', 'sk', '|', '\\', '</', 'eaa', '://', 'iv']);
/** Why a segmented recognizer runs in a segment (Engine.need): bits that must all be set. */
const BY_KEYWORD = 1;
const BY_PATTERN = 2;
/** From this many matches per view (lately) on, replace() locates a recognizer's matches more cheaply than exec(). */
const DENSE_MATCHES = 2.5;
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
  readonly contextAfter: number;
  /** Longest match in UTF-16 units (holdback.ts): how far past a window a recognizer must read. */
  readonly bound: number;
  /** Set when the search pattern dropped a leading `\b`: whether the first character is a word character. */
  readonly boundaryWord: boolean | null;
  /**
   * Matches may be located with one replace() call (see above; while a recognizer matches rarely,
   * exec() from the view's start finds the same ones for less, see Engine.matchAll); else exec() from
   * the window's start, the boundary checked per match.
   */
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

/** The first MARK_CLOSE at or after `i`: most matches are short, where a loop costs less than a native call. */
function closeAfter(marked: Buffer, i: number): number {
  const stop = Math.min(marked.length, i + 64);
  for (let j = i; j < stop; j++) if (marked[j] === MARK_CLOSE) return j;
  return marked.indexOf(MARK_CLOSE, stop);
}

/** Bulk templates: group 1-9 only (`$10` would read as group 1 followed by a '0'). */
const MAX_BULK_GROUP = 9;

export function compileRecognizer(r: Recognizer, index: number, bound: number): Compiled {
  const group = r.group ?? 0;
  if (r.find !== undefined && group !== 0) throw new Error(`recognizer ${r.id}: find reports whole matches, it cannot have a group`);
  const { re, boundaryWord } = searchesFor(r);
  const bulk = boundaryWord === null && (group === 0 || (group <= MAX_BULK_GROUP && groupEndsMatch(r.pattern, group)));
  return {
    r, index, group, bound, re, boundaryWord, bulk,
    template: group === 0 ? '\u0000$&\u0001' : `\u0000$&\u0001$${group}\u0001`,
    context: (r.context ?? []).map((w) => w.toLowerCase()),
    contextWindow: r.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    contextAfter: r.contextAfter ?? 0,
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

/**
 * Whether one of the recognizer's context words is in the `contextWindow` characters before the value
 * [start, end), or in the `contextAfter` characters after it. The two windows are searched apart: a
 * word must not be made of the value's last characters and the text after it.
 */
function hasContextWord(c: Compiled, text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - c.contextWindow), start).toLowerCase();
  for (const w of c.context) if (before.includes(w)) return true; // (a loop: 20% less than some() per finding)
  if (c.contextAfter === 0) return false;
  const after = text.slice(end, end + c.contextAfter).toLowerCase();
  for (const w of c.context) if (after.includes(w)) return true;
  return false;
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
 * Bounds are in UTF-16 units: the byte offset `units` units after (or before) byte `b`, a character
 * boundary. Exact: the first character boundary at least `units` units away (one more when a surrogate
 * pair straddles the count). Over ASCII a unit is a byte (checked natively, SIMD: mixed texts have long
 * ASCII stretches); short distances are walked over the UTF-8 lead bytes, long ones (a recognizer's
 * longest match, up to 10,000) counted natively in chunks (see countedAhead).
 */
function unitsAhead(run: Run, b: number, units: number): number {
  const buf = run.buf;
  if (run.map.ascii || (units >= ASCII_CHECK && isAscii(buf.subarray(b, b + units)))) return Math.min(buf.length, b + units);
  if (units >= LONG_WALK) return countedAhead(run, b, units);
  let i = b;
  for (let n = 0; n < units && i < buf.length;) {
    const c = buf[i]!;
    const len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    n += len === 4 ? 2 : 1;
    i += len;
  }
  return Math.min(i, buf.length);
}

/** Walks longer than this many units count natively instead (a walk costs ~2 ns per byte). */
const LONG_WALK = 512;
/** Walks shorter than this are not checked for ASCII first (a check costs ~0.1 µs, a Buffer view included). */
const ASCII_CHECK = 128;

/**
 * unitsAhead by counting chunks: `d` more units need at least `d` more bytes, and only the last
 * character of those bytes can complete the count (every other one has no more units than bytes), so
 * stepping `d` bytes (to the next character boundary) never passes the walk's answer.
 */
function countedAhead(run: Run, b: number, units: number): number {
  const buf = run.buf;
  let i = b;
  for (let n = 0; n < units && i < buf.length;) {
    const next = alignForward(buf, Math.min(buf.length, i + units - n));
    n += run.map.unitsBetween(i, next);
    i = next;
  }
  return i;
}

/** The character boundary at or before byte `b - bytes` (0 at least). */
function bytesBack(buf: Buffer, b: number, bytes: number): number {
  return alignBack(buf, Math.max(0, b - bytes));
}

function unitsBack(run: Run, b: number, units: number): number {
  const buf = run.buf;
  if (run.map.ascii || (units >= ASCII_CHECK && isAscii(buf.subarray(Math.max(0, b - units), b)))) return Math.max(0, b - units);
  if (units >= LONG_WALK) return countedBack(run, b, units);
  let i = b;
  for (let n = 0; n < units && i > 0;) {
    i -= 1;
    const c = buf[i]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: part of the character that starts earlier
    n += c >= 0xf0 ? 2 : 1;
  }
  return i;
}

/** unitsBack by counting chunks (see countedAhead: here the first character of a chunk completes it). */
function countedBack(run: Run, b: number, units: number): number {
  let i = b;
  for (let n = 0; n < units && i > 0;) {
    const next = alignBack(run.buf, Math.max(0, i - (units - n)));
    n += run.map.unitsBetween(next, i);
    i = next;
  }
  return i;
}

/**
 * The largest UTF-8 buffer kept for reuse (a text of about this many bytes; bigger ones get their own).
 * A buffer allocated per scan costs page faults and, as external memory, garbage collections: for the
 * 8.4 MB bench corpus Buffer.from() took 18-22 ms per scan (it also measures the text first and
 * zero-fills), encoding into a reused buffer ~8.
 */
const POOL_MAX = 16 << 20;
const ENCODER = new TextEncoder();
let pool = Buffer.allocUnsafe(64 << 10);

/**
 * The text as UTF-8, in a reused buffer. Valid until the next call: a scan is synchronous and does not
 * keep it. Sized for mostly-ASCII text first (what does not fit is encoded into a bigger buffer).
 */
function utf8(text: string): Buffer {
  const guess = text.length + (text.length >> 3) + 16;
  const target = guess <= POOL_MAX ? pooled(guess) : Buffer.allocUnsafeSlow(guess);
  const { read, written } = ENCODER.encodeInto(text, target);
  if (read === text.length) return target.subarray(0, written);
  // Did not fit: the rest takes at most 3 bytes per unit.
  const bigger = Buffer.allocUnsafeSlow(written + (text.length - read) * 3);
  target.copy(bigger, 0, 0, written);
  const rest = ENCODER.encodeInto(text.slice(read), bigger.subarray(written));
  if (bigger.length <= POOL_MAX) pool = bigger;
  return bigger.subarray(0, written + rest.written);
}

/** The reused buffer, grown to at least `size` bytes (at most POOL_MAX). */
function pooled(size: number): Buffer {
  if (pool.length < size) pool = Buffer.allocUnsafe(Math.min(POOL_MAX, Math.max(size, pool.length * 2)));
  return pool;
}

interface Run {
  readonly text: string;
  readonly buf: Buffer;
  readonly map: OffsetMap;
  /** No marker byte in the text: bulk location is safe. */
  readonly markable: boolean;
  readonly findings: Finding[];
  readonly spans: Span[] | null;
  /** Raw matches of a non-ASCII text, in byte offsets, until Engine.settle maps them. */
  readonly pending: Raw[];
}

/**
 * Indices of `raws` by increasing start: a numeric sort of start * 2^21 + index (an array sort with a
 * comparator took 2 ms for 10,000). Small integers out, as the offsets computed from them must be
 * (a double offset in a finding deoptimised the code handling findings).
 */
function byStart(raws: readonly Raw[]): ArrayLike<number> & Iterable<number> {
  if (raws.length <= FEW || raws.length > INDEX_MASK) return raws.map((_, i) => i).sort((a, b) => raws[a]!.startB - raws[b]!.startB);
  const order = new Int32Array(raws.length);
  const keys = new Float64Array(raws.length);
  for (let i = 0; i < raws.length; i++) keys[i] = raws[i]!.startB * (INDEX_MASK + 1) + i;
  keys.sort();
  for (let i = 0; i < keys.length; i++) order[i] = keys[i]! % (INDEX_MASK + 1);
  return order;
}
const INDEX_MASK = (1 << 21) - 1;
/** Up to this many (a streaming window's), a plain sort costs less than typed arrays. */
const FEW = 16;

/** A raw match (see Engine.report) whose UTF-16 offsets are not known yet. */
interface Raw {
  readonly c: Compiled;
  readonly startB: number;
  readonly endB: number;
  readonly matchB: number;
  readonly matchEndB: number;
  /** Its value passed validation (decoded from the bytes). */
  readonly validated: boolean;
}

/**
 * Two Set calls in a row slower than this answer the next calls from the split Sets (see SetGroup).
 * Bench corpus, 2.3 KB views: ~8 µs each once the DFA has its states; the first pass over new text
 * (states being built) had 4 calls of 4,097 over 2 ms, never two in a row. Random 16-character tokens:
 * every call 10-40 ms.
 */
const SLOW_SET_CALL_MS = 2;
/** Calls answered by the split Sets after a slow call: doubling while the combined Set stays slow. */
const SPLIT_STRETCH_MIN = 16;
const SPLIT_STRETCH_MAX = 1024;

type SetChunk = { readonly set: RE2Set; readonly ids: readonly number[] };

/** Whether an RE2 source is a plain literal (a keyword), possibly wrapped in `(?i:...)`. */
function isLiteralSource(source: string): boolean {
  const body = source.startsWith('(?i:') && source.endsWith(')') ? source.slice(4, -1) : source;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\') { i += 1; continue; } // an escaped character is literal
    if ('[](){}.*+?^$|'.includes(ch)) return false;
  }
  return true;
}

/**
 * RE2.Set over many patterns, as one Set. It is split into smaller Sets when the combined one does
 * not cope:
 *  - if it ever gives up (its DFA hit the memory budget), for good: halves, recursively;
 *  - while it is slow. Text of random-looking tokens (base64 blobs, keys, hashes in mixed case) drives
 *    the combined DFA through new states at nearly every byte: the counters of several patterns and the
 *    keyword trie advance in every combination, so states are built, not reused (measured: 5-10 µs per
 *    byte, 1 MB of base64 in ~10 s). Each pattern alone, and all the literals together, stay linear
 *    (~0.4 s per MB of such text for the default set). So after two slow calls in a row the next calls
 *    use those split Sets, then the combined Set is tried again, after twice as many calls each time
 *    it is still slow. Which Sets answer never changes the result: a Set reports the patterns matching anywhere in
 *    the view, and the union over a partition is the same set (returned in increasing order either way).
 */
export class SetGroup {
  private chunks: SetChunk[];
  /** Built on the first slow call: all literal sources in one Set, every other source alone. */
  private split: SetChunk[] | undefined;
  private splitLeft = 0;
  private splitStretch = SPLIT_STRETCH_MIN;
  /** The previous call to the combined Set was slow. */
  private wasSlow = false;

  get size(): number {
    return this.sources.length;
  }

  constructor(private readonly sources: readonly string[]) {
    this.chunks = sources.length === 0 ? [] : [this.build(sources.map((_, i) => i))];
  }

  private build(ids: readonly number[]): SetChunk {
    return { set: new RE2.Set(ids.map((i) => this.sources[i]!), 'u', { maxMem: SET_MAX_MEM }), ids };
  }

  private splitChunks(): SetChunk[] {
    if (!this.split) {
      const literals: number[] = [];
      const others: SetChunk[] = [];
      this.sources.forEach((source, i) => (isLiteralSource(source) ? literals.push(i) : others.push(this.build([i]))));
      this.split = literals.length > 0 ? [this.build(literals), ...others] : others;
    }
    return this.split;
  }

  /** Indices (into `sources`) of the patterns that match somewhere in `view`, increasing. */
  match(view: Uint8Array | string): number[] {
    if (this.splitLeft > 0) {
      this.splitLeft -= 1;
      return matchChunks(this.splitChunks(), view, (ids) => this.build(ids)).sort((a, b) => a - b);
    }
    const started = performance.now();
    const out = matchChunks(this.chunks, view, (ids) => this.build(ids));
    const slow = this.sources.length > 1 && performance.now() - started > SLOW_SET_CALL_MS;
    if (slow && this.wasSlow) {
      this.splitLeft = this.splitStretch;
      this.splitStretch = Math.min(SPLIT_STRETCH_MAX, this.splitStretch * 2);
    } else if (!slow) {
      this.splitStretch = SPLIT_STRETCH_MIN;
    }
    this.wasSlow = slow;
    return out;
  }

  /** Test hook: answer every call from the split Sets (or, with false, go back to the combined Set). */
  forceSplit(on = true): void {
    this.splitLeft = on ? Number.MAX_SAFE_INTEGER : 0;
  }
}

/**
 * The hits of each chunk, as indices into the group's sources. A chunk whose DFA gives up is replaced
 * by its two halves (in place), and a single pattern that gives up counts as a hit (a candidate).
 */
function matchChunks(chunks: SetChunk[], view: Uint8Array | string, build: (ids: readonly number[]) => SetChunk): number[] {
  const out: number[] = [];
  for (let k = 0; k < chunks.length; k++) {
    const chunk = chunks[k]!;
    let hits: number[];
    try {
      hits = chunk.set.match(view as Buffer | string);
    } catch {
      if (chunk.ids.length === 1) { out.push(chunk.ids[0]!); continue; } // cannot split: a candidate
      const half = chunk.ids.length >> 1;
      chunks.splice(k, 1, build(chunk.ids.slice(0, half)), build(chunk.ids.slice(half)));
      k -= 1; // retry this position with the first half
      continue;
    }
    for (const h of hits) out.push(chunk.ids[h]!);
  }
  return out;
}

/**
 * What the Set passes of Engine.locate saw. Pattern entries become ranges at once (a segment each);
 * keyword hits are only noted per segment, and turned into a recognizer's ranges (Engine.keywordRanges)
 * when it may run (a recognizer that also needs its pattern rarely does).
 */
interface Located {
  /** Per compiled index: sorted merged [start, end) byte ranges where its Set entry matched. */
  readonly byPattern: (number[] | undefined)[];
  /** Per keyword (see Keywords; those in the Set): the segments whose view holds it, increasing. */
  readonly keywordHits: (number[] | undefined)[];
  /** Per segment: its first byte, its Set view [viewStart, viewEnd), where the reach of a keyword in that view ends. */
  readonly starts: number[];
  readonly viewStarts: number[];
  readonly viewEnds: number[];
  readonly reachEnds: number[];
  /** Per deferred keyword test run so far: per segment, 0 not run yet, 1 its view holds one, 2 not. */
  deferredSeen: Map<RE2, Uint8Array> | undefined;
  /** Compiled indices of the recognizers a Set entry (pattern or keyword) woke up: the others cannot run. */
  readonly touched: number[];
}

/**
 * Where a keyword in segment k's view lets a match of a recognizer at most `bound` units long start at
 * the earliest (whole texts): `bound` units before the view, or a little earlier: the start of the
 * segment that holds that offset, or 3 bytes per unit back (no character takes more), whichever is later.
 */
function reachBack(seen: Located, k: number, bound: number, run: Run): number {
  const viewStart = seen.viewStarts[k]!;
  const floor = bytesBack(run.buf, viewStart, run.map.ascii ? bound : 3 * bound);
  // `bound` units back is at least `bound` bytes back: when no segment starts between that and
  // `floor`, the answer is `floor` without finding where exactly it is.
  const upper = Math.max(0, viewStart - bound);
  let seg = atOrBefore(seen.starts, upper);
  if (seen.starts[seg]! > floor && !run.map.ascii) seg = atOrBefore(seen.starts, unitsBack(run, viewStart, bound));
  return Math.max(seen.starts[seg]!, floor);
}

/** Adds [start, end) to a recognizer's ranges (see addRangeTo). */
function addRange(lists: (number[] | undefined)[], id: number, start: number, end: number): void {
  addRangeTo((lists[id] ??= []), start, end);
}

/** Adds [start, end) to sorted merged ranges; starts never decrease, so merging looks at the last only. */
function addRangeTo(list: number[], start: number, end: number): void {
  const last = list.length - 1;
  if (last > 0 && start <= list[last]!) list[last] = Math.max(list[last]!, end);
  else list.push(start, end);
}

/**
 * The segments (increasing, possibly repeated) where any of `keywords` (indices into `hits`) was
 * seen, and the `deferred` ones, or undefined when there are none.
 */
function hitSegments(hits: readonly (readonly number[] | undefined)[], keywords: readonly number[], deferred?: readonly number[]): Iterable<number> | undefined {
  let found: readonly number[] | undefined = deferred !== undefined && deferred.length > 0 ? deferred : undefined;
  let merged: number[] | undefined;
  for (const kw of keywords) {
    const list = hits[kw];
    if (list === undefined) continue;
    if (found === undefined) found = list;
    else (merged ??= [...found]).push(...list);
  }
  return merged === undefined ? found : Int32Array.from(merged).sort();
}

/**
 * The segments whose view holds one of a recognizer's deferred keywords (`test`), among those whose
 * keyword reach (see keywordRanges) may meet the ranges where its pattern matched: the only ones that
 * can change where it runs (its keyword ranges are intersected with those). A reach starts at most
 * 3 bytes per unit of `bound` (and 3 to align) before a view and ends at most 3 bytes per unit of
 * `after` (and 4 for a last character) past it.
 */
function deferredHits(seen: Located, test: RE2, byPattern: readonly number[], bound: number, after: number, run: Run): number[] {
  const { viewStarts, viewEnds } = seen;
  const tested = (seen.deferredSeen ??= new Map());
  let known = tested.get(test);
  if (!known) tested.set(test, (known = new Uint8Array(viewStarts.length)));
  const out: number[] = [];
  for (let r = 0; r < byPattern.length; r += 2) {
    const from = byPattern[r]!;
    const to = byPattern[r + 1]!;
    for (let j = firstAfter(viewEnds, from - 3 * after - 4); j < viewStarts.length && viewStarts[j]! - 3 * bound - 3 < to; j++) {
      if (known[j] === 0) known[j] = test.test(run.buf.subarray(viewStarts[j]!, viewEnds[j]!)) ? 1 : 2;
      if (known[j] === 1 && (out.length === 0 || out[out.length - 1]! < j)) out.push(j);
    }
  }
  return out;
}

/** Index of the first element of sorted `xs` that is > x (xs.length when none is). */
function firstAfter(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! > x) hi = mid; else lo = mid + 1;
  }
  return lo;
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
  /** The keyword (see Keywords) of each Set entry after the patterns. */
  readonly keywordIds: readonly number[];
  /**
   * Per compiled index: a test for its deferred keywords, those left out of the Set because every
   * recognizer listing them also needs its pattern to match (see deferredHits).
   */
  readonly deferred: readonly (RE2 | undefined)[];
  /** Per compiled index: what must be seen for it to run (BY_KEYWORD | BY_PATTERN; 0: in wholeIds). */
  readonly need: Uint8Array;
  /** Long recognizers without keywords (and any without a Set entry): one Set over the whole text. */
  readonly wholeSet: SetGroup;
  readonly wholeIds: readonly number[];
}

/** The keywords of a recognizer list, lower-cased, each once; sources are their Set entries. */
interface Keywords {
  readonly sources: readonly string[];
  /** Per keyword: the compiled indices listing it. */
  readonly owners: readonly (readonly number[])[];
  /** Per compiled index: its keywords, each once. */
  readonly of: readonly (readonly number[])[];
}

function keywordsOf(compiled: readonly Compiled[]): Keywords {
  const byKey = new Map<string, number[]>();
  for (const c of compiled) {
    for (const k of c.r.keywords ?? []) {
      const key = k.toLowerCase();
      const owners = byKey.get(key) ?? [];
      if (!owners.includes(c.index)) owners.push(c.index);
      byKey.set(key, owners);
    }
  }
  const owners = [...byKey.values()];
  const of: number[][] = compiled.map(() => []);
  owners.forEach((list, kw) => {
    for (const id of list) of[id]!.push(kw);
  });
  return { sources: [...byKey.keys()].map((k) => `(?i:${escapeRe2(k)})`), owners, of };
}

/** One regex for a recognizer's deferred keywords (`made`: those of an engine, shared by recognizers listing the same ones). */
function deferredTest(sources: readonly string[], made: Map<string, RE2>): RE2 | undefined {
  if (sources.length === 0) return undefined;
  const source = sources.join('|');
  let test = made.get(source);
  if (!test) made.set(source, (test = re2(source, 'u') as unknown as RE2));
  return test;
}

/** The segments, Set and needs of whole-text scans (streaming: false) or streaming windows (see Engine). */
function modeOf(compiled: readonly Compiled[], keywords: Keywords, streaming: boolean): Mode {
  const segmented = compiled.filter((c) => c.bound <= SEGMENT_MAX_BOUND);
  const overlap = streaming ? segmented.reduce((m, c) => Math.max(m, c.bound), 0) : SCAN_OVERLAP;
  const flagged = (c: Compiled, pattern: string): string => (c.r.caseInsensitive ? `(?i:${pattern})` : pattern);
  /**
   * A recognizer's Set entry: its gate or pattern when it fits the view, else its head (or null). In
   * whole texts, the pattern without its vetoes (reportingAlternatives): the vetoes' big alternations
   * of harmless names made the Set pass ~15% slower. A stream needs the vetoes' matches (raw spans).
   */
  const entry = (c: Compiled): string | null => {
    const pattern = (streaming ? null : reportingAlternatives(c.r.pattern, c.group)) ?? c.r.pattern;
    if (c.bound <= overlap) return flagged(c, (streaming ? undefined : c.r.gate) ?? pattern);
    try {
      return patternHead(pattern, c.r.caseInsensitive === true, overlap);
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
    } else if (!streaming && (c.r.gate !== undefined || keywords.some((k) => COMMON_KEYWORDS.has(k.toLowerCase())))) {
      // (Not in a stream: its windows are short, where running these costs less than a bigger Set,
      // and a pattern that does not match in the view finds nothing there anyway.) A long one is
      // gated by its head: `key` in prose woke the generic secret assignments over ~20 KB each
      // (bench corpus: 3 MB of text searched for nothing, ~5 ms per 8 MB).
      source = entry(c);
    }
    if (source !== null) patterned.push({ id: c.index, source });
    if (keywords.length > 0) need[c.index] = source === null ? BY_KEYWORD : BY_KEYWORD | BY_PATTERN;
    else if (source !== null) need[c.index] = BY_PATTERN;
    else whole.push(c);
  }
  // A keyword only recognizers that also need their pattern list is looked for near their pattern's
  // matches only (rare), not by the Set in every segment: the common ones ('-', '/', 'get', 'pass').
  // Bench corpus: the Set pass 35 -> 29 ms per 8 MB, 37,000 keyword hits -> 6,500. Not for long
  // recognizers: their keyword may be 10,000 characters from where their pattern matched, a search
  // over ~14 segments each time (5 ms more than the Set's share).
  const deferrable = (id: number): boolean => need[id] === (BY_KEYWORD | BY_PATTERN) && compiled[id]!.bound <= SEGMENT_MAX_BOUND;
  const isDeferred = keywords.owners.map((owners) => owners.every(deferrable));
  const keywordIds = keywords.sources.flatMap((_, kw) => (isDeferred[kw] ? [] : [kw]));
  const tests = new Map<string, RE2>();
  return {
    segmentBytes: streaming ? STREAM_SEGMENT_BYTES : SEGMENT_BYTES,
    overlap,
    set: setGroupFor([...patterned.map((p) => p.source), ...keywordIds.map((kw) => keywords.sources[kw]!)]),
    patternIds: patterned.map((p) => p.id),
    keywordIds,
    deferred: keywords.of.map((list) => deferredTest(list.filter((kw) => isDeferred[kw]).map((kw) => keywords.sources[kw]!), tests)),
    need,
    wholeSet: setGroupFor(whole.map((c) => flagged(c, c.r.pattern))),
    wholeIds: whole.map((c) => c.index),
  };
}

export class Engine {
  /**
   * Whole texts. Per segment, one Set pass over the keywords (but deferred ones, see modeOf) and over
   * an entry for each recognizer that must match to run (see `need`). A recognizer with keywords runs
   * near a segment where one of them is; one without runs in a segment where its entry matches; one
   * whose keywords are too common to gate much ('key', '-', '/', 'get') needs both. Full patterns stay
   * out of the Set when a keyword can gate them: a Set over hundreds of full patterns was measured at
   * 0.1 MB/s (its DFA thrashes), while literals and a few dozen patterns keep it fast. A recognizer's
   * entry is its pattern, or, when it declares a `gate` (what any match that can pass validation
   * contains), the gate, so text where only invalid matches are possible (timestamps for IPv6) does
   * not run it; or, when its matches may be longer than the view reaches past a segment
   * (SCAN_OVERLAP), their first SCAN_OVERLAP characters (patternHead). Short segments with a short
   * reach: a recognizer a planted value wakes up runs over ~2-6 KB around it, not 10.
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
  /** Per compiled index: its keywords (see Keywords), each once; and per keyword, who lists it. */
  private readonly keywordsOf: readonly (readonly number[])[];
  private readonly keywordOwners: readonly (readonly number[])[];
  private readonly contextUnits: number;
  /** Per compiled index: matches per view lately (a moving average), to choose matchBulk or matchScan. */
  private readonly density: Float64Array;
  /** What a finder (Recognizer.find) returns, reused: a scan is synchronous. */
  private readonly found: number[] = [];

  constructor(private readonly compiled: readonly Compiled[], private readonly minConfidence: number) {
    this.density = new Float64Array(compiled.length);
    const keywords = keywordsOf(compiled);
    this.keywordsOf = keywords.of;
    this.keywordOwners = keywords.owners;
    this.scan = modeOf(compiled, keywords, false);
    this.stream = modeOf(compiled, keywords, true);
    this.contextUnits = compiled.reduce((m, c) => Math.max(m, c.contextWindow), DEFAULT_CONTEXT_WINDOW);
  }

  /**
   * Findings (unresolved) and raw spans of matches whose value starts in [from, until) of `text`.
   * `deadline` (performance.now() milliseconds): past it, the scan throws ScanBudgetExceeded. It is
   * checked before every Set call (a segment of a few KB) and every recognizer pass, so a scan stops at
   * most one pass late (the costliest pass over a megabyte of random tokens: ~0.25 s).
   */
  run(text: string, from: number, until: number, spans: boolean, deadline = Infinity): WindowScan {
    const buf = utf8(text);
    const map = new OffsetMap(buf, text.length);
    const run: Run = {
      text, buf, map, markable: buf.indexOf(MARK_OPEN) < 0 && buf.indexOf(MARK_CLOSE) < 0,
      findings: [], spans: spans ? [] : null, pending: [],
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
    const seen = this.locate(run, fromB, untilB, mode, deadline);
    // The recognizers woken up, each once, in their order.
    let prev = -1;
    for (const id of seen.touched.sort((a, b) => a - b)) {
      if (id === prev) continue;
      prev = id;
      const need = mode.need[id]!;
      const byPattern = seen.byPattern[id];
      if (need === 0 || ((need & BY_PATTERN) !== 0 && byPattern === undefined)) continue;
      let ranges = need === BY_PATTERN ? byPattern : this.keywordRanges(seen, id, run, fromB, mode);
      if (ranges === undefined) continue;
      if (need === (BY_KEYWORD | BY_PATTERN)) ranges = intersect(byPattern!, ranges);
      if (!spans) ranges = widen(ranges, buf, fromB); // (a stream's ranges start where they did before)
      if (deadline !== Infinity && performance.now() > deadline) throw new ScanBudgetExceeded(buf.length);
      for (let k = 0; k < ranges.length; k += 2) this.matchAll(this.compiled[id]!, ranges[k]!, ranges[k + 1]!, run);
    }
    if (mode.wholeIds.length > 0) {
      for (const k of mode.wholeSet.match(buf.subarray(alignForward(buf, Math.max(0, fromB - VIEW_LOOKBEHIND))))) {
        if (deadline !== Infinity && performance.now() > deadline) throw new ScanBudgetExceeded(buf.length);
        this.matchAll(this.compiled[mode.wholeIds[k]!]!, fromB, untilB, run);
      }
    }
    this.settle(run);
    return { findings: run.findings, spans: run.spans ?? [] };
  }

  /**
   * The Set pass of every segment of [fromB, untilB). An entry's hit means a match may start in the
   * segment (its first `overlap` characters lie in the view): the segment joins the recognizer's
   * ranges. A keyword hit is noted with the segment (see keywordRanges for what it means).
   */
  private locate(run: Run, fromB: number, untilB: number, mode: Mode, deadline: number): Located {
    const buf = run.buf;
    const n = mode.patternIds.length;
    const seen: Located = {
      byPattern: [], keywordHits: [], starts: [], viewStarts: [], viewEnds: [], reachEnds: [], deferredSeen: undefined, touched: [],
    };
    for (let segStart = fromB, k = 0; segStart < untilB; k++) {
      if (deadline !== Infinity && performance.now() > deadline) throw new ScanBudgetExceeded(buf.length);
      const segEnd = segmentEnd(buf, segStart, segStart + mode.segmentBytes, untilB);
      // The view reaches back over the longest context window (keywords may sit just before a value).
      const setStart = unitsBack(run, segStart, this.contextUnits);
      const setEnd = unitsAhead(run, segEnd, mode.overlap);
      seen.starts.push(segStart);
      seen.viewStarts.push(setStart);
      seen.viewEnds.push(setEnd);
      seen.reachEnds.push(mode === this.stream ? segEnd : Math.min(untilB, unitsAhead(run, setEnd, this.contextUnits)));
      for (const h of mode.set.match(buf.subarray(setStart, setEnd))) {
        if (h < n) {
          const id = mode.patternIds[h]!;
          if (seen.byPattern[id] === undefined) seen.touched.push(id);
          addRange(seen.byPattern, id, segStart, segEnd);
        } else {
          this.keywordHit(seen, mode.keywordIds[h - n]!, k);
        }
      }
      segStart = segEnd;
    }
    return seen;
  }

  /** Notes that segment k's view holds keyword `kw` (see Keywords). */
  private keywordHit(seen: Located, kw: number, k: number): void {
    const hits = seen.keywordHits[kw];
    if (hits !== undefined) {
      hits.push(k);
      return;
    }
    seen.keywordHits[kw] = [k];
    seen.touched.push(...this.keywordOwners[kw]!);
  }

  /**
   * Where a recognizer with keywords may match: for each segment whose view holds one of them, in a
   * whole text from its longest match before the view to the reach end (keywords sit inside a match
   * or in the context window before it; the Set does not say where in the view); in a stream, anywhere
   * in the segment (see `stream`), or for a long recognizer from its longest match before it (its
   * keyword may be deep inside its match, a JWT's payload). Undefined when none of them was seen.
   */
  private keywordRanges(seen: Located, id: number, run: Run, fromB: number, mode: Mode): number[] | undefined {
    const test = mode.deferred[id];
    const segments = hitSegments(seen.keywordHits, this.keywordsOf[id]!, test && deferredHits(seen, test, seen.byPattern[id]!, this.compiled[id]!.bound, this.contextUnits, run));
    if (segments === undefined) return undefined;
    const bound = this.compiled[id]!.bound;
    const out: number[] = [];
    let prev = -1;
    for (const k of segments) {
      if (k === prev) continue; // (seen through two keywords)
      prev = k;
      let reach: number;
      if (mode === this.scan) reach = reachBack(seen, k, bound, run);
      else reach = bound > SEGMENT_MAX_BOUND ? Math.max(fromB, unitsBack(run, seen.starts[k]!, bound)) : seen.starts[k]!;
      addRangeTo(out, reach, seen.reachEnds[k]!);
    }
    return out;
  }

  /** Every match of one recognizer whose value starts in [from, to) (absolute bytes). */
  private matchAll(c: Compiled, from: number, to: number, run: Run): void {
    const viewStart = alignForward(run.buf, Math.max(0, from - VIEW_LOOKBEHIND));
    const view = run.buf.subarray(viewStart, unitsAhead(run, to, c.bound));
    if (c.r.find !== undefined) {
      this.matchFound(c.r.find, c, view, viewStart, from, to, run);
      return;
    }
    if (!c.bulk || !run.markable) {
      this.matchEach(c, view, viewStart, from, to, run);
      return;
    }
    // The same matches either way (replace() finds them as exec() from the view's start would):
    // whichever costs less for how often this recognizer has been matching lately.
    const dense = this.density[c.index]! >= DENSE_MATCHES;
    const found = dense ? this.matchBulk(c, view, viewStart, from, to, run) : this.matchScan(c, view, viewStart, from, to, run);
    this.density[c.index] = this.density[c.index]! * 0.75 + found * 0.25;
  }

  /**
   * One replace() call brackets every match with marker bytes (see Compiled.template); offsets in the
   * output shift by what the markers (and group copies) of earlier matches added. Returns how many
   * matches the view had.
   */
  private matchBulk(c: Compiled, view: Buffer, viewStart: number, from: number, to: number, run: Run): number {
    c.re.lastIndex = 0;
    const marked = c.re.replace(view, c.template);
    let shift = 0;
    let found = 0;
    for (let open = marked.indexOf(MARK_OPEN); open >= 0; found++) {
      const close = closeAfter(marked, open + 1);
      const start = viewStart + open - shift;
      const end = start + (close - open - 1);
      let valueStart = start;
      let next = close + 1;
      if (c.group > 0) {
        const copyEnd = closeAfter(marked, next);
        valueStart = end - (copyEnd - next);
        next = copyEnd + 1;
      }
      shift += next - open - (end - start);
      open = marked.indexOf(MARK_OPEN, next);
      if (!this.located(c, start, end, valueStart, view, viewStart, from, to, run)) break;
    }
    return found;
  }

  /**
   * matchBulk's matches found by exec() from the view's start instead: cheaper where matches are few
   * (a replace() call costs ~2 µs more than an exec() call, and copies the view; an exec() per match
   * costs ~1.3 µs more). Returns how many matches the view had.
   */
  private matchScan(c: Compiled, view: Buffer, viewStart: number, from: number, to: number, run: Run): number {
    const re = c.re;
    re.lastIndex = 0;
    let found = 0;
    for (let m = re.exec(view); m !== null; m = re.exec(view), found++) {
      const start = viewStart + m.index;
      const end = start + m[0].length;
      // (replace() steps over an empty match by one character, and so must a search resuming after one)
      const resume = m[0].length === 0 ? alignForward(view, m.index + 1) : re.lastIndex;
      const ix = c.group > 0 ? m.indices?.[c.group] : undefined;
      const valueStart = c.group === 0 ? start : ix ? viewStart + ix[0] : end;
      if (!this.located(c, start, end, valueStart, view, viewStart, from, to, run)) break;
      re.lastIndex = resume; // (located may have searched with this regex)
    }
    return found;
  }

  /**
   * One match of a bulk-located recognizer: reported when it starts in [from, to); false once
   * matches start at `to` or later.
   */
  private located(c: Compiled, start: number, end: number, valueStart: number, view: Buffer, viewStart: number, from: number, to: number, run: Run): boolean {
    if (start < from) {
      // A match from before the window's start runs into it (the text before `from` was decided
      // without it, e.g. cut off at a forced boundary): search the part it hides from `from` on.
      if (end > from) this.matchEach(c, view, viewStart, from, Math.min(to, end), run);
      return true;
    }
    if (start >= to) return false;
    if (end > valueStart) this.report(c, valueStart, end, start, end, run);
    return true;
  }

  /** matchEach's matches, from the recognizer's own finder (see Recognizer.find). */
  private matchFound(find: NonNullable<Recognizer['find']>, c: Compiled, view: Buffer, viewStart: number, from: number, to: number, run: Run): void {
    const found = this.found;
    found.length = 0;
    find(view, from - viewStart, found);
    for (let k = 0; k < found.length; k += 2) {
      const start = viewStart + found[k]!;
      if (start >= to) break;
      const end = viewStart + found[k + 1]!;
      this.report(c, start, end, start, end, run);
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
    if (run.map.ascii) this.record(c, startB, endB, matchB, matchEndB, validated, run);
    else run.pending.push({ c, startB, endB, matchB, matchEndB, validated });
  }

  /**
   * The pending raw matches of a non-ASCII text, mapped to UTF-16 in one sweep in increasing order
   * (each recognizer's matches increase, but they come one recognizer after another; looked up as they
   * came, the text was counted again for each), then recorded in the order they were found.
   */
  private settle(run: Run): void {
    const { pending, map } = run;
    if (pending.length === 0) return;
    const starts = pending.length <= FEW ? new Array<number>(pending.length).fill(0) : new Int32Array(pending.length);
    for (const i of byStart(pending)) starts[i] = map.toUtf16(pending[i]!.startB);
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i]!;
      const start = starts[i]!;
      const end = start + map.unitsBetween(p.startB, p.endB);
      const ms = p.matchB < p.startB ? start - map.unitsBetween(p.matchB, p.startB) : start;
      const me = p.matchEndB > p.endB ? end + map.unitsBetween(p.endB, p.matchEndB) : end;
      this.record(p.c, start, end, ms, me, p.validated, run);
    }
  }

  /** A raw match in UTF-16 offsets: its span, and a finding when it validates and is confident enough. */
  private record(c: Compiled, start: number, end: number, ms: number, me: number, validated: boolean, run: Run): void {
    const r = c.r;
    run.spans?.push({ start: ms, end: me });
    if (!validated && !validates(r, run.text.slice(start, end))) return;
    const hasContext = c.context.length > 0 && hasContextWord(c, run.text, start, end);
    if (r.requireContext && !hasContext) return;
    const confidence = Math.min(1, r.confidence + (hasContext ? CONTEXT_BOOST : 0));
    if (confidence < this.minConfidence) return;
    run.findings.push({ entity: r.entity, recognizer: r.id, kind: r.kind, start, end, confidence });
  }
}
