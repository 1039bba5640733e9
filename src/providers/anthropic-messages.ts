// Anthropic Messages API replies, streamed and not.
// Channels: `block:<i>` text, `block:<i>:json` tool input (partial JSON when streamed, the serialised
// input object in a whole body), `block:<i>:thinking` extended thinking. Rewriting thinking text voids
// its `signature`, so the API will reject it if the client sends that block back; that is the guard's call.
import type { SseEvent } from '../sse/parser.js';
import type { JsonAdapter, ParsedJsonBody, ParsedStreamEvent, StreamAdapter } from './types.js';
import { arrayOf, intField, isObject, parseJson, type JsonObject } from './json.js';
import { SlotList, encodeSseEvent, jsonBody, parseTypedEvent } from './slots.js';

const DELTA_FIELDS: Readonly<Record<string, { key: string; suffix: string }>> = {
  text_delta: { key: 'text', suffix: '' },
  input_json_delta: { key: 'partial_json', suffix: ':json' },
  thinking_delta: { key: 'thinking', suffix: ':thinking' },
};

function collectEvent(payload: JsonObject, type: unknown, slots: SlotList): void {
  const index = intField(payload, 'index');
  if (index === undefined) return;
  const base = `block:${index}`;
  if (type === 'content_block_delta') {
    const delta = payload['delta'];
    if (!isObject(delta) || typeof delta['type'] !== 'string') return;
    const field = Object.hasOwn(DELTA_FIELDS, delta['type']) ? DELTA_FIELDS[delta['type']] : undefined;
    if (field) slots.field(delta, field.key, base + field.suffix);
  } else if (type === 'content_block_start') {
    // Usually an empty text, but a start event may carry text, and it reaches the client as such.
    const block = payload['content_block'];
    if (isObject(block)) slots.field(block, 'text', base);
  }
}

export const anthropicMessagesStream: StreamAdapter = {
  parse(event: SseEvent): ParsedStreamEvent | null {
    return parseTypedEvent(event, collectEvent);
  },

  // Verified in node_modules/@anthropic-ai/sdk (v1.12.0) src/core/streaming.ts, Stream.fromSSEResponse
  // (used by messages.create({stream: true}) and messages.stream()): events without an `event:` line
  // and `event: ping` are skipped; `if (sse.event === 'error')` it throws
  // `new APIError(undefined, body, undefined, headers, body?.error?.type)`, so the client gets
  // apiMessage = error.message and type = error.type ('api_error'). The SDK also reads an optional
  // `error.details.error_code`; it is not sent here (the brief's shape), so `code` is unused.
  errorEvent(message: string, _code: string): Uint8Array {
    return encodeSseEvent({ event: 'error' }, { type: 'error', error: { type: 'api_error', message } });
  },
};

/**
 * A tool_use block's `input` is an object, exposed as its JSON text. Rebuilding parses the text back;
 * an unchanged text keeps the original object, and text that is not a JSON object (a guard redacted
 * into it) becomes `{}`, since the API contract requires an object.
 */
function inputSlot(block: JsonObject, channel: string, slots: SlotList): void {
  const input = block['input'];
  if (!isObject(input)) return;
  const original = JSON.stringify(input);
  slots.add({
    channel,
    text: original,
    set(text) {
      if (text === original) return;
      const parsed = parseJson(text);
      block['input'] = isObject(parsed) ? parsed : {};
    },
  });
}

export const anthropicMessagesJson: JsonAdapter = {
  fromPayload(payload: unknown): ParsedJsonBody | null {
    // A Message has a `content` array; error bodies (`{"type":"error",...}`) do not.
    if (!isObject(payload) || !Array.isArray(payload['content'])) return null;
    const slots = new SlotList();
    arrayOf(payload['content']).forEach((block, i) => {
      if (!isObject(block)) return;
      const base = `block:${i}`;
      const type = block['type'];
      if (type === 'text') slots.field(block, 'text', base);
      else if (type === 'thinking') slots.field(block, 'thinking', `${base}:thinking`);
      // tool_use, server_tool_use, mcp_tool_use...: all carry the model-written input object.
      else if (typeof type === 'string' && type.endsWith('tool_use')) inputSlot(block, `${base}:json`, slots);
    });
    return jsonBody(payload, slots);
  },
};
