// Response path: classification, SSE rewriting over arbitrary chunking, usage, JSON bodies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhraseGuard } from '../guards/phrases.js';
import type { ApiKind } from '../llm/model.js';
import { createScanner } from '../redact/scanner.js';
import { SseEventTooLargeError } from '../sse/parser.js';
import type { TokenUsage } from './context.js';
import type { ResponseTextFilter } from './guard.js';
import { classifyResponse, readUsage, rewriteJsonBody, SseRewriter } from './response.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

// A Chat Completions stream as api.openai.com sends it with stream_options.include_usage (one data line
// per event, `\n\n` terminators, a usage-only chunk with empty choices, then [DONE]).
const base = { id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT', object: 'chat.completion.chunk', created: 1741569952, model: 'gpt-4o-2024-08-06', service_tier: 'default', system_fingerprint: 'fp_eb9dce56a8' };
const chunk = (choices: unknown[], usage: unknown = null) => `data: ${JSON.stringify({ ...base, choices, usage })}\n\n`;
const delta = (content: string) => chunk([{ index: 0, delta: { content }, logprobs: null, finish_reason: null }]);
const USAGE = { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } };
const EVENTS = [
  chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }]),
  delta('The '),
  delta('recipe uses secret sauce'),
  delta(' — é😀 and more '),
  delta('SECRET  SAUCE!'),
  delta('\n'),
  chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]),
  chunk([], USAGE),
  'data: [DONE]\n\n',
];
const STREAM = enc.encode(EVENTS.join(''));

const maskFilter = (): ResponseTextFilter => {
  const f = new PhraseGuard({ enabled: true, mode: 'enforce', deny: [], mask: ['secret sauce'], maskWith: '[REDACTED]' }).responseTextFilter();
  if (!f) throw new Error('filter expected');
  return f;
};

/** The stream cut at the given offsets. */
function cut(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => Math.min(o, bytes.length)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    parts.push(bytes.subarray(prev, p));
    prev = p;
  }
  return parts;
}

/** Runs a rewriter over the chunks (last one with end=true); returns every push's output and the usage. */
function run(chunks: readonly Uint8Array[], filters: readonly ResponseTextFilter[], api: ApiKind = 'openai-chat', maxEventBytes = 1 << 20) {
  const usage: TokenUsage = {};
  const rw = new SseRewriter(api, filters, maxEventBytes, usage);
  const outs = chunks.map((c, i) => rw.push(c, i === chunks.length - 1));
  return { outs, bytes: Buffer.concat(outs), usage, rewrites: rw.rewrites };
}

const partition = fc.array(fc.nat({ max: STREAM.length }), { maxLength: 40 });

describe('classifyResponse', () => {
  it.each([
    ['openai-chat', 'text/event-stream', 'sse'],
    ['openai-chat', 'text/event-stream; charset=utf-8', 'sse'],
    ['anthropic-messages', 'TEXT/EVENT-STREAM', 'sse'],
    ['openai-responses', 'application/json', 'json'],
    ['openai-completions', 'application/json; charset=utf-8', 'json'],
    ['openai-chat', 'application/problem+json', 'json'],
    ['openai-chat', 'text/plain', 'none'],
    ['openai-chat', 'text/html; charset=utf-8', 'none'],
    ['openai-chat', 'application/x-ndjson', 'none'],
    ['openai-chat', undefined, 'none'],
    ['openai-chat', '', 'none'],
    ['openai-embeddings', 'application/json', 'none'],
    ['openai-embeddings', 'text/event-stream', 'none'],
    [null, 'application/json', 'none'],
    [null, 'text/event-stream', 'none'],
  ] as const)('%s + %j -> %s', (api, type, want) => {
    expect(classifyResponse(api, type)).toBe(want);
  });
});

