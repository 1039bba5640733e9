// The scanner's shortcuts (one UTF-8 conversion, segments gated by one RE2.Set pass, `\b`-stripped
// searches, bulk location by replace()) must not change what is found: checked against a plain
// reference that runs every recognizer over the whole string.
import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOGNIZERS } from './recognizers/index.js';
import { createScanner, resolveOverlaps } from './scanner.js';
import { mixedCorpus } from './testing/corpus.js';
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
      const window = lower.slice(Math.max(0, start - (r.contextWindow ?? 48)), start);
      const ctx = (r.context ?? []).some((w) => window.includes(w.toLowerCase()));
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
