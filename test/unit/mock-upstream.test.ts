// The mock upstream is only useful if the OFFICIAL clients accept its wire format, so these tests drive it
// with `openai` and `@anthropic-ai/sdk`, and check the transport controls at the byte level.
import { createHook } from 'node:async_hooks';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { replyTextFor, startMockUpstream, type MockUpstream } from '../fixtures/mock-upstream.js';

let mock: MockUpstream;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  mock = await startMockUpstream();
  openai = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'test', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: mock.url, apiKey: 'test', maxRetries: 0 });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

const PROMPT = 'Say hello to café 日本 🚀';
const chatBody = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }], stream: true, ...extra });

async function raw(path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${mock.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A response read with node:http, which (unlike fetch) leaves content-encoding alone. */
function wire(path: string, body: string, headers: Record<string, string>): Promise<{ bytes: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${mock.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ bytes: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends a raw HTTP/1.1 request and counts TCP reads, to see that chunking really reaches the socket. */
function tcpReads(path: string, body: string, headers: Record<string, string>): Promise<{ reads: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(mock.port, '127.0.0.1');
    let reads = 0;
    let bytes = 0;
    sock.on('data', (c: Buffer) => {
      reads++;
      bytes += c.length;
    });
    sock.on('end', () => resolve({ reads, bytes }));
    sock.on('error', reject);
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    const len = Buffer.byteLength(body);
    sock.write(`POST ${path} HTTP/1.1\r\nhost: mock\r\ncontent-type: application/json\r\ncontent-length: ${len}\r\n${extra}connection: close\r\n\r\n${body}`);
  });
}

describe('mock upstream with the official openai client', () => {
  it('serves a non-streamed chat completion', async () => {
    const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] });
    expect(r.object).toBe('chat.completion');
    expect(r.model).toBe('gpt-4o-mini');
    expect(r.choices[0]?.message.content).toBe(replyTextFor(PROMPT));
    expect(r.choices[0]?.finish_reason).toBe('stop');
    expect(r.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('streams a chat completion whose deltas concatenate to replyTextFor, with a usage chunk', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }], stream: true, stream_options: { include_usage: true },
    });
    let text = '';
    const finishes: string[] = [];
    let usage = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
      if (chunk.usage) usage = chunk.usage.total_tokens;
    }
    expect(text).toBe(replyTextFor(PROMPT));
    expect(text.split(/\s+/).length).toBe(40);
    expect(finishes).toEqual(['stop']);
    expect(usage).toBeGreaterThan(0);
  });

  it('streams a Responses call (raw events and the SDK accumulator agree)', async () => {
    const stream = await openai.responses.create({ model: 'gpt-4o-mini', input: PROMPT, stream: true });
    let text = '';
    const types: string[] = [];
    for await (const ev of stream) {
      types.push(ev.type);
      if (ev.type === 'response.output_text.delta') text += ev.delta;
    }
    expect(text).toBe(replyTextFor(PROMPT));
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    const final = await openai.responses.stream({ model: 'gpt-4o-mini', input: [{ role: 'user', content: PROMPT }] }).finalResponse();
    expect(final.output_text).toBe(replyTextFor(PROMPT));
    const plain = await openai.responses.create({ model: 'gpt-4o-mini', input: PROMPT });
    expect(plain.output_text).toBe(replyTextFor(PROMPT));
  });

  it('serves legacy completions, embeddings and the model list', async () => {
    const c = await openai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'hi there' });
    expect(c.choices[0]?.text).toBe(replyTextFor('hi there'));
    const e = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    const floats = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float' });
    expect(e.data).toHaveLength(2);
    expect(e.data[0]?.embedding).toHaveLength(8);
    expect(e.data.map((d) => d.embedding)).toEqual(floats.data.map((d) => d.embedding));
    expect(e.data[0]?.embedding).not.toEqual(e.data[1]?.embedding);
    const models = await openai.models.list();
    expect(models.data.map((m) => m.id)).toContain('gpt-4o-mini');
  });

  it('honours x-mock-status with a provider-shaped error', async () => {
    const err: unknown = await openai.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-mock-status': '429' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    const a: unknown = await anthropic.messages
      .create({ model: 'claude', max_tokens: 16, messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-mock-status': '529' } })
      .catch((e: unknown) => e);
    expect((a as InstanceType<typeof Anthropic.APIError>).status).toBe(529);
    expect(JSON.stringify((a as InstanceType<typeof Anthropic.APIError>).error)).toContain('overloaded_error');
  });
});

