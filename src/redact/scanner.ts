// Runs every recognizer over a text and returns non-overlapping findings, left to right.
// Overlaps: the higher confidence wins, then the longer value, then the earlier recognizer.
import { re2, type Regex } from '../util/re2.js';
import type { Finding, Recognizer } from './types.js';

interface Compiled {
  readonly r: Recognizer;
  readonly re: Regex;
  readonly context: readonly string[];
}

export interface Scanner {
  scan(text: string): Finding[];
  /** Longest value any recognizer can match: the streaming redactor's hold-back bound. */
  readonly maxLength: number;
  readonly recognizers: readonly Recognizer[];
}

function compile(r: Recognizer): Compiled {
  return { r, re: re2(r.pattern, r.caseInsensitive ? 'giu' : 'gu'), context: (r.context ?? []).map((w) => w.toLowerCase()) };
}

function nearContext(lower: string, start: number, c: Compiled): boolean {
  if (c.context.length === 0) return false;
  const window = lower.slice(Math.max(0, start - (c.r.contextWindow ?? 48)), start);
  return c.context.some((w) => window.includes(w));
}

/** Throws at construction when a pattern is not valid RE2 (config load, never per request). */
export function createScanner(recognizers: readonly Recognizer[]): Scanner {
  const compiled = recognizers.map(compile);
  const maxLength = recognizers.reduce((m, r) => Math.max(m, r.maxLength), 0);
  return {
    recognizers,
    maxLength,
    scan(text: string): Finding[] {
      if (text.length === 0) return [];
      const lower = text.toLowerCase();
      const found: Finding[] = [];
      for (const c of compiled) {
        if (c.r.keywords && !c.r.keywords.some((k) => lower.includes(k))) continue;
        c.re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = c.re.exec(text)) !== null) {
          if (m[0].length === 0) { c.re.lastIndex += 1; continue; }
          const group = c.r.group ?? 0;
          const value = m[group];
          if (value === undefined || value.length === 0) continue;
          const start = group === 0 ? m.index : m.index + m[0].indexOf(value);
          if (c.r.validate && !c.r.validate(value)) continue;
          const hasContext = nearContext(lower, start, c);
          if (c.r.requireContext && !hasContext) continue;
          const confidence = Math.min(1, c.r.confidence + (hasContext ? 0.15 : 0));
          found.push({ entity: c.r.entity, recognizer: c.r.id, kind: c.r.kind, start, end: start + value.length, confidence });
        }
      }
      return resolveOverlaps(found);
    },
  };
}

export function resolveOverlaps(findings: Finding[]): Finding[] {
  findings.sort((a, b) => b.confidence - a.confidence || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of findings) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