describe('readUsage', () => {
  it.each([
    ['openai chat usage chunk', { usage: { prompt_tokens: 19, completion_tokens: 10 } }, { inputTokens: 19, outputTokens: 10 }],
    ['openai chat usage null', { usage: null }, {}],
    ['responses response.completed', { type: 'response.completed', response: { usage: { input_tokens: 5, output_tokens: 7 } } }, { inputTokens: 5, outputTokens: 7 }],
    ['anthropic message_start', { type: 'message_start', message: { usage: { input_tokens: 25, output_tokens: 1 } } }, { inputTokens: 25, outputTokens: 1 }],
    ['anthropic message_delta', { type: 'message_delta', usage: { output_tokens: 15 } }, { outputTokens: 15 }],
    ['zero input is not recorded, zero output is', { usage: { input_tokens: 0, output_tokens: 0 } }, { outputTokens: 0 }],
    ['non-number fields ignored', { usage: { prompt_tokens: '5', completion_tokens: null } }, {}],
    ['not an object', 'usage', {}],
    ['null', null, {}],
  ])('%s', (_n, obj, want) => {
    const usage: TokenUsage = {};
    readUsage(obj, usage);
    expect(usage).toStrictEqual(want);
  });

  it('later events update earlier values; input 0 does not erase a known input count', () => {
    const usage: TokenUsage = {};
    readUsage({ type: 'message_start', message: { usage: { input_tokens: 25, output_tokens: 1 } } }, usage);
    readUsage({ type: 'message_delta', usage: { input_tokens: 0, output_tokens: 15 } }, usage);
    expect(usage).toStrictEqual({ inputTokens: 25, outputTokens: 15 });
  });
});

describe('SseRewriter over a real OpenAI chat stream', () => {
  it('no filters, one chunk: output bytes are the input bytes; usage read from the usage chunk', () => {
    const r = run([STREAM], []);
    expect(Buffer.compare(r.bytes, STREAM)).toBe(0);
    expect(r.usage).toStrictEqual({ inputTokens: 19, outputTokens: 10 });
    expect(r.rewrites).toBe(0);
  });

  it('property: with NO filters, output bytes == input bytes for any partition, and each push emits whole events only', () => {
    fc.assert(fc.property(partition, (offsets) => {
      const chunks = cut(STREAM, offsets);
      const r = run(chunks, []);
      expect(Buffer.compare(r.bytes, STREAM)).toBe(0);
      expect(r.usage).toStrictEqual({ inputTokens: 19, outputTokens: 10 });
      // Every emitted piece ends exactly on an event boundary of the original stream.
      let emitted = 0;
      const boundaries = new Set(EVENTS.map((_, i) => enc.encode(EVENTS.slice(0, i + 1).join('')).length));
      for (const out of r.outs) {
        emitted += out.length;
        if (out.length > 0) expect(boundaries.has(emitted)).toBe(true);
      }
    }), { numRuns: 150 });
  });

  it('with the masking filter: exact output, only the changed events re-serialised', () => {
    const r = run([STREAM], [maskFilter()]);
    const masked = (content: string) => `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }], usage: null })}\n\n`;
    const want = [...EVENTS];
    want[2] = masked('recipe uses [REDACTED]');
    want[4] = masked('[REDACTED]!');
    expect(dec.decode(r.bytes)).toBe(want.join(''));
    expect(r.rewrites).toBe(2);
    expect(r.usage).toStrictEqual({ inputTokens: 19, outputTokens: 10 });
  });

  it('property: with the masking filter, output is identical for every partition', () => {
    const reference = run([STREAM], [maskFilter()]).bytes;
    fc.assert(fc.property(partition, (offsets) => {
      const r = run(cut(STREAM, offsets), [maskFilter()]);
      expect(Buffer.compare(r.bytes, reference)).toBe(0);
      expect(r.rewrites).toBe(2);
    }), { numRuns: 150 });
  });

  it('one byte at a time gives the same result as one chunk', () => {
    const single = run([STREAM], [maskFilter()]).bytes;
    const bytewise = run(cut(STREAM, Array.from({ length: STREAM.length }, (_, i) => i)), [maskFilter()]).bytes;
    expect(Buffer.compare(bytewise, single)).toBe(0);
  });

  it('filters run side by side over the original text of each channel, not over each other\'s output', () => {
    const seen: string[] = [];
    const upper: ResponseTextFilter = {
      scanner: createScanner([{ id: 'recipe', entity: 'WORD', kind: 'pii', pattern: 'recipe', maxLength: 6, confidence: 1 }]),
      replace: ({ value, channel }) => { seen.push(`${channel}:${value}`); return value.toUpperCase(); },
    };
    const r = run([enc.encode(EVENTS.slice(0, 3).join(''))], [maskFilter(), upper]);
    expect(seen).toStrictEqual(['choice:0:recipe']);
    expect(dec.decode(r.bytes)).toContain('"content":"RECIPE uses [REDACTED]"');
  });

  it('a phrase split across two events is masked: the replacement goes where it starts, the rest is removed', () => {
    const stream = enc.encode(delta('the secret ') + delta('sauce is') + delta(' red'));
    const r = run([stream], [maskFilter()]);
    expect(dec.decode(r.bytes)).toBe(delta('the [REDACTED]') + delta(' is') + delta(' red'));
    expect(r.rewrites).toBe(2);
  });

  it('a partial event is held until it completes; nothing is emitted before', () => {
    const usage: TokenUsage = {};
    const rw = new SseRewriter('openai-chat', [], 1 << 20, usage);
    const first = enc.encode(EVENTS[1] as string);
    expect(rw.push(first.subarray(0, 10), false)).toHaveLength(0);
    expect(Buffer.compare(rw.push(first.subarray(10), false), first)).toBe(0);
  });

  it('at end, an unterminated tail passes through as-is (unfiltered)', () => {
    const tail = 'data: {"choices":[{"index":0,"delta":{"content":"secret sauce"}}]}';
    const r = run([enc.encode(EVENTS[1] + tail)], [maskFilter()]);
    expect(dec.decode(r.bytes)).toBe(EVENTS[1] + tail);
  });

  it('at end, a last event terminated by a lone CR is complete and filtered', () => {
    const last = 'data: {"choices":[{"index":0,"delta":{"content":"secret sauce"}}]}\r\r';
    const r = run([enc.encode(last)], [maskFilter()]);
    expect(dec.decode(r.bytes)).toBe('data: {"choices":[{"index":0,"delta":{"content":"[REDACTED]"}}]}\n\n');
  });

  it('an event over maxEventBytes throws SseEventTooLargeError', () => {
    const rw = new SseRewriter('openai-chat', [], 1024, {});
    expect(() => rw.push(enc.encode(`data: ${'x'.repeat(2000)}`), false)).toThrow(SseEventTooLargeError);
  });

  it('embeddings have no stream adapter: events pass through even with filters', () => {
    const r = run([STREAM], [maskFilter()], 'openai-embeddings');
    expect(Buffer.compare(r.bytes, STREAM)).toBe(0);
  });

  it('anthropic stream: text_delta masked, usage from message_start and message_delta', () => {
    const ev = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    const stream = [
      ev('message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'claude-sonnet-4-5', stop_reason: null, stop_sequence: null, usage: { input_tokens: 25, output_tokens: 1 } } }),
      ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'our secret sauce' } }),
      ev('content_block_stop', { type: 'content_block_stop', index: 0 }),
      ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 15 } }),
      ev('message_stop', { type: 'message_stop' }),
    ];
    const r = run([enc.encode(stream.join(''))], [maskFilter()], 'anthropic-messages');
    const want = [...stream];
    want[2] = ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'our [REDACTED]' } });
    expect(dec.decode(r.bytes)).toBe(want.join(''));
    expect(r.usage).toStrictEqual({ inputTokens: 25, outputTokens: 15 });
  });
});

