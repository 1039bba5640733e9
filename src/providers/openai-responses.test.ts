import { describe, expect, it } from 'vitest';
import { openAiResponsesJson, openAiResponsesStream } from './openai-responses.js';
import { isFinalChannel } from './slots.js';
import { MALFORMED_DATA, checkJson, checkStream, parseOne, sseEvent, type Want } from './testing.js';
import { parseJsonBytes } from './json.js';

// Fixtures modelled on https://platform.openai.com/docs/api-reference/responses-streaming
const reasoning = { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'Thinking about weather' }] };
const message = {
  id: 'msg_1',
  type: 'message',
  status: 'completed',
  role: 'assistant',
  content: [
    { type: 'output_text', text: 'It is sunny in Paris.', annotations: [], logprobs: [] },
    { type: 'refusal', refusal: 'I will not share the address.' },
  ],
};
const functionCall = {
  id: 'fc_1',
  type: 'function_call',
  status: 'completed',
  call_id: 'call_1',
  name: 'get_weather',
  arguments: '{"city":"Paris"}',
};
const response = (status: string, output: unknown[]) => ({
  id: 'resp_1',
  object: 'response',
  created_at: 1741290958,
  status,
  error: null,
  incomplete_details: null,
  model: 'gpt-4.1-2025-04-14',
  output,
  parallel_tool_calls: true,
  text: { format: { type: 'text' } },
  usage: status === 'completed' ? { input_tokens: 37, output_tokens: 11, total_tokens: 48 } : null,
});
const outputWant = (suffix: string, base: Path = []): Want[] => [
  { channel: `output:1:0${suffix}`, text: 'It is sunny in Paris.', path: [...base, 'output', 1, 'content', 0, 'text'] },
  { channel: `output:1:1${suffix}`, text: 'I will not share the address.', path: [...base, 'output', 1, 'content', 1, 'refusal'] },
  { channel: `output:2:args${suffix}`, text: '{"city":"Paris"}', path: [...base, 'output', 2, 'arguments'] },
];
type Path = (string | number)[];

