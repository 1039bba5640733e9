// The rolling-window redactor for one text channel of a streamed reply (a choice's content, a content
// block, a tool call's arguments). Text arrives in deltas; the channel keeps the part it has not
// emitted and, per filter, a stable point: everything before it is decided (findings and what they
// become) and can never change, whatever text comes next.
//
// A filter's stable point advances to the start of the longest suffix that could still begin a match
// (holdback.ts), then moves back to the start of any raw match that would straddle it, so a decided
// prefix never depends on text not seen yet; findings are resolved exactly as a scan of the whole text
// would resolve them. The channel's stable point is the minimum over its filters. If the undecided
// text ever exceeds a memory cap, it is given up: what can be decided is, the rest is replaced (and
// what continues it removed), never passed through unscanned (see force()).
import type { FilterFinding, ResponseTextFilter } from '../pipeline/guard.js';
import { EditList } from './edits.js';
import type { HoldBackTracker } from './holdback.js';
import type { Span } from './scanner.js';

/** Default cap on a channel's undecided text, in UTF-16 units (raised to twice the longest bound). */
export const DEFAULT_MAX_HOLD_CHARS = 64 * 1024;
/** Emitted text is dropped from the buffer in steps of at least this much (avoids a copy per event). */
const TRIM_STEP = 1024;

interface FilterState {
  readonly filter: ResponseTextFilter;
  readonly tracker: HoldBackTracker;
  stable: number;
  /** Start of the suffix that could still begin a match, at the last advance. */
  viable: number;
  /**
   * Set after force(): the start of the match that was still in progress. While the text from there
   * could still be that match, new text is removed as it comes (it continues a value that was given
   * up), not scanned afresh, since without its beginning it would not be recognised.
   */
  maskFrom: number | null;
}

/** What replaces held text that had to be given up undecided (see ChannelRedactor.force). */
export const UNDECIDED_TEXT = '[REDACTED]';
// Pseudo-filters for the edits force() makes: only their replace() is ever called (an edit's filter is
// asked for its replacement text); they take no part in scanning.
const fixed = (text: string): ResponseTextFilter => ({ scanner: undefined as unknown as ResponseTextFilter['scanner'], replace: () => text });
const UNDECIDED = fixed(UNDECIDED_TEXT);
const REMOVED = fixed('');

/** Moves `upper` back until no raw match span straddles it. */
function settle(spans: readonly Span[], offset: number, upper: number): number {
  let s = upper;
  for (let changed = true; changed;) {
    changed = false;
    for (const sp of spans) {
      const start = sp.start + offset;
      if (start < s && sp.end + offset > s) { s = start; changed = true; }
    }
  }
  return s;
}

export class ChannelRedactor {
  private buf = '';
  /** Absolute offset of buf[0] in the channel's text. */
  private base = 0;
  private releasedTo = 0;
  private readonly states: FilterState[];
  private readonly maxHold: number;
  private readonly lookbehind: number;
  readonly edits = new EditList();
  /** Everything before this absolute offset is decided. */
  stable = 0;
  /** Times this channel's undecided text was given up because a cap was hit (see force()). */
  forced = 0;

  constructor(readonly name: string, filters: readonly ResponseTextFilter[], maxHoldChars = DEFAULT_MAX_HOLD_CHARS) {
    this.states = filters.map((filter) => ({ filter, tracker: filter.scanner.holdBack.tracker(), stable: 0, viable: 0, maskFrom: null }));
    const bound = filters.reduce((m, f) => Math.max(m, f.scanner.holdBack.maxBound), 0);
    this.maxHold = Math.max(maxHoldChars, 2 * bound);
    this.lookbehind = filters.reduce((m, f) => Math.max(m, f.scanner.lookbehind), 0);
  }

  /** Absolute length of the channel's text so far. */
  get length(): number {
    return this.base + this.buf.length;
  }

  /** UTF-16 units received but not yet emitted. */
  get held(): number {
    return this.length - this.releasedTo;
  }

  /** Appends a delta; returns its absolute range. */
  append(text: string): [number, number] {
    const start = this.length;
    this.buf += text;
    return [start, this.length];
  }

  /** Decides what the text so far allows; gives up the undecided part when it exceeds the cap. */
  advance(): void {
    for (const s of this.states) {
      s.viable = s.tracker.viableStart(this.buf, this.base);
      if (s.maskFrom !== null) this.continueMask(s);
      else this.decide(s, s.viable, false);
    }
    this.stable = this.minStable();
    if (this.length - this.stable > this.maxHold) this.force();
  }