describe('rewriteJsonBody', () => {
  const completion = (content: string) => enc.encode(JSON.stringify({
    id: 'chatcmpl-1', object: 'chat.completion', created: 1741569952, model: 'gpt-4o',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
  }));

  it('returns null when no filter changed anything, and still reads usage', () => {
    const usage: TokenUsage = {};
    expect(rewriteJsonBody('openai-chat', completion('nothing here'), [maskFilter()], usage)).toBeNull();
    expect(usage).toStrictEqual({ inputTokens: 9, outputTokens: 12 });
  });

  it('returns null with no filters (usage still read)', () => {
    const usage: TokenUsage = {};
    expect(rewriteJsonBody('openai-chat', completion('secret sauce'), [], usage)).toBeNull();
    expect(usage).toStrictEqual({ inputTokens: 9, outputTokens: 12 });
  });

  it('returns the rewritten body when a filter changed a text', () => {
    const out = rewriteJsonBody('openai-chat', completion('the secret sauce is ketchup'), [maskFilter()], {});
    expect(out).not.toBeNull();
    expect(JSON.parse(dec.decode(out as Uint8Array))).toStrictEqual(JSON.parse(dec.decode(completion('the [REDACTED] is ketchup'))));
  });

  it.each([
    ['an error body', enc.encode('{"error":{"message":"secret sauce","type":"invalid_request_error"}}')],
    ['not JSON', enc.encode('<html>secret sauce</html>')],
    ['empty', new Uint8Array(0)],
  ])('returns null for %s', (_n, body) => {
    expect(rewriteJsonBody('openai-chat', body, [maskFilter()], {})).toBeNull();
  });

  it('embeddings: null, but usage is read', () => {
    const usage: TokenUsage = {};
    const body = enc.encode(JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1] }], model: 'text-embedding-3-small', usage: { prompt_tokens: 8, total_tokens: 8 } }));
    expect(rewriteJsonBody('openai-embeddings', body, [maskFilter()], usage)).toBeNull();
    expect(usage).toStrictEqual({ inputTokens: 8 });
  });
});
