// Scripted ext_proc exchanges on the response path: SSE in STREAMED mode under arbitrary chunking,
// masking, compressed upstream replies, and the clean end of a stream.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import { BodySendMode } from '../../src/extproc/messages.js';
import { phraseRecognizers } from '../../src/guards/phrases.js';
import type { FilterFinding, Guard } from '../../src/pipeline/guard.js';
import { ScanBudgetExceeded } from '../../src/redact/errors.js';
import { createScanner } from '../../src/redact/scanner.js';
import { mulberry32 } from '../fixtures/mock-wire.js';
import { bodyMutationOf, effectiveBody, immediateOf, metadataOf, msg, mutationOf, sleep, type EnvoySim, type Reply, type SimStream } from './envoy-sim.js';
import {
  bodyMessages, chatBody, cutAt, llmRequestHeaders, OPENAI_CHAT, openAiChatJson, openAiChatSse, openAiChatSseFromDeltas, openAiChatText,
  randomChunks, randomKeyLines, randomToken, responseHeaders, sseDataPayloads,
} from './fixtures.js';
import { withGuards } from './guards.js';
import { runCases, type SimCase } from './table.js';

/** A stream stopped for running out of time: a guard_timeout SSE error event last, none of `hidden` passed. */
function expectStoppedByTimeout(replies: readonly Reply[], output: Buffer, hidden: readonly string[]): void {
  const text = output.toString('utf8');
  expect(JSON.parse(sseDataPayloads(text).at(-1) as string)).toMatchObject({ error: { code: 'guard_timeout', type: 'server_error' } });
  for (const h of hidden) expect(text).not.toContain(h);
  expect(metadataOf(replies.at(-1) as Reply)).toMatchObject({ verdict: 'deny', code: 'guard_timeout' });
}

/** A guard whose response scans run out of time (ScanBudgetExceeded) once the text holds OUT OF TIME. */
function budgetGuard(): Guard {
  const scanner = createScanner(phraseRecognizers(['OUT OF TIME']));
  const late = (text: string): void => { if (text.includes('OUT OF TIME')) throw new ScanBudgetExceeded(text.length); };
  return {
    name: 'budget', mode: 'enforce',
    responseTextFilter: () => ({
      scanner: {
        ...scanner,
        scan: (text, deadline) => { late(text); return scanner.scan(text, deadline); },
        scanWindow: (text, from, until) => { late(text); return scanner.scanWindow(text, from, until); },
      },
      replace: () => '[X]',
    }),
  };
}

/**
 * A guard whose response filter masks SLOW only once a 20 ms `prepare` has seen that finding (a
 * stand-in for a token look-up): emitting a chunk before its preparation finished would leak SLOW.
 */
function slowMaskGuard(): Guard {
  const scanner = createScanner(phraseRecognizers(['SLOW']));
  const prepared = new WeakSet<FilterFinding>();
  return {
    name: 'slow-mask', mode: 'enforce',
    responseTextFilter: () => ({
      scanner,
      replace: (item) => (prepared.has(item) ? '[S]' : null),
      prepare: async (items) => { await sleep(20); for (const item of items) prepared.add(item); },
    }),
  };
}

/** Runs the request phase of an allowed chat request; the stream then waits for response headers. */
async function allowedRequest(sim: EnvoySim, requestId = 'sse-1'): Promise<SimStream> {
  const s = await sim.open();
  await s.send(llmRequestHeaders(OPENAI_CHAT, requestId));
  const r2 = await s.send(msg.requestBody(chatBody('Tell me a story', { stream: true })));
  expect(r2.response).toBe('request_body');
  return s;
}

/** Pipelines the chunks as STREAMED response_body messages; returns the replies and what Envoy would forward. */
async function streamChunks(s: SimStream, chunks: readonly Buffer[], emptyEosChunk = false): Promise<{ replies: Reply[]; output: Buffer }> {
  const messages = bodyMessages(chunks, emptyEosChunk);
  const replies = await s.pipeline(messages);
  expect(replies).toHaveLength(messages.length);
  replies.forEach((r, i) => expect(r.response, `reply ${i}`).toBe('response_body'));
  const output = Buffer.concat(replies.map((r, i) => effectiveBody(r, messages[i]?.response_body?.body ?? Buffer.alloc(0))));
  return { replies, output };
}

