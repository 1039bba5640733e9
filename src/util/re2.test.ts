// The RE2 door: refused patterns come back as reasons, escapes make any literal match only itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeRe2, re2, tryRe2 } from './re2.js';

describe('tryRe2', () => {
  it.each([
    ['backreference', '(a)\\1', 'invalid escape sequence: \\1'],
    ['lookahead', 'a(?=b)', 'invalid perl operator: (?='],
    ['negative lookahead', 'a(?!b)', 'invalid perl operator: (?!'],
    ['lookbehind', '(?<=a)b', 'invalid perl operator: (?<='],
    ['possessive quantifier', 'a++', 'bad repetition operator: ++'],
    ['unbalanced paren', '(a', 'missing ): (a'],
  ])('refuses %s with a reason', (_n, pattern, reason) => {
    const r = tryRe2(pattern);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain(reason);
  });

  it.each([['a+b', 'xaab', true], ['^\\d{3}$', '123', true], ['^\\d{3}$', '1234', false], ['(?i)abc', 'ABC', true]])('compiles %j (test %j -> %s)', (pattern, input, want) => {
    const r = tryRe2(pattern);
    if (!r.ok) throw new Error(r.reason);
    expect(r.re.test(input)).toBe(want);
  });

  it('passes flags through', () => {
    const r = tryRe2('abc', 'i');
    expect(r.ok && r.re.test('ABC')).toBe(true);
  });

  it('re2() throws on the same patterns', () => {
    expect(() => re2('(a)\\1')).toThrow(SyntaxError);
  });
});

describe('escapeRe2', () => {
  it.each([
    ['plain', 'plain'],
    ['a.b', 'a\\.b'],
    ['(x)', '\\(x\\)'],
    ['\\^$.|?*+()[]{}', '\\\\\\^\\$\\.\\|\\?\\*\\+\\(\\)\\[\\]\\{\\}'],
    ['a-b/c#d', 'a-b/c#d'],
    ['é😀', 'é😀'],
    ['', ''],
  ])('%j -> %j', (input, want) => {
    expect(escapeRe2(input)).toBe(want);
  });

  it.each([['a.b', 'axb'], ['a*', 'aaa'], ['[ab]', 'a'], ['x{2}', 'xx'], ['a|b', 'b'], ['\\d', '1'], ['^a', 'a'], ['(?i)A', 'a']])('escaped %j does not match %j', (literal, other) => {
    expect(re2(escapeRe2(literal)).test(other)).toBe(false);
  });

  it('property: re2(escapeRe2(s)) matches s, anchored, for any printable string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
      expect(re2(`^${escapeRe2(s)}$`).test(s)).toBe(true);
      expect(re2(`^${escapeRe2(s)}$`, 'iu').test(s)).toBe(true);
    }), { numRuns: 500 });
  });

  it('property: the same for any code points (unit binary: astral planes, NUL, lone surrogates)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
      expect(re2(`^${escapeRe2(s)}$`, 'u').test(s)).toBe(true);
    }), { numRuns: 100 });
  });

  it('property: the same for any ASCII string, control characters included', () => {
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 40 }), (s) => {
      expect(re2(`^${escapeRe2(s)}$`).test(s)).toBe(true);
    }), { numRuns: 500 });
  });

  it('property: an escaped literal matches exactly where indexOf finds it', () => {
    const alphabet = fc.constantFrom('a', 'b', '.', '*', '(', ')', '\\', '[', '$', '^', '|', '?', '+', '{', '}');
    fc.assert(fc.property(fc.string({ unit: alphabet, minLength: 1, maxLength: 4 }), fc.string({ unit: alphabet, maxLength: 20 }), (needle, hay) => {
      const m = re2(escapeRe2(needle)).exec(hay);
      expect(m ? m.index : -1).toBe(hay.indexOf(needle));
    }), { numRuns: 500 });
  });
});
