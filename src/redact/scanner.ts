// Runs every recognizer over a text and returns non-overlapping findings, left to right.
// Overlaps: the higher confidence wins, then the longer value, then the earlier start, then the earlier
// recognizer. How the scan is made fast is in scan-engine.ts; what the streaming redactor needs (which
// suffix may still start a match) is in holdback.ts.
import { HoldBack, holdBackEntry } from './holdback.js';
import { compileRecognizer, DEFAULT_CONTEXT_WINDOW, Engine, type WindowScan } from './scan-engine.js';
import type { Finding, Recognizer } from './types.js';

export type { Span, WindowScan } from './scan-engine.js';

export interface Scanner {
  /**
   * Findings in `text`, non-overlapping, left to right. Past `deadline` (performance.now() ms) it throws
   * ScanBudgetExceeded (errors.ts) instead.
   */
  scan(text: string, deadline?: number): Finding[];
  /** Longest value any recognizer can match (declared maxLength). */
  readonly maxLength: number;
  readonly recognizers: readonly Recognizer[];
  /** Streaming: which suffix of a text may still start a match. */
  readonly holdBack: HoldBack;
  /** Streaming: characters before a window's start that matches need (context words, word boundaries). */
  readonly lookbehind: number;
  /**
   * Streaming: findings and raw spans of matches whose value starts in [from, until) of `text`. Past
   * `deadline` it throws ScanBudgetExceeded, as scan() does.
   */
  scanWindow(text: string, from: number, until: number, deadline?: number): WindowScan;
  /** Streaming: the overlap rule of scan() applied to findings from scanWindow() over `text`. */
  resolve(findings: Finding[], text: string): Finding[];
}

export interface ScannerOptions {
  /** Findings below this confidence (after the context boost) are not reported. */
  readonly minConfidence?: number;
  /**
   * 'drop' (default): an overlapped finding that loses is not reported. 'clip': it keeps the parts the
   * winner does not cover, so redaction removes everything any recognizer flagged.
   */
  readonly overlaps?: 'drop' | 'clip';
}

/** Throws at construction when a pattern is not valid RE2 (config load, never per request). */
export function createScanner(recognizers: readonly Recognizer[], opts: ScannerOptions = {}): Scanner {
  const entries = recognizers.map(holdBackEntry);
  const compiled = recognizers.map((r, i) => compileRecognizer(r, i, entries[i]!.bound));
  const engine = new Engine(compiled, opts.minConfidence ?? 0);
  const order = new Map(recognizers.map((r, i) => [r.id, i]));
  const clip = opts.overlaps === 'clip';
  const lookbehind = compiled.reduce((m, c) => Math.max(m, c.contextWindow), DEFAULT_CONTEXT_WINDOW) + 8;
  return {
    recognizers,
    maxLength: recognizers.reduce((m, r) => Math.max(m, r.maxLength), 0),
    holdBack: new HoldBack(entries),
    lookbehind,
    scan(text: string, deadline?: number): Finding[] {
      if (text.length === 0 || compiled.length === 0) return [];
      return resolveOverlaps(engine.run(text, 0, text.length, false, deadline).findings, order, clip ? { text } : undefined);
    },
    scanWindow(text: string, from: number, until: number, deadline?: number): WindowScan {
      if (compiled.length === 0 || from >= until) return { findings: [], spans: [] };
      return engine.run(text, from, until, true, deadline);
    },
    resolve: (findings, text) => resolveOverlaps(findings, order, clip ? { text } : undefined),
  };
}

function rank(order: ReadonlyMap<string, number> | undefined, f: Finding): number {
  return order?.get(f.recognizer) ?? 0;
}

/** The parts of [f.start, f.end) no chosen finding covers, trimmed of whitespace at their edges. */
function remainders(text: string, f: Finding, chosen: readonly Finding[]): Finding[] {
  let pieces: [number, number][] = [[f.start, f.end]];
  for (const k of chosen) {
    pieces = pieces.flatMap(([s, e]): [number, number][] => {
      if (k.end <= s || k.start >= e) return [[s, e]];
      const out: [number, number][] = [];
      if (k.start > s) out.push([s, k.start]);
      if (k.end < e) out.push([k.end, e]);
      return out;
    });
  }
  const out: Finding[] = [];
  for (const piece of pieces) {
    let [s, e] = piece;
    while (s < e && text.charCodeAt(s) <= 32) s++;
    while (e > s && text.charCodeAt(e - 1) <= 32) e--;
    if (e > s) out.push({ ...f, start: s, end: e });
  }
  return out;
}

/**
 * Keeps a set of non-overlapping findings: within each cluster of overlapping candidates, the best
 * (confidence, then length, then start, then recognizer order) wins. With `clip`, a losing candidate
 * keeps the parts no better one covers (for redaction: anything any recognizer flagged is removed,
 * the overlap only decides the label); without it, losers are dropped (the reference semantics).
 * Clusters are found in one sweep, so the cost stays linear in the common case of isolated findings.
 */
export function resolveOverlaps(findings: Finding[], order?: ReadonlyMap<string, number>, clip?: { text: string }): Finding[] {
  const byStart = findings.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  let cluster: Finding[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    if (cluster.length === 1) kept.push(cluster[0]!);
    else if (cluster.length > 1) {
      cluster.sort((a, b) => b.confidence - a.confidence || (b.end - b.start) - (a.end - a.start) || a.start - b.start || rank(order, a) - rank(order, b));
      const chosen: Finding[] = [];
      for (const f of cluster) {
        if (!chosen.some((k) => f.start < k.end && k.start < f.end)) chosen.push(f);
        else if (clip) chosen.push(...remainders(clip.text, f, chosen));
      }
      kept.push(...chosen.sort((a, b) => a.start - b.start));
    }
    cluster = [];
  };
  for (const f of byStart) {
    if (f.start >= clusterEnd) { flush(); clusterEnd = f.end; } else clusterEnd = Math.max(clusterEnd, f.end);
    cluster.push(f);
  }
  flush();
  return kept;
}
