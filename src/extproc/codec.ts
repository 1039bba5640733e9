// Encoders for ProcessingResponse. This file and stream.ts are the only code that knows Envoy's messages.
import type {
  BodySendModeValue, CommonResponse, HeaderMutation, HeaderValueOption, ImmediateResponse, ProcessingMode,
  ProcessingResponse, Struct, StructValue,
} from './messages.js';
import { HeaderSendMode } from './messages.js';
import { deepFreeze } from '../util/deep-freeze.js';

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

/**
 * The last reply of a request carries the dynamic metadata for Envoy's access log, so it differs every
 * time. Protobuf messages may be concatenated (fields merge), so its bytes are the cached bytes of the
 * constant reply it extends followed by a hand-encoded dynamic_metadata field: no protobufjs object
 * conversion of the Struct on every request.
 */
export function withDynamicMetadata(base: ProcessingResponse, metadata: Record<string, unknown>): ProcessingResponse {
  return new MetadataReply(base, metadata) as unknown as ProcessingResponse;
}

/** The base reply's fields plus dynamic_metadata, whose object form is built only if read (tests, debugging). */
class MetadataReply {
  // Private fields: readers of the reply (Object.keys, spreading) see a ProcessingResponse only.
  readonly #base: ProcessingResponse;
  readonly #metadata: Record<string, unknown>;
  readonly #tail: Buffer;

  constructor(base: ProcessingResponse, metadata: Record<string, unknown>) {
    Object.assign(this, base);
    this.#base = base;
    this.#metadata = metadata;
    this.#tail = encodeMetadataField(metadata);
  }

  get dynamic_metadata(): Struct {
    return toStruct(this.#metadata);
  }

  encode(encodeBase: (msg: ProcessingResponse) => Buffer): Buffer {
    return Buffer.concat([encodeBase(this.#base), this.#tail]);
  }
}

/** Wraps a ProcessingResponse serializer: constant replies are encoded on first use only (see above). */
export function cachingSerializer(serialize: (msg: ProcessingResponse) => Buffer): (msg: ProcessingResponse) => Buffer {
  const encode = (msg: ProcessingResponse): Buffer => {
    // A constant plus metadata: the constant's bytes, then the metadata field.
    if (msg instanceof MetadataReply) return msg.encode(encode);
    const cached = constantBytes.get(msg);
    if (cached === undefined) return serialize(msg); // not a constant: the usual path
    if (cached) return cached; // grpc-js copies it into its own frame buffer
    const bytes = serialize(msg);
    constantBytes.set(msg, bytes);
    return bytes;
  };
  return encode;
}

// --- google.protobuf.Struct on the wire, with the same rules as toStruct/toStructValue above. ---------
// Two passes: sizes first, then one Buffer written in place (protobufjs' object conversion and a
// byte-array builder were both slower; codec.test.ts checks the bytes against protobufjs).
const DYNAMIC_METADATA_FIELD = 8; // ProcessingResponse.dynamic_metadata
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;

const varintSize = (v: number): number => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);

function writeVarint(buf: Buffer, at: number, value: number): number {
  let v = value >>> 0;
  while (v > 0x7f) { buf[at++] = (v & 0x7f) | 0x80; v >>>= 7; }
  buf[at++] = v;
  return at;
}

/** Field key, length and payload of a length-delimited field whose payload is `size` bytes. */
const delimitedSize = (size: number): number => 1 + varintSize(size) + size;

/**
 * Value: null_value=1, number_value=2, string_value=3, bool_value=4, struct_value=5, list_value=6.
 * Strings are UTF-8 with lone surrogates as U+FFFD (Buffer's rule): invalid UTF-8 would make Envoy
 * reject the whole reply.
 */
function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 2;
  if (typeof value === 'number') return 9;
  if (typeof value === 'string') return delimitedSize(Buffer.byteLength(value, 'utf8'));
  if (Array.isArray(value)) return delimitedSize(listSize(value));
  if (typeof value === 'object') return delimitedSize(structSize(value as Record<string, unknown>));
  return delimitedSize(Buffer.byteLength(String(value), 'utf8'));
}

function listSize(values: readonly unknown[]): number {
  let n = 0;
  for (const v of values) n += delimitedSize(valueSize(v));
  return n;
}

function structSize(obj: Record<string, unknown>): number {
  let n = 0;
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    n += delimitedSize(delimitedSize(Buffer.byteLength(key, 'utf8')) + delimitedSize(valueSize(value)));
  }
  return n;
}

function writeString(buf: Buffer, at: number, field: number, s: string): number {
  const size = Buffer.byteLength(s, 'utf8');
  buf[at++] = (field << 3) | WIRE_LEN;
  at = writeVarint(buf, at, size);
  return at + buf.write(s, at, size, 'utf8');
}

function writeValue(buf: Buffer, at: number, value: unknown): number {
  if (value === null || value === undefined) { buf[at++] = (1 << 3) | WIRE_VARINT; buf[at++] = 0; return at; }
  if (typeof value === 'number') { buf[at++] = (2 << 3) | WIRE_FIXED64; return buf.writeDoubleLE(value, at); }
  if (typeof value === 'string') return writeString(buf, at, 3, value);
  if (typeof value === 'boolean') { buf[at++] = (4 << 3) | WIRE_VARINT; buf[at++] = value ? 1 : 0; return at; }
  if (Array.isArray(value)) {
    buf[at++] = (6 << 3) | WIRE_LEN;
    at = writeVarint(buf, at, listSize(value));
    for (const v of value) {
      buf[at++] = (1 << 3) | WIRE_LEN;
      at = writeVarint(buf, at, valueSize(v));
      at = writeValue(buf, at, v);
    }
    return at;
  }
  if (typeof value === 'object') {
    buf[at++] = (5 << 3) | WIRE_LEN;
    at = writeVarint(buf, at, structSize(value as Record<string, unknown>));
    return writeStruct(buf, at, value as Record<string, unknown>);
  }
  return writeString(buf, at, 3, String(value));
}

/** Struct: map<string, Value> fields = 1, one entry message (key=1, value=2) per defined field. */
function writeStruct(buf: Buffer, at: number, obj: Record<string, unknown>): number {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const vSize = valueSize(value);
    buf[at++] = (1 << 3) | WIRE_LEN;
    at = writeVarint(buf, at, delimitedSize(Buffer.byteLength(key, 'utf8')) + delimitedSize(vSize));
    at = writeString(buf, at, 1, key);
    buf[at++] = (2 << 3) | WIRE_LEN;
    at = writeVarint(buf, at, vSize);
    at = writeValue(buf, at, value);
  }
  return at;
}

/** The dynamic_metadata field of a ProcessingResponse holding `metadata` as a Struct. */
function encodeMetadataField(metadata: Record<string, unknown>): Buffer {
  const size = structSize(metadata);
  const buf = Buffer.allocUnsafe(delimitedSize(size));
  let at = 0;
  buf[at++] = (DYNAMIC_METADATA_FIELD << 3) | WIRE_LEN;
  at = writeVarint(buf, at, size);
  at = writeStruct(buf, at, metadata);
  if (at !== buf.length) throw new Error(`metadata encoder wrote ${at} of ${buf.length} bytes`); // a sizing bug, never data
  return buf;
}
