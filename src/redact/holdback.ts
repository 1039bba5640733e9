// How much of a channel's text the streaming redactor must still hold: the longest suffix that could be
// the start of a match once more text arrives (see regex-prefix.ts). Recognizers are grouped by their
// length bound. One RE2.Set pass over the window (patterns `prefix$`: which recognizers have a
// non-empty suffix of the window as a possible match start, usually few), then for those only, their
// own regex finds where that suffix starts (RE2 runs an end-anchored pattern backwards from the end,
// so it reads the suffix, not the window).
//
// Two facts keep this cheap per event:
//  - a suffix longer than a group's bound cannot start a match of that group, so each search looks at
//    most `bound` characters back (a PEM block's big bound costs nothing until a `-----BEGIN` appears,
//    because until then no suffix is a viable PEM prefix and the search starts at the end);
//  - viable starts only move forward as text is appended (a prefix of a prefix is a prefix), so each
//    search resumes at the previous answer instead of re-reading the held text.
// Each bucket of recognizers keeps its own window and answer.
import RE2 from 're2';
import { re2 } from '../util/re2.js';
import { setGroupFor, type SetGroup } from './scan-engine.js';
import { patternPrefix } from './regex-prefix.js';
import type { Recognizer } from './types.js';

/** Bucket limits in UTF-16 units: recognizers are searched over windows no longer than they need. */
const BUCKET_LIMITS = [64, 256, 1024, Infinity] as const;
/** Non-value context a recognizer with a capture group may match around the value (e.g. `password = `). */
export const GROUP_CONTEXT_ALLOWANCE = 256;

export interface HoldBackEntry {
  readonly r: Recognizer;
  /** Longest text (UTF-16 units) a match of this recognizer can span, value and matched context. */
  readonly bound: number;
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
  try {
    const p = patternPrefix(r.pattern, r.caseInsensitive === true);
    const prefixRe = p.source === null ? null : re2(`${p.source}$`, 'u') as unknown as RE2;
    const closer = p.terminator === null ? null : closerOf(r, p.terminator);
    entry = { r, bound: holdBound(r, p.maxWidth), prefix: p.source, opaque: false, terminator: p.terminator, prefixRe, closer };
  } catch {
    // Syntax regex-prefix.ts does not model, or a prefix RE2 refuses: hold the whole bound, always.
    entry = { r, bound: holdBound(r, Infinity), prefix: null, opaque: true, terminator: null, prefixRe: null, closer: null };
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

/** Prefix patterns of every recognizer; each knows its bucket. */
interface Prefixes {
  /** Which recognizers have a non-empty suffix of the window as a possible match start: one pass. */
  readonly set: SetGroup;
  /** Per Set entry, the same pattern as a regex: where that suffix starts (RE2 reads it backwards). */
  readonly regexes: readonly RE2[];
  readonly bucketOf: readonly number[];
  readonly closers: readonly (Closer | null)[];
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

export class HoldBack {
  private readonly buckets: readonly Bucket[];
  private readonly prefixes: Prefixes;
  /** Longest hold any recognizer can need. */
  readonly maxBound: number;

  constructor(entries: readonly HoldBackEntry[]) {
    const buckets: Bucket[] = [];
    const sources: string[] = [];
    const bucketOf: number[] = [];
    const closers: (Closer | null)[] = [];
    const regexes: RE2[] = [];
    let lower = 0;
    for (const limit of BUCKET_LIMITS) {
      const members = entries.filter((e) => e.bound > lower && e.bound <= limit);
      lower = limit;
      if (members.length === 0) continue;
      for (const e of members) {
        if (e.prefix === null || e.prefixRe === null) continue;
        sources.push(`${e.prefix}$`);
        regexes.push(e.prefixRe);
        bucketOf.push(buckets.length);
        closers.push(e.closer);
      }
      buckets.push({ bound: Math.max(...members.map((e) => e.bound)), opaque: members.some((e) => e.opaque) });
    }
    this.buckets = buckets;
    this.prefixes = { set: setGroupFor(sources), regexes, bucketOf, closers };
    this.maxBound = buckets.reduce((m, b) => Math.max(m, b.bound), 0);
  }

  /** Per-channel state: the last viable start found in each bucket (absolute offsets). */
  tracker(): HoldBackTracker {
    return new HoldBackTracker(this.buckets, this.prefixes);
  }
}

export class HoldBackTracker {
  private readonly starts: number[];
  private readonly from: number[];

  constructor(private readonly buckets: readonly Bucket[], private readonly prefixes: Prefixes) {
    this.starts = buckets.map(() => 0);
    this.from = buckets.map(() => 0);
  }

  /**
   * The earliest absolute offset p such that text from p on could still begin a match; `end` (the
   * absolute length) when nothing can. `text` is the channel's retained text, starting at `base`.
   * One Set pass over the widest bucket window; a recognizer's answer is then clamped to its own
   * bucket's window (clamping only holds more, never less).
   */
  viableStart(text: string, base: number): number {
    const end = base + text.length;
    let windowStart = end;
    for (let k = 0; k < this.buckets.length; k++) {
      const from = Math.max(this.starts[k]!, end - this.buckets[k]!.bound, base);
      this.from[k] = from;
      this.starts[k] = this.buckets[k]!.opaque ? from : end;
      if (from < windowStart) windowStart = from;
    }
    if (windowStart < end) {
      // One UTF-8 conversion for every RE2 call below (a string argument would be converted, and a
      // Buffer allocated, by each of them: that was most of the cost).
      const window = text.slice(windowStart - base);
      const bytes = Buffer.from(window, 'utf8');
      const ascii = bytes.length === window.length;
      for (const i of this.prefixes.set.match(bytes)) {
        const k = this.prefixes.bucketOf[i]!;
        const at = this.earliest(i, bytes);
        if (at < 0) continue;
        const units = ascii ? at : RE2.getUtf16Length(bytes.subarray(0, at));
        const p = Math.max(windowStart + units, this.from[k]!);
        if (p < this.starts[k]!) this.starts[k] = p;
      }
    }
    let min = end;
    for (const p of this.starts) if (p < min) min = p;
    return min;
  }

  /** Byte offset of recognizer i's earliest open viable suffix in `bytes`, or -1. */
  private earliest(i: number, bytes: Buffer): number {
    const re = this.prefixes.regexes[i]!;
    const closer = this.prefixes.closers[i];
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

  /** After text was cut off at a forced boundary: nothing before `at` may be viable any more. */
  reset(at: number): void {
    for (let k = 0; k < this.starts.length; k++) this.starts[k] = Math.max(this.starts[k]!, at);
  }
}
