// The response path: which replies carry generated text, and rewriting them. SSE streams are parsed
// into events from arbitrary byte chunks; an event no filter changed goes out as its original bytes,
// so untouched streams arrive byte-identical whatever the chunking.
import { mediaType } from '../extproc/headers.js';
import type { ApiKind } from '../llm/model.js';
import { jsonAdapterFor, streamAdapterFor } from '../providers/index.js';
import type { StreamAdapter } from '../providers/types.js';
import { SseParser } from '../sse/parser.js';
import type { SseEvent } from '../sse/parser.js';
import type { TokenUsage } from './context.js';
import type { ResponseTextFilter } from './guard.js';

export type ResponseKind = 'sse' | 'json' | 'none';

/** Embeddings carry vectors, not text; other routes are not LLM replies. */
export function classifyResponse(api: ApiKind | null, contentType: string | undefined): ResponseKind {
  if (api === null || api === 'openai-embeddings') return 'none';
  const type = mediaType(contentType);
  if (type === 'text/event-stream') return 'sse';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  return 'none';
}

function applyFilters(filters: readonly ResponseTextFilter[], channel: string, text: string): string {
  let out = text;
  for (const f of filters) out = f.write(channel, out);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  return Buffer.concat(parts);
}

/** Reads OpenAI (prompt/completion or input/output) and Anthropic usage fields, wherever they sit. */
export function readUsage(obj: unknown, usage: TokenUsage): void {
  if (typeof obj !== 'object' || obj === null) return;
  const o = obj as Record<string, unknown>;
  const candidates = [o.usage, (o.response as Record<string, unknown> | undefined)?.usage, (o.message as Record<string, unknown> | undefined)?.usage];
  for (const u of candidates) {
    if (typeof u !== 'object' || u === null) continue;
    const r = u as Record<string, unknown>;
    const input = r.prompt_tokens ?? r.input_tokens;
    const output = r.completion_tokens ?? r.output_tokens;
    if (typeof input === 'number' && input > 0) usage.inputTokens = input;
    if (typeof output === 'number') usage.outputTokens = output;
  }
}

export class SseRewriter {
  private readonly parser: SseParser;
  private readonly adapter: StreamAdapter | null;
  rewrites = 0;

  constructor(api: ApiKind, private readonly filters: readonly ResponseTextFilter[], maxEventBytes: number, private readonly usage: TokenUsage) {
    this.parser = new SseParser({ maxEventBytes });
    this.adapter = streamAdapterFor(api);
  }

  /** Bytes to send downstream for this chunk: complete events only; a partial event waits for its end. */
  push(chunk: Uint8Array, end: boolean): Uint8Array {
    const parts: Uint8Array[] = [];
    for (const event of this.parser.push(chunk)) parts.push(this.rewriteEvent(event));
    if (end) {
      // A last event ended by a lone CR is complete only now; an unterminated tail passes as-is.
      const { events, rest } = this.parser.end();
      for (const event of events) parts.push(this.rewriteEvent(event));
      parts.push(rest);
    }
    return parts.length === 0 ? new Uint8Array(0) : concat(parts);
  }

  private rewriteEvent(event: SseEvent): Uint8Array {
    // Usage rides on the last chunks; a cheap substring test avoids parsing every event twice.
    if (event.data.includes('"usage"')) {
      try { readUsage(JSON.parse(event.data), this.usage); } catch { /* not JSON: nothing to read */ }
    }
    if (this.filters.length === 0 || !this.adapter) return event.raw;
    const parsed = this.adapter.parse(event);
    if (!parsed || parsed.deltas.length === 0) return event.raw;
    let changed = false;
    const texts = parsed.deltas.map((d) => {
      const out = applyFilters(this.filters, d.channel, d.text);
      if (out !== d.text) changed = true;
      return out;
    });
    if (!changed) return event.raw;
    this.rewrites += 1;
    return parsed.rebuild(texts);
  }
}

/** A whole JSON reply: returns the rewritten body, or null when nothing changed. */
export function rewriteJsonBody(api: ApiKind, body: Uint8Array, filters: readonly ResponseTextFilter[], usage: TokenUsage): Uint8Array | null {
  try { readUsage(JSON.parse(Buffer.from(body).toString('utf8')), usage); } catch { /* error pages, non-JSON: pass */ }
  const adapter = jsonAdapterFor(api);
  if (filters.length === 0 || !adapter) return null;
  const parsed = adapter.parse(body);
  if (!parsed) return null;
  let changed = false;
  const texts = parsed.texts.map((d) => {
    const out = applyFilters(filters, d.channel, d.text);
    if (out !== d.text) changed = true;
    return out;
  });
  return changed ? parsed.rebuild(texts) : null;
}
