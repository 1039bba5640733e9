// Decided replacements over one text (a channel's text, absolute offsets), from one or more filters,
// kept non-overlapping: a finding that overlaps an earlier decided one keeps only its uncovered pieces,
// so every character any filter claimed is removed, whatever the order filters decide in. The
// replacement goes where the finding's first visible piece starts; its other pieces only remove text.
import type { FilterFinding, ResponseTextFilter } from '../pipeline/guard.js';

/** One finding's replacement, shared by its pieces; computed lazily (see ResponseTextFilter.replace). */
export interface Replacement {
  readonly item: FilterFinding;
  readonly filter: ResponseTextFilter;
  /** undefined: not asked yet; null: the filter keeps the value (pieces render the original text). */
  text?: string | null;
}

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly rep: Replacement;
  /** The piece that carries the replacement text (the others only remove). */
  readonly first: boolean;
}

export function replacementText(rep: Replacement): string | null {
  if (rep.text === undefined) rep.text = rep.filter.replace(rep.item);
  return rep.text;
}

export class EditList {
  /** Sorted by start, pairwise disjoint. */
  private edits: Edit[] = [];

  get size(): number {
    return this.edits.length;
  }

  all(): readonly Edit[] {
    return this.edits;
  }

  /** Adds [start, end) minus what earlier edits already cover. */
  add(start: number, end: number, rep: Replacement): void {
    const pieces: [number, number][] = [];
    let pos = start;
    let i = this.firstEndingAfter(start);
    for (; i < this.edits.length && this.edits[i]!.start < end; i++) {
      const e = this.edits[i]!;
      if (e.start > pos) pieces.push([pos, e.start]);
      pos = Math.max(pos, e.end);
    }
    if (pos < end) pieces.push([pos, end]);
    pieces.forEach(([s, e], k) => this.insert({ start: s, end: e, rep, first: k === 0 }));
  }

  /** Drops edits that end at or before `upTo` (their text was emitted). */
  prune(upTo: number): void {
    const k = this.firstEndingAfter(upTo);
    if (k > 0) this.edits = this.edits.slice(k);
  }

  /** Replacements not asked for yet, for async preparation. */
  pending(): Replacement[] {
    const out: Replacement[] = [];
    for (const e of this.edits) if (e.first && e.rep.text === undefined) out.push(e.rep);
    return out;
  }

  /**
   * Output for the input range [start, end) of `text` (whose offset 0 is absolute `base`). Every edit
   * touching the range must already be decided; replacements are asked for here.
   */
  render(text: string, base: number, start: number, end: number): string {
    let out = '';
    let pos = start;
    for (let i = this.firstEndingAfter(start); i < this.edits.length; i++) {
      const e = this.edits[i]!;
      if (e.start >= end) break;
      if (e.start > pos) out += text.slice(pos - base, e.start - base);
      const to = Math.min(e.end, end);
      const rep = replacementText(e.rep);
      if (rep === null) out += text.slice(Math.max(pos, e.start) - base, to - base);
      else if (e.first && e.start >= start) out += rep;
      pos = Math.max(pos, to);
    }
    return out + text.slice(pos - base, end - base);
  }

  private firstEndingAfter(pos: number): number {
    let lo = 0;
    let hi = this.edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.edits[mid]!.end <= pos) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  private insert(edit: Edit): void {
    let lo = 0;
    let hi = this.edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.edits[mid]!.start < edit.start) lo = mid + 1; else hi = mid;
    }
    this.edits.splice(lo, 0, edit);
  }
}
