// How much of a channel's text the streaming redactor must still hold: the longest suffix that could be
// the start of a match once more text arrives (see regex-prefix.ts). Recognizers are grouped by their
// length bound into buckets; a bucket holds from the earliest viable start of any of its members.
// Members' prefix patterns are joined into a few alternations per bucket, `(?:p1|p2|...)$`: RE2 runs an
// end-anchored pattern backwards from the end, so it reads the suffix, not the window, and the
// leftmost match of an alternation is the earliest start over all its members in one search.
//
// Three facts keep this cheap per event (an SSE event adds a few characters):
//  - a suffix longer than a group's bound cannot start a match of that group, so each search looks at
//    most `bound` characters back (a PEM block's big bound costs nothing until a `-----BEGIN` appears,
//    because until then no suffix is a viable PEM prefix and the search starts at the end);
//  - viable starts only move forward as text is appended (a prefix of a prefix is a prefix), so each
//    search resumes at the previous answer instead of re-reading the held text;
//  - for the same reason an alternation's last answer is a lower bound on its next one. A bucket needs
//    only its earliest start, so its alternations are searched in order of their bounds, and the rest
//    skipped as soon as none can be earlier: usually one search per bucket. (Before: one RE2.Set pass
//    to find the viable recognizers, then one search for each, ~50 per event with the default set.)
// Each bucket of recognizers keeps its own window and answer.
import RE2 from 're2';
import { re2 } from '../util/re2.js';
import { patternPrefix } from './regex-prefix.js';
import type { Recognizer } from './types.js';

/** Bucket limits in UTF-16 units: recognizers are searched over windows no longer than they need. */
export const BUCKET_LIMITS = [64, 256, 1024, Infinity] as const;
/** Non-value context a recognizer with a capture group may match around the value (e.g. `password = `). */
export const GROUP_CONTEXT_ALLOWANCE = 256;

export interface HoldBackEntry {
  readonly r: Recognizer;
  /** Longest text (UTF-16 units) a match of this recognizer can span, value and matched context. */
  readonly bound: number;
  /** How far back a suffix may start and still be undecided: `bound` plus the context read after a value. */
  readonly hold: number;
  /** Non-empty-prefix regex source; null when the recognizer can never be pending (see opaque). */
  readonly prefix: string | null;
  /** The pattern uses syntax regex-prefix.ts does not model: hold its whole bound, always. */
  readonly opaque: boolean;
  /** RE2 source of the terminator of a lazily delimited pattern (a PEM block's END line), if any. */
  readonly terminator: string | null;
  /** `prefix$`, compiled: where a viable suffix starts. */
  readonly prefixRe: RE2 | null;
  readonly closer: Closer | null;
}

/**
 * The length bound used for holding back: what the pattern itself can match when that is finite (a
 * declared maxLength that is too small must not shorten the hold), else the declared maxLength plus,
 * for capture-group recognizers, an allowance for the matched context around the value.
 */
export function holdBound(r: Recognizer, maxWidth: number): number {
  if (Number.isFinite(maxWidth)) return Math.max(r.maxLength, maxWidth);
  return r.maxLength + ((r.group ?? 0) > 0 ? GROUP_CONTEXT_ALLOWANCE : 0);
}

const ENTRIES = new WeakMap<Recognizer, HoldBackEntry>();

/** Parsed and compiled once per recognizer object (policies of many tenants share them). */
export function holdBackEntry(r: Recognizer): HoldBackEntry {
  const cached = ENTRIES.get(r);
  if (cached) return cached;
  let entry: HoldBackEntry;
  const after = r.contextAfter ?? 0;
  try {
    const p = patternPrefix(r.pattern, r.caseInsensitive === true, after);
    const prefixRe = p.source === null ? null : re2(`${p.source}$`, 'u') as unknown as RE2;
    const closer = p.terminator === null ? null : closerOf(r, p.terminator);
    const bound = holdBound(r, p.maxWidth);
    entry = { r, bound, hold: bound + after, prefix: p.source, opaque: false, terminator: p.terminator, prefixRe, closer };
  } catch {
    // Syntax regex-prefix.ts does not model, or a prefix RE2 refuses: hold the whole bound, always.
    const bound = holdBound(r, Infinity);
    entry = { r, bound, hold: bound + after, prefix: null, opaque: true, terminator: null, prefixRe: null, closer: null };
  }
  ENTRIES.set(r, entry);
  return entry;
}

