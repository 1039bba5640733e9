// Request bodies in, normalised model out. The checks run cheapest and most dangerous first: size before
// decoding, encoding before any parse, nesting depth before JSON.parse (which recurses), shape last. A
// refusal names the field or limit involved and never echoes request content into logs or responses.
import { scanJson } from './json-scan.js';
import type { ApiKind, LlmRequest } from './model.js';
import { parseAnthropicMessages } from './parse-anthropic.js';
import { parseOpenAiChat, parseOpenAiCompletions, parseOpenAiEmbeddings, parseOpenAiResponses } from './parse-openai.js';
import { isRecord, ShapeError, type JsonRecord } from './shape.js';

export interface RequestLimits {
  maxBodyBytes: number;
  maxJsonDepth: number;
  maxMessages: number;
}

export type ParseFailureCode =
  | 'request_too_large'
  | 'invalid_encoding'
  | 'invalid_json'
  | 'json_too_deep'
  | 'too_many_messages'
  | 'invalid_request_shape';

export type ParseResult =
  | { ok: true; request: LlmRequest; body: unknown /* the parsed JSON, for rewriting */ }
  | { ok: false; code: ParseFailureCode; detail: string /* safe: names a field or limit, never content */ };

const PARSERS: Readonly<Record<ApiKind, (body: JsonRecord) => LlmRequest>> = {
  'openai-chat': parseOpenAiChat,
  'openai-responses': parseOpenAiResponses,
  'openai-completions': parseOpenAiCompletions,
  'openai-embeddings': parseOpenAiEmbeddings,
  'anthropic-messages': parseAnthropicMessages,
};

// fatal: malformed UTF-8 (stray continuation bytes, truncated or overlong sequences, encoded surrogates)
// is refused instead of becoming U+FFFD, which would let guards and provider see different text. A
// leading BOM is dropped (TextDecoder's default), as RFC 8259 permits parsers to do.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const NUL = String.fromCharCode(0);

function refuse(code: ParseFailureCode, detail: string): ParseResult {
  return { ok: false, code, detail };
}

export function parseLlmRequest(api: ApiKind, body: Uint8Array, limits: RequestLimits): ParseResult {
  if (body.byteLength > limits.maxBodyBytes) {
    return refuse('request_too_large', `body exceeds maxBodyBytes (${limits.maxBodyBytes})`);
  }

  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    return refuse('invalid_encoding', 'body is not valid UTF-8');
  }
  if (text.includes(NUL)) return refuse('invalid_encoding', 'body contains a NUL character');

  switch (scanJson(text, limits.maxJsonDepth)) {
    case 'escaped_nul':
      return refuse('invalid_encoding', 'a string contains an escaped NUL character');
    case 'lone_surrogate':
      return refuse('invalid_encoding', 'a string contains an unpaired surrogate escape');
    case 'too_deep':
      return refuse('json_too_deep', `body nests deeper than maxJsonDepth (${limits.maxJsonDepth})`);
    case 'ok':
      break;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse('invalid_json', 'body is not valid JSON');
  }
  if (!isRecord(parsed)) return refuse('invalid_request_shape', 'body must be a JSON object');

  let request: LlmRequest;
  try {
    request = PARSERS[api](parsed);
  } catch (err) {
    // Only shape errors are expected; anything else is a bug and should surface, not become a 400.
    if (err instanceof ShapeError) return refuse('invalid_request_shape', err.detail);
    throw err;
  }

  if (request.messages.length > limits.maxMessages) {
    return refuse('too_many_messages', `request has more messages than maxMessages (${limits.maxMessages})`);
  }
  return { ok: true, request, body: parsed };
}
