// The per-channel rolling window: what it holds back, when it decides, how several filters' findings
// merge, and what happens at the caps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResponseTextFilter } from '../pipeline/guard.js';
import { EditList } from './edits.js';
import { createScanner } from './scanner.js';
import { ChannelRedactor, filterText } from './stream-redactor.js';
import { SAMPLE_RECOGNIZERS } from './testing/sample-recognizers.js';
import type { Recognizer } from './types.js';

const mask = (recognizers: readonly Recognizer[]): ResponseTextFilter => ({
  scanner: createScanner(recognizers, { overlaps: 'clip' }),
  replace: ({ finding }) => `[${finding.entity}]`,
});
const SAMPLE = mask(SAMPLE_RECOGNIZERS);
const lit = (id: string, pattern: string, maxLength: number, confidence = 1): Recognizer => ({ id, entity: id.toUpperCase(), kind: 'pii', pattern, maxLength, confidence });

/** Feeds pieces one at a time; returns the held amounts after each piece and the emitted output. */
function feed(filters: readonly ResponseTextFilter[], pieces: readonly string[], maxHold?: number) {
  const ch = new ChannelRedactor('c', filters, maxHold);
  const ranges: [number, number][] = [];
  const held: number[] = [];
  let out = '';
  let next = 0; // first range not emitted yet
  const emitReady = (): void => {
    while (next < ranges.length && ranges[next]![1] <= ch.stable) {
      const [s, e] = ranges[next]!;
      out += ch.render(s, e);
      ch.released(e);
      next++;
    }
  };
  for (const p of pieces) {
    ranges.push(ch.append(p));
    ch.advance();
    held.push(ch.length - ch.stable);
    emitReady();
  }
  ch.finish();
  emitReady();
  return { out, held, ch };
}

