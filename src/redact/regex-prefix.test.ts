// The prefix closure must accept every non-empty prefix of every match (else a value could be released
// before it is complete), and should reject text that cannot start a match (else everything is held).
import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOGNIZERS } from './recognizers/index.js';
import { patternHead, patternPrefix, PatternSyntaxError, reportingAlternatives } from './regex-prefix.js';
import { mixedCorpus } from './testing/corpus.js';
import { SAMPLE_RECOGNIZERS } from './testing/sample-recognizers.js';
import type { Recognizer } from './types.js';

const anchored = (pattern: string, ci = false): RE2 => {
  const src = patternPrefix(pattern, ci).source;
  if (src === null) throw new Error('no prefix');
  return new RE2(`^${src}$`, 'u');
};

function prefixes(s: string): string[] {
  const cps = Array.from(s);
  return cps.map((_, i) => cps.slice(0, i + 1).join(''));
}

describe('patternPrefix', () => {
  it.each([
    ['ghp_[A-Za-z0-9]{36}', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
    ['\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b', '192.168.10.254'],
    ['(?i)\\b(?:password|passwd)\\s{0,3}[:=]\\s{0,3}(\\S{6,})', 'PassWord =  hunter2hunter2'],
    ['-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\s]{16,}?-----END (?:RSA )?PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----'],
    ['\\Qa.b\\E[0-9]+', 'a.b123'],
    ['(?P<name>x|y)z{2}', 'yzz'],
    ['[^\\s"]{4}é', 'a😀bcé'],
    ['\\x{41}\\u0042\\p{Lu}[[:digit:]]', 'ABÉ7'],
  ])('%s accepts every prefix of %j', (pattern, match) => {
    expect(new RE2(pattern, 'u').test(match)).toBe(true);
    const re = anchored(pattern);
    for (const p of prefixes(match)) expect(re.test(p), p).toBe(true);
  });

  it.each([
    ['ghp_[A-Za-z0-9]{36}', ['x', 'gx', 'ghp-', 'ghp_!']],
    ['\\+\\d{2} \\d{3}', ['a', '+a', '+12x']],
    ['-----BEGIN PRIVATE KEY-----', ['----x', '-----BEGIN PUBLIC']],
  ])('%s rejects text that cannot start a match', (pattern, bad) => {
    const re = anchored(pattern);
    for (const b of bad) expect(re.test(b), b).toBe(false);
  });

  it('case-insensitive recognizers and (?i) groups widen the prefix the same way', () => {
    expect(anchored('token=\\d+', true).test('TOKEN=1')).toBe(true);
    expect(anchored('(?i)token').test('ToK')).toBe(true);
    expect(anchored('(?i:tok)en').test('TOKe')).toBe(true);
  });

  it('assertions are dropped (they would be judged without the next character)', () => {
    expect(anchored('abc\\b').test('abc')).toBe(true);
    expect(anchored('\\Bx').test('x')).toBe(true);
    expect(anchored('^a$').test('a')).toBe(true);
  });

  it('large counted repetitions are relaxed to * (no DFA blow-up), small ones kept', () => {
    expect(patternPrefix('a[0-9]{200}').source).not.toContain('{199}');
    expect(patternPrefix('a[0-9]{3}').source).toContain('{0,2}');
  });

  it('maxWidth: finite for bounded patterns, Infinity for open ones; wide classes count 2 units', () => {
    expect(patternPrefix('ab[0-9]{3}').maxWidth).toBe(5);
    expect(patternPrefix('x.{2}').maxWidth).toBe(5);
    expect(patternPrefix('a+').maxWidth).toBe(Infinity);
  });

  it('a pattern with no non-empty match has no prefix', () => {
    expect(patternPrefix('\\b').source).toBeNull();
    expect(patternPrefix('(?:)').source).toBeNull();
  });

  it.each(['(', '[abc', 'a\\', '(?<name', '(?Xa)'])('rejects syntax it cannot read: %j', (pattern) => {
    expect(() => patternPrefix(pattern)).toThrow(PatternSyntaxError);
  });

  it('property: every prefix of random strings of a composite pattern is accepted', () => {
    const pattern = '(?:ab|c[0-9]{2,4})+-(?:x|yz)?[A-F]{1,3}';
    const re = anchored(pattern);
    const arb = fc.tuple(
      fc.array(fc.oneof(fc.constant('ab'), fc.stringMatching(/^c[0-9]{2,4}$/)), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('', 'x', 'yz'), fc.stringMatching(/^[A-F]{1,3}$/),
    ).map(([reps, mid, tail]) => `${reps.join('')}-${mid}${tail}`);
    fc.assert(fc.property(arb, (s) => {
      expect(new RE2(`^(?:${pattern})$`, 'u').test(s)).toBe(true);
      for (const p of prefixes(s)) expect(re.test(p)).toBe(true);
    }), { numRuns: 200 });
  });
});

/** Every match of every recognizer on real-looking text: each prefix of the matched text is viable. */
function checkRecognizers(recognizers: readonly Recognizer[], text: string): string[] {
  const failures: string[] = [];
  for (const r of recognizers) {
    const src = patternPrefix(r.pattern, r.caseInsensitive === true).source;
    if (src === null) continue;
    const prefix = new RE2(`^${src}$`, 'u');
    const re = new RE2(r.pattern, `gu${r.caseInsensitive ? 'i' : ''}`);
    let count = 0;
    for (let m = re.exec(text); m !== null && count < 20; m = re.exec(text), count++) {
      if (m[0].length === 0) { re.lastIndex += 1; continue; }
      for (const p of prefixes(m[0])) if (!prefix.test(p)) { failures.push(`${r.id}: ${JSON.stringify(p)}`); break; }
    }
  }
  return failures;
}

describe('patternPrefix over the recognizer sets', () => {
  const planted = 'jane.doe@example.com +44 20 7946 0958 4111 1111 1111 1111 ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 AKIAIOSFODNN7EXAMPLE password = "s3cr3tP@ss" DE89 3704 0044 0532 0130 00 123-45-6789 eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
  const text = `${mixedCorpus(48 << 10, { plantEvery: 3 })}\n${planted}`;

  it('sample set: every non-empty prefix of every match is viable', () => {
    expect(checkRecognizers(SAMPLE_RECOGNIZERS, text)).toStrictEqual([]);
  });

  it('default set: every non-empty prefix of every match is viable', () => {
    expect(checkRecognizers(DEFAULT_RECOGNIZERS, text)).toStrictEqual([]);
  }, 30_000);
});

/** Every match of every recognizer: its head matches at its start, within its first `width` units. */
function checkHeads(recognizers: readonly Recognizer[], text: string, width: number): string[] {
  const failures: string[] = [];
  for (const r of recognizers) {
    const src = patternHead(r.pattern, r.caseInsensitive === true, width);
    if (src === null) continue;
    const head = new RE2(`^${src}`, 'u');
    const re = new RE2(r.pattern, `gu${r.caseInsensitive ? 'i' : ''}`);
    let count = 0;
    for (let m = re.exec(text); m !== null && count < 20; m = re.exec(text), count++) {
      if (m[0].length === 0) { re.lastIndex += 1; continue; }
      // What the engine's Set sees of a match starting in a segment: its first `width` units.
      if (!head.test(m[0].slice(0, width))) failures.push(`${r.id}: ${JSON.stringify(m[0].slice(0, 80))}`);
    }
  }
  return failures;
}

describe('patternHead', () => {
  const headRe = (pattern: string, width: number, ci = false): RE2 => new RE2(`^${patternHead(pattern, ci, width)!}`, 'u');

  it('whole items while they fit, then as many repetitions as every match has', () => {
    expect(headRe('ab[0-9]{3}', 8).exec('ab123x')?.[0]).toBe('ab123');
    expect(headRe('ab[0-9]{3,40}', 8).exec('ab123456')?.[0]).toBe('ab123'); // the minimum
    expect(headRe('ab[0-9]{3,40}', 4).exec('ab123456')?.[0]).toBe('ab12'); // as many as fit
    const key = headRe('(?:key|token)=[A-Za-z0-9]{24,}', 64, true);
    expect(key.test(`TOKEN=${'a'.repeat(24)}`)).toBe(true);
    expect(key.test(`TOKEN=${'a'.repeat(10)}`)).toBe(false);
  });

  it('large repetitions keep their minimum (relaxed to * they would match anywhere)', () => {
    const re = headRe('x[A-Za-z0-9+/]{50,100}y', 256);
    expect(re.test(`x${'A'.repeat(60)}y`)).toBe(true);
    expect(re.test(`x${'A'.repeat(20)}y`)).toBe(false);
  });

  it('nothing when no match is sure to start with anything (an optional start wider than the budget)', () => {
    expect(patternHead('(?:[a-z]{0,40}-)?abc', false, 8)).toBeNull();
    expect(patternHead('\\b', false, 8)).toBeNull();
  });

  it('default set: every match starts with its head, no longer than the budget', () => {
    const planted = 'password = "s3cr3tP@ss" api_key: AbCdEfGhIjKlMnOpQrStUvWx0123 -----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    const text = `${mixedCorpus(48 << 10, { plantEvery: 3 })}\n${planted}`;
    for (const width of [16, 64, 256]) expect(checkHeads(DEFAULT_RECOGNIZERS, text, width)).toStrictEqual([]);
  }, 60_000);
});

describe('reportingAlternatives', () => {
  it('leaves out the top-level alternatives that cannot hold the reported group (vetoes)', () => {
    const veto = '\\bpublic_key\\s*=\\s*\\S+';
    const pattern = `(?:${veto}|key\\s*=\\s*(\\S{8,}))`;
    const reduced = reportingAlternatives(pattern, 1)!;
    expect(new RE2(reduced, 'u').test('public_key = abc')).toBe(false);
    expect(new RE2(reduced, 'u').test('key = abcdefgh')).toBe(true);
    // Groups are numbered across alternatives: group 2 lives in the third one.
    const second = new RE2(`^${reportingAlternatives('(a)x|y|(b)z', 2)!}$`, 'u');
    expect(['ax', 'y', 'bz'].filter((s) => second.test(s))).toStrictEqual(['bz']);
    // Flags of the enclosing group are kept.
    const ci = new RE2(`^${reportingAlternatives('(?i:veto|key(x))', 1)!}$`, 'u');
    expect(['VETO', 'KEYX'].filter((s) => ci.test(s))).toStrictEqual(['KEYX']);
  });

  it('nothing to leave out: null', () => {
    expect(reportingAlternatives('key=(\\S+)', 1)).toBeNull(); // no alternation
    expect(reportingAlternatives('(a)|(b)', 0)).toBeNull(); // whole matches are reported
    expect(reportingAlternatives('a(x)|b(y)|c', 3)).toBeNull(); // no such group: no alternative can hold it
  });

  it('default set: every reported match is a match of what remains, at the same place', () => {
    const planted = 'password = "s3cr3tP@ss" public_key = AbCdEfGhIjKlMnOpQrStUvWx0123 api_key: AbCdEfGhIjKlMnOpQrStUvWx0123 token: 9fQ2xL7pK3mN8vR1tY6wZ4aB';
    const text = `${mixedCorpus(48 << 10, { plantEvery: 3 })}\n${planted}`;
    const missed: string[] = [];
    let checked = 0;
    for (const r of DEFAULT_RECOGNIZERS) {
      const reduced = reportingAlternatives(r.pattern, r.group ?? 0);
      if (reduced === null) continue;
      const full = new RE2(r.pattern, r.caseInsensitive ? 'giu' : 'gu');
      const sticky = new RE2(reduced, r.caseInsensitive ? 'yiu' : 'yu');
      for (const m of text.matchAll(full)) {
        if (m[r.group!] === undefined) continue;
        checked++;
        sticky.lastIndex = m.index;
        if (!sticky.test(text)) missed.push(`${r.id} at ${m.index}`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(missed).toStrictEqual([]);
  }, 60_000);
});
