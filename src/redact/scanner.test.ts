// The scanner's shortcuts (one UTF-8 conversion, segments gated by one RE2.Set pass, `\b`-stripped
// searches, bulk location by replace()) must not change what is found: checked against a plain
// reference that runs every recognizer over the whole string.
import fc from 'fast-check';
import RE2 from 're2';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveTenantKeys } from './actions.js';
import { ScanBudgetExceeded } from './errors.js';
import { compileRedactionPolicy } from './policy.js';
import { DEFAULT_RECOGNIZERS } from './recognizers/index.js';
import { redactText } from './redact-text.js';
import { groupEndsMatch } from './scan-engine.js';
import { createScanner, resolveOverlaps } from './scanner.js';
import { mixedCorpus, prng } from './testing/corpus.js';
import { SAMPLE_RECOGNIZERS } from './testing/sample-recognizers.js';
import type { Finding, Recognizer } from './types.js';

/** The reference: each recognizer over the whole text, exec by exec, then the overlap rule. */
function reference(recognizers: readonly Recognizer[], text: string): Finding[] {
  const found: Finding[] = [];
  const lower = text.toLowerCase();
  for (const r of recognizers) {
    if (r.keywords && !r.keywords.some((k) => lower.includes(k))) continue;
    const re = new RE2(r.pattern, `gu${r.caseInsensitive ? 'i' : ''}d`);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) { re.lastIndex += 1; continue; }
      const g = r.group ?? 0;
      const ix = m.indices?.[g];
      if (!ix || ix[1] === ix[0]) continue;
      const [start, end] = ix;
      if (r.validate && !r.validate(text.slice(start, end))) continue;
      const before = lower.slice(Math.max(0, start - (r.contextWindow ?? 48)), start);
      const after = lower.slice(end, end + (r.contextAfter ?? 0));
      const ctx = (r.context ?? []).some((w) => before.includes(w.toLowerCase()) || after.includes(w.toLowerCase()));
      if (r.requireContext && !ctx) continue;
      found.push({ entity: r.entity, recognizer: r.id, kind: r.kind, start, end, confidence: Math.min(1, r.confidence + (ctx ? 0.15 : 0)) });
    }
  }
  return resolveOverlaps(found, new Map(recognizers.map((r, i) => [r.id, i])));
}

