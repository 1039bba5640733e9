// The STREAMED replacement path and fault handling, through the real Envoy: a guard that changes a
// streamed reply's length still delivers an intact SSE stream; a compressed upstream reply is decoded;
// and with the guard process gone, Envoy fails closed.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, extProcStats, rawRequest, startTestStack, writeGuardConfig, type TestStack } from './support.js';

// The mock streams one word per SSE event. Masking in this version works within one event (matching
// across events is the rolling redactor's job), so the planted value is one token, in two cases.
const PLANTED = 'The secret-sauce is in the pipeline. Our SECRET-Sauce wins.';
const EXPECTED = 'The [REDACTED] is in the pipeline. Our [REDACTED] wins.';

let t: TestStack;
beforeAll(async () => {
  const config = writeGuardConfig('guards:\n  phrases:\n    mask: ["secret-sauce"]\n');
  t = await startTestStack({ guardConfig: config });
});
afterAll(async () => { await t?.stop(); });

const planted = { 'x-mock-reply': Buffer.from(PLANTED).toString('base64') };

function sseDataTexts(body: string): string {
  // Concatenates chat-completion deltas; every data line must be JSON or [DONE].
  let text = '';
  for (const block of body.split('\n\n')) {
    const line = block.split('\n').find((l) => l.startsWith('data: '));
    if (!line) continue;
    const data = line.slice(6);
    if (data === '[DONE]') continue;
    const json = JSON.parse(data) as { choices: { delta: { content?: string } }[] };
    text += json.choices[0]?.delta.content ?? '';
  }
  return text;
}

describe('length-changing rewrites on the STREAMED path', () => {
  it.each(['1', 'random:3', 'random:99'])('a masked phrase arrives redacted and the stream stays valid (chunking %s)', async (chunk) => {
    const res = await rawRequest(t.url, '/v1/chat/completions', { body: chatBody('hi', { stream: true }), headers: { ...planted, 'x-mock-chunk': chunk } });
    expect(res.status).toBe(200);
    const body = res.body.toString('utf8');
    expect(body).not.toContain('secret');
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(sseDataTexts(body)).toBe(EXPECTED);
  });

  it('the official openai client reads the rewritten stream', async () => {
    const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'k', maxRetries: 0, defaultHeaders: { ...planted, 'x-mock-chunk': 'random:5' } });
    const stream = await client.chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    expect(text).toBe(EXPECTED);
  });

  it('a non-streamed JSON reply is rewritten with a correct content-length', async () => {
    const res = await rawRequest(t.url, '/v1/chat/completions', { body: chatBody('hi'), headers: planted });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(JSON.parse(res.body.toString()).choices[0].message.content).toBe(EXPECTED);
  });

  it('a gzip reply the upstream sent anyway is decoded, inspected and delivered as identity', async () => {
    for (const stream of [true, false]) {
      const res = await rawRequest(t.url, '/v1/chat/completions', { body: chatBody('hi', { stream }), headers: { ...planted, 'x-mock-gzip': '1', 'x-mock-chunk': 'random:11' } });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      const body = res.body.toString('utf8');
      expect(body).not.toContain('secret');
      expect(stream ? sseDataTexts(body) : JSON.parse(body).choices[0].message.content).toBe(EXPECTED);
    }
  });

  it('the upstream saw accept-encoding: identity', () => {
    const seen = t.mock.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(seen.length).toBeGreaterThan(0);
    for (const r of seen) expect(r.headers['accept-encoding']).toBe('identity');
  });

  it('no failed or spurious ext_proc streams', async () => {
    const stats = await extProcStats(t.stack);
    expect(stats.streams_failed).toBe(0);
    expect(stats.spurious_msgs_received).toBe(0);
  });
});

describe('fail closed', () => {
  it('with the guard process killed, Envoy answers 5xx and nothing reaches the upstream', async () => {
    const guard = t.stack.guard;
    if (!guard) throw new Error('stack has no guard process');
    process.kill(guard.pid, 'SIGKILL');
    await guard.exited;
    t.mock.reset();
    for (const stream of [false, true]) {
      const res = await rawRequest(t.url, '/v1/chat/completions', { body: chatBody('hello', { stream }) });
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(res.body.toString()).not.toContain('Echo');
    }
    expect(t.mock.requests.filter((r) => r.path.startsWith('/v1/'))).toHaveLength(0);
  });
});
