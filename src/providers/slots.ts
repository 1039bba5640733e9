// A slot is one rewritable string inside a parsed JSON payload: where it is (a setter closed over its
// parent object) and which channel it belongs to. Adapters only locate slots; turning them into
// ParsedStreamEvent / ParsedJsonBody and re-serialising is shared here. The payload is parsed once per
// event and mutated in place on rebuild: the event is finished once rebuilt, so nobody sees the original.
import type { SseEvent } from '../sse/parser.js';
import type { ParsedJsonBody, ParsedStreamEvent, TextDelta } from './types.js';
import { encodeJson, isObject, parseJson, type JsonObject } from './json.js';

/**
 * Suffix of channels whose every delta is a complete text repeated by the provider (OpenAI Responses
 * `*.done` / `response.completed` events), not a continuation of earlier deltas. A guard must treat
 * each such delta on its own, never append it to the channel's running text.
 */
export const FINAL_SUFFIX = ':final';

export function isFinalChannel(channel: string): boolean {
  return channel.endsWith(FINAL_SUFFIX);
}

export interface Slot extends TextDelta {
  set(text: string): void;
}

/** Collects slots in document order. Empty strings are skipped: there is nothing in them to guard. */
export class SlotList {
  readonly items: Slot[] = [];

  /** obj[key] as a slot, when it is a non-empty string. */
  field(obj: JsonObject, key: string, channel: string): void {
    const text = obj[key];
    if (typeof text !== 'string' || text === '') return;
    this.items.push({ channel, text, set: (value) => { obj[key] = value; } });
  }

  add(slot: Slot): void {
    if (slot.text !== '') this.items.push(slot);
  }
}

const ENCODER = new TextEncoder();

/**
 * Re-serialises an event: the `event:` and `id:` lines are kept, data becomes one line of compact JSON
 * (JSON.stringify escapes CR and LF, so it cannot break the framing). Comments and `retry:` are
 * dropped; they carry nothing a client needs from a rewritten event.
 */
export function encodeSseEvent(event: Pick<SseEvent, 'event' | 'id'>, payload: unknown): Uint8Array {
  let head = '';
  if (event.event !== undefined) head += `event: ${event.event}\n`;
  if (event.id !== undefined) head += `id: ${event.id}\n`;
  return ENCODER.encode(`${head}data: ${JSON.stringify(payload)}\n\n`);
}

function apply(slots: readonly Slot[], texts: readonly string[]): void {
  // A count mismatch is a caller bug; writing a partial rewrite could leak the texts left unchanged.
  if (texts.length !== slots.length) {
    throw new Error(`rebuild expects ${slots.length} texts, got ${texts.length}`);
  }
  slots.forEach((slot, i) => slot.set(texts[i]!));
}

function deltasOf(slots: readonly Slot[]): TextDelta[] {
  return slots.map(({ channel, text }) => ({ channel, text }));
}

/** The parsed event, or null when it holds no text (callers then pass `raw` through). */
export function streamEvent(event: SseEvent, payload: unknown, slots: SlotList): ParsedStreamEvent | null {
  const items = slots.items;
  if (items.length === 0) return null;
  return {
    deltas: deltasOf(items),
    rebuild(texts) {
      apply(items, texts);
      return encodeSseEvent(event, payload);
    },
  };
}

export function jsonBody(payload: unknown, slots: SlotList): ParsedJsonBody {
  const items = slots.items;
  return {
    texts: deltasOf(items),
    rebuild(texts) {
      apply(items, texts);
      return encodeJson(payload);
    },
  };
}

/**
 * Parses an event of a provider whose payloads name their own `type` (OpenAI Responses, Anthropic
 * Messages): the SDKs dispatch on that field, with the `event:` line only as a fallback.
 */
export function parseTypedEvent(event: SseEvent, collect: (payload: JsonObject, type: unknown, slots: SlotList) => void): ParsedStreamEvent | null {
  if (!event.hasData) return null;
  const payload = parseJson(event.data);
  if (!isObject(payload)) return null;
  const slots = new SlotList();
  collect(payload, payload['type'] ?? event.event, slots);
  return streamEvent(event, payload, slots);
}
