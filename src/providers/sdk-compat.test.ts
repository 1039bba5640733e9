// End to end through the official clients (devDependencies): a stream of rebuilt events followed by
// our error event must yield the rewritten text and then reject with the client's APIError.
import { describe, expect, it } from 'vitest';
import OpenAI, { APIError as OpenAIAPIError } from 'openai';
import Anthropic, { APIError as AnthropicAPIError } from '@anthropic-ai/sdk';
import type { SseEvent } from '../sse/parser.js';
import type { StreamAdapter } from './types.js';
import { anthropicMessagesStream } from './anthropic-messages.js';
import { openAiChatStream } from './openai-chat.js';
import { openAiResponsesStream } from './openai-responses.js';
import { sseEvent } from './testing.js';

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

/** The event with every text replaced by `[<text length>]`, through the adapter's rebuild. */
function redact(adapter: StreamAdapter, event: SseEvent): Uint8Array {
  const parsed = adapter.parse(event);
  if (!parsed) return event.raw;
  return parsed.rebuild(parsed.deltas.map((d) => `[${d.text.length}]`));
}

function serving(body: Uint8Array) {
  return async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

async function drain<T>(stream: AsyncIterable<T>, seen: T[]): Promise<void> {
  for await (const item of stream) seen.push(item);
}

describe('official clients accept rebuilt events and raise on error events', () => {
  it('openai chat completions', async () => {
    const body = concat([
      redact(openAiChatStream, sseEvent({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'secret' }, finish_reason: null }] })),
      openAiChatStream.errorEvent('Blocked by policy', 'guard_blocked'),
    ]);
    const client = new OpenAI({ apiKey: 'test', baseURL: 'http://upstream.invalid/v1', maxRetries: 0, fetch: serving(body) });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
    const seen: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    const error = await drain(stream, seen).catch((e: unknown) => e);
    expect(seen.map((c) => c.choices[0]?.delta.content)).toEqual(['[6]']);
    expect(error).toBeInstanceOf(OpenAIAPIError);
    expect((error as OpenAIAPIError).message).toBe('Blocked by policy');
    expect((error as OpenAIAPIError).code).toBe('guard_blocked');
  });

  it('openai responses', async () => {
    const delta = { type: 'response.output_text.delta', sequence_number: 1, item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'secret', logprobs: [] };
    const body = concat([
      redact(openAiResponsesStream, sseEvent(delta, { event: delta.type })),
      openAiResponsesStream.errorEvent('Blocked by policy', 'guard_blocked'),
    ]);
    const client = new OpenAI({ apiKey: 'test', baseURL: 'http://upstream.invalid/v1', maxRetries: 0, fetch: serving(body) });
    const stream = await client.responses.create({ model: 'm', input: 'hi', stream: true });
    const seen: OpenAI.Responses.ResponseStreamEvent[] = [];
    const error = await drain(stream, seen).catch((e: unknown) => e);
    expect(seen).toMatchObject([{ type: 'response.output_text.delta', delta: '[6]' }]);
    expect(error).toBeInstanceOf(OpenAIAPIError);
    expect((error as OpenAIAPIError).message).toBe('Blocked by policy');
    expect((error as OpenAIAPIError).code).toBe('guard_blocked');
  });

  it('anthropic messages', async () => {
    const delta = { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'secret' } };
    const body = concat([
      redact(anthropicMessagesStream, sseEvent(delta, { event: delta.type })),
      anthropicMessagesStream.errorEvent('Blocked by policy', 'guard_blocked'),
    ]);
    const client = new Anthropic({ apiKey: 'test', baseURL: 'http://upstream.invalid', maxRetries: 0, fetch: serving(body) });
    const stream = await client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], stream: true });
    const seen: Anthropic.Messages.RawMessageStreamEvent[] = [];
    const error = await drain(stream, seen).catch((e: unknown) => e);
    expect(seen).toMatchObject([{ type: 'content_block_delta', delta: { text: '[6]' } }]);
    expect(error).toBeInstanceOf(AnthropicAPIError);
    expect((error as AnthropicAPIError).type).toBe('api_error');
    expect((error as AnthropicAPIError).apiMessage).toBe('Blocked by policy');
  });

  it('stream helpers (responses.stream, messages.stream) reject too', async () => {
    const openai = new OpenAI({
      apiKey: 'test', baseURL: 'http://upstream.invalid/v1', maxRetries: 0,
      fetch: serving(openAiResponsesStream.errorEvent('Blocked by policy', 'guard_blocked')),
    });
    const responses = openai.responses.stream({ model: 'm', input: 'hi' });
    await expect(responses.finalResponse()).rejects.toThrow('Blocked by policy');

    const anthropic = new Anthropic({
      apiKey: 'test', baseURL: 'http://upstream.invalid', maxRetries: 0,
      fetch: serving(anthropicMessagesStream.errorEvent('Blocked by policy', 'guard_blocked')),
    });
    const messages = anthropic.messages.stream({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    await expect(messages.finalMessage()).rejects.toBeInstanceOf(AnthropicAPIError);
  });
});
