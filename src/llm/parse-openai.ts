// OpenAI request shapes (Chat Completions, Responses, legacy Completions, Embeddings) into the
// normalised model. Every text the model will read becomes a TextPart whose path addresses exactly that
// string in the parsed body; content the guards cannot read as text (images, audio, files) is skipped.
import type { JsonPath, LlmMessage, LlmRequest, TextPart, ToolCall } from './model.js';
import {
  asRecord, fail, field, llmRequest, message, oneOf, optionalArray, optionalBoolean, optionalString, optionalTokenCount,
  requireArray, requireString, textAt, toolCall, type JsonRecord,
} from './shape.js';

// ---------------------------------------------------------------------------------------------------
// Chat Completions

const CHAT_ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;

/**
 * Text from a string or an array of content parts. `refusal` parts (assistant history) are text the
 * model reads back, so they are surfaced too; image_url, input_audio, file and unknown parts are skipped.
 */
function chatContent(value: unknown, path: JsonPath): TextPart[] {
  if (typeof value === 'string') return [{ text: value, path }];
  if (!Array.isArray(value)) fail(path, 'must be a string or an array of content parts');
  const parts: TextPart[] = [];
  value.forEach((raw, j) => {
    const partPath = [...path, j];
    const part = asRecord(raw, partPath);
    const type = requireString(part, 'type', partPath);
    if (type === 'text') parts.push(textAt(part, 'text', partPath));
    else if (type === 'refusal') parts.push(textAt(part, 'refusal', partPath));
  });
  return parts;
}

function chatToolCalls(msg: JsonRecord, at: JsonPath): ToolCall[] {
  const calls: ToolCall[] = [];
  optionalArray(msg, 'tool_calls', at)?.forEach((raw, k) => {
    const callPath = [...at, 'tool_calls', k];
    const call = asRecord(raw, callPath);
    const id = optionalString(call, 'id', callPath);
    const type = optionalString(call, 'type', callPath) ?? 'function';
    if (type === 'function') {
      const fnPath = [...callPath, 'function'];
      const fn = asRecord(field(call, 'function'), fnPath);
      calls.push(toolCall(id, requireString(fn, 'name', fnPath), textAt(fn, 'arguments', fnPath)));
    } else if (type === 'custom') {
      const customPath = [...callPath, 'custom'];
      const custom = asRecord(field(call, 'custom'), customPath);
      calls.push(toolCall(id, requireString(custom, 'name', customPath), textAt(custom, 'input', customPath)));
    }
    // Other call types do not exist in the API today; the provider rejects them, so skipping is safe.
  });
  // The deprecated single function_call predates tool_calls and carries no id.
  const legacy = field(msg, 'function_call');
  if (legacy !== undefined && legacy !== null) {
    const fnPath = [...at, 'function_call'];
    const fn = asRecord(legacy, fnPath);
    calls.push(toolCall(undefined, requireString(fn, 'name', fnPath), textAt(fn, 'arguments', fnPath)));
  }
  return calls;
}

function chatMessage(raw: unknown, at: JsonPath): LlmMessage {
  const msg = asRecord(raw, at);
  const role = oneOf(requireString(msg, 'role', at), CHAT_ROLES, [...at, 'role']);
  const content = field(msg, 'content');
  const contentPath = [...at, 'content'];
  switch (role) {
    case 'assistant': {
      // Content may be null or absent when the turn is only tool calls.
      const parts = content === undefined || content === null ? [] : chatContent(content, contentPath);
      const refusal = optionalString(msg, 'refusal', at);
      if (refusal !== undefined) parts.push({ text: refusal, path: [...at, 'refusal'] });
      return message('assistant', parts, chatToolCalls(msg, at));
    }
    case 'tool':
      return message('tool', chatContent(content, contentPath), [], requireString(msg, 'tool_call_id', at));
    case 'function':
      // Legacy function results: the model treats them as tool output; they name the function, not a call.
      return message('tool', content === undefined || content === null ? [] : chatContent(content, contentPath));
    default:
      return message(role, chatContent(content, contentPath));
  }
}

export function parseOpenAiChat(body: JsonRecord): LlmRequest {
  const model = requireString(body, 'model', []);
  const messages = requireArray(body, 'messages', []).map((raw, i) => chatMessage(raw, ['messages', i]));
  // max_tokens is deprecated in favour of max_completion_tokens; both are still accepted, the newer wins.
  const maxCompletion = optionalTokenCount(body, 'max_completion_tokens', []);
  const maxLegacy = optionalTokenCount(body, 'max_tokens', []);
  const maxTokens = maxCompletion ?? maxLegacy;
  return llmRequest('openai-chat', model, optionalBoolean(body, 'stream', []) ?? false, maxTokens, messages);
}

// ---------------------------------------------------------------------------------------------------
// Responses

const RESPONSES_ROLES = ['user', 'assistant', 'system', 'developer'] as const;

/** Message content: input_text (user side) and output_text / refusal (replayed assistant output). */
function responsesContent(value: unknown, path: JsonPath): TextPart[] {
  if (typeof value === 'string') return [{ text: value, path }];
  if (!Array.isArray(value)) fail(path, 'must be a string or an array of content parts');
  const parts: TextPart[] = [];
  value.forEach((raw, j) => {
    const partPath = [...path, j];
    const part = asRecord(raw, partPath);
    const type = requireString(part, 'type', partPath);
    if (type === 'input_text' || type === 'output_text') parts.push(textAt(part, 'text', partPath));
    else if (type === 'refusal') parts.push(textAt(part, 'refusal', partPath));
  });
  return parts;
}

