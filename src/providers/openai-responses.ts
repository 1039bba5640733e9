// OpenAI Responses API replies, streamed and not.
// Streamed deltas: `output:<o>:<c>` for a content part's text (output_text or refusal: a part is one or
// the other, so its content index names it) and `output:<o>:args` for function call arguments.
// The Responses stream repeats every text in full once it is done (`*.done`, `response.output_item.*`,
// `response.completed`...). A guard that only rewrote the deltas would leak the original there, so those
// are exposed too, on the same channel plus FINAL_SUFFIX: complete texts, not continuations.
// Whole JSON bodies use the same channels without the suffix (every text in a body is complete).
import type { SseEvent } from '../sse/parser.js';
import type { JsonAdapter, ParsedJsonBody, ParsedStreamEvent, StreamAdapter } from './types.js';
import { arrayOf, intField, isObject, type JsonObject } from './json.js';
import { FINAL_SUFFIX, SlotList, encodeSseEvent, jsonBody, parseTypedEvent } from './slots.js';

/** A content part of a message item: `{type: 'output_text', text}` or `{type: 'refusal', refusal}`. */
function collectPart(part: unknown, channel: string, slots: SlotList): void {
  if (!isObject(part)) return;
  if (part['type'] === 'output_text') slots.field(part, 'text', channel);
  else if (part['type'] === 'refusal') slots.field(part, 'refusal', channel);
}

/** One output item at output index `o`; other item types (reasoning, tool results...) are left alone. */
function collectItem(item: unknown, o: number, suffix: string, slots: SlotList): void {
  if (!isObject(item)) return;
  if (item['type'] === 'message') {
    arrayOf(item['content']).forEach((part, c) => collectPart(part, `output:${o}:${c}${suffix}`, slots));
  } else if (item['type'] === 'function_call') {
    slots.field(item, 'arguments', `output:${o}:args${suffix}`);
  }
}

function collectOutput(response: JsonObject, suffix: string, slots: SlotList): void {
  arrayOf(response['output']).forEach((item, o) => collectItem(item, o, suffix, slots));
}

function collectEvent(payload: JsonObject, type: unknown, slots: SlotList): void {
  const o = intField(payload, 'output_index');
  const c = intField(payload, 'content_index');
  const part = `output:${o}:${c}`;
  const args = `output:${o}:args`;
  const hasPart = o !== undefined && c !== undefined;
  switch (type) {
    case 'response.output_text.delta':
    case 'response.refusal.delta':
      if (hasPart) slots.field(payload, 'delta', part);
      return;
    case 'response.function_call_arguments.delta':
      if (o !== undefined) slots.field(payload, 'delta', args);
      return;
    case 'response.output_text.done':
      if (hasPart) slots.field(payload, 'text', part + FINAL_SUFFIX);
      return;
    case 'response.refusal.done':
      if (hasPart) slots.field(payload, 'refusal', part + FINAL_SUFFIX);
      return;
    case 'response.function_call_arguments.done':
      if (o !== undefined) slots.field(payload, 'arguments', args + FINAL_SUFFIX);
      return;
    case 'response.content_part.added':
    case 'response.content_part.done':
      if (hasPart) collectPart(payload['part'], part + FINAL_SUFFIX, slots);
      return;
    case 'response.output_item.added':
    case 'response.output_item.done':
      if (o !== undefined) collectItem(payload['item'], o, FINAL_SUFFIX, slots);
      return;
    default:
      // response.created / in_progress / completed / incomplete / failed carry the whole response so far.
      if (isObject(payload['response'])) collectOutput(payload['response'], FINAL_SUFFIX, slots);
  }
}

export const openAiResponsesStream: StreamAdapter = {
  parse(event: SseEvent): ParsedStreamEvent | null {
    return parseTypedEvent(event, collectEvent);
  },

  // Verified in node_modules/openai (v7.57.0): src/core/streaming.ts, Stream.fromSSEResponse in the
  // default 'legacy' mode (responses.create({stream: true})), does
  // `if (sse.event === 'error') throw new APIError(undefined, data?.error ?? data, ...)`, so this flat
  // payload becomes the APIError body: message from `message`, and `code`/`param`/`type` copied
  // (core/error.ts). The responses.stream() helper (src/lib/responses/ResponseStream.ts, #addEvent)
  // also throws APIError on `event.type === 'error'`, using a nested `error` object if present, else
  // the flat event. The shape follows the documented ResponseErrorEvent.
  errorEvent(message: string, code: string): Uint8Array {
    return encodeSseEvent(
      { event: 'error' },
      { type: 'error', code, message, param: null, sequence_number: 0 },
    );
  },
};

export const openAiResponsesJson: JsonAdapter = {
  fromPayload(payload: unknown): ParsedJsonBody | null {
    // A Response object has an `output` array (and `error: null`); error bodies have no `output`.
    if (!isObject(payload) || !Array.isArray(payload['output'])) return null;
    const slots = new SlotList();
    collectOutput(payload, '', slots);
    return jsonBody(payload, slots);
  },
};