interface Bucket {
  readonly bound: number;
  /** Some member could not be modelled: the bucket always holds its whole bound. */
  readonly opaque: boolean;
}

/**
 * A lazily delimited recognizer (`BEGIN[\s\S]*?END`): its language allows text after END, but the
 * match RE2 reports at a position is final once it ends with END. Such a position is "closed": it no
 * longer holds text back, so a PEM block holds its large bound only while it is open.
 */
interface Closer {
  /** The recognizer's own pattern, sticky: its match at a given position. */
  readonly match: RE2;
  /** `terminator$`: does that match end with the terminator? */
  readonly ends: RE2;
}

/**
 * Prefix source (characters) per alternation. RE2 gives a single regex a fixed memory budget; past it,
 * a backwards search falls back from the DFA to the NFA, 50-100x slower. Measured with the default
 * set: alternations of up to ~8000 characters stay on the DFA, some of 16000 do not; this keeps a margin.
 */
const ALTERNATION_CHARS = 4000;

/** An alternation of prefix patterns, or one lazily delimited recognizer's (see Closer). */
interface Search {
  /** `(?:p1|p2|...)$`: where the earliest viable suffix of any member starts. */
  readonly re: RE2;
  /** Set for a lazily delimited recognizer: its matches that are closed do not count. */
  readonly closer: Closer | null;
}

const ALTERNATION_CACHE_SIZE = 256;
const ALTERNATION_CACHE = new Map<string, RE2>();

/** One compiled alternation per distinct source (tens of ms each; policies often repeat lists). */
function alternation(prefixes: readonly string[]): RE2 {
  const source = `(?:${prefixes.join('|')})$`;
  let re = ALTERNATION_CACHE.get(source);
  if (re) {
    ALTERNATION_CACHE.delete(source);
  } else {
    re = re2(source, 'u') as unknown as RE2;
    if (ALTERNATION_CACHE.size >= ALTERNATION_CACHE_SIZE) ALTERNATION_CACHE.delete(ALTERNATION_CACHE.keys().next().value as string);
  }
  ALTERNATION_CACHE.set(source, re);
  return re;
}

/** A bucket's members as alternations of at most ALTERNATION_CHARS (longer prefixes alone). */
function searchesOf(members: readonly HoldBackEntry[]): Search[] {
  const out: Search[] = [];
  let group: string[] = [];
  let chars = 0;
  const flush = (): void => {
    if (group.length > 0) out.push({ re: alternation(group), closer: null });
    group = [];
    chars = 0;
  };
  for (const e of members) {
    if (e.prefix === null || e.prefixRe === null) continue;
    if (e.closer) { out.push({ re: e.prefixRe, closer: e.closer }); continue; }
    if (chars + e.prefix.length > ALTERNATION_CHARS) flush();
    group.push(e.prefix);
    chars += e.prefix.length;
  }
  flush();
  return out;
}

/** Positions tried past closed ones before giving up and holding from the last (conservative). */
const MAX_CLOSED_SKIPS = 8;

function closerOf(r: Recognizer, terminator: string): Closer {
  const ci = r.caseInsensitive ? 'i' : '';
  return { match: re2(r.pattern, `yu${ci}`) as unknown as RE2, ends: re2(`${terminator}$`, `u${ci}`) as unknown as RE2 };
}

/** Is the match at byte `at` of `bytes` complete and final (ends with its terminator, before the end)? */
function closedAt(c: Closer, bytes: Buffer, at: number): boolean {
  c.match.lastIndex = at;
  const m = c.match.exec(bytes);
  return m !== null && at + m[0].length < bytes.length && c.ends.test(m[0]);
}

/** Byte offset of the earliest (open) viable suffix in `bytes`, or -1. */
function earliest(search: Search, bytes: Buffer): number {
  const { re, closer } = search;
  let at = re.search(bytes);
  if (!closer) return at;
  for (let skips = 0; at >= 0 && skips < MAX_CLOSED_SKIPS && closedAt(closer, bytes, at); skips++) {
    let next = at + 1;
    while (next < bytes.length && (bytes[next]! & 0xc0) === 0x80) next++;
    const rest = re.search(bytes.subarray(next));
    at = rest < 0 ? -1 : next + rest;
  }
  return at;
}

