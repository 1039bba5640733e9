// Provider adapters expose the model's generated text in a response, streamed or not, and rebuild only
// what a guard changed. Untouched events and bodies are never re-serialised.
import type { SseEvent } from '../sse/parser.js';

/**
 * One independent text stream inside a reply: a choice's content, a content block, a tool call's
 * arguments. Redaction state is kept per channel, so the id must be stable for the whole stream.
 */
export interface TextDelta {
  readonly channel: string;
  readonly text: string;
}

export interface ParsedStreamEvent {
  /** Text deltas carried by this event, in order. Empty for events with no generated text. */
  readonly deltas: readonly TextDelta[];
  /** Re-serialises the event with replaced texts (same order and count as `deltas`). */
  rebuild(texts: readonly string[]): Uint8Array;
}

export interface StreamAdapter {
  /** Returns null for events the adapter does not understand; they pass through unchanged. */
  parse(event: SseEvent): ParsedStreamEvent | null;
  /** An SSE event that this provider's official client libraries surface as an error, to stop a stream cleanly. */
  errorEvent(message: string, code: string): Uint8Array;
}

export interface ParsedJsonBody {
  readonly texts: readonly TextDelta[];
  /** Re-serialises the body with replaced texts (same order and count as `texts`). */
  rebuild(texts: readonly string[]): Uint8Array;
}

export interface JsonAdapter {
  /**
   * Takes the reply already parsed (providers/json.ts parseJsonBytes: undefined when it is not JSON), so
   * the response path parses each body once for usage and texts. Returns null when the value is not
   * this provider's reply shape (e.g. an error body).
   */
  fromPayload(payload: unknown): ParsedJsonBody | null;
}
