// Test data: realistic request bodies per API, modelled on the official API references and type-checked
// against the providers' own SDK request types (`satisfies`), with the normalised model each should give.
// Shared by the parser and rewrite tests; not imported by product code.
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import type { ApiKind, JsonPath, LlmMessage, LlmRequest, Role, TextPart, ToolCall } from '../model.js';

export interface ValidCase {
  readonly name: string;
  readonly api: ApiKind;
  readonly body: object;
  readonly expected: LlmRequest;
}

const t = (text: string, ...path: JsonPath): TextPart => ({ text, path });
const call = (id: string | undefined, name: string, args: TextPart): ToolCall =>
  id === undefined ? { name, arguments: args } : { id, name, arguments: args };
const msg = (role: Role, parts: TextPart[], toolCalls: ToolCall[] = [], toolCallId?: string): LlmMessage =>
  toolCallId === undefined ? { role, parts, toolCalls } : { role, parts, toolCalls, toolCallId };

const WEATHER_ARGS = '{"location":"Boston, MA","unit":"celsius"}';

const chatFull = {
  model: 'gpt-4o',
  messages: [
    { role: 'developer', content: 'You are a helpful assistant.' },
    { role: 'system', content: [{ type: 'text', text: 'Answer in one sentence.' }] },
    {
      role: 'user',
      name: 'alice',
      content: [
        { type: 'text', text: "What's the weather like in Boston today? [see {photo}]" },
        { type: 'image_url', image_url: { url: 'https://example.com/boston.jpg', detail: 'low' } },
        { type: 'input_audio', input_audio: { data: 'UklGRiQAAABXQVZF', format: 'wav' } },
        { type: 'file', file: { file_id: 'file-abc123' } },
      ],
    },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_abc123', type: 'function', function: { name: 'get_current_weather', arguments: WEATHER_ARGS } },
        { id: 'call_def456', type: 'custom', custom: { name: 'sql', input: 'SELECT 1' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_abc123', content: '{"temperature":22,"unit":"celsius"}' },
    { role: 'tool', tool_call_id: 'call_def456', content: [{ type: 'text', text: '1' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'It is 22 °C and sunny 🌞.' }, { type: 'refusal', refusal: 'No.' }] },
    { role: 'assistant', content: 'Earlier answer', refusal: 'I cannot help with that.' },
    { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"q":"x"}' } },
    { role: 'function', name: 'lookup', content: 'legacy result' },
  ],
  tools: [{ type: 'function', function: { name: 'get_current_weather', parameters: { type: 'object', properties: {} } } }],
  stream: true,
  stream_options: { include_usage: true },
  max_completion_tokens: 256,
  max_tokens: 999,
  temperature: 0.2,
} satisfies OpenAI.Chat.ChatCompletionCreateParams;

const responsesFull = {
  model: 'gpt-4.1',
  instructions: 'You are a coding assistant that talks like a pirate.',
  input: [
    { role: 'user', content: 'Are semicolons optional in JavaScript?' },
    { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Be terse.' }] },
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'What is in this image?' },
        { type: 'input_image', detail: 'auto', image_url: 'https://example.com/image.png' },
        { type: 'input_file', file_id: 'file-123' },
      ],
    },
    {
      id: 'msg_001', type: 'message', role: 'assistant', status: 'completed',
      content: [{ type: 'output_text', text: 'Arr, they be optional.', annotations: [] }, { type: 'refusal', refusal: 'Nay.' }],
    },
    { type: 'reasoning', id: 'rs_001', summary: [{ type: 'summary_text', text: 'thinking' }] },
    { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: WEATHER_ARGS },
    { type: 'function_call_output', call_id: 'call_1', output: '{"temperature":22}' },
    { type: 'function_call_output', call_id: 'call_2', output: [{ type: 'input_text', text: 'part one' }, { type: 'input_image', detail: 'auto', image_url: 'https://example.com/i.png' }] },
    { type: 'custom_tool_call', call_id: 'call_3', name: 'grammar', input: 'a+b' },
    { type: 'custom_tool_call_output', call_id: 'call_3', output: 'ok' },
    { type: 'item_reference', id: 'msg_000' },
    { id: 'msg_untyped_reference' },
  ],
  max_output_tokens: 500,
  stream: true,
  store: false,
} satisfies OpenAI.Responses.ResponseCreateParams;

const anthropicFull = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  system: 'You are a weather bot. Use {tools} when asked.',
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is the weather in San Francisco?' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc text' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'I should call the tool.', signature: 'sig' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { location: 'San Francisco, CA', unit: 'celsius' } },
        { type: 'tool_use', id: 'toolu_01B', name: 'get_time', input: {} },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_01A', content: '15 degrees' },
        { type: 'tool_result', tool_use_id: 'toolu_01B', content: [{ type: 'text', text: '10:00' }, { type: 'image', source: { type: 'url', url: 'https://example.com/c.png' } }], is_error: false },
        { type: 'text', text: 'Thanks, and tomorrow?' },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01C' }] },
    { role: 'assistant', content: [] },
  ],
  stream: true,
} satisfies Anthropic.MessageCreateParams;

