// Small readers shared by the per-API request parsers. They are strict on the type of every field they
// read and ignore every field they do not, so new provider fields pass through while a wrong type is
// caught here rather than deep inside a guard. Error details name fields and never echo values.
import type { ApiKind, JsonPath, LlmMessage, LlmRequest, Role, TextPart, ToolCall } from './model.js';

/** Thrown by the parsers when the body does not match the API shape; turned into invalid_request_shape. */
export class ShapeError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'ShapeError';
  }
}

export type JsonRecord = { readonly [key: string]: unknown };

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Own properties only: JSON.parse gives plain objects whose prototype would otherwise answer for names
 * like `constructor`; the parsers only ever ask for data the client actually sent.
 */
export function field(obj: JsonRecord, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Renders a path for error details, e.g. messages[2].content. Only our own field names and indices. */
export function describePath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  }
  return out === '' ? 'body' : out;
}

export function fail(path: JsonPath, expectation: string): never {
  throw new ShapeError(`${describePath(path)} ${expectation}`);
}

export function asRecord(value: unknown, path: JsonPath): JsonRecord {
  if (!isRecord(value)) fail(path, 'must be an object');
  return value;
}

export function requireString(obj: JsonRecord, key: string, at: JsonPath): string {
  const value = field(obj, key);
  if (typeof value !== 'string') fail([...at, key], 'must be a string');
  return value;
}

/** Missing and null mean the same: the providers accept explicit nulls for their optional fields. */
export function optionalString(obj: JsonRecord, key: string, at: JsonPath): string | undefined {
  const value = field(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail([...at, key], 'must be a string');
  return value;
}

export function optionalBoolean(obj: JsonRecord, key: string, at: JsonPath): boolean | undefined {
  const value = field(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail([...at, key], 'must be a boolean');
  return value;
}

/** Token limits feed quota accounting, so anything but a non-negative integer is refused outright. */
export function optionalTokenCount(obj: JsonRecord, key: string, at: JsonPath): number | undefined {
  const value = field(obj, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail([...at, key], 'must be a non-negative integer');
  }
  return value;
}

export function requireTokenCount(obj: JsonRecord, key: string, at: JsonPath): number {
  const value = optionalTokenCount(obj, key, at);
  if (value === undefined) fail([...at, key], 'is required');
  return value;
}

export function requireArray(obj: JsonRecord, key: string, at: JsonPath): readonly unknown[] {
  const value = field(obj, key);
  if (!Array.isArray(value)) fail([...at, key], 'must be an array');
  return value;
}

export function optionalArray(obj: JsonRecord, key: string, at: JsonPath): readonly unknown[] | undefined {
  const value = field(obj, key);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail([...at, key], 'must be an array');
  return value;
}

/** A TextPart for the string at obj[key], which must be a string. */
export function textAt(obj: JsonRecord, key: string, at: JsonPath): TextPart {
  return { text: requireString(obj, key, at), path: [...at, key] };
}

export function message(role: Role, parts: readonly TextPart[], toolCalls: readonly ToolCall[] = [], toolCallId?: string): LlmMessage {
  // Leave toolCallId absent rather than undefined so messages compare and serialise cleanly.
  return toolCallId === undefined ? { role, parts, toolCalls } : { role, parts, toolCalls, toolCallId };
}

/** Optional fields are left out rather than set to undefined, for clean comparison and logging. */
export function llmRequest(api: ApiKind, model: string | undefined, stream: boolean, maxTokens: number | undefined, messages: readonly LlmMessage[]): LlmRequest {
  return {
    api,
    ...(model === undefined ? {} : { model }),
    stream,
    ...(maxTokens === undefined ? {} : { maxTokens }),
    messages,
  };
}

export function toolCall(id: string | undefined, name: string, args: TextPart): ToolCall {
  return id === undefined ? { name, arguments: args } : { id, name, arguments: args };
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], path: JsonPath): T {
  if (!(allowed as readonly string[]).includes(value)) fail(path, `must be one of ${allowed.join(', ')}`);
  return value as T;
}
