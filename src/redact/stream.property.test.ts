// The streaming guarantees, as properties over OpenAI chat, Responses and Anthropic streams:
//  - split invariance: any partition of the upstream bytes gives the same client bytes;
//  - no planted value, nor any long part of one, reaches the client, however it is split into deltas;
//  - the streamed result is the whole-text result (the redactor decides exactly what a scan of the
//    whole text decides);
//  - events without findings pass byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResponseTextFilter } from '../pipeline/guard.js';
import { SseRewriter } from '../pipeline/response.js';
import { SseParser } from '../sse/parser.js';
import { deriveTenantKeys } from './actions.js';
import { redactionFilter } from './filter.js';
import { compileRedactionPolicy } from './policy.js';
import { filterText } from './stream-redactor.js';
import { DEFAULT_RECOGNIZERS } from './recognizers/index.js';
import { mixedCorpus } from './testing/corpus.js';
import { SAMPLE_RECOGNIZERS } from './testing/sample-recognizers.js';
import { clientView, cutAt, STREAM_APIS, streamBytes, streamEvents, type StreamApi } from './testing/streams.js';

const POLICY = compileRedactionPolicy({ entities: { CREDIT_CARD: 'partial', EMAIL_ADDRESS: 'hash' } }, SAMPLE_RECOGNIZERS);
const KEYS = deriveTenantKeys('test-secret', 'tenant-a');
const filters = (): ResponseTextFilter[] => [redactionFilter(POLICY, { keys: KEYS })];

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----';
/** Values the sample recognizers find, each in its own format family. */
export const PLANTED = [
  'jane.doe@example.com', '4111 1111 1111 1111', '+44 20 7946 0958', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
  'AKIAIOSFODNN7EXAMPLE', 'DE89 3704 0044 0532 0130 00', '123-45-6789', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  '00:1A:2B:3C:4D:5E', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', PEM,
];
const WORDS = ['the', 'report', 'shows', 'growth', 'of', 'twelve', 'percent,', 'café', '日本の', 'rocket 🚀', 'and', 'then', 'we', 'met.', '\n', 'plan:', '(draft)', 'id', 'per', 'quarter'];

/** Shortest substring of a planted value that must never reach the client. */
const leakLength = (v: string): number => Math.min(8, Math.ceil(v.length / 2));

function leaks(output: string, planted: readonly string[]): string[] {
  const found: string[] = [];
  for (const v of planted) {
    const n = leakLength(v);
    for (let i = 0; i + n <= v.length; i++) {
      const part = v.slice(i, i + n);
      if (output.includes(part)) { found.push(`${v} -> ${JSON.stringify(part)}`); break; }
    }
  }
  return found;
}

/** A text of filler words and planted values, and the planted values it holds. */
const textArb = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...PLANTED).map((v) => ({ v })) }), { minLength: 1, maxLength: 24 })
  .map((items) => ({
    text: items.map((x) => (typeof x === 'string' ? x : x.v)).join(' '),
    planted: items.flatMap((x) => (typeof x === 'string' ? [] : [x.v])),
  }));

