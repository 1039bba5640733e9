// Regression tests for defects the harness found in src/extproc/stream.ts (now fixed): metadata on the
// last SSE reply built before its chunk was processed; late guard results acting after a budget
// timeout; drain-cancelled streams counted under the wrong outcome.
import { gzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import { metadataOf, msg, sleep, type EnvoySim, type Reply, type SimStream } from './envoy-sim.js';
import { bodyMessages, chatBody, cutAt, llmRequestHeaders, OPENAI_CHAT, openAiChatSseFromDeltas, responseHeaders } from './fixtures.js';
import { GateGuard, withGuards } from './guards.js';
import { runCases, type SimCase } from './table.js';

async function allowedRequest(sim: EnvoySim): Promise<SimStream> {
  const s = await sim.open();
  await s.send(llmRequestHeaders(OPENAI_CHAT, 'bug'));
  expect((await s.send(msg.requestBody(chatBody('hi', { stream: true })))).response).toBe('request_body');
  return s;
}

const USAGE = { prompt_tokens: 12, completion_tokens: 3 };
const lateGate = new GateGuard('body');

const cases: SimCase[] = [
  {
    // stream.ts onResponseBody builds `final = { dynamic_metadata: this.metadata() }` BEFORE the eos chunk
    // is pushed through the SSE rewriter, so usage, rewrites and a stop that happen in the last chunk
    // are missing from the access-log metadata. Envoy delivers data with end_of_stream=true whenever the
    // upstream's last DATA frame carries END_STREAM (HTTP/2 upstreams), which is where usage sits.
    name: 'BUG stream.ts: metadata on the eos reply misses usage carried by the eos chunk itself',
    async script(sim) {
      const input = openAiChatSseFromDeltas(['one ', 'two ', 'three'], USAGE);
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('text/event-stream'));
      // Everything up to the last 60 bytes first; the usage event and [DONE] arrive with end_of_stream.
      const replies = await s.pipeline(bodyMessages(cutAt(input, [input.length - 60])));
      expect(metadataOf(replies.at(-1) as Reply)).toMatchObject({ input_tokens: 12, output_tokens: 3 });
    },
  },
  {
    name: 'BUG stream.ts: metadata on the eos reply misses rewrites made in the eos chunk',
    sim: { yaml: "guards:\n  phrases:\n    mask: ['secret sauce']\n" },
    async script(sim) {
      const input = openAiChatSseFromDeltas(['The ', 'secret sauce']);
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('text/event-stream'));
      const replies = await s.pipeline([msg.responseBody(input, true)]);
      expect(metadataOf(replies[0] as Reply)).toMatchObject({ response_rewrites: 1 });
    },
  },
  {
    // Same root cause, worse effect: the stream is stopped with an error event on the last chunk (here a
    // truncated gzip stream), the client sees an error, and the access log says verdict=allow.
    name: 'BUG stream.ts: a stop on the eos chunk is logged as verdict allow',
    async script(sim) {
      const gz = gzipSync(openAiChatSseFromDeltas(['a', 'b']));
      const truncated = gz.subarray(0, gz.length - 4); // gzip trailer cut short
      const s = await allowedRequest(sim);
      await s.send(responseHeaders('text/event-stream', { 'content-encoding': 'gzip' }));
      const replies = await s.pipeline(bodyMessages(cutAt(truncated, [40])));
      const out = Buffer.concat(replies.map((r) => r.response_body?.response.body_mutation?.body ?? Buffer.alloc(0))).toString('utf8');
      expect(out).toContain('upstream_response_invalid'); // the client was told the stream failed
      expect(metadataOf(replies.at(-1) as Reply)).toMatchObject({ verdict: 'deny', code: 'upstream_response_invalid' });
    },
  },
  {
    // stream.ts onMessage races dispatch() against the budget but never stops the losing dispatch: when the
    // guard finishes after the 504 went out, onRequestBody carries on, counts a second verdict ("allow")
    // for a request that was denied, and moves `expect` on to response_headers.
    name: 'BUG stream.ts: a guard finishing after guard_timeout counts an extra "allow" verdict',
    sim: { env: { GUARD_REPLY_BUDGET_MS: '40' }, customize: withGuards(lateGate) },
    async script(sim) {
      const s = await sim.open();
      await s.send(llmRequestHeaders(OPENAI_CHAT, 'late'));
      const reply = await s.send(msg.requestBody(chatBody('hi')));
      expect(reply.immediate_response?.status.code).toBe(504);
      lateGate.release();
      await sleep(20);
      expect(lateGate.finished).toBe(true);
      expect(await sim.metric('guard_verdicts_total', { code: 'guard_timeout' })).toBe(1);
      expect(await sim.metric('guard_verdicts_total', { code: 'allow' })).toBe(0);
      expect(await sim.metric('guard_verdicts_total')).toBe(1); // one decision per request
    },
  },
  {
    // StreamSession.cancel() (drain deadline passed) calls fail(), whose emitted 'error' reaches the
    // session's own error listener first and closes it as 'error'; the close('cancelled') after it is a
    // no-op, so guard_streams_total{outcome="cancelled"} is never recorded for drained streams.
    name: 'BUG stream.ts: streams cancelled by the drain deadline are counted as outcome="error"',
    async script(sim) {
      const s = await sim.open();
      await s.send(llmRequestHeaders(OPENAI_CHAT, 'drained'));
      expect(await sim.drain(0, 100)).toEqual({ cancelled: 1 });
      await s.closed;
      expect(await sim.metric('guard_streams_total', { outcome: 'cancelled' })).toBe(1);
      expect(await sim.metric('guard_streams_total', { outcome: 'error' })).toBe(0);
    },
  },
];

describe('envoy-sim: src defects (fail until fixed)', () => {
  runCases(cases);
});