describe('ChannelRedactor', () => {
  it('prose: nothing is held once a word is complete (a trailing space starts no match)', () => {
    const { held, out } = feed([SAMPLE], ['The ', 'report ', 'shows ', 'growth.\n']);
    expect(held.slice(0, 3)).toStrictEqual([0, 0, 0]);
    expect(out).toBe('The report shows growth.\n');
  });

  it('context after a value: the match is held until that much text follows, then decided as in the whole text', () => {
    const r: Recognizer = { id: 'k', entity: 'K', kind: 'secret', pattern: '\\bKEY[0-9]{4}\\b', maxLength: 7, confidence: 0.9, context: ['note'], requireContext: true, contextWindow: 8, contextAfter: 16 };
    const f = mask([r]);
    const named = 'id KEY1234, see the note. Then KEY5678 alone, far from any such word.';
    const { held, out } = feed([f], ['id KEY1234', ', see the', ' note', '. Then KEY5678 alone, far from any such word.']);
    expect(held.slice(0, 3)).toStrictEqual([7, 16, 21]); // the value and what follows it, up to 16 characters
    expect(out).toBe('id [K], see the note. Then KEY5678 alone, far from any such word.');
    expect(out).toBe(filterText([f], named));
    // Every split into two or three deltas, and one character per delta, gives the whole-text result.
    for (let i = 0; i <= named.length; i++) {
      expect(feed([f], [named.slice(0, i), named.slice(i)]).out).toBe(out);
      for (let j = i; j <= named.length; j += 5) expect(feed([f], [named.slice(0, i), named.slice(i, j), named.slice(j)]).out).toBe(out);
    }
    expect(feed([f], Array.from(named)).out).toBe(out);
    // Nothing is held for ever: once a value without its word has sixteen characters after it, the next decides it.
    expect(feed([f], ['KEY5678', ' and so on, and ', 'so']).held).toStrictEqual([7, 23, 0]);
  });

  it('holds exactly the suffix that could still be a match, and decides as soon as it cannot', () => {
    const { held, out } = feed([SAMPLE], ['mail jane', '.doe@exam', 'ple.com', ' now', ' ']);
    expect(held[0]).toBe(4); // "jane" could begin an e-mail address
    expect(held[1]).toBe(13); // "jane.doe@exam"
    expect(held[3]).toBe(3); // "now" could, too
    expect(held[4]).toBe(0);
    expect(out).toBe('mail [EMAIL_ADDRESS] now ');
  });

  it('hold-back never exceeds the longest recognizer bound (plus nothing), whatever the text', () => {
    const bound = SAMPLE.scanner.holdBack.maxBound;
    fc.assert(fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '4', ' ', '@', '.', '-', ':', 'G', 'h', 'p', '_', '\n') }), { maxLength: 60 }), (pieces) => {
      const { held } = feed([SAMPLE], pieces);
      for (const h of held) expect(h).toBeLessThanOrEqual(2 * bound);
    }), { numRuns: 100 });
  });

  it('a PEM block is held while open (its own large bound), then released at once when it closes', () => {
    const body = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n'.repeat(10);
    const pieces = ['key: -----BEGIN RSA PRIVATE', ' KEY-----\n', ...body.match(/.{1,7}/gsu)!, '-----END RSA PRIVATE KEY-----', ' done', ' '];
    const { held, out } = feed([SAMPLE], pieces);
    expect(Math.max(...held)).toBeGreaterThan(body.length);
    expect(held.at(-1)).toBe(0);
    expect(out).toBe('key: [PRIVATE_KEY] done ');
  });

  it('two filters: overlapping findings keep every character either claimed, the earlier start labels', () => {
    const a = mask([lit('alpha', 'abc-\\d{3}', 7)]);
    const b = mask([lit('beta', '\\d{3}-xyz', 7)]);
    expect(filterText([a, b], 'x abc-123-xyz y')).toBe('x [ALPHA][BETA] y');
    const { out } = feed([a, b], ['x ab', 'c-1', '23-x', 'yz y']);
    expect(out).toBe('x [ALPHA][BETA] y');
  });

  it('a replacement goes to the range where the finding starts; the rest of the span is removed', () => {
    const f = mask([lit('secret', 'secret\\s{1,8}sauce', 20)]);
    const ch = new ChannelRedactor('c', [f]);
    const r1 = ch.append('the secret ');
    ch.advance();
    const r2 = ch.append('sauce is red');
    ch.advance();
    ch.finish();
    expect([ch.render(...r1), ch.render(...r2)]).toStrictEqual(['the [SECRET]', ' is red']);
  });

  it('over the cap, the undecided text is given up replaced, never passed raw', () => {
    // The declared bound (50) is below what the pattern matches: the raw match keeps growing past it.
    const f = mask([lit('digits', '\\d{4,}', 50)]);
    const pieces = Array.from({ length: 50 }, () => '1234567890');
    const { out, ch } = feed([f], pieces, 100);
    expect(ch.forced).toBeGreaterThan(0);
    expect(out).not.toMatch(/\d{4}/u);
  });

  it('the buffer keeps only what is still needed (long streams do not grow memory)', () => {
    const ch = new ChannelRedactor('c', [SAMPLE]);
    let released = 0;
    for (let i = 0; i < 5000; i++) {
      const [, end] = ch.append('some more words here ');
      ch.advance();
      if (ch.stable >= end) { ch.released(end); released = end; }
    }
    expect(released).toBe(ch.length);
    expect(ch.held).toBe(0);
    expect((ch as unknown as { buf: string }).buf.length).toBeLessThan(4096);
  });
});

describe('EditList', () => {
  const rep = (name: string, text: string | null = `[${name}]`) => ({
    item: { finding: { entity: name, recognizer: name, kind: 'pii' as const, start: 0, end: 0, confidence: 1 }, value: '', channel: 'c' },
    filter: { scanner: createScanner([]), replace: () => text },
  });

  it('adds only the uncovered pieces of an overlapping edit; pruning drops emitted edits', () => {
    const l = new EditList();
    l.add(5, 10, rep('A'));
    l.add(2, 12, rep('B'));
    expect(l.all().map((e) => [e.start, e.end, e.first])).toStrictEqual([[2, 5, true], [5, 10, true], [10, 12, false]]);
    const text = '0123456789ABCDEF';
    expect(l.render(text, 0, 0, 16)).toBe('01[B][A]CDEF');
    expect(l.render(text, 0, 6, 11)).toBe(''); // inside A (started before) and B's tail
    l.prune(10);
    expect(l.size).toBe(1);
  });

  it('a filter that keeps a value renders its original text in every piece', () => {
    const l = new EditList();
    l.add(1, 3, rep('A'));
    l.add(0, 5, rep('K', null));
    expect(l.render('abcdef', 0, 0, 6)).toBe('a[A]def');
  });
});
