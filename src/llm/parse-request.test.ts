import { describe, expect, it } from 'vitest';
import type { ApiKind } from './model.js';
import { parseLlmRequest, type ParseFailureCode, type RequestLimits } from './parse-request.js';
import { encode, GENEROUS_LIMITS, VALID_CASES } from './testing/request-fixtures.js';

describe('parseLlmRequest: valid bodies', () => {
  it.each(VALID_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = parseLlmRequest(c.api, encode(c.body), GENEROUS_LIMITS);
    expect(result).toEqual({ ok: true, request: c.expected, body: c.body });
  });

  it('returns the parsed body for rewriting, not a copy of the fixture', () => {
    const result = parseLlmRequest('openai-chat', encode({ model: 'm', messages: [] }), GENEROUS_LIMITS);
    expect(result.ok && result.body).toEqual({ model: 'm', messages: [] });
  });

  it('accepts explicit nulls for optional fields', () => {
    const body = { model: 'm', messages: [{ role: 'assistant', content: null, tool_calls: null, refusal: null }], stream: null, max_tokens: null };
    const result = parseLlmRequest('openai-chat', encode(body), GENEROUS_LIMITS);
    expect(result.ok && result.request).toEqual({ api: 'openai-chat', model: 'm', stream: false, messages: [{ role: 'assistant', parts: [], toolCalls: [] }] });
  });

  it('ignores inherited property names such as constructor', () => {
    const result = parseLlmRequest('openai-responses', encode({ input: [{ role: 'user', content: 'hi', constructor: 1 }] }), GENEROUS_LIMITS);
    expect(result.ok).toBe(true);
  });

  it('accepts a leading UTF-8 byte order mark', () => {
    const bytes = encode({ model: 'm', input: 'x' });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(parseLlmRequest('openai-embeddings', withBom, GENEROUS_LIMITS).ok).toBe(true);
  });
});

const SECRET = 'SECRET-VALUE-7f3a';
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const json = (v: unknown): Uint8Array => encode(v);
const chat = (messages: unknown, extra: object = {}): Uint8Array => json({ model: 'gpt-4o', messages, ...extra });
const anthropic = (messages: unknown, extra: object = {}): Uint8Array => json({ model: 'claude', max_tokens: 10, messages, ...extra });
const user = (content: unknown): object => ({ role: 'user', content });

type FailureCase = [name: string, api: ApiKind, body: Uint8Array, code: ParseFailureCode, limits?: Partial<RequestLimits>];