  /**
   * Memory cap reached (channel or stream): everything becomes decided now. What can be decided is
   * (findings before the held suffix); the held suffix itself, which might be the first part of a
   * value, is replaced as a whole: never passed through unscanned, nor emitted as a half-seen value.
   */
  force(): void {
    this.forced += 1;
    const end = this.length;
    for (const s of this.states) {
      if (s.maskFrom === null) this.decide(s, Math.max(s.viable, s.stable), false);
      if (s.stable < end) {
        this.remove(s.stable, end, s.maskFrom === null ? UNDECIDED : REMOVED);
        s.maskFrom ??= Math.max(s.viable, s.stable);
      }
      s.stable = end;
    }
    this.stable = end;
  }

  /** After force(): remove new text while it may still continue the given-up match. */
  private continueMask(s: FilterState): void {
    const from = s.maskFrom!;
    const upTo = s.viable <= from ? this.length : s.viable;
    if (upTo > s.stable) this.remove(s.stable, upTo, REMOVED);
    s.stable = Math.max(s.stable, upTo);
    if (s.viable > from) s.maskFrom = null; // that match can no longer be: scan normally from here
    else return;
    this.decide(s, s.viable, false);
  }

  private remove(start: number, end: number, filter: ResponseTextFilter): void {
    const item: FilterFinding = {
      finding: { entity: 'UNDECIDED', recognizer: 'hold_cap', kind: 'secret', start, end, confidence: 1 },
      value: '', channel: this.name,
    };
    this.edits.add(start, end, { item, filter });
  }

  /** The channel ended (or must be treated as if it had): decide everything. */
  finish(): void {
    const end = this.length;
    for (const s of this.states) {
      if (s.maskFrom !== null) {
        // Still inside a given-up match: the rest of it is removed too, not scanned without its start.
        if (end > s.stable) this.remove(s.stable, end, REMOVED);
        s.stable = end;
        s.maskFrom = null;
      } else this.decide(s, end, true);
      s.tracker.reset(end);
    }
    this.stable = end;
  }

  /** Output text for the absolute input range [start, end); every edit touching it must be decided. */
  render(start: number, end: number): string {
    if (this.edits.size === 0) return this.buf.slice(start - this.base, end - this.base);
    return this.edits.render(this.buf, this.base, start, end);
  }

  /** Text before `upTo` was emitted: forget it (keeping what later scans need as context). */
  released(upTo: number): void {
    this.releasedTo = Math.max(this.releasedTo, upTo);
    this.edits.prune(this.releasedTo);
    let keepFrom = Math.min(this.releasedTo, this.minStable() - this.lookbehind);
    for (const s of this.states) if (s.maskFrom !== null) keepFrom = Math.min(keepFrom, s.maskFrom);
    if (keepFrom - this.base >= TRIM_STEP && keepFrom - this.base >= this.buf.length / 2) {
      this.buf = this.buf.slice(keepFrom - this.base);
      this.base = keepFrom;
    }
  }

  private minStable(): number {
    let min = this.length;
    for (const s of this.states) if (s.stable < min) min = s.stable;
    return min;
  }

  /** Decides findings starting in [state.stable, upper) — all of them when `final`. */
  private decide(state: FilterState, upper: number, final: boolean): void {
    if (upper <= state.stable) return;
    const scanner = state.filter.scanner;
    const winStart = Math.max(this.base, state.stable - scanner.lookbehind);
    const window = this.buf.slice(winStart - this.base);
    const from = state.stable - winStart;
    const { findings, spans } = scanner.scanWindow(window, from, final ? window.length : upper - winStart);
    const stable = final ? this.length : settle(spans, winStart, upper);
    if (stable <= state.stable) return;
    const decided = scanner.resolve(findings.filter((f) => f.start + winStart < stable), window);
    for (const f of decided) {
      const finding = { ...f, start: f.start + winStart, end: f.end + winStart };
      const item: FilterFinding = { finding, value: window.slice(f.start, f.end), channel: this.name };
      this.edits.add(finding.start, finding.end, { item, filter: state.filter });
    }
    state.stable = stable;
  }
}

/** A complete text (':final' channels, whole JSON bodies): every filter's findings, merged. */
export class WholeText {
  readonly edits = new EditList();

  constructor(readonly text: string, channel: string, filters: readonly ResponseTextFilter[]) {
    for (const filter of filters) {
      for (const finding of filter.scanner.scan(text)) {
        const item: FilterFinding = { finding, value: text.slice(finding.start, finding.end), channel };
        this.edits.add(finding.start, finding.end, { item, filter });
      }
    }
  }

  render(): string {
    return this.edits.size === 0 ? this.text : this.edits.render(this.text, 0, 0, this.text.length);
  }
}

/** A complete text through the filters, replacements asked for at once (tests, simple callers). */
export function filterText(filters: readonly ResponseTextFilter[], text: string, channel = ''): string {
  return new WholeText(text, channel, filters).render();
}
