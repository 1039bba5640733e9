// Request and response material for the scripted cases: real OpenAI / Anthropic shapes from the mock
// upstream's wire module, and deterministic ways to cut a byte stream into chunks.
import { buildReply, mulberry32 } from '../fixtures/mock-wire.js';
import type { ProcessingRequest } from '../../src/extproc/messages.js';
import { msg } from './wire.js';

export const OPENAI_CHAT = '/v1/chat/completions';
export const ANTHROPIC_MESSAGES = '/v1/messages';

export function chatBody(prompt: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }], ...extra };
}

export function anthropicBody(prompt: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: prompt }], ...extra };
}

/** Request headers of an LLM call as Envoy sends them (pseudo-headers as entries). */
export function llmRequestHeaders(path: string, requestId: string, extra: Record<string, string> = {}): ProcessingRequest {
  return msg.requestHeaders({
    ':method': 'POST', ':path': path, ':authority': 'api.example.test', ':scheme': 'http',
    'content-type': 'application/json', 'x-request-id': requestId, ...extra,
  });
}

export function responseHeaders(contentType: string, extra: Record<string, string> = {}): ProcessingRequest {
  return msg.responseHeaders({ ':status': '200', 'content-type': contentType, ...extra });
}

/**
 * The exact bytes the mock upstream streams for a chat completion (OpenAI chunk envelope, usage chunk,
 * `[DONE]`). `reply` plants the generated text; otherwise it echoes the prompt with multi-byte filler.
 */
export function openAiChatSse(prompt: string, reply?: string): Buffer {
  const body = Buffer.from(JSON.stringify(chatBody(prompt, { stream: true, stream_options: { include_usage: true } })));
  const planted = reply === undefined ? undefined : Buffer.from(reply, 'utf8').toString('base64');
  const r = buildReply('POST', OPENAI_CHAT, body, (name) => (name === 'x-mock-reply' ? planted : undefined));
  return Buffer.concat(r.pieces);
}

/** The non-streamed chat.completion JSON body the mock upstream returns for a prompt. */
export function openAiChatJson(prompt: string): Buffer {
  const r = buildReply('POST', OPENAI_CHAT, Buffer.from(JSON.stringify(chatBody(prompt))), () => undefined);
  return Buffer.concat(r.pieces);
}

/** Cuts bytes at the given offsets (sorted, deduplicated, clamped). */
export function cutAt(buf: Uint8Array, offsets: readonly number[]): Buffer[] {
  const points = [...new Set(offsets.filter((o) => o > 0 && o < buf.length))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let start = 0;
  for (const p of [...points, buf.length]) {
    out.push(Buffer.from(buf.subarray(start, p)));
    start = p;
  }
  return out;
}

/**
 * Arbitrary codec-like chunking: a seeded mix of 1-byte chunks, small cuts and larger runs, so boundaries
 * land inside UTF-8 sequences, inside `data:` lines and between the two newlines ending an event.
 */
export function randomChunks(buf: Uint8Array, seed: number): Buffer[] {
  const rand = mulberry32(seed);
  const offsets: number[] = [];
  let at = 0;
  while (at < buf.length) {
    const r = rand();
    at += r < 0.35 ? 1 : r < 0.8 ? 1 + Math.floor(rand() * 16) : 16 + Math.floor(rand() * 200);
    offsets.push(at);
  }
  return cutAt(buf, offsets);
}

/** Body chunks as STREAMED response_body messages; the last carries end_of_stream (optionally as an extra empty chunk). */
export function bodyMessages(chunks: readonly Uint8Array[], emptyEosChunk = false): ProcessingRequest[] {
  const out = chunks.map((c, i) => msg.responseBody(c, !emptyEosChunk && i === chunks.length - 1));
  if (emptyEosChunk) out.push(msg.responseBody(new Uint8Array(0), true));
  return out;
}

/** Parses an SSE byte stream into its `data:` payloads (LF-terminated events, as the mock sends). */
export function sseDataPayloads(text: string): string[] {
  const events = text.split('\n\n');
  if (events.at(-1) === '') events.pop();
  return events.map((ev) => {
    const lines = ev.split('\n').filter((l) => l.startsWith('data:'));
    if (lines.length === 0) throw new Error(`event without data: ${JSON.stringify(ev)}`);
    return lines.map((l) => l.slice(5).replace(/^ /, '')).join('\n');
  });
}

/** An OpenAI chat SSE stream with the given content deltas (the envelope the API sends), usage and `[DONE]`. */
export function openAiChatSseFromDeltas(deltas: readonly string[], usage = { prompt_tokens: 9, completion_tokens: deltas.length }): Buffer {
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-sim', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  const events = [chunk({ role: 'assistant', content: '' }, null), ...deltas.map((d) => chunk({ content: d }, null)), chunk({}, 'stop')];
  events.push(`data: ${JSON.stringify({ id: 'chatcmpl-sim', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini', choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } })}\n\n`);
  events.push('data: [DONE]\n\n');
  return Buffer.from(events.join(''), 'utf8');
}

/** The generated text of an OpenAI chat SSE stream: its content deltas, concatenated. */
export function openAiChatText(sse: string): string {
  let text = '';
  for (const data of sseDataPayloads(sse)) {
    if (data === '[DONE]') continue;
    const obj = JSON.parse(data) as { choices: { delta?: { content?: string } }[] };
    for (const c of obj.choices) text += c.delta?.content ?? '';
  }
  return text;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `length` random base64url characters from a seeded generator (see randomKeyLines). */
export function randomToken(rand: () => number, length: number): string {
  return Array.from({ length }, () => BASE64URL[Math.floor(rand() * 64)]).join('');
}

/**
 * `count` lines of `key_N = <72 random base64 characters>`: the costliest shape for the redaction scan
 * (~200 KB for 2,600 lines takes the default recognizers well over 100 ms).
 */
export function randomKeyLines(seed: number, count: number): string {
  const rand = mulberry32(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`key_${i} = ${Array.from({ length: 72 }, () => BASE64[Math.floor(rand() * 64)]).join('')}`);
  return lines.join('\n');
}