const FAILURES: FailureCase[] = [
  ['body over maxBodyBytes', 'openai-chat', chat([user('x'.repeat(200))]), 'request_too_large', { maxBodyBytes: 100 }],
  ['size is checked before encoding', 'openai-chat', new Uint8Array(101).fill(0xff), 'request_too_large', { maxBodyBytes: 100 }],
  ['invalid UTF-8 byte', 'openai-chat', new Uint8Array([0x7b, 0xff, 0x7d]), 'invalid_encoding'],
  ['raw NUL byte', 'openai-chat', text(`{"model":"m","messages":[],"x":"a\u0000b"}`), 'invalid_encoding'],
  ['escaped NUL in a string', 'openai-chat', text(`{"model":"m","messages":[{"role":"user","content":"a\\u0000b"}]}`), 'invalid_encoding'],
  ['escaped NUL in a key', 'openai-chat', text(`{"model":"m","messages":[],"\\u0000":1}`), 'invalid_encoding'],
  ['encoding wins over depth', 'openai-chat', text(`[[[[["\\u0000"]]]]]`), 'invalid_encoding', { maxJsonDepth: 2 }],
  ['truncated JSON', 'openai-chat', text('{"model":"gpt-4o","messages":['), 'invalid_json'],
  ['empty body', 'openai-chat', text(''), 'invalid_json'],
  ['trailing comma', 'openai-chat', text('{"model":"m","messages":[],}'), 'invalid_json'],
  ['single-quoted strings', 'openai-chat', text("{'model':'m'}"), 'invalid_json'],
  ['nesting over maxJsonDepth', 'openai-chat', chat([user([{ type: 'text', text: 'x', extra: { a: [1] } }])]), 'json_too_deep', { maxJsonDepth: 5 }],
  ['too many chat messages', 'openai-chat', chat([user('a'), user('b'), user('c')]), 'too_many_messages', { maxMessages: 2 }],
  ['system and tool results count as messages', 'anthropic-messages',
    anthropic([{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'a' }, { type: 'text', text: 'b' }] }], { system: 's' }),
    'too_many_messages', { maxMessages: 2 }],
  ['instructions count as a message', 'openai-responses', json({ instructions: 'i', input: 'x' }), 'too_many_messages', { maxMessages: 1 }],
  ['body is an array', 'openai-chat', json([{ model: 'm' }]), 'invalid_request_shape'],
  ['body is a string', 'openai-chat', json(SECRET), 'invalid_request_shape'],
  ['chat: model missing', 'openai-chat', json({ messages: [] }), 'invalid_request_shape'],
  ['chat: model not a string', 'openai-chat', json({ model: 4, messages: [] }), 'invalid_request_shape'],
  ['chat: messages missing', 'openai-chat', json({ model: 'm' }), 'invalid_request_shape'],
  ['chat: messages is an object', 'openai-chat', json({ model: 'm', messages: { 0: user('x') } }), 'invalid_request_shape'],
  ['chat: message is a string', 'openai-chat', chat([SECRET]), 'invalid_request_shape'],
  ['chat: unknown role', 'openai-chat', chat([{ role: SECRET, content: 'x' }]), 'invalid_request_shape'],
  ['chat: user content null', 'openai-chat', chat([user(null)]), 'invalid_request_shape'],
  ['chat: content is a number', 'openai-chat', chat([user(42)]), 'invalid_request_shape'],
  ['chat: text part without text', 'openai-chat', chat([user([{ type: 'text' }])]), 'invalid_request_shape'],
  ['chat: part without type', 'openai-chat', chat([user([{ text: SECRET }])]), 'invalid_request_shape'],
  ['chat: tool message without tool_call_id', 'openai-chat', chat([{ role: 'tool', content: SECRET }]), 'invalid_request_shape'],
  ['chat: tool call arguments as object', 'openai-chat',
    chat([{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: { a: SECRET } } }] }]), 'invalid_request_shape'],
  ['chat: tool_calls not an array', 'openai-chat', chat([{ role: 'assistant', content: 'x', tool_calls: {} }]), 'invalid_request_shape'],
  ['chat: stream is a string', 'openai-chat', chat([], { stream: 'true' }), 'invalid_request_shape'],
  ['chat: max_tokens negative', 'openai-chat', chat([], { max_tokens: -1 }), 'invalid_request_shape'],
  ['chat: max_completion_tokens fractional', 'openai-chat', chat([], { max_completion_tokens: 1.5 }), 'invalid_request_shape'],
  ['chat: max_tokens invalid even when max_completion_tokens is set', 'openai-chat', chat([], { max_completion_tokens: 5, max_tokens: '5' }), 'invalid_request_shape'],
  ['responses: input is a number', 'openai-responses', json({ model: 'm', input: 3 }), 'invalid_request_shape'],
  ['responses: instructions not a string', 'openai-responses', json({ instructions: [SECRET] }), 'invalid_request_shape'],
  ['responses: message role tool', 'openai-responses', json({ input: [{ role: 'tool', content: 'x' }] }), 'invalid_request_shape'],
  ['responses: input_text without text', 'openai-responses', json({ input: [{ role: 'user', content: [{ type: 'input_text' }] }] }), 'invalid_request_shape'],
  ['responses: function_call without call_id', 'openai-responses', json({ input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }), 'invalid_request_shape'],
  ['responses: function_call_output output is an object', 'openai-responses', json({ input: [{ type: 'function_call_output', call_id: 'c', output: { a: 1 } }] }), 'invalid_request_shape'],
  ['responses: item without type, role or id', 'openai-responses', json({ input: [{ content: SECRET }] }), 'invalid_request_shape'],
  ['responses: max_output_tokens string', 'openai-responses', json({ input: 'x', max_output_tokens: '10' }), 'invalid_request_shape'],
  ['completions: token-id prompt', 'openai-completions', json({ model: 'm', prompt: [1, 2, 3] }), 'invalid_request_shape'],
  ['completions: mixed prompt array', 'openai-completions', json({ model: 'm', prompt: ['a', 1] }), 'invalid_request_shape'],
  ['completions: suffix not a string', 'openai-completions', json({ model: 'm', prompt: 'p', suffix: 1 }), 'invalid_request_shape'],
  ['embeddings: input missing', 'openai-embeddings', json({ model: 'm' }), 'invalid_request_shape'],
  ['embeddings: mixed strings and tokens', 'openai-embeddings', json({ model: 'm', input: ['a', [1]] }), 'invalid_request_shape'],
  ['embeddings: input object', 'openai-embeddings', json({ model: 'm', input: { text: SECRET } }), 'invalid_request_shape'],
  ['anthropic: max_tokens missing', 'anthropic-messages', json({ model: 'claude', messages: [user('x')] }), 'invalid_request_shape'],
  ['anthropic: model missing', 'anthropic-messages', json({ max_tokens: 10, messages: [] }), 'invalid_request_shape'],
  ['anthropic: messages missing', 'anthropic-messages', json({ model: 'claude', max_tokens: 10 }), 'invalid_request_shape'],
  ['anthropic: role tool', 'anthropic-messages', anthropic([{ role: 'tool', content: 'x' }]), 'invalid_request_shape'],
  ['anthropic: content null', 'anthropic-messages', anthropic([user(null)]), 'invalid_request_shape'],
  ['anthropic: block without type', 'anthropic-messages', anthropic([user([{ text: SECRET }])]), 'invalid_request_shape'],
  ['anthropic: tool_use input is a string', 'anthropic-messages',
    anthropic([{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'n', input: SECRET }] }]), 'invalid_request_shape'],
  ['anthropic: tool_use without id', 'anthropic-messages',
    anthropic([{ role: 'assistant', content: [{ type: 'tool_use', name: 'n', input: {} }] }]), 'invalid_request_shape'],
  ['anthropic: tool_result without tool_use_id', 'anthropic-messages', anthropic([user([{ type: 'tool_result', content: 'x' }])]), 'invalid_request_shape'],
  ['anthropic: tool_result content is a number', 'anthropic-messages', anthropic([user([{ type: 'tool_result', tool_use_id: 't', content: 5 }])]), 'invalid_request_shape'],
  ['anthropic: system image block', 'anthropic-messages', anthropic([], { system: [{ type: 'image', source: {} }] }), 'invalid_request_shape'],
  ['anthropic: system number', 'anthropic-messages', anthropic([], { system: 1 }), 'invalid_request_shape'],
  ['anthropic: stream string', 'anthropic-messages', anthropic([], { stream: 'yes' }), 'invalid_request_shape'],
];

describe('parseLlmRequest: failures', () => {
  it.each(FAILURES)('%s (%s) -> %s', (_name, api, body, code, limits) => {
    const result = parseLlmRequest(api, body, { ...GENEROUS_LIMITS, ...limits });
    expect(result).toMatchObject({ ok: false, code });
    // Details go to logs and may be shown to clients: never request content.
    if (!result.ok) {
      expect(result.detail).not.toContain(SECRET);
      expect(result.detail).not.toContain('xxxx');
    }
  });

  it('names the offending field in the detail', () => {
    const result = parseLlmRequest('openai-chat', chat([user('ok'), { role: 'user', content: [{ type: 'text', text: 7 }] }]), GENEROUS_LIMITS);
    expect(result).toEqual({ ok: false, code: 'invalid_request_shape', detail: 'messages[1].content[0].text must be a string' });
  });

  it('accepts a body of exactly maxBodyBytes and exactly maxMessages', () => {
    const body = chat([user('a'), user('b')]);
    expect(parseLlmRequest('openai-chat', body, { maxBodyBytes: body.byteLength, maxJsonDepth: 4, maxMessages: 2 }).ok).toBe(true);
  });
});
