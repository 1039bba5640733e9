// Where a text channel of a streamed reply ends, per provider: from then on nothing can be appended to
// it, so the redactor decides its held tail and the events waiting on it go out at once instead of at
// the end of the stream. Missing an end is harmless (the tail waits for [DONE] or the end of the
// stream); a wrong end would only finalise a channel early, which redacts conservatively.
// (This reads provider formats; it belongs with the adapters in providers/ once they expose ends.)
import type { ApiKind } from '../llm/model.js';
import { FINAL_SUFFIX, isFinalChannel } from '../providers/slots.js';
import type { TextDelta } from '../providers/types.js';
import type { SseEvent } from '../sse/parser.js';

/** Channels ended by an event: every channel, or those named by a prefix (`choice:0` ends `choice:0:tool:1`). */
export type ChannelEnds = 'all' | readonly string[] | null;

export function endsChannel(prefix: string, channel: string): boolean {
  return channel === prefix || (channel.startsWith(prefix) && channel.charCodeAt(prefix.length) === 58 /* : */);
}

function parse(data: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(data);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** OpenAI chat / completions: a choice with a non-null finish_reason is done; `[DONE]` ends all. */
function openAiChatEnds(event: SseEvent): ChannelEnds {
  const data = event.data;
  if (data === '[DONE]') return 'all';
  // Every chunk carries `"finish_reason":null`; only parse when some finish_reason is not that.
  const mentions = count(data, '"finish_reason"');
  if (mentions === 0 || mentions === count(data, '"finish_reason":null')) return null;
  const payload = parse(data);
  const choices = payload?.['choices'];
  if (!Array.isArray(choices)) return null;
  const ends: string[] = [];
  choices.forEach((c: unknown, position) => {
    if (typeof c !== 'object' || c === null) return;
    const choice = c as Record<string, unknown>;
    if (choice['finish_reason'] === null || choice['finish_reason'] === undefined) return;
    const index = typeof choice['index'] === 'number' ? choice['index'] : position;
    ends.push(`choice:${index}`);
  });
  return ends.length > 0 ? ends : null;
}

/** The payload's `type` when the data mentions one of `types` (parsed only then: text deltas may quote them). */
function typeOf(data: string, types: readonly string[]): [string, Record<string, unknown>] | null {
  if (!types.some((t) => data.includes(t))) return null;
  const payload = parse(data);
  const type = payload?.['type'];
  return payload && typeof type === 'string' && types.includes(type) ? [type, payload] : null;
}

const ANTHROPIC_ENDS = ['content_block_stop', 'message_delta', 'message_stop'];

function anthropicEnds(event: SseEvent): ChannelEnds {
  const hit = typeOf(event.data, ANTHROPIC_ENDS);
  if (!hit) return null;
  const [type, payload] = hit;
  if (type !== 'content_block_stop') return 'all';
  return typeof payload['index'] === 'number' ? [`block:${payload['index']}`] : null;
}

const RESPONSES_TERMINAL = ['response.completed', 'response.incomplete', 'response.failed'];

/** Responses: a `*.done` event repeats the text on the ':final' channel, which ends its base channel. */
function responsesEnds(event: SseEvent, deltas: readonly TextDelta[]): ChannelEnds {
  if (typeOf(event.data, RESPONSES_TERMINAL)) return 'all';
  const ends = deltas.filter((d) => isFinalChannel(d.channel)).map((d) => d.channel.slice(0, -FINAL_SUFFIX.length));
  return ends.length > 0 ? ends : null;
}

export function channelEnds(api: ApiKind, event: SseEvent, deltas: readonly TextDelta[]): ChannelEnds {
  if (event.event === 'error') return 'all';
  switch (api) {
    case 'openai-chat':
    case 'openai-completions':
      return openAiChatEnds(event);
    case 'anthropic-messages':
      return anthropicEnds(event);
    case 'openai-responses':
      return responsesEnds(event, deltas);
    case 'openai-embeddings':
      return null;
  }
}