export const VALID_CASES: readonly ValidCase[] = [
  {
    name: 'openai-chat: full conversation with parts, tool calls, refusals and legacy function messages',
    api: 'openai-chat',
    body: chatFull,
    expected: {
      api: 'openai-chat', model: 'gpt-4o', stream: true, maxTokens: 256,
      messages: [
        msg('developer', [t('You are a helpful assistant.', 'messages', 0, 'content')]),
        msg('system', [t('Answer in one sentence.', 'messages', 1, 'content', 0, 'text')]),
        msg('user', [t("What's the weather like in Boston today? [see {photo}]", 'messages', 2, 'content', 0, 'text')]),
        msg('assistant', [], [
          call('call_abc123', 'get_current_weather', t(WEATHER_ARGS, 'messages', 3, 'tool_calls', 0, 'function', 'arguments')),
          call('call_def456', 'sql', t('SELECT 1', 'messages', 3, 'tool_calls', 1, 'custom', 'input')),
        ]),
        msg('tool', [t('{"temperature":22,"unit":"celsius"}', 'messages', 4, 'content')], [], 'call_abc123'),
        msg('tool', [t('1', 'messages', 5, 'content', 0, 'text')], [], 'call_def456'),
        msg('assistant', [t('It is 22 °C and sunny 🌞.', 'messages', 6, 'content', 0, 'text'), t('No.', 'messages', 6, 'content', 1, 'refusal')]),
        msg('assistant', [t('Earlier answer', 'messages', 7, 'content'), t('I cannot help with that.', 'messages', 7, 'refusal')]),
        msg('assistant', [], [call(undefined, 'lookup', t('{"q":"x"}', 'messages', 8, 'function_call', 'arguments'))]),
        msg('tool', [t('legacy result', 'messages', 9, 'content')]),
      ],
    },
  },
  {
    name: 'openai-chat: minimal, legacy max_tokens, stream omitted',
    api: 'openai-chat',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello!' }], max_tokens: 50 } satisfies OpenAI.Chat.ChatCompletionCreateParams,
    expected: { api: 'openai-chat', model: 'gpt-4o-mini', stream: false, maxTokens: 50, messages: [msg('user', [t('Hello!', 'messages', 0, 'content')])] },
  },
  {
    name: 'openai-responses: string input',
    api: 'openai-responses',
    body: { model: 'gpt-4.1', input: 'Tell me a three sentence bedtime story about a unicorn.' } satisfies OpenAI.Responses.ResponseCreateParams,
    expected: { api: 'openai-responses', model: 'gpt-4.1', stream: false, messages: [msg('user', [t('Tell me a three sentence bedtime story about a unicorn.', 'input')])] },
  },
  {
    name: 'openai-responses: instructions and every item kind',
    api: 'openai-responses',
    body: responsesFull,
    expected: {
      api: 'openai-responses', model: 'gpt-4.1', stream: true, maxTokens: 500,
      messages: [
        msg('system', [t('You are a coding assistant that talks like a pirate.', 'instructions')]),
        msg('user', [t('Are semicolons optional in JavaScript?', 'input', 0, 'content')]),
        msg('developer', [t('Be terse.', 'input', 1, 'content', 0, 'text')]),
        msg('user', [t('What is in this image?', 'input', 2, 'content', 0, 'text')]),
        msg('assistant', [t('Arr, they be optional.', 'input', 3, 'content', 0, 'text'), t('Nay.', 'input', 3, 'content', 1, 'refusal')]),
        msg('assistant', [], [call('call_1', 'get_weather', t(WEATHER_ARGS, 'input', 5, 'arguments'))]),
        msg('tool', [t('{"temperature":22}', 'input', 6, 'output')], [], 'call_1'),
        msg('tool', [t('part one', 'input', 7, 'output', 0, 'text')], [], 'call_2'),
        msg('assistant', [], [call('call_3', 'grammar', t('a+b', 'input', 8, 'input'))]),
        msg('tool', [t('ok', 'input', 9, 'output')], [], 'call_3'),
      ],
    },
  },
  {
    name: 'openai-responses: continuation without input or model',
    api: 'openai-responses',
    body: { previous_response_id: 'resp_123', prompt: { id: 'pmpt_1' } } satisfies OpenAI.Responses.ResponseCreateParams,
    expected: { api: 'openai-responses', stream: false, messages: [] },
  },
  {
    name: 'openai-completions: single prompt',
    api: 'openai-completions',
    body: { model: 'gpt-3.5-turbo-instruct', prompt: 'Say this is a test', max_tokens: 7, temperature: 0 } satisfies OpenAI.CompletionCreateParams,
    expected: { api: 'openai-completions', model: 'gpt-3.5-turbo-instruct', stream: false, maxTokens: 7, messages: [msg('user', [t('Say this is a test', 'prompt')])] },
  },
  {
    name: 'openai-completions: prompt batch with suffix, streaming',
    api: 'openai-completions',
    body: { model: 'gpt-3.5-turbo-instruct', prompt: ['def add(a, b):', 'def sub(a, b):'], suffix: '\n\nprint("done")', stream: true } satisfies OpenAI.CompletionCreateParams,
    expected: {
      api: 'openai-completions', model: 'gpt-3.5-turbo-instruct', stream: true,
      messages: [msg('user', [t('def add(a, b):', 'prompt', 0)]), msg('user', [t('def sub(a, b):', 'prompt', 1)]), msg('user', [t('\n\nprint("done")', 'suffix')])],
    },
  },
  {
    name: 'openai-completions: null prompt',
    api: 'openai-completions',
    body: { model: 'gpt-3.5-turbo-instruct', prompt: null } satisfies OpenAI.CompletionCreateParams,
    expected: { api: 'openai-completions', model: 'gpt-3.5-turbo-instruct', stream: false, messages: [] },
  },
  {
    name: 'openai-embeddings: string input',
    api: 'openai-embeddings',
    body: { model: 'text-embedding-3-small', input: 'The food was delicious and the waiter...', encoding_format: 'float' } satisfies OpenAI.EmbeddingCreateParams,
    expected: { api: 'openai-embeddings', model: 'text-embedding-3-small', stream: false, messages: [msg('user', [t('The food was delicious and the waiter...', 'input')])] },
  },
  {
    name: 'openai-embeddings: string array input',
    api: 'openai-embeddings',
    body: { model: 'text-embedding-3-small', input: ['first', 'second'], dimensions: 256 } satisfies OpenAI.EmbeddingCreateParams,
    expected: { api: 'openai-embeddings', model: 'text-embedding-3-small', stream: false, messages: [msg('user', [t('first', 'input', 0)]), msg('user', [t('second', 'input', 1)])] },
  },
  {
    name: 'openai-embeddings: token arrays are skipped',
    api: 'openai-embeddings',
    body: { model: 'text-embedding-3-small', input: [[1820, 25977], [9906]] } satisfies OpenAI.EmbeddingCreateParams,
    expected: { api: 'openai-embeddings', model: 'text-embedding-3-small', stream: false, messages: [] },
  },
  {
    name: 'anthropic-messages: minimal',
    api: 'anthropic-messages',
    body: { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello, world' }] } satisfies Anthropic.MessageCreateParams,
    expected: { api: 'anthropic-messages', model: 'claude-sonnet-4-5', stream: false, maxTokens: 1024, messages: [msg('user', [t('Hello, world', 'messages', 0, 'content')])] },
  },
  {
    name: 'anthropic-messages: system string, tool use and results, skipped blocks',
    api: 'anthropic-messages',
    body: anthropicFull,
    expected: {
      api: 'anthropic-messages', model: 'claude-sonnet-4-5', stream: true, maxTokens: 1024,
      messages: [
        msg('system', [t('You are a weather bot. Use {tools} when asked.', 'system')]),
        msg('user', [t('What is the weather in San Francisco?', 'messages', 0, 'content', 0, 'text')]),
        msg('assistant', [t('Let me check.', 'messages', 1, 'content', 1, 'text')], [
          call('toolu_01A', 'get_weather', t('{"location":"San Francisco, CA","unit":"celsius"}', 'messages', 1, 'content', 2, 'input')),
          call('toolu_01B', 'get_time', t('{}', 'messages', 1, 'content', 3, 'input')),
        ]),
        msg('tool', [t('15 degrees', 'messages', 2, 'content', 0, 'content')], [], 'toolu_01A'),
        msg('tool', [t('10:00', 'messages', 2, 'content', 1, 'content', 0, 'text')], [], 'toolu_01B'),
        msg('user', [t('Thanks, and tomorrow?', 'messages', 2, 'content', 2, 'text')]),
        msg('tool', [], [], 'toolu_01C'),
        msg('assistant', []),
      ],
    },
  },
  {
    name: 'anthropic-messages: system as text blocks',
    api: 'anthropic-messages',
    body: {
      model: 'claude-opus-4-1', max_tokens: 64, stream: false,
      system: [{ type: 'text', text: 'You are terse.' }, { type: 'text', text: 'Big cached context', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }, { role: 'assistant', content: 'Hello' }],
    } satisfies Anthropic.MessageCreateParams,
    expected: {
      api: 'anthropic-messages', model: 'claude-opus-4-1', stream: false, maxTokens: 64,
      messages: [
        msg('system', [t('You are terse.', 'system', 0, 'text'), t('Big cached context', 'system', 1, 'text')]),
        msg('user', [t('Hi', 'messages', 0, 'content', 0, 'text')]),
        msg('assistant', [t('Hello', 'messages', 1, 'content')]),
      ],
    },
  },
];

/** Encodes a fixture body the way a client would send it. */
export function encode(body: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(body));
}

export const GENEROUS_LIMITS = { maxBodyBytes: 1 << 20, maxJsonDepth: 64, maxMessages: 1000 } as const;