export class HoldBack {
  private readonly buckets: readonly Bucket[];
  /** Per bucket, its searches. */
  private readonly searches: readonly (readonly Search[])[];
  /** Longest hold any recognizer can need. */
  readonly maxBound: number;

  constructor(entries: readonly HoldBackEntry[]) {
    const buckets: Bucket[] = [];
    const searches: Search[][] = [];
    let lower = 0;
    for (const limit of BUCKET_LIMITS) {
      const members = entries.filter((e) => e.hold > lower && e.hold <= limit);
      lower = limit;
      if (members.length === 0) continue;
      searches.push(searchesOf(members));
      buckets.push({ bound: Math.max(...members.map((e) => e.hold)), opaque: members.some((e) => e.opaque) });
    }
    this.buckets = buckets;
    this.searches = searches;
    this.maxBound = buckets.reduce((m, b) => Math.max(m, b.bound), 0);
  }

  /** Per-channel state: the last viable start found in each bucket (absolute offsets). */
  tracker(): HoldBackTracker {
    return new HoldBackTracker(this.buckets, this.searches);
  }
}

export class HoldBackTracker {
  private readonly starts: number[];
  /**
   * Per bucket, per search: a lower bound on the absolute start of its earliest viable suffix. Its
   * answer when last searched: answers never move back (see above), except for a lazily delimited
   * recognizer's, whose closed matches are skipped only so many times (see earliest); those are
   * searched every time.
   */
  private readonly lower: Float64Array[];

  constructor(private readonly buckets: readonly Bucket[], private readonly searches: readonly (readonly Search[])[]) {
    this.starts = buckets.map(() => 0);
    this.lower = searches.map((s) => new Float64Array(s.length));
  }

  /**
   * The earliest absolute offset p such that text from p on could still begin a match; `end` (the
   * absolute length) when nothing can. `text` is the channel's retained text, which only ever grows at
   * its end, starting at `base`. Every search reads the widest bucket window; a bucket's answer is then
   * clamped to its own window (clamping only holds more, never less).
   */
  viableStart(text: string, base: number): number {
    const end = base + text.length;
    const from: number[] = [];
    let windowStart = end;
    for (let k = 0; k < this.buckets.length; k++) {
      const f = Math.max(this.starts[k]!, end - this.buckets[k]!.bound, base);
      from.push(f);
      this.starts[k] = this.buckets[k]!.opaque ? f : end;
      if (f < windowStart) windowStart = f;
    }
    // One UTF-8 conversion for every search below (a string argument would be converted, and a
    // Buffer allocated, by each of them), made when the first one runs.
    let bytes: Buffer | null = null;
    let ascii = true;
    const startOf = (s: Search): number => {
      if (bytes === null) {
        const window = text.slice(windowStart - base);
        bytes = Buffer.from(window, 'utf8');
        ascii = bytes.length === window.length;
      }
      const at = earliest(s, bytes);
      if (at < 0) return end;
      return windowStart + (ascii ? at : RE2.getUtf16Length(bytes.subarray(0, at)));
    };
    for (let k = 0; k < this.buckets.length; k++) {
      // An opaque bucket holds its whole window anyway; an empty window holds nothing.
      if (this.buckets[k]!.opaque || from[k]! >= end) continue;
      const searches = this.searches[k]!;
      const lower = this.lower[k]!;
      let best = end;
      for (let i = 0; i < searches.length; i++) {
        if (searches[i]!.closer) best = Math.min(best, startOf(searches[i]!));
      }
      // The others in order of their bounds, until none can start before the best answer so far (or
      // before the bucket's window, to which every answer is clamped).
      while (best > from[k]!) {
        let next = -1;
        for (let i = 0; i < searches.length; i++) {
          if (lower[i]! < best && !searches[i]!.closer && (next < 0 || lower[i]! < lower[next]!)) next = i;
        }
        if (next < 0) break;
        const p = startOf(searches[next]!);
        lower[next] = p;
        if (p < best) best = p;
      }
      const p = Math.max(best, from[k]!);
      if (p < this.starts[k]!) this.starts[k] = p;
    }
    let min = end;
    for (const p of this.starts) if (p < min) min = p;
    return min;
  }

  /** After text was cut off at a forced boundary: nothing before `at` may be viable any more. */
  reset(at: number): void {
    for (let k = 0; k < this.starts.length; k++) this.starts[k] = Math.max(this.starts[k]!, at);
  }
}
