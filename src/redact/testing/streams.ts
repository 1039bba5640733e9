// Test support: SSE replies as the providers send them (shapes from test/fixtures/mock-wire.ts), built
// from arbitrary text pieces, so tests can split a value across as many deltas as they like; and the
// reverse, reading back what a client would see from the bytes a rewriter emitted.
import type { ApiKind } from '../../llm/model.js';
import { streamAdapterFor } from '../../providers/index.js';
import { isFinalChannel } from '../../providers/slots.js';
import { SseParser } from '../../sse/parser.js';

export type StreamApi = 'openai-chat' | 'openai-responses' | 'anthropic-messages';
export const STREAM_APIS: readonly StreamApi[] = ['openai-chat', 'openai-responses', 'anthropic-messages'];

const CREATED = 1_700_000_000;
const data = (obj: unknown): string => `data: ${JSON.stringify(obj)}\n\n`;
const named = (type: string, obj: Record<string, unknown>): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...obj })}\n\n`;

/** Optional second channel: tool call arguments (chat), a tool_use block (anthropic), a function call (responses). */
export interface StreamSpec {
  readonly pieces: readonly string[];
  /** Argument pieces of a tool call interleaved with the text pieces (one after each text piece). */
  readonly toolPieces?: readonly string[];
}

function chat(spec: StreamSpec): string[] {
  const chunk = (delta: unknown, finish: string | null) => data({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: CREATED, model: 'gpt-4o-mini', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const out = [chunk({ role: 'assistant', content: '' }, null)];
  const tools = spec.toolPieces ?? [];
  spec.pieces.forEach((p, i) => {
    out.push(chunk({ content: p }, null));
    const t = tools[i];
    if (t !== undefined) {
      const call = i === 0 ? { index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: t } } : { index: 0, function: { arguments: t } };
      out.push(chunk({ tool_calls: [call] }, null));
    }
  });
  out.push(chunk({}, tools.length > 0 ? 'tool_calls' : 'stop'));
  out.push(data({ id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: CREATED, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 5, completion_tokens: spec.pieces.length, total_tokens: 5 + spec.pieces.length } }));
  out.push('data: [DONE]\n\n');
  return out;
}

function responses(spec: StreamSpec): string[] {
  const text = spec.pieces.join('');
  const args = (spec.toolPieces ?? []).join('');
  let seq = 0;
  const ev = (type: string, fields: Record<string, unknown>) => named(type, { sequence_number: seq++, ...fields });
  const part = (t: string) => ({ type: 'output_text', text: t, annotations: [] });
  const msg = (done: boolean) => ({ id: 'msg_1', type: 'message', status: done ? 'completed' : 'in_progress', role: 'assistant', content: done ? [part(text)] : [] });
  const fn = (done: boolean) => ({ id: 'fc_1', type: 'function_call', status: done ? 'completed' : 'in_progress', call_id: 'call_1', name: 'lookup', arguments: done ? args : '' });
  const response = (done: boolean) => ({ id: 'resp_1', object: 'response', created_at: CREATED, status: done ? 'completed' : 'in_progress', model: 'gpt-4o-mini', output: done ? [msg(true), ...(args ? [fn(true)] : [])] : [], usage: done ? { input_tokens: 5, output_tokens: 9 } : null });
  const at = { item_id: 'msg_1', output_index: 0, content_index: 0 };
  const out = [ev('response.created', { response: response(false) }), ev('response.output_item.added', { output_index: 0, item: msg(false) }), ev('response.content_part.added', { ...at, part: part('') })];
  if (args) out.push(ev('response.output_item.added', { output_index: 1, item: fn(false) }));
  const tools = spec.toolPieces ?? [];
  spec.pieces.forEach((delta, i) => {
    out.push(ev('response.output_text.delta', { ...at, delta }));
    const t = tools[i];
    if (t !== undefined) out.push(ev('response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 1, delta: t }));
  });
  out.push(ev('response.output_text.done', { ...at, text }), ev('response.content_part.done', { ...at, part: part(text) }), ev('response.output_item.done', { output_index: 0, item: msg(true) }));
  if (args) out.push(ev('response.function_call_arguments.done', { item_id: 'fc_1', output_index: 1, arguments: args }), ev('response.output_item.done', { output_index: 1, item: fn(true) }));
  out.push(ev('response.completed', { response: response(true) }));
  return out;
}

function anthropic(spec: StreamSpec): string[] {
  const message = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } };
  const tools = spec.toolPieces ?? [];
  const out = [named('message_start', { message }), named('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }), named('ping', {})];
  if (tools.length > 0) out.push(named('content_block_start', { index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} } }));
  spec.pieces.forEach((text, i) => {
    out.push(named('content_block_delta', { index: 0, delta: { type: 'text_delta', text } }));
    const t = tools[i];
    if (t !== undefined) out.push(named('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: t } }));
  });
  out.push(named('content_block_stop', { index: 0 }));
  if (tools.length > 0) out.push(named('content_block_stop', { index: 1 }));
  out.push(named('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: spec.pieces.length } }), named('message_stop', {}));
  return out;
}

/** The events of a streamed reply carrying `spec`, as SSE text (one string per event). */
export function streamEvents(api: StreamApi, spec: StreamSpec): string[] {
  if (api === 'openai-chat') return chat(spec);
  if (api === 'openai-responses') return responses(spec);
  return anthropic(spec);
}

export function streamBytes(api: StreamApi, spec: StreamSpec): Uint8Array {
  return new TextEncoder().encode(streamEvents(api, spec).join(''));
}

/** What a client reads from the bytes: per channel, the deltas joined (and ':final' texts as sent). */
export function clientView(api: ApiKind, bytes: Uint8Array): { texts: Map<string, string>; finals: string[]; events: number } {
  const adapter = streamAdapterFor(api);
  const parser = new SseParser({ maxEventBytes: 1 << 24 });
  const events = [...parser.push(bytes), ...parser.end().events];
  const texts = new Map<string, string>();
  const finals: string[] = [];
  for (const e of events) {
    for (const d of adapter?.parse(e)?.deltas ?? []) {
      if (isFinalChannel(d.channel)) finals.push(d.text);
      else texts.set(d.channel, (texts.get(d.channel) ?? '') + d.text);
    }
  }
  return { texts, finals, events: events.length };
}

/** Cuts bytes at the given offsets (deduplicated, clamped). */
export function cutAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => Math.min(Math.max(0, o), bytes.length)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    parts.push(bytes.subarray(prev, p));
    prev = p;
  }
  return parts;
}