const SCANNER = createScanner(SAMPLE_RECOGNIZERS);
const PLANTED = ['jane.doe@example.com', '4111 1111 1111 1111', '+44 20 7946 0958', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'AKIAIOSFODNN7EXAMPLE', 'DE89 3704 0044 0532 0130 00', '123-45-6789', '10.0.0.1', 'café 日本 🚀', 'xghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'aws secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'];

describe('createScanner', () => {
  it('finds the planted values of the mixed corpus exactly as the reference does (segments, non-ASCII)', () => {
    const text = mixedCorpus(200 << 10, { plantEvery: 5 });
    expect(SCANNER.scan(text)).toStrictEqual(reference(SAMPLE_RECOGNIZERS, text));
  });

  it('property: same findings as the reference on random texts of corpus pieces and planted values', () => {
    const corpus = mixedCorpus(64 << 10, { seed: 3, plantEvery: 0 });
    const piece = fc.oneof(
      fc.tuple(fc.nat({ max: corpus.length - 1 }), fc.nat({ max: 3000 })).map(([a, n]) => corpus.slice(a, a + n)),
      fc.constantFrom(...PLANTED),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const text = parts.join(' ');
      expect(SCANNER.scan(text)).toStrictEqual(reference(SAMPLE_RECOGNIZERS, text));
    }), { numRuns: 60 });
  });

  it('the default recognizers find exactly what the reference finds (common keywords gated by full patterns)', () => {
    const text = mixedCorpus(96 << 10, { seed: 5, plantEvery: 3 });
    expect(createScanner(DEFAULT_RECOGNIZERS).scan(text)).toStrictEqual(reference(DEFAULT_RECOGNIZERS, text));
  });

  it('the default recognizers on texts the engine treats specially: gated IPv6 among clock times, token-rich text, no line feeds', () => {
    const rand = prng(11);
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const token = (n: number): string => Array.from({ length: n }, () => b64[Math.floor(rand() * b64.length)]).join('');
    const pieces = [
      '12:34:56', '2001:db8::8a2e:370:7334', '12:30:45.123Z', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', '::ffff:10.0.0.1',
      'fd3:a1b2:c3d4:e5f6:1:22:333:4444', '00:1A:2B:3C:4D:5E', 'std::vector', `key=${token(40)}`, `token: ${token(32)}`,
      token(60), `"password": "${token(12)}"`, 'call 020 7946 0958', '4111 1111 1111 1111', `secret ${token(24)}`,
    ];
    const words = Array.from({ length: 4000 }, () => (rand() < 0.3 ? pieces[Math.floor(rand() * pieces.length)]! : token(1 + Math.floor(rand() * 12))));
    const scanner = createScanner(DEFAULT_RECOGNIZERS);
    for (const sep of ['\n', ' ', '\t']) { // a tab-separated text has no line end nor space to start a segment at
      const text = words.join(sep);
      expect(scanner.scan(text)).toStrictEqual(reference(DEFAULT_RECOGNIZERS, text));
    }
    // Full-form addresses (no `::`) far from any other colon run: found where the gate alone says so.
    const logs = Array.from({ length: 300 }, (_, i) => `12:${String(i % 60).padStart(2, '0')}:07 INFO ${i % 50 === 7 ? 'peer fd3:a1b2:c3d4:e5f6:1:22:333:4444 ' : ''}ok`).join('\n');
    const found = scanner.scan(logs);
    expect(found.filter((f) => f.recognizer === 'ipv6')).toHaveLength(6);
    expect(found).toStrictEqual(reference(DEFAULT_RECOGNIZERS, logs));
  }, 60_000);

  it('the default recognizers on mostly non-ASCII text: counted offsets, deferred keywords, long matches', () => {
    // Several bytes per unit (CJK, astral characters) make the engine count where it would step byte
    // by byte in ASCII: view and reach bounds, keyword reach of long recognizers, the one UTF-16
    // sweep over the findings. Values sit next to keywords the Set pass leaves out ('pass', '://').
    const rand = prng(23);
    const wide = ['日本語のテキスト', 'データ', '🚀', '𝔘𝔫𝔦', 'Привет', 'Größe', '한국어'];
    const planted = [
      'password: hunter2hunter2', 'secret_key = "Zx9aK2mQ7wR4tY8uI1oP3lK5jH6gF0dS"', 'postgres://admin:s3cretPass@db.internal:5432/app',
      'jane.doe@example.com', '4111 1111 1111 1111', 'client=10.1.2.3', 'iv: 0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'пароль: qwerty12345',
      'https://user:pa55word@example.org/x', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
    ];
    const parts = Array.from({ length: 3000 }, () => (rand() < 0.05 ? planted[Math.floor(rand() * planted.length)]! : wide[Math.floor(rand() * wide.length)]!));
    const scanner = createScanner(DEFAULT_RECOGNIZERS);
    for (const sep of [' ', '\n']) {
      const text = parts.join(sep);
      const found = scanner.scan(text);
      expect(found.length).toBeGreaterThan(100);
      expect(found).toStrictEqual(reference(DEFAULT_RECOGNIZERS, text));
    }
  }, 60_000);

  it('capture-group recognizers located in bulk: only when the group ends the match', () => {
    expect(groupEndsMatch('(?:^|[^0-9])(\\d{16})\\b', 1)).toBe(true);
    expect(groupEndsMatch('x(a(b))$', 1)).toBe(true);
    expect(groupEndsMatch('x(a(b))$', 2)).toBe(false); // nested
    expect(groupEndsMatch('(a)(b)', 1)).toBe(false); // something follows
    expect(groupEndsMatch('(?:x|(a))', 1)).toBe(false); // inside an alternation
    expect(groupEndsMatch('(?P<v>a)(b)', 2)).toBe(true); // named groups count
  });

  it('offsets are UTF-16 offsets of the string, also after astral characters', () => {
    const text = '😀😀 é jane.doe@example.com 日本 4111 1111 1111 1111';
    const found = SCANNER.scan(text).map((f) => text.slice(f.start, f.end));
    expect(found).toStrictEqual(['jane.doe@example.com', '4111 1111 1111 1111']);
  });

  it('a `\\b`-prefixed token is not found inside a longer word, but is found right after it', () => {
    const token = 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
    expect(SCANNER.scan(`x${token}`)).toStrictEqual([]);
    expect(SCANNER.scan(`x ${token}`).map((f) => f.recognizer)).toStrictEqual(['github_pat_classic']);
  });

  it('texts holding the marker bytes of bulk location are scanned exactly too', () => {
    const text = 'a\u0000b 10.0.0.1 \u0001 192.168.1.20';
    expect(SCANNER.scan(text)).toStrictEqual(reference(SAMPLE_RECOGNIZERS, text));
  });

  it('validators, context words, requireContext and minConfidence apply', () => {
    expect(SCANNER.scan('4111 1111 1111 1112')).toStrictEqual([]); // Luhn fails
    const key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    expect(SCANNER.scan(`value ${key}`)).toStrictEqual([]); // needs context
    expect(SCANNER.scan(`aws_secret: ${key}`).map((f) => f.recognizer)).toStrictEqual(['aws_secret_key']);
    const strict = createScanner(SAMPLE_RECOGNIZERS, { minConfidence: 0.7 });
    expect(strict.scan('host 10.0.0.1').map((f) => f.entity)).toStrictEqual([]); // ipv4 is 0.6
    expect(SCANNER.scan('host 10.0.0.1').map((f) => f.entity)).toStrictEqual(['IP_ADDRESS']);
  });

  it('context after the value: within contextAfter, in its own window (not made of the value\'s end)', () => {
    const r: Recognizer = { id: 'k', entity: 'K', kind: 'secret', pattern: '\\bKEY[0-9]{4}[a-z]?', maxLength: 8, confidence: 0.9, context: ['note'], requireContext: true, contextAfter: 12 };
    const s = createScanner([r]);
    const values = (text: string): string[] => s.scan(text).map((f) => text.slice(f.start, f.end));
    expect(values('a KEY1234 (a note)')).toStrictEqual(['KEY1234']);
    expect(values('note: KEY1234')).toStrictEqual(['KEY1234']); // before, as always
    expect(values('a KEY1234 then a longer note')).toStrictEqual([]); // the word starts 14 after
    expect(values('a KEY1234note')).toStrictEqual([]); // the value is KEY1234n: "n" + "ote" straddles its end
    expect(createScanner([{ ...r, contextAfter: undefined }]).scan('a KEY1234 (a note)')).toStrictEqual([]); // default: before only
    for (const text of ['a KEY1234 (a note)', 'a KEY1234 then a longer note', 'x KEY9999 note KEY1111 y']) {
      expect(s.scan(text)).toStrictEqual(reference([r], text));
    }
  });

  it('a throwing validator counts as valid: a bug must not let a value through', () => {
    const s = createScanner([{ id: 'x', entity: 'X', kind: 'pii', pattern: 'X\\d{3}', maxLength: 4, confidence: 1, validate: () => { throw new Error('bug'); } }]);
    expect(s.scan('a X123 b')).toHaveLength(1);
  });

  it('overlaps: drop keeps the winner only; clip keeps what the loser covers beyond it', () => {
    const recs: Recognizer[] = [
      { id: 'long', entity: 'LONG', kind: 'pii', pattern: 'abc-\\d+', maxLength: 20, confidence: 0.5 },
      { id: 'strong', entity: 'STRONG', kind: 'pii', pattern: '\\d{3}', maxLength: 3, confidence: 0.9 },
    ];
    const text = 'x abc-12345 y';
    expect(createScanner(recs).scan(text).map((f) => text.slice(f.start, f.end))).toStrictEqual(['123']);
    expect(createScanner(recs, { overlaps: 'clip' }).scan(text).map((f) => `${f.entity}:${text.slice(f.start, f.end)}`))
      .toStrictEqual(['LONG:abc-', 'STRONG:123', 'LONG:45']);
  });

  it('long recognizers (PEM) are found across segment boundaries', () => {
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n'.repeat(60)}-----END RSA PRIVATE KEY-----`;
    const text = `${'filler line of text\n'.repeat(800)}${pem}\n${'more text\n'.repeat(50)}`;
    const found = SCANNER.scan(text).filter((f) => f.entity === 'PRIVATE_KEY');
    expect(found.map((f) => text.slice(f.start, f.end))).toStrictEqual([pem]);
  });

  it('an empty recognizer list and an empty text find nothing', () => {
    expect(createScanner([]).scan('jane.doe@example.com')).toStrictEqual([]);
    expect(SCANNER.scan('')).toStrictEqual([]);
  });

  it('an invalid pattern throws at construction', () => {
    expect(() => createScanner([{ id: 'bad', entity: 'X', kind: 'pii', pattern: '(?<=a)b', maxLength: 1, confidence: 1 }])).toThrow();
  });

  it('a recognizer with a finder reports what the finder finds (searched from the window start, bytes, UTF-16 offsets)', () => {
    // A finder that disagrees with its pattern on purpose, to show which of the two decides: it
    // reports every "xy" as two one-byte matches; the pattern (which still gates where it runs) is "xy".
    const calls: number[] = [];
    const r: Recognizer = {
      id: 'split_xy', entity: 'XY', kind: 'pii', pattern: 'xy', maxLength: 2, confidence: 1,
      find: (bytes, from, out) => {
        calls.push(from);
        for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === 0x78 && bytes[i + 1] === 0x79) out.push(i, i + 1, i + 1, i + 2);
      },
    };
    const text = 'é 🚀 xy and xy';
    const scanner = createScanner([r]);
    expect(scanner.scan(text).map((f) => [f.start, f.end])).toStrictEqual([[5, 6], [6, 7], [12, 13], [13, 14]]);
    expect(calls.length).toBeGreaterThan(0);
    expect(scanner.scanWindow(text, 7, text.length).spans).toStrictEqual([{ start: 12, end: 13 }, { start: 13, end: 14 }]);
    expect(() => createScanner([{ ...r, pattern: '(x)y', group: 1 }])).toThrow(/cannot have a group/);
  });
});