/** Only the last reply (the end_of_stream chunk's) carries the metadata. */
function expectMetadataOnLastOnly(replies: readonly Reply[]): Record<string, unknown> {
  replies.slice(0, -1).forEach((r, i) => expect(r.dynamic_metadata, `reply ${i}`).toBeUndefined());
  const md = metadataOf(replies.at(-1) as Reply);
  expect(md).toBeDefined();
  return md as Record<string, unknown>;
}

const SSE = openAiChatSse('Tell me a story');
const SHORT_SSE = openAiChatSse('Hi', 'Short reply, naïve café 🚀 done.');

const cases: SimCase[] = [
  ...[1, 2, 3].map((seed): SimCase => ({
    name: `2. SSE passthrough, random cuts (seed ${seed}): one reply per chunk, in order, byte-identical output`,
    async script(sim) {
      const s = await allowedRequest(sim);
      const r3 = await s.send(responseHeaders('text/event-stream; charset=utf-8'));
      expect(r3.mode_override).toMatchObject({ request_body_mode: BodySendMode.BUFFERED, response_body_mode: BodySendMode.STREAMED });
      const { replies, output } = await streamChunks(s, randomChunks(SSE, seed), seed === 2);
      expect(output.equals(SSE)).toBe(true);
      const md = expectMetadataOnLastOnly(replies);
      expect(md).toMatchObject({ verdict: 'allow', request_id: 'sse-1', api: 'openai-chat', model: 'gpt-4o-mini', response_rewrites: 0 });
      // With an empty end_of_stream chunk (as Envoy sends after an HTTP/1 chunked body) every event was seen
      // before the metadata is built. Usage inside the eos chunk itself: see bugs.test.ts.
      if (seed === 2) expect(md).toMatchObject({ input_tokens: expect.any(Number), output_tokens: 40 });
      // A chunk that ends mid-event is held back (replaced by less), so some replies must mutate the body.
      expect(replies.some((r) => bodyMutationOf(r) !== undefined)).toBe(true);
      s.end();
      expect((await s.closed).code).toBe(0);
    },
  })),
  {
    name: '2b. SSE passthrough, every chunk 1 byte (multi-byte UTF-8 sequences and event terminators split)',
    async script(sim) {
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('text/event-stream'));
      const chunks = cutAt(SHORT_SSE, Array.from({ length: SHORT_SSE.length }, (_, i) => i));
      expect(chunks.every((c) => c.length === 1)).toBe(true);
      const { replies, output } = await streamChunks(s, chunks);
      expect(output.equals(SHORT_SSE)).toBe(true);
      expectMetadataOnLastOnly(replies);
    },
  },
  {
    name: '2c. SSE event over maxSseEventBytes: stopped with an SSE error event, later chunks dropped, one reply each',
    sim: { yaml: 'limits:\n  maxSseEventBytes: 1024\n' },
    async script(sim) {
      const input = openAiChatSseFromDeltas(['fine ', 'x'.repeat(2000), ' never seen']);
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('text/event-stream'));
      const { replies, output } = await streamChunks(s, cutAt(input, [100, 300, 600, 1500, 2200, 2400]));
      const payloads = sseDataPayloads(output.toString('utf8'));
      expect(JSON.parse(payloads.at(-1) as string)).toMatchObject({ error: { code: 'upstream_response_invalid', type: 'server_error' } });
      expect(output.toString('utf8')).not.toContain('never seen');
      expect(metadataOf(replies.at(-1) as Reply)).toMatchObject({ verdict: 'deny', code: 'upstream_response_invalid' });
      expect(await sim.metric('guard_verdicts_total', { code: 'upstream_response_invalid' })).toBe(1);
      s.end();
      expect((await s.closed).code).toBe(0);
    },
  },
  {
    name: '2d. an SSE reply whose scan runs out of time: stopped with a guard_timeout SSE error event, nothing after it',
    sim: { customize: withGuards(budgetGuard()) },
    async script(sim) {
      const input = openAiChatSseFromDeltas(['fine ', 'OUT OF TIME', ' never seen']);
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('text/event-stream'));
      const { replies, output } = await streamChunks(s, cutAt(input, [50, 200, 400]));
      expectStoppedByTimeout(replies, output, ['OUT OF TIME', 'never seen']);
    },
  },
  {
    // One event may carry up to limits.maxSseEventBytes of text: ~200 KB of random key lines in one
    // delta takes the default recognizers well over 100 ms, far past a 20 ms budget.
    name: '2e. one SSE event whose scan runs past guards.redaction.scanBudgetMs: stopped with a guard_timeout error event',
    sim: { yaml: 'guards:\n  redaction:\n    scanBudgetMs: 20\n' },
    async script(sim) {
      const input = openAiChatSseFromDeltas(['Here are the keys:\n', randomKeyLines(12, 2600), ' never seen']);
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('text/event-stream'));
      const { replies, output } = await streamChunks(s, [input]);
      expectStoppedByTimeout(replies, output, ['key_1 = ', 'never seen']);
    },
  },
  {
    name: '3. masked phrase in an SSE stream: [REDACTED] in the output, which still parses as SSE with valid JSON',
    sim: { yaml: "guards:\n  phrases:\n    mask: ['secret sauce']\n" },
    async script(sim) {
      const deltas = ['The ', 'secret sauce is ketchup', '. Our Secret  Sauce', ' recipe ', 'stays secret sauce-free? No: secret sauce.'];
      const input = openAiChatSseFromDeltas(deltas);
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('text/event-stream'));
      const { replies, output } = await streamChunks(s, randomChunks(input, 7));
      const text = output.toString('utf8');
      const payloads = sseDataPayloads(text);
      expect(payloads.at(-1)).toBe('[DONE]');
      for (const p of payloads.slice(0, -1)) expect(() => JSON.parse(p)).not.toThrow();
      const generated = openAiChatText(text);
      expect(generated).toBe('The [REDACTED] is ketchup. Our [REDACTED] recipe stays [REDACTED]-free? No: [REDACTED].');
      expect(generated.toLowerCase()).not.toContain('secret');
      expect(expectMetadataOnLastOnly(replies)).toMatchObject({ verdict: 'allow', request_id: 'sse-1' });
    },
  },
  {
    // Most chunks are answered synchronously; a chunk whose finding needs a look-up (here a slow
    // `prepare`, as a token store would be) makes every later chunk queue behind it.
    name: '3a. a filter that is async for some chunks only: later chunks wait, replies stay in order, output exact',
    sim: { customize: withGuards(slowMaskGuard()) },
    async script(sim) {
      const deltas = ['The ', 'SLOW', ' fox ', 'jumps over ', 'the SLOW dog', ' and ', 'runs.'];
      const input = openAiChatSseFromDeltas(deltas);
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('text/event-stream'));
      const { replies, output } = await streamChunks(s, randomChunks(input, 5));
      expect(openAiChatText(output.toString('utf8'))).toBe('The [S] fox jumps over the [S] dog and runs.');
      expect(expectMetadataOnLastOnly(replies)).toMatchObject({ verdict: 'allow', request_id: 'sse-1' });
    },
  },
  {
    name: '3b. masked phrase in a BUFFERED JSON reply: body replaced with a matching content-length',
    sim: { yaml: "guards:\n  phrases:\n    mask: ['capital']\n" },
    async script(sim) {
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('application/json'));
      const r = await s.send(msg.responseBody(openAiChatJson('The capital of France'), true));
      const body = bodyMutationOf(r) as Buffer;
      expect(body).toBeDefined();
      const parsed = JSON.parse(body.toString('utf8')) as { choices: { message: { content: string } }[] };
      expect(parsed.choices[0]?.message.content).toContain('Echo: The [REDACTED] of France');
      expect(mutationOf(r).set['content-length']).toBe(String(body.length));
    },
  },
  {
    // A megabyte of random tokens takes the default recognizers seconds; the guard must not stall every
    // stream that long. ~200 KB of them takes well over 100 ms (also on a warm, idle machine): far past
    // a 20 ms budget, while the short prompt takes well under a millisecond.
    name: '3c. a JSON reply whose scan runs past guards.redaction.scanBudgetMs: 504 guard_timeout, nothing passes',
    sim: { yaml: 'guards:\n  redaction:\n    scanBudgetMs: 20\n' },
    async script(sim) {
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('application/json'));
      const rand = mulberry32(11);
      const records: unknown[] = [];
      for (let size = 0; size < 200_000; size += 80) records.push({ id: randomToken(rand, 24), api_key: randomToken(rand, 32) });
      const reply = { id: 'chatcmpl-1', object: 'chat.completion', model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(records) }, finish_reason: 'stop' }] };
      const r = await s.send(msg.responseBody(Buffer.from(JSON.stringify(reply)), true));
      const ir = immediateOf(r);
      expect(ir?.status).toBe(504);
      expect(ir?.json).toMatchObject({ error: { code: 'guard_timeout', type: 'server_error' } });
      expect(metadataOf(r)).toMatchObject({ verdict: 'deny', code: 'guard_timeout' });
      expect(bodyMutationOf(r)).toBeUndefined();
    },
  },
  ...(['gzip', 'br'] as const).map((encoding): SimCase => ({
    name: `10. ${encoding} SSE from upstream: encoding headers removed, chunks decoded to the exact SSE text`,
    async script(sim) {
      const compressed = encoding === 'gzip' ? gzipSync(SSE) : brotliCompressSync(SSE);
      const s = await allowedRequest(sim);
      const r3 = await s.send(responseHeaders('text/event-stream', { 'content-encoding': encoding, 'content-length': String(compressed.length) }));
      expect([...mutationOf(r3).remove].sort()).toEqual(['content-encoding', 'content-length']);
      expect(r3.mode_override?.response_body_mode).toBe(BodySendMode.STREAMED);
      const { replies, output } = await streamChunks(s, randomChunks(compressed, 11));
      expect(output.toString('utf8')).toBe(SSE.toString('utf8'));
      expect(expectMetadataOnLastOnly(replies)).toMatchObject({ verdict: 'allow', api: 'openai-chat' });
    },
  })),
  {
    name: '10b. gzip JSON reply (BUFFERED): decoded body with its content-length, encoding removed at headers',
    async script(sim) {
      const plain = openAiChatJson('Hello');
      const s = await allowedRequest(sim);
      const r3 = await s.send(responseHeaders('application/json', { 'content-encoding': 'gzip' }));
      expect(mutationOf(r3).remove).toContain('content-encoding');
      const r4 = await s.send(msg.responseBody(gzipSync(plain), true));
      expect(bodyMutationOf(r4)?.equals(plain)).toBe(true);
      expect(mutationOf(r4).set['content-length']).toBe(String(plain.length));
    },
  },
  {
    name: '11. clean end: the server never ends before the client half-closes, then ends with OK',
    async script(sim) {
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('text/event-stream'));
      const chunks = randomChunks(SHORT_SSE, 5);
      await s.pipeline(bodyMessages(chunks.slice(0, 3)).map((m) => ({ response_body: { ...m.response_body, end_of_stream: false } })));
      await sleep(40); // response body still pending: no end, no status
      expect(s.serverEnded).toBe(false);
      expect(s.status).toBeUndefined();
      const rest = await s.pipeline(bodyMessages(chunks.slice(3)));
      expect(metadataOf(rest.at(-1) as Reply)).toBeDefined();
      await sleep(40); // last reply sent, but Envoy has not half-closed yet
      expect(s.serverEnded).toBe(false);
      expect(s.status).toBeUndefined();
      s.end();
      expect(await s.closed).toMatchObject({ code: 0 });
      expect(await sim.metric('guard_streams_total', { outcome: 'completed' })).toBe(1);
    },
  },
  {
    name: '11b. clean end after a BUFFERED JSON reply and after a non-LLM route: OK only on half-close',
    async script(sim) {
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('application/json'));
      await s.send(msg.responseBody(openAiChatJson('Hello'), true));
      const other = await sim.open();
      await other.send(msg.requestHeaders({ ':method': 'GET', ':path': '/healthz' }, true));
      await sleep(40);
      expect([s.serverEnded, other.serverEnded]).toEqual([false, false]);
      s.end();
      other.end();
      expect((await s.closed).code).toBe(0);
      expect((await other.closed).code).toBe(0);
    },
  },
];

describe('envoy-sim: response path', () => {
  runCases(cases);
});
