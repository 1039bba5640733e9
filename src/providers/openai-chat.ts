// OpenAI Chat Completions (and legacy Completions) replies, streamed and not.
// Channels: `choice:<i>` content (or legacy `text`), `choice:<i>:refusal`, `choice:<i>:tool:<j>` tool
// call arguments, `choice:<i>:function` for the deprecated single `function_call`.
import type { SseEvent } from '../sse/parser.js';
import type { JsonAdapter, ParsedJsonBody, ParsedStreamEvent, StreamAdapter } from './types.js';
import { arrayOf, indexOf, isObject, parseJson, type JsonObject } from './json.js';
import { SlotList, encodeSseEvent, jsonBody, streamEvent } from './slots.js';

/**
 * Texts of a streamed `delta` or a whole `message`: both have the same fields. Streamed tool calls carry
 * their own `index` (a call's argument deltas are spread over many chunks); whole messages use position.
 */
function collectMessage(msg: JsonObject, base: string, slots: SlotList): void {
  slots.field(msg, 'content', base);
  slots.field(msg, 'refusal', `${base}:refusal`);
  arrayOf(msg['tool_calls']).forEach((call, position) => {
    if (!isObject(call) || !isObject(call['function'])) return;
    slots.field(call['function'], 'arguments', `${base}:tool:${indexOf(call, position)}`);
  });
  if (isObject(msg['function_call'])) slots.field(msg['function_call'], 'arguments', `${base}:function`);
}

function collectChoices(payload: JsonObject, key: 'delta' | 'message', slots: SlotList): void {
  arrayOf(payload['choices']).forEach((choice, position) => {
    if (!isObject(choice)) return;
    const base = `choice:${indexOf(choice, position)}`;
    slots.field(choice, 'text', base); // legacy /v1/completions
    const msg = choice[key];
    if (isObject(msg)) collectMessage(msg, base, slots);
  });
}

export const openAiChatStream: StreamAdapter = {
  parse(event: SseEvent): ParsedStreamEvent | null {
    if (!event.hasData) return null;
    const payload = parseJson(event.data); // `[DONE]` is not JSON: null below
    if (!isObject(payload)) return null;
    const slots = new SlotList();
    collectChoices(payload, 'delta', slots);
    return streamEvent(event, payload, slots);
  },

  // Verified in node_modules/openai (v7.57.0) src/core/streaming.ts, Stream.fromSSEResponse, default
  // 'legacy' mode used by chat.completions.create({stream: true}) and completions.create: each event's
  // data is JSON.parse'd and `if (data && data.error) throw new APIError(undefined, data.error, ...)`.
  // APIError takes its message from error.message and copies error.code / error.type (core/error.ts).
  // The event has no `event:` line: `event: error` would also throw, but this matches what OpenAI sends.
  errorEvent(message: string, code: string): Uint8Array {
    return encodeSseEvent({}, { error: { message, type: 'server_error', code } });
  },
};

export const openAiChatJson: JsonAdapter = {
  fromPayload(payload: unknown): ParsedJsonBody | null {
    if (!isObject(payload) || !Array.isArray(payload['choices'])) return null; // error bodies have no choices
    const slots = new SlotList();
    collectChoices(payload, 'message', slots);
    return jsonBody(payload, slots);
  },
};