/** Tool output: a string, or a list of input_text / input_image / input_file parts. */
function responsesOutput(item: JsonRecord, at: JsonPath): TextPart[] {
  const output = field(item, 'output');
  const path = [...at, 'output'];
  if (typeof output === 'string') return [{ text: output, path }];
  if (!Array.isArray(output)) fail(path, 'must be a string or an array of content parts');
  return responsesContent(output, path);
}

function responsesItem(raw: unknown, at: JsonPath): LlmMessage | null {
  const item = asRecord(raw, at);
  const type = optionalString(item, 'type', at);
  // An item_reference may omit its type ({ id }); it points at stored output and carries no text.
  if (type === undefined && field(item, 'role') === undefined && typeof field(item, 'id') === 'string') return null;
  switch (type) {
    case undefined:
    case 'message': {
      // EasyInputMessage (type optional) and the typed input / output message items share this shape.
      const role = oneOf(requireString(item, 'role', at), RESPONSES_ROLES, [...at, 'role']);
      return message(role, responsesContent(field(item, 'content'), [...at, 'content']));
    }
    case 'function_call':
      return message('assistant', [], [toolCall(requireString(item, 'call_id', at), requireString(item, 'name', at), textAt(item, 'arguments', at))]);
    case 'custom_tool_call':
      return message('assistant', [], [toolCall(requireString(item, 'call_id', at), requireString(item, 'name', at), textAt(item, 'input', at))]);
    case 'function_call_output':
    case 'custom_tool_call_output':
      return message('tool', responsesOutput(item, at), [], optionalString(item, 'call_id', at));
    default:
      // reasoning, item_reference, built-in tool calls and their outputs: not free text a guard can judge.
      return null;
  }
}

export function parseOpenAiResponses(body: JsonRecord): LlmRequest {
  const messages: LlmMessage[] = [];
  const instructions = optionalString(body, 'instructions', []);
  if (instructions !== undefined) messages.push(message('system', [{ text: instructions, path: ['instructions'] }]));
  // input is optional: a request may continue from previous_response_id or a stored prompt alone.
  const input = field(body, 'input');
  if (typeof input === 'string') messages.push(message('user', [{ text: input, path: ['input'] }]));
  else if (Array.isArray(input)) {
    input.forEach((raw, i) => {
      const msg = responsesItem(raw, ['input', i]);
      if (msg !== null) messages.push(msg);
    });
  } else if (input !== undefined && input !== null) fail(['input'], 'must be a string or an array of items');
  const stream = optionalBoolean(body, 'stream', []) ?? false;
  const maxTokens = optionalTokenCount(body, 'max_output_tokens', []);
  return llmRequest('openai-responses', optionalString(body, 'model', []), stream, maxTokens, messages);
}

// ---------------------------------------------------------------------------------------------------
// Completions (legacy) and Embeddings

function isTokenArray(value: unknown): boolean {
  return Array.isArray(value) && value.every((t) => typeof t === 'number' && Number.isInteger(t));
}

/** Text inputs: a string or an array of strings, each one user message (a batch of prompts). */
function textInputs(value: unknown, path: JsonPath): LlmMessage[] | null {
  if (typeof value === 'string') return [message('user', [{ text: value, path }])];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.map((text: string, i) => message('user', [{ text, path: [...path, i] }]));
  }
  return null;
}

export function parseOpenAiCompletions(body: JsonRecord): LlmRequest {
  const model = requireString(body, 'model', []);
  const prompt = field(body, 'prompt');
  // A null or absent prompt makes the model start from <|endoftext|>: nothing to inspect.
  const messages = prompt === undefined || prompt === null ? [] : textInputs(prompt, ['prompt']);
  // Token-id prompts are refused rather than skipped: the guards cannot read them, and letting a
  // generation prompt through uninspected would be a bypass.
  if (messages === null) fail(['prompt'], 'must be a string or an array of strings');
  // suffix is text the model reads too (insertion mode).
  const suffix = optionalString(body, 'suffix', []);
  if (suffix !== undefined) messages.push(message('user', [{ text: suffix, path: ['suffix'] }]));
  const stream = optionalBoolean(body, 'stream', []) ?? false;
  return llmRequest('openai-completions', model, stream, optionalTokenCount(body, 'max_tokens', []), messages);
}

export function parseOpenAiEmbeddings(body: JsonRecord): LlmRequest {
  const model = requireString(body, 'model', []);
  const input = field(body, 'input');
  let messages = textInputs(input, ['input']);
  if (messages === null) {
    // Token ids (one array, or an array of arrays) are accepted and skipped: an embedding produces no
    // text, so there is nothing for the model to be instructed with.
    const tokens = isTokenArray(input) || (Array.isArray(input) && input.every(isTokenArray));
    if (!tokens) fail(['input'], 'must be a string, an array of strings or an array of token arrays');
    messages = [];
  }
  return llmRequest('openai-embeddings', model, false, undefined, messages);
}
