// Benign traffic through the real Envoy and the guard arrives byte-identical to what the upstream sent,
// streamed or not, however the upstream chunks it; the official client libraries work unchanged; and
// Envoy's own ext_proc counters show no failed or spurious streams.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyTextFor } from '../fixtures/mock-upstream.js';
import { accessLog, chatBody, eventually, extProcStats, rawRequest, startTestStack, type TestStack } from './support.js';

let t: TestStack;
beforeAll(async () => { t = await startTestStack(); });
afterAll(async () => { await t?.stop(); });

const routes = [
  { name: 'chat completions', path: '/v1/chat/completions', body: (stream: boolean) => chatBody('Tell me about Envoy', { stream }) },
  { name: 'responses', path: '/v1/responses', body: (stream: boolean) => JSON.stringify({ model: 'gpt-test', input: 'Tell me about Envoy', stream }) },
  { name: 'anthropic messages', path: '/v1/messages', body: (stream: boolean) => JSON.stringify({ model: 'claude-test', max_tokens: 256, messages: [{ role: 'user', content: 'Tell me about Envoy' }], stream }) },
  { name: 'legacy completions', path: '/v1/completions', body: (stream: boolean) => JSON.stringify({ model: 'gpt-test', prompt: 'Tell me about Envoy', stream }) },
] as const;

describe('byte-identical pass-through', () => {
  it.each(routes)('$name, non-streamed', async ({ path, body }) => {
    const direct = await rawRequest(t.mock.url, path, { body: body(false) });
    const viaEnvoy = await rawRequest(t.url, path, { body: body(false) });
    expect(viaEnvoy.status).toBe(200);
    expect(direct.status).toBe(200);
    expect(viaEnvoy.body.equals(direct.body)).toBe(true);
  });

  const chunkings = ['1', 'random:7', 'random:1234'];
  it.each(routes.flatMap((r) => chunkings.map((chunk) => ({ ...r, chunk }))))('$name, streamed, upstream chunking $chunk', async ({ path, body, chunk }) => {
    const direct = await rawRequest(t.mock.url, path, { body: body(true) });
    const viaEnvoy = await rawRequest(t.url, path, { body: body(true), headers: { 'x-mock-chunk': chunk } });
    expect(viaEnvoy.status).toBe(200);
    expect(viaEnvoy.headers['content-type']).toContain('text/event-stream');
    expect(viaEnvoy.body.toString('utf8')).toBe(direct.body.toString('utf8'));
    expect(viaEnvoy.body.equals(direct.body)).toBe(true);
  });

  it("Envoy's /healthz answers without an ext_proc stream (ExtProcPerRoute disabled)", async () => {
    const before = (await extProcStats(t.stack)).streams_started ?? 0;
    const res = await rawRequest(t.url, '/healthz', { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('ok\n');
    expect((await extProcStats(t.stack)).streams_started ?? 0).toBe(before);
  });

  it('embeddings and non-LLM routes pass without body inspection', async () => {
    const emb = JSON.stringify({ model: 'emb', input: ['a', 'b'] });
    const direct = await rawRequest(t.mock.url, '/v1/embeddings', { body: emb });
    const viaEnvoy = await rawRequest(t.url, '/v1/embeddings', { body: emb });
    expect(viaEnvoy.body.equals(direct.body)).toBe(true);
    const models = await rawRequest(t.url, '/v1/models', { method: 'GET' });
    expect(models.status).toBe(200);
  });
});

describe('official client libraries through Envoy and the guard', () => {
  const openai = () => new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'test-key', maxRetries: 0 });
  const anthropic = () => new Anthropic({ baseURL: t.url, apiKey: 'test-key', maxRetries: 0 });

  it('openai chat completions, streamed and not', async () => {
    const prompt = 'What is an external processor?';
    const full = await openai().chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: prompt }] });
    expect(full.choices[0]?.message.content).toBe(replyTextFor(prompt));
    const stream = await openai().chat.completions.create({ model: 'gpt-test', stream: true, messages: [{ role: 'user', content: prompt }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(replyTextFor(prompt));
  });

  it('openai responses, streamed', async () => {
    const prompt = 'Summarise ext_proc';
    const stream = await openai().responses.create({ model: 'gpt-test', input: prompt, stream: true });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toBe(replyTextFor(prompt));
  });

  it('anthropic messages, streamed and not', async () => {
    const prompt = 'Explain SSE briefly';
    const msg = await anthropic().messages.create({ model: 'claude-test', max_tokens: 256, messages: [{ role: 'user', content: prompt }] });
    expect(msg.content[0]?.type === 'text' ? msg.content[0].text : '').toBe(replyTextFor(prompt));
    const stream = anthropic().messages.stream({ model: 'claude-test', max_tokens: 256, messages: [{ role: 'user', content: prompt }] });
    const final = await stream.finalMessage();
    expect(final.content[0]?.type === 'text' ? final.content[0].text : '').toBe(replyTextFor(prompt));
  });
});

describe('observability', () => {
  it('the access log carries the guard verdict, request id and token usage', async () => {
    await rawRequest(t.url, '/v1/chat/completions', { body: chatBody('count my tokens'), headers: { 'x-request-id': 'itest-usage-1' } });
    const entry = await eventually(() => {
      const e = accessLog(t.stack).find((l) => l.request_id === 'itest-usage-1');
      if (!e) throw new Error(`no access log entry yet: ${t.stack.envoy.stdout().slice(-600)}`);
      return e;
    });
    expect(entry.status).toBe(200);
    expect(entry.guard).toMatchObject({ verdict: 'allow', request_id: 'itest-usage-1', api: 'openai-chat', model: 'gpt-test' });
    expect((entry.guard as Record<string, number>).output_tokens).toBeGreaterThan(0);
    // Envoy's own per-phase view of the guard (filter state), for operators measuring what it adds.
    const extProc = entry.ext_proc as Record<string, number>;
    expect(extProc).toMatchObject({ request_header_call_status: 0, request_body_call_count: 1, response_body_call_count: 1 });
    expect(extProc.request_header_latency_us).toBeGreaterThan(0);
    expect(extProc.request_body_total_latency_us).toBeGreaterThan(0);
  });

  it("Envoy's ext_proc stats show no failed or spurious streams for good traffic", async () => {
    const stats = await extProcStats(t.stack);
    expect(stats.streams_started).toBeGreaterThan(20);
    expect(stats.streams_failed).toBe(0);
    expect(stats.spurious_msgs_received).toBe(0);
    expect(stats.message_timeouts).toBe(0);
    expect(stats.failure_mode_allowed).toBe(0);
    expect(stats.rejected_header_mutations).toBe(0);
    expect(stats.stream_msgs_sent).toBe(stats.stream_msgs_received);
  });

  it('Envoy closes ext_proc streams gracefully: no RST_STREAM towards the guard', async () => {
    // Without ext_proc_graceful_grpc_close every stream ends in a reset, and after ~1000 of them Node's
    // HTTP/2 rapid-reset defence drops the connection, failing a request (found by npm run bench).
    const text = await (await fetch(`http://127.0.0.1:${t.stack.envoyAdminPort}/stats?filter=cluster.llm_guard.http2.tx_reset`)).text();
    expect(text.trim()).toBe('cluster.llm_guard.http2.tx_reset: 0');
  });
});
