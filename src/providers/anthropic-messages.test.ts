import { describe, expect, it } from 'vitest';
import { anthropicMessagesJson, anthropicMessagesStream } from './anthropic-messages.js';
import { MALFORMED_DATA, checkJson, checkStream, parseOne, sseEvent, type Want } from './testing.js';
import { parseJsonBytes } from './json.js';

// Fixtures modelled on https://docs.anthropic.com/en/docs/build-with-claude/streaming
const enc = new TextEncoder();
const dec = new TextDecoder();

describe('anthropic messages stream', () => {
  const cases: { name: string; payload: Record<string, unknown>; want: Want[] }[] = [
    {
      name: 'message_start',
      payload: {
        type: 'message_start',
        message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'claude-sonnet-4-5', stop_reason: null, stop_sequence: null, usage: { input_tokens: 25, output_tokens: 1 } },
      },
      want: [],
    },
    { name: 'content_block_start (empty text)', payload: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, want: [] },
    {
      name: 'content_block_start carrying text',
      payload: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'Hi' } },
      want: [{ channel: 'block:0', text: 'Hi', path: ['content_block', 'text'] }],
    },
    {
      name: 'text_delta',
      payload: { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hello, wörld 😀' } },
      want: [{ channel: 'block:1', text: 'Hello, wörld 😀', path: ['delta', 'text'] }],
    },
    {
      name: 'input_json_delta',
      payload: { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"location": "San Fra' } },
      want: [{ channel: 'block:2:json', text: '{"location": "San Fra', path: ['delta', 'partial_json'] }],
    },
    {
      name: 'thinking_delta',
      payload: { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me solve this step by step' } },
      want: [{ channel: 'block:0:thinking', text: 'Let me solve this step by step', path: ['delta', 'thinking'] }],
    },
    { name: 'signature_delta', payload: { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM' } }, want: [] },
    {
      name: 'tool_use start (input is built from deltas)',
      payload: { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} } },
      want: [],
    },
    { name: 'content_block_stop', payload: { type: 'content_block_stop', index: 1 }, want: [] },
    { name: 'message_delta', payload: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 15 } }, want: [] },
    { name: 'message_stop', payload: { type: 'message_stop' }, want: [] },
    { name: 'ping', payload: { type: 'ping' }, want: [] },
    { name: 'error', payload: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, want: [] },
    { name: 'unknown delta type', payload: { type: 'content_block_delta', index: 0, delta: { type: 'future_delta', text: 'x' } }, want: [] },
    { name: 'inherited delta type name', payload: { type: 'content_block_delta', index: 0, delta: { type: 'toString', text: 'x' } }, want: [] },
    { name: 'delta without index', payload: { type: 'content_block_delta', delta: { type: 'text_delta', text: 'x' } }, want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => checkStream(anthropicMessagesStream, c.payload, c.want, { event: String(c.payload['type']) }));
  }

  it('returns null for non-JSON and unknown shapes', () => {
    for (const data of MALFORMED_DATA) expect(anthropicMessagesStream.parse(sseEvent(data, { event: 'content_block_delta' }))).toBeNull();
  });

  it('error event has the documented error shape', () => {
    const event = parseOne(anthropicMessagesStream.errorEvent('Blocked by policy', 'guard_blocked'));
    expect(event.event).toBe('error');
    expect(JSON.parse(event.data)).toEqual({ type: 'error', error: { type: 'api_error', message: 'Blocked by policy' } });
  });
});

// Modelled on https://docs.anthropic.com/en/api/messages (response body)
const messageBody = () => ({
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'thinking', thinking: 'The user wants weather.', signature: 'EqQBCgIYAhIM' },
    { type: 'text', text: "I'll check the weather.", citations: null },
    { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { location: 'San Francisco, CA', unit: 'celsius' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 25 },
});
const inputText = '{"location":"San Francisco, CA","unit":"celsius"}';

describe('anthropic messages json', () => {
  it('exposes thinking, text and tool input', () => {
    const parsed = anthropicMessagesJson.fromPayload(parseJsonBytes(enc.encode(JSON.stringify(messageBody()))));
    expect(parsed?.texts).toEqual([
      { channel: 'block:0:thinking', text: 'The user wants weather.' },
      { channel: 'block:1', text: "I'll check the weather." },
      { channel: 'block:2:json', text: inputText },
    ]);
  });

  it('rebuilds text and thinking; same texts give the same body', () => {
    // Without the tool block so the generic string-replacement check applies.
    const body = messageBody();
    body.content.pop();
    checkJson(anthropicMessagesJson, body, [
      { channel: 'block:0:thinking', text: 'The user wants weather.', path: ['content', 0, 'thinking'] },
      { channel: 'block:1', text: "I'll check the weather.", path: ['content', 1, 'text'] },
    ]);
  });

  function rebuildInput(text: string): unknown {
    const parsed = anthropicMessagesJson.fromPayload(parseJsonBytes(enc.encode(JSON.stringify(messageBody()))))!;
    const out = JSON.parse(dec.decode(parsed.rebuild([parsed.texts[0]!.text, parsed.texts[1]!.text, text])));
    const want = messageBody();
    expect({ ...out, content: out.content.slice(0, 2) }).toEqual({ ...want, content: want.content.slice(0, 2) });
    expect({ ...out.content[2], input: null }).toEqual({ ...want.content[2], input: null });
    return out.content[2].input;
  }

  it('parses a rewritten tool input back into an object', () => {
    expect(rebuildInput(inputText)).toEqual(messageBody().content[2]!['input' as never]);
    expect(rebuildInput('{"location":"[REDACTED]","unit":"celsius"}')).toEqual({ location: '[REDACTED]', unit: 'celsius' });
  });

  it('replaces tool input that is no longer a JSON object with {}', () => {
    expect(rebuildInput('{"location":"San [REDACTED]')).toEqual({});
    expect(rebuildInput('[1]')).toEqual({});
    expect(rebuildInput('null')).toEqual({});
  });

  it('returns null for error bodies and garbage', () => {
    expect(anthropicMessagesJson.fromPayload(parseJsonBytes(enc.encode('{"type":"error","error":{"type":"not_found_error","message":"model: x"}}')))).toBeNull();
    for (const body of MALFORMED_DATA) expect(anthropicMessagesJson.fromPayload(parseJsonBytes(enc.encode(body)))).toBeNull();
  });
});