/** Cuts a text into pieces at code point boundaries (a provider never splits a surrogate pair). */
function pieces(text: string, cuts: readonly number[]): string[] {
  const cps = Array.from(text);
  const points = [...new Set(cuts.map((c) => c % (cps.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const p of [...points, cps.length]) {
    if (p > prev) out.push(cps.slice(prev, p).join(''));
    prev = p;
  }
  return out.length > 0 ? out : [''];
}

const cutsArb = fc.array(fc.nat({ max: 4000 }), { maxLength: 60 });
const apiArb = fc.constantFrom(...STREAM_APIS);

function run(api: StreamApi, chunks: readonly Uint8Array[]): Uint8Array {
  const rw = new SseRewriter(api, filters(), 1 << 20, {});
  return Buffer.concat(chunks.map((c, i) => rw.push(c, i === chunks.length - 1)));
}

const mainChannel = (api: StreamApi): string => (api === 'openai-chat' ? 'choice:0' : api === 'anthropic-messages' ? 'block:0' : 'output:0:0');

describe('streamed redaction: properties', () => {
  it('every planted value is found by the sample recognizers in plain text (premise of the properties)', () => {
    for (const v of PLANTED) expect(leaks(filterText(filters(), `the ${v} and`), [v])).toStrictEqual([]);
  });

  it('split invariance: any partition of the upstream bytes gives byte-identical output', () => {
    fc.assert(fc.property(apiArb, textArb, cutsArb, fc.array(fc.nat(), { maxLength: 30 }), (api, { text }, cuts, byteCuts) => {
      const bytes = streamBytes(api, { pieces: pieces(text, cuts) });
      const reference = run(api, [bytes]);
      const split = run(api, cutAt(bytes, byteCuts.map((c) => c % (bytes.length + 1))));
      expect(Buffer.compare(split, reference)).toBe(0);
    }), { numRuns: 60 });
  });

  it('split invariance, one byte per chunk (splits inside UTF-8 sequences, field names, JSON escapes)', () => {
    for (const api of STREAM_APIS) {
      const text = `${PLANTED.join(' café ')} 日本の 🚀 "quoted" \\ back\nslash`;
      const bytes = streamBytes(api, { pieces: pieces(text, Array.from({ length: 80 }, (_, i) => i * 7)) });
      const reference = run(api, [bytes]);
      const bytewise = run(api, cutAt(bytes, Array.from({ length: bytes.length }, (_, i) => i)));
      expect(Buffer.compare(bytewise, reference)).toBe(0);
    }
  });

  it('no planted value nor any long part of one reaches the client, however the text is split into deltas', () => {
    fc.assert(fc.property(apiArb, textArb, cutsArb, (api, { text, planted }, cuts) => {
      const view = clientView(api, run(api, [streamBytes(api, { pieces: pieces(text, cuts) })]));
      const seen = [...view.texts.values(), ...view.finals].join('\n');
      expect(leaks(seen, planted)).toStrictEqual([]);
    }), { numRuns: 120 });
  });

  it('values split into one delta per character do not leak', () => {
    for (const api of STREAM_APIS) {
      const text = PLANTED.join(' and ');
      const view = clientView(api, run(api, [streamBytes(api, { pieces: Array.from(text) })]));
      expect(leaks([...view.texts.values(), ...view.finals].join('\n'), PLANTED)).toStrictEqual([]);
    }
  });

  it('the streamed text is exactly the whole-text redaction, whatever the deltas', () => {
    fc.assert(fc.property(apiArb, textArb, cutsArb, (api, { text }, cuts) => {
      const view = clientView(api, run(api, [streamBytes(api, { pieces: pieces(text, cuts) })]));
      const whole = filterText(filters(), text);
      expect(view.texts.get(mainChannel(api)) ?? '').toBe(whole);
      // Responses repeats the text whole in its done/completed events: redacted the same way.
      for (const f of view.finals) expect(f).toBe(whole);
    }), { numRuns: 120 });
  });

  it('a stream without findings passes byte-identical, under any chunking', () => {
    fc.assert(fc.property(apiArb, fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 40 }), cutsArb, fc.array(fc.nat(), { maxLength: 20 }), (api, words, cuts, byteCuts) => {
      const bytes = streamBytes(api, { pieces: pieces(words.join(' '), cuts) });
      expect(Buffer.compare(run(api, cutAt(bytes, byteCuts.map((c) => c % (bytes.length + 1)))), bytes)).toBe(0);
    }), { numRuns: 60 });
  });

  it('events whose text holds no part of a finding pass byte-identical; the others are rebuilt', () => {
    fc.assert(fc.property(fc.constantFrom<StreamApi>('openai-chat', 'anthropic-messages'), textArb, cutsArb, (api, { text }, cuts) => {
      const ps = pieces(text, cuts);
      const input = streamEvents(api, { pieces: ps });
      const parser = new SseParser();
      const output = [...parser.push(run(api, [new TextEncoder().encode(input.join(''))])), ...parser.end().events].map((e) => Buffer.from(e.raw).toString());
      expect(output).toHaveLength(input.length);
      // Character ranges of the findings in the whole text, and of each delta event.
      const spans = filters()[0]!.scanner.scan(text).map((f) => [f.start, f.end] as const);
      let offset = 0;
      let piece = 0;
      input.forEach((event, i) => {
        const isDelta = event.includes('"content":') && !event.includes('"role"') || event.includes('text_delta');
        let range: readonly [number, number] | null = null;
        if (isDelta && piece < ps.length) { range = [offset, offset + ps[piece]!.length]; offset += ps[piece]!.length; piece++; }
        const touched = range !== null && spans.some(([s, e]) => s < range[1] && range[0] < e);
        if (!touched) expect(output[i]).toBe(event);
      });
    }), { numRuns: 80 });
  });

  it('two channels interleaved (text and tool call arguments) are redacted independently', () => {
    for (const api of STREAM_APIS) {
      const text = 'mail jane.doe@example.com now';
      const args = '{"to":"jane.doe@example.com","card":"4111 1111 1111 1111"}';
      const bytes = streamBytes(api, { pieces: pieces(text, [3, 9, 14, 20]), toolPieces: pieces(args, [5, 12, 17, 30]) });
      const view = clientView(api, run(api, [bytes]));
      const all = [...view.texts.values(), ...view.finals].join('\n');
      expect(leaks(all, ['jane.doe@example.com', '4111 1111 1111 1111'])).toStrictEqual([]);
      expect([...view.texts.values()].some((t) => t.includes('[CREDIT_CARD ****1111]'))).toBe(true);
    }
  });
});

/** A made-up key of the Google API key format. */
const GOOGLE_KEY = 'AIzaSyQ7m2Kd9vLx4Np8Rt1Wb6Yc3Hf5Jg0ZeTu';

describe('streamed redaction with the shipped recognizer set', () => {
  const policy = compileRedactionPolicy({}, DEFAULT_RECOGNIZERS);
  const shipped = (): ResponseTextFilter[] => [redactionFilter(policy, { keys: KEYS })];
  const corpus = mixedCorpus(64 << 10, { seed: 11, plantEvery: 2 });
  const SNIPPETS = [
    'password = "Xk9#mQ2$vL7!"', 'api_key: sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl',
    'postgres://admin:s3cretPass@db.internal:5432/app', 'mail jane.doe@example.com or +1 415 555 2671', 'card 4242 4242 4242 4242 exp 12/29',
    'IBAN GB82 WEST 1234 5698 7654 32', 'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
    // Google API keys are reported with a word before or after them (context read after the value).
    `${GOOGLE_KEY} # Google API Key`, `${GOOGLE_KEY} alone`, `why does ${GOOGLE_KEY} fail with Gemini?`,
  ];
  const textArb2 = fc.array(fc.oneof(
    fc.tuple(fc.nat({ max: corpus.length - 1 }), fc.nat({ max: 600 })).map(([a, n]) => corpus.slice(a, a + n)),
    fc.constantFrom(...SNIPPETS),
  ), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));

  it('a Google API key is masked when a word names it, before or after, and only then (premise of the property below)', () => {
    const out = (text: string): string => filterText(shipped(), text);
    expect(out(`${GOOGLE_KEY} # Google API Key`)).toBe('[GOOGLE_API_KEY] # Google API Key');
    expect(out(`why does ${GOOGLE_KEY} fail with Gemini?`)).toBe('why does [GOOGLE_API_KEY] fail with Gemini?');
    expect(out(`${GOOGLE_KEY} alone`)).toBe(`${GOOGLE_KEY} alone`);
  });

  it('the streamed text is exactly the whole-text redaction, whatever the deltas (code, logs, JSON, secrets)', () => {
    fc.assert(fc.property(apiArb, textArb2, cutsArb, (api, text, cuts) => {
      const rw = new SseRewriter(api, shipped(), 1 << 20, {});
      const view = clientView(api, rw.push(streamBytes(api, { pieces: pieces(text, cuts) }), true));
      expect(view.texts.get(mainChannel(api)) ?? '').toBe(filterText(shipped(), text));
    }), { numRuns: 40 });
  }, 60_000);
});
