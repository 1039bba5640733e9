import { describe, expect, it } from 'vitest';
import { openAiChatJson, openAiChatStream } from './openai-chat.js';
import { MALFORMED_DATA, checkJson, checkStream, parseOne, sseEvent, type Want } from './testing.js';
import { parseJsonBytes } from './json.js';

// Fixtures modelled on https://platform.openai.com/docs/api-reference/chat-streaming
const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-9x',
  object: 'chat.completion.chunk',
  created: 1718000000,
  model: 'gpt-4o-mini-2024-07-18',
  system_fingerprint: 'fp_0ba0d124f1',
  choices,
  ...extra,
});

describe('openai chat stream', () => {
  const cases: { name: string; payload: unknown; want: Want[] }[] = [
    {
      name: 'role chunk with empty content has no text',
      payload: chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }]),
      want: [],
    },
    {
      name: 'content delta',
      payload: chunk([{ index: 0, delta: { content: 'Hello, wörld 😀' }, logprobs: null, finish_reason: null }]),
      want: [{ channel: 'choice:0', text: 'Hello, wörld 😀', path: ['choices', 0, 'delta', 'content'] }],
    },
    {
      name: 'n=2: channels follow choice.index, not array position',
      payload: chunk([
        { index: 1, delta: { content: 'B' }, finish_reason: null },
        { index: 0, delta: { content: 'A' }, finish_reason: null },
      ]),
      want: [
        { channel: 'choice:1', text: 'B', path: ['choices', 0, 'delta', 'content'] },
        { channel: 'choice:0', text: 'A', path: ['choices', 1, 'delta', 'content'] },
      ],
    },
    {
      name: 'tool call start with empty arguments has no text',
      payload: chunk([
        {
          index: 0,
          delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
          finish_reason: null,
        },
      ]),
      want: [],
    },
    {
      name: 'parallel tool call argument deltas',
      payload: chunk([
        {
          index: 0,
          delta: {
            tool_calls: [
              { index: 1, function: { arguments: '{"city": "Par' } },
              { index: 0, function: { arguments: 'is"}' } },
            ],
          },
          finish_reason: null,
        },
      ]),
      want: [
        { channel: 'choice:0:tool:1', text: '{"city": "Par', path: ['choices', 0, 'delta', 'tool_calls', 0, 'function', 'arguments'] },
        { channel: 'choice:0:tool:0', text: 'is"}', path: ['choices', 0, 'delta', 'tool_calls', 1, 'function', 'arguments'] },
      ],
    },
    {
      name: 'refusal delta',
      payload: chunk([{ index: 0, delta: { refusal: "I can't help with that." }, finish_reason: null }]),
      want: [{ channel: 'choice:0:refusal', text: "I can't help with that.", path: ['choices', 0, 'delta', 'refusal'] }],
    },
    {
      name: 'deprecated function_call delta',
      payload: chunk([{ index: 0, delta: { function_call: { arguments: '{"q":' } }, finish_reason: null }]),
      want: [{ channel: 'choice:0:function', text: '{"q":', path: ['choices', 0, 'delta', 'function_call', 'arguments'] }],
    },
    {
      name: 'content and tool call in one delta, in order',
      payload: chunk([{ index: 0, delta: { content: 'Let me check.', tool_calls: [{ index: 0, function: { arguments: '{}' } }] } }]),
      want: [
        { channel: 'choice:0', text: 'Let me check.', path: ['choices', 0, 'delta', 'content'] },
        { channel: 'choice:0:tool:0', text: '{}', path: ['choices', 0, 'delta', 'tool_calls', 0, 'function', 'arguments'] },
      ],
    },
    {
      name: 'legacy completions chunk',
      payload: { id: 'cmpl-1', object: 'text_completion', created: 1718000000, model: 'gpt-3.5-turbo-instruct', choices: [{ text: ' world', index: 0, logprobs: null, finish_reason: null }] },
      want: [{ channel: 'choice:0', text: ' world', path: ['choices', 0, 'text'] }],
    },
    {
      name: 'finish chunk',
      payload: chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]),
      want: [],
    },
    {
      name: 'usage-only chunk (stream_options.include_usage)',
      payload: chunk([], { usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 } }),
      want: [],
    },
    {
      name: 'wrong types are ignored',
      payload: chunk([{ index: 0, delta: { content: 42, tool_calls: { index: 0 } } }, 'x', null]),
      want: [],
    },
    { name: 'error chunk', payload: { error: { message: 'boom', type: 'server_error', code: null } }, want: [] },
  ];
  for (const c of cases) it(c.name, () => checkStream(openAiChatStream, c.payload, c.want));

  it('keeps the id line on rebuild', () => {
    checkStream(openAiChatStream, chunk([{ index: 0, delta: { content: 'x' } }]), [
      { channel: 'choice:0', text: 'x', path: ['choices', 0, 'delta', 'content'] },
    ], { id: '17' });
  });

  it('returns null for [DONE], non-JSON and unknown shapes', () => {
    for (const data of MALFORMED_DATA) expect(openAiChatStream.parse(sseEvent(data))).toBeNull();
    expect(openAiChatStream.parse(parseOne(new TextEncoder().encode(': keep-alive\n\n')))).toBeNull();
  });

  it('rejects a rebuild with the wrong number of texts', () => {
    const parsed = openAiChatStream.parse(sseEvent(chunk([{ index: 0, delta: { content: 'x' } }])));
    expect(() => parsed?.rebuild([])).toThrow();
  });

  it('error event has the shape the openai client turns into an APIError', () => {
    const event = parseOne(openAiChatStream.errorEvent('Blocked by policy: "pii"', 'guard_blocked'));
    expect(event.event).toBeUndefined();
    expect(JSON.parse(event.data)).toEqual({
      error: { message: 'Blocked by policy: "pii"', type: 'server_error', code: 'guard_blocked' },
    });
  });
});