describe('openai responses stream', () => {
  const cases: { name: string; payload: Record<string, unknown>; want: Want[] }[] = [
    { name: 'response.created', payload: { type: 'response.created', sequence_number: 0, response: response('in_progress', []) }, want: [] },
    {
      name: 'output_item.added (empty message)',
      payload: { type: 'response.output_item.added', sequence_number: 2, output_index: 1, item: { ...message, status: 'in_progress', content: [] } },
      want: [],
    },
    {
      name: 'content_part.added (empty text)',
      payload: { type: 'response.content_part.added', sequence_number: 3, item_id: 'msg_1', output_index: 1, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
      want: [],
    },
    {
      name: 'output_text.delta',
      payload: { type: 'response.output_text.delta', sequence_number: 4, item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'It is sun', logprobs: [] },
      want: [{ channel: 'output:1:0', text: 'It is sun', path: ['delta'] }],
    },
    {
      name: 'refusal.delta',
      payload: { type: 'response.refusal.delta', sequence_number: 5, item_id: 'msg_1', output_index: 1, content_index: 1, delta: 'I will not' },
      want: [{ channel: 'output:1:1', text: 'I will not', path: ['delta'] }],
    },
    {
      name: 'function_call_arguments.delta',
      payload: { type: 'response.function_call_arguments.delta', sequence_number: 6, item_id: 'fc_1', output_index: 2, delta: '{"city":' },
      want: [{ channel: 'output:2:args', text: '{"city":', path: ['delta'] }],
    },
    {
      name: 'output_text.done repeats the full text',
      payload: { type: 'response.output_text.done', sequence_number: 7, item_id: 'msg_1', output_index: 1, content_index: 0, text: 'It is sunny in Paris.', logprobs: [] },
      want: [{ channel: 'output:1:0:final', text: 'It is sunny in Paris.', path: ['text'] }],
    },
    {
      name: 'refusal.done',
      payload: { type: 'response.refusal.done', sequence_number: 8, item_id: 'msg_1', output_index: 1, content_index: 1, refusal: 'I will not share the address.' },
      want: [{ channel: 'output:1:1:final', text: 'I will not share the address.', path: ['refusal'] }],
    },
    {
      name: 'content_part.done',
      payload: { type: 'response.content_part.done', sequence_number: 9, item_id: 'msg_1', output_index: 1, content_index: 0, part: message.content[0] },
      want: [{ channel: 'output:1:0:final', text: 'It is sunny in Paris.', path: ['part', 'text'] }],
    },
    {
      name: 'function_call_arguments.done',
      payload: { type: 'response.function_call_arguments.done', sequence_number: 10, item_id: 'fc_1', output_index: 2, name: 'get_weather', arguments: '{"city":"Paris"}' },
      want: [{ channel: 'output:2:args:final', text: '{"city":"Paris"}', path: ['arguments'] }],
    },
    {
      name: 'output_item.done (message)',
      payload: { type: 'response.output_item.done', sequence_number: 11, output_index: 1, item: message },
      want: [
        { channel: 'output:1:0:final', text: 'It is sunny in Paris.', path: ['item', 'content', 0, 'text'] },
        { channel: 'output:1:1:final', text: 'I will not share the address.', path: ['item', 'content', 1, 'refusal'] },
      ],
    },
    {
      name: 'output_item.done (function call)',
      payload: { type: 'response.output_item.done', sequence_number: 12, output_index: 2, item: functionCall },
      want: [{ channel: 'output:2:args:final', text: '{"city":"Paris"}', path: ['item', 'arguments'] }],
    },
    {
      name: 'response.completed repeats every text',
      payload: { type: 'response.completed', sequence_number: 13, response: response('completed', [reasoning, message, functionCall]) },
      want: outputWant(':final', ['response']),
    },
    {
      name: 'reasoning summary deltas are not exposed',
      payload: { type: 'response.reasoning_summary_text.delta', sequence_number: 1, item_id: 'rs_1', output_index: 0, summary_index: 0, delta: 'Thinking' },
      want: [],
    },
    {
      name: 'a delta without indexes is ignored',
      payload: { type: 'response.output_text.delta', sequence_number: 4, item_id: 'msg_1', delta: 'x' },
      want: [],
    },
    { name: 'unknown event type', payload: { type: 'response.future_thing', delta: 'x', output_index: 0, content_index: 0 }, want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => checkStream(openAiResponsesStream, c.payload, c.want, { event: String(c.payload['type']) }));
  }

  it('falls back to the event line when the payload has no type', () => {
    const payload = { output_index: 0, content_index: 0, delta: 'hi' };
    checkStream(openAiResponsesStream, payload, [{ channel: 'output:0:0', text: 'hi', path: ['delta'] }], { event: 'response.output_text.delta' });
  });

  it('marks only the repeated full texts as final', () => {
    expect(isFinalChannel('output:1:0:final')).toBe(true);
    expect(isFinalChannel('output:1:0')).toBe(false);
  });

  it('returns null for non-JSON and unknown shapes', () => {
    for (const data of MALFORMED_DATA) expect(openAiResponsesStream.parse(sseEvent(data, { event: 'response.output_text.delta' }))).toBeNull();
  });

  it('error event has the ResponseErrorEvent shape', () => {
    const event = parseOne(openAiResponsesStream.errorEvent('Blocked by policy', 'guard_blocked'));
    expect(event.event).toBe('error');
    expect(JSON.parse(event.data)).toEqual({
      type: 'error',
      code: 'guard_blocked',
      message: 'Blocked by policy',
      param: null,
      sequence_number: 0,
    });
  });
});

describe('openai responses json', () => {
  it('message, refusal and function call texts', () => {
    checkJson(openAiResponsesJson, response('completed', [reasoning, message, functionCall]), outputWant(''));
  });

  it('returns null for error bodies and garbage', () => {
    const enc = new TextEncoder();
    expect(openAiResponsesJson.fromPayload(parseJsonBytes(enc.encode('{"error":{"message":"No such model","type":"invalid_request_error","param":"model","code":"model_not_found"}}')))).toBeNull();
    for (const body of MALFORMED_DATA) expect(openAiResponsesJson.fromPayload(parseJsonBytes(enc.encode(body)))).toBeNull();
  });
});
