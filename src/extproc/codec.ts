// Encoders for ProcessingResponse. This file and stream.ts are the only code that knows Envoy's messages.
import type {
  BodySendModeValue, CommonResponse, HeaderMutation, HeaderValueOption, ImmediateResponse, ProcessingMode,
  ProcessingResponse, Struct, StructValue,
} from './messages.js';
import { HeaderSendMode } from './messages.js';

const OVERWRITE_IF_EXISTS_OR_ADD = 2;

/** Mutations the pipeline asks for, in plain terms. */
export interface HeaderChanges {
  readonly set?: Readonly<Record<string, string>>;
  readonly remove?: readonly string[];
}

/** Envoy reads header values only from raw_value; setting `value` too is an error (500). */
export function encodeHeaderMutation(changes: HeaderChanges | undefined): HeaderMutation | undefined {
  if (!changes) return undefined;
  const set: HeaderValueOption[] = Object.entries(changes.set ?? {}).map(([key, value]) => ({
    header: { key, raw_value: Buffer.from(value, 'latin1') },
    append_action: OVERWRITE_IF_EXISTS_OR_ADD,
  }));
  const remove = [...(changes.remove ?? [])];
  if (set.length === 0 && remove.length === 0) return undefined;
  return { set_headers: set, remove_headers: remove };
}

export function commonResponse(headers?: HeaderChanges, body?: Uint8Array): CommonResponse {
  const response: CommonResponse = {};
  const mutation = encodeHeaderMutation(headers);
  if (mutation) response.header_mutation = mutation;
  // A zero-length replacement is still a replacement: in STREAMED mode it holds the chunk back.
  if (body) response.body_mutation = { body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
  return response;
}

export interface BodyModes { request: BodySendModeValue; response: BodySendModeValue; skipResponseHeaders?: boolean }

/** Envoy takes override body modes literally, so both are always set. */
export function modeOverride(modes: BodyModes): ProcessingMode {
  return {
    request_header_mode: HeaderSendMode.SEND,
    response_header_mode: modes.skipResponseHeaders ? HeaderSendMode.SKIP : HeaderSendMode.SEND,
    request_body_mode: modes.request,
    response_body_mode: modes.response,
    request_trailer_mode: HeaderSendMode.SKIP,
    response_trailer_mode: HeaderSendMode.SKIP,
  };
}

export function immediateResponse(status: number, contentType: string, body: string, details: string, extraHeaders: Record<string, string> = {}): ImmediateResponse {
  return {
    status: { code: status },
    headers: encodeHeaderMutation({ set: { 'content-type': contentType, ...extraHeaders } }),
    body: Buffer.from(body, 'utf8'),
    // Shows in Envoy's access log as %RESPONSE_CODE_DETAILS%; Envoy rejects whitespace there.
    details: Array.from(details, (ch) => (ch.trim() === '' ? '_' : ch)).join(''),
  };
}

export function toStructValue(value: unknown): StructValue {
  if (value === null || value === undefined) return { nullValue: 0 };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(toStructValue) } };
  if (typeof value === 'object') return { structValue: toStruct(value as Record<string, unknown>) };
  return { stringValue: String(value) };
}

export function toStruct(obj: Record<string, unknown>): Struct {
  // fromEntries defines own properties, so even a "__proto__" key becomes a field.
  const fields: Record<string, StructValue> = Object.fromEntries(
    Object.entries(obj).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toStructValue(v)]),
  );
  return { fields };
}

export type ReplyKind = 'request_headers' | 'response_headers' | 'request_body' | 'response_body';

export function reply(kind: ReplyKind, response: CommonResponse, extra: Partial<ProcessingResponse> = {}): ProcessingResponse {
  return { [kind]: { response }, ...extra } as ProcessingResponse;
}

/**
 * Replies that never vary (a plain "continue", the usual mode overrides) are built once per process and
 * serialised once: protobuf encoding of every reply is a measurable share of the guard's per-message
 * cost in `npm run bench`. The serializer in proto.ts returns the cached bytes for these objects.
 */
const constantBytes = new WeakMap<object, Buffer | null>();
const constants = new Map<string, ProcessingResponse>();

export function constantReply(key: string, build: () => ProcessingResponse): ProcessingResponse {
  let msg = constants.get(key);
  if (!msg) {
    msg = deepFreeze(build());
    constants.set(key, msg);
    constantBytes.set(msg, null);
  }
  return msg;
}

/** Wraps a ProcessingResponse serializer so constant replies are encoded on first use only. */
export function cachingSerializer(serialize: (msg: ProcessingResponse) => Buffer): (msg: ProcessingResponse) => Buffer {
  return (msg) => {
    const cached = constantBytes.get(msg);
    if (cached === undefined) return serialize(msg); // not a constant: the usual path
    if (cached) return cached; // grpc-js copies it into its own frame buffer
    const bytes = serialize(msg);
    constantBytes.set(msg, bytes);
    return bytes;
  };
}

function deepFreeze<T>(value: T): T {
  // Typed arrays (header raw values, bodies) cannot be frozen; nothing writes to them anyway.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