describe('openai chat json', () => {
  it('chat completion with content, refusal and tool calls', () => {
    checkJson(openAiChatJson, {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1718000000,
      model: 'gpt-4o-2024-08-06',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Calling two tools.',
            refusal: null,
            annotations: [],
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{"tz":"CET"}' } },
            ],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
        { index: 1, message: { role: 'assistant', content: null, refusal: 'No.' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
      service_tier: 'default',
    }, [
      { channel: 'choice:0', text: 'Calling two tools.', path: ['choices', 0, 'message', 'content'] },
      { channel: 'choice:0:tool:0', text: '{"city":"Paris"}', path: ['choices', 0, 'message', 'tool_calls', 0, 'function', 'arguments'] },
      { channel: 'choice:0:tool:1', text: '{"tz":"CET"}', path: ['choices', 0, 'message', 'tool_calls', 1, 'function', 'arguments'] },
      { channel: 'choice:1:refusal', text: 'No.', path: ['choices', 1, 'message', 'refusal'] },
    ]);
  });

  it('legacy completion', () => {
    checkJson(openAiChatJson, {
      id: 'cmpl-1',
      object: 'text_completion',
      created: 1718000000,
      model: 'gpt-3.5-turbo-instruct',
      choices: [{ text: '\n\nThis is indeed a test', index: 0, logprobs: null, finish_reason: 'length' }],
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
    }, [{ channel: 'choice:0', text: '\n\nThis is indeed a test', path: ['choices', 0, 'text'] }]);
  });

  it('a reply without text still parses, with no texts', () => {
    const parsed = openAiChatJson.fromPayload(parseJsonBytes(new TextEncoder().encode('{"choices":[{"index":0,"message":{"content":""}}]}')));
    expect(parsed?.texts).toEqual([]);
  });

  it('returns null for error bodies and garbage', () => {
    const enc = new TextEncoder();
    expect(openAiChatJson.fromPayload(parseJsonBytes(enc.encode('{"error":{"message":"Invalid key","type":"invalid_request_error","code":"invalid_api_key"}}')))).toBeNull();
    for (const body of MALFORMED_DATA) expect(openAiChatJson.fromPayload(parseJsonBytes(enc.encode(body)))).toBeNull();
    expect(openAiChatJson.fromPayload(parseJsonBytes(Uint8Array.of(0xff, 0xfe, 0x00)))).toBeNull();
  });
});