describe('scanWindow (streaming)', () => {
  it('reports findings and raw spans (invalid matches included) whose value starts in [from, until)', () => {
    const text = 'one 4111 1111 1111 1112 two jane.doe@example.com three';
    const w = SCANNER.scanWindow(text, 4, 25);
    expect(w.findings).toStrictEqual([]); // the card fails Luhn; the email starts after `until`
    expect(w.spans.map((s) => text.slice(s.start, s.end))).toContain('4111 1111 1111 1112');
    const all = SCANNER.scanWindow(text, 0, text.length);
    expect(all.findings.map((f) => text.slice(f.start, f.end))).toStrictEqual(['jane.doe@example.com']);
  });
});

describe('scan deadline', () => {
  const text = mixedCorpus(64 << 10, { seed: 5 });
  const scanner = createScanner(DEFAULT_RECOGNIZERS);

  afterEach(() => { vi.restoreAllMocks(); });

  it('a deadline not reached changes nothing; one already past throws ScanBudgetExceeded', () => {
    const plain = scanner.scan(text);
    expect(plain.length).toBeGreaterThan(0);
    expect(scanner.scan(text, performance.now() + 3_600_000)).toStrictEqual(plain);
    expect(() => scanner.scan(text, performance.now() - 1)).toThrow(ScanBudgetExceeded);
    expect(scanner.scan('', performance.now() - 1)).toStrictEqual([]); // nothing to scan, nothing to time
  });

  it('the deadline is checked as the scan goes, not only at its start', () => {
    // A clock that stands still for the first reads, then jumps an hour: the scan must notice mid-way.
    let reads = 0;
    const start = performance.now();
    vi.spyOn(performance, 'now').mockImplementation(() => (++reads <= 6 ? start : start + 3_600_000));
    expect(() => scanner.scan(text, start + 1)).toThrow(ScanBudgetExceeded);
    expect(reads).toBeGreaterThan(6); // it read the clock again after the first segments, and stopped then
  });

  it('redactText takes the deadline from its context; the error names the size, never the text', () => {
    const policy = compileRedactionPolicy({}, DEFAULT_RECOGNIZERS);
    const keys = deriveTenantKeys('secret', 'tenant');
    expect(redactText(text, policy, { keys, deadline: performance.now() + 3_600_000 }).findings.length).toBeGreaterThan(0);
    let err: unknown;
    try { redactText(text, policy, { keys, deadline: performance.now() - 1 }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ScanBudgetExceeded);
    expect((err as Error).message).toBe(`redaction scan of a ${Buffer.byteLength(text)}-byte text ran past its deadline`);
  });
});