describe('mock upstream with the official anthropic client', () => {
  it('serves a non-streamed message', async () => {
    const m = await anthropic.messages.create({ model: 'claude-x', max_tokens: 64, messages: [{ role: 'user', content: PROMPT }] });
    expect(m.type).toBe('message');
    expect(m.content[0]?.type === 'text' && m.content[0].text).toBe(replyTextFor(PROMPT));
    expect(m.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams a message (raw events and MessageStream agree)', async () => {
    const stream = await anthropic.messages.create({
      model: 'claude-x', max_tokens: 64, stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: PROMPT }] }],
    });
    let text = '';
    for await (const ev of stream) {
      if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
    }
    expect(text).toBe(replyTextFor(PROMPT));
    const final = await anthropic.messages.stream({ model: 'claude-x', max_tokens: 64, messages: [{ role: 'user', content: PROMPT }] }).finalMessage();
    expect(final.stop_reason).toBe('end_turn');
    expect(final.content[0]?.type === 'text' && final.content[0].text).toBe(replyTextFor(PROMPT));
  });
});

describe('mock upstream transport controls', () => {
  it('gives byte-identical bodies for default, 1-byte and random chunking, and the chunking reaches the wire', async () => {
    // Short replies keep 1-byte writes fast; the prompt still puts é, 日本 and 🚀 into every body.
    const short = { 'x-mock-words': '12' };
    for (const path of ['/v1/chat/completions', '/v1/responses', '/v1/messages']) {
      const base = await raw(path, chatBody({ input: PROMPT }), short);
      expect(base.status).toBe(200);
      expect(base.headers.get('content-type')).toBe('text/event-stream');
      expect(base.headers.get('cache-control')).toBe('no-cache');
      for (const chunk of ['1', 'random:7']) {
        const other = await raw(path, chatBody({ input: PROMPT }), { ...short, 'x-mock-chunk': chunk });
        expect(other.bytes.equals(base.bytes), `${path} chunk=${chunk}`).toBe(true);
      }
      expect((await raw(path, chatBody({ input: PROMPT }), short)).bytes.equals(base.bytes)).toBe(true);
    }
    // Socket-level reads (not HTTP chunk frames, which exist even when writes get coalesced into one segment).
    const bodyLength = (await raw('/v1/chat/completions', chatBody(), short)).bytes.length;
    const one = await tcpReads('/v1/chat/completions', chatBody(), { ...short, 'x-mock-chunk': '1' });
    expect(one.reads).toBeGreaterThan(bodyLength / 2);
    const dflt = await tcpReads('/v1/chat/completions', chatBody(), short);
    expect(dflt.reads).toBeGreaterThan(12);
    expect(dflt.reads).toBeLessThan(one.reads);
  });

  it('plants x-mock-reply text exactly and honours x-mock-words', async () => {
    const planted = 'Planted: sk-live-123 é 日本 🚀\nline two';
    const r = await openai.chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'ignored' }] },
      { headers: { 'x-mock-reply': Buffer.from(planted).toString('base64') } },
    );
    expect(r.choices[0]?.message.content).toBe(planted);
    const w = await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-mock-words': '7' } });
    expect(w.choices[0]?.message.content).toBe(replyTextFor('x', 7));
    expect(replyTextFor('x', 7).split(' ')).toHaveLength(7);
  });

  it('gzips on x-mock-gzip even unasked, and the decoded body is unchanged', async () => {
    const plain = await raw('/v1/chat/completions', chatBody());
    const viaFetch = await raw('/v1/chat/completions', chatBody(), { 'x-mock-gzip': '1', 'x-mock-chunk': 'random:3' });
    expect(viaFetch.bytes.equals(plain.bytes)).toBe(true);
    const gz = await wire('/v1/chat/completions', chatBody(), { 'x-mock-gzip': '1' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
  });

  it('returns 404 / 400 OpenAI-shaped errors and healthz', async () => {
    const nf = await raw('/v1/nope', '{}');
    expect(nf.status).toBe(404);
    expect(JSON.parse(nf.bytes.toString()).error.type).toBe('invalid_request_error');
    const bad = await raw('/v1/chat/completions', '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.bytes.toString()).error.message).toMatch(/JSON/);
    const hz = await fetch(`${mock.url}/healthz`);
    expect(hz.status).toBe(200);
    expect(await hz.text()).toBe('ok');
  });

  it('records every request with its body', async () => {
    await raw('/v1/chat/completions', chatBody(), { 'x-test': 'yes' });
    await fetch(`${mock.url}/healthz`);
    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/chat/completions', 'GET /healthz']);
    expect(mock.requests[0]?.body.toString()).toBe(chatBody());
    expect(mock.requests[0]?.headers['x-test']).toBe('yes');
    mock.reset();
    expect(mock.requests).toHaveLength(0);
  });

  it('x-mock-first-byte-ms holds the first body byte, not the headers (a model thinking)', async () => {
    const m = await startMockUpstream();
    try {
      const started = process.hrtime.bigint();
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.request(`${m.url}/v1/chat/completions`, { method: 'POST', headers: { 'x-mock-first-byte-ms': '300', 'x-mock-words': '3' }, agent: false }, resolve);
        req.on('error', reject);
        req.end(chatBody({ stream: true }));
      });
      const headersAt = process.hrtime.bigint();
      expect(res.statusCode).toBe(200);
      const [first] = (await once(res, 'data')) as [Buffer];
      const dataAt = process.hrtime.bigint();
      // A lower bound only (the sleep guarantees it); never an upper bound on timing.
      expect(Number(dataAt - started) / 1e6).toBeGreaterThanOrEqual(290);
      expect(dataAt > headersAt).toBe(true);
      expect(first.toString('utf8')).toMatch(/^data: /);
      res.resume();
      await once(res, 'end');
    } finally {
      await m.close();
    }
  });

  it('close() ends mid-stream responses and leaves no server, socket or timer handles', async () => {
    // Track exactly the handles created while this mock lives and require every one to be gone after
    // close(). The request uses node:http with agent:false; timers undici creates meanwhile belong to the
    // keep-alive pool of the other tests' fetch/SDK calls, so they are left out.
    const live = new Map<number, string>();
    const hook = createHook({
      init: (id, type) => {
        if (!['TCPSERVERWRAP', 'TCPWRAP', 'Timeout'].includes(type)) return;
        const stack = new Error().stack ?? '';
        // Node's own Date-header cache (node:internal/http utcDate) arms an unref'd 1 s timer whenever a
        // response is written after the cached date went stale: not the mock's, and it expires by itself.
        if (!stack.includes('undici') && !stack.includes('utcDate')) live.set(id, `${type} ${stack.split('\n').slice(5, 9).join(' | ')}`);
      },
      destroy: (id) => void live.delete(id),
    }).enable();
    try {
      const m = await startMockUpstream();
      // 5 s between events: if close() did not cancel the pending delay, its timer would outlive the poll below.
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.request(`${m.url}/v1/messages`, { method: 'POST', headers: { 'x-mock-delay-ms': '5000' }, agent: false }, resolve);
        req.on('error', reject);
        req.end(chatBody());
      });
      await once(res, 'data');
      const ended = new Promise<string>((resolve) => {
        res.on('error', () => resolve('error')).on('end', () => resolve('end'));
      });
      await m.close();
      expect(await ended).toBe('error');
      for (let i = 0; i < 100 && live.size > 0; i++) await new Promise((r) => setImmediate(r));
    } finally {
      hook.disable();
    }
    expect([...live.values()]).toEqual([]);
  });
});
