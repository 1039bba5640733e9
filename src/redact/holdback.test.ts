// The hold-back tracker searches a few alternations per bucket and skips those that cannot beat the
// best answer (holdback.ts): it must answer exactly what one search per recognizer answers.
import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { BUCKET_LIMITS, HoldBack, holdBackEntry, type HoldBackEntry } from './holdback.js';
import { DEFAULT_RECOGNIZERS } from './recognizers/index.js';
import { mixedCorpus } from './testing/corpus.js';
import { SAMPLE_RECOGNIZERS } from './testing/sample-recognizers.js';
import type { Recognizer } from './types.js';

/** The plain algorithm: every recognizer's `prefix$` searched over the widest bucket window, each call. */
function referenceTracker(entries: readonly HoldBackEntry[]): (text: string, base: number) => number {
  const buckets: { bound: number; opaque: boolean; members: HoldBackEntry[] }[] = [];
  let lower = 0;
  for (const limit of BUCKET_LIMITS) {
    const members = entries.filter((e) => e.hold > lower && e.hold <= limit);
    lower = limit;
    if (members.length > 0) buckets.push({ bound: Math.max(...members.map((e) => e.hold)), opaque: members.some((e) => e.opaque), members });
  }
  const starts = buckets.map(() => 0);
  return (text, base) => {
    const end = base + text.length;
    const from = buckets.map((b, k) => Math.max(starts[k]!, end - b.bound, base));
    buckets.forEach((b, k) => { starts[k] = b.opaque ? from[k]! : end; });
    const windowStart = Math.min(end, ...from);
    const bytes = Buffer.from(text.slice(windowStart - base), 'utf8');
    buckets.forEach((b, k) => {
      for (const e of b.members) {
        const at = e.prefixRe === null ? -1 : e.prefixRe.search(bytes);
        if (at >= 0) starts[k] = Math.min(starts[k]!, Math.max(windowStart + RE2.getUtf16Length(bytes.subarray(0, at)), from[k]!));
      }
    });
    return Math.min(end, ...starts);
  };
}

function compare(recognizers: readonly Recognizer[], text: string, cuts: readonly number[]): void {
  const entries = recognizers.map(holdBackEntry);
  expect(entries.some((e) => e.closer !== null)).toBe(false); // (lazily delimited ones: searched as before)
  const tracker = new HoldBack(entries).tracker();
  const reference = referenceTracker(entries);
  const cps = Array.from(text);
  let base = 0;
  let pos = 0;
  for (const cut of [...cuts, cps.length]) {
    if (cut <= pos) continue;
    pos = cut;
    const upTo = cps.slice(0, pos).join('').length;
    const retained = text.slice(base, upTo);
    const expected = reference(retained, base);
    expect(tracker.viableStart(retained, base)).toBe(expected);
    if (expected - base > 3000) base = expected - 100; // the redactor drops emitted text too
  }
}

describe('HoldBackTracker', () => {
  const planted = ' password = "hunter2hunter2" call +44 20 7946 0958 2001:db8::8a2e:370:7334 4111 1111 1111 1111 eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.dozjgNryP4J3 café 日本 🚀 ';
  const corpus = mixedCorpus(24 << 10, { seed: 9, plantEvery: 2 });

  it('the default set: the same viable start as one search per recognizer, after every delta', () => {
    const text = corpus.slice(0, 6000) + planted + corpus.slice(6000, 9000);
    const cuts: number[] = [];
    for (let i = 1; i < text.length; i += 1 + (i % 7)) cuts.push(i);
    compare(DEFAULT_RECOGNIZERS, text, cuts);
  }, 60_000);

  it('property: the sample set, random texts and deltas', () => {
    const sample = SAMPLE_RECOGNIZERS.filter((r) => holdBackEntry(r).closer === null);
    const piece = fc.oneof(fc.nat({ max: corpus.length - 200 }).map((a) => corpus.slice(a, a + 200)), fc.constant(planted));
    fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.array(fc.nat({ max: 1200 }), { maxLength: 120 }), (parts, cuts) => {
      compare(sample, parts.join(''), [...new Set(cuts)].sort((a, b) => a - b));
    }), { numRuns: 40 });
  }, 60_000);

  it('a recognizer that reads context after its value holds a match until that much text follows it', () => {
    const r: Recognizer = { id: 'k', entity: 'K', kind: 'secret', pattern: '\\bKEY[0-9]{4}\\b', maxLength: 7, confidence: 0.9, context: ['note'], contextAfter: 10 };
    const entry = holdBackEntry(r);
    expect(entry.bound).toBe(7); // the scan engine's bound: the match alone
    expect(entry.hold).toBe(17);
    const viable = (text: string): number => new HoldBack([entry]).tracker().viableStart(text, 0);
    const head = 'see KEY1234';
    expect(viable(head)).toBe(4);
    expect(viable(`${head} ab, cd.ef`)).toBe(4); // ten characters after the value: still undecided
    expect(viable(`${head} ab, cd.efg`)).toBe(head.length + 11); // eleven: decided, nothing held
    expect(viable('see KEY12345 and more text')).toBe(26); // not a match (no word boundary): nothing held
    // Without contextAfter, a complete match holds nothing once a non-word character follows it.
    expect(new HoldBack([holdBackEntry({ ...r, contextAfter: undefined })]).tracker().viableStart(`${head} ab`, 0)).toBe(head.length + 3);
  });
});
