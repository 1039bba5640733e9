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
    const bytes: number[] = [];
    lengthDelimited(bytes, DYNAMIC_METADATA_FIELD, encodeStruct(metadata));
    this.#tail = Buffer.from(bytes);
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
// Bytes go into plain number arrays (one Buffer at the end): tiny Buffers per field cost more than the
// protobufjs path this replaces.
const DYNAMIC_METADATA_FIELD = 8; // ProcessingResponse.dynamic_metadata
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;

function varint(out: number[], value: number): void {
  let v = value >>> 0;
  while (v > 0x7f) { out.push((v & 0x7f) | 0x80); v >>>= 7; }
  out.push(v);
}

const tag = (out: number[], field: number, wire: number): void => varint(out, (field << 3) | wire);

function lengthDelimited(out: number[], field: number, payload: ArrayLike<number>): void {
  tag(out, field, WIRE_LEN);
  varint(out, payload.length);
  for (let i = 0; i < payload.length; i++) out.push(payload[i] as number);
}

/** UTF-8 bytes; invalid UTF-8 (a lone surrogate) would make Envoy reject the whole reply, so those become U+FFFD. */
function utf8(s: string): ArrayLike<number> {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return Buffer.from(s, 'utf8');
  const ascii: number[] = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) ascii[i] = s.charCodeAt(i);
  return ascii;
}

const DOUBLE_BYTES = new Uint8Array(8);
const DOUBLE_VIEW = new DataView(DOUBLE_BYTES.buffer);

/** Value: null_value=1, number_value=2, string_value=3, bool_value=4, struct_value=5, list_value=6. */
function encodeValue(value: unknown): number[] {
  const out: number[] = [];
  if (value === null || value === undefined) { tag(out, 1, WIRE_VARINT); varint(out, 0); }
  else if (typeof value === 'number') {
    tag(out, 2, WIRE_FIXED64);
    DOUBLE_VIEW.setFloat64(0, value, true); // protobuf fixed64 is little-endian
    for (let i = 0; i < 8; i++) out.push(DOUBLE_BYTES[i] as number);
  } else if (typeof value === 'string') lengthDelimited(out, 3, utf8(value));
  else if (typeof value === 'boolean') { tag(out, 4, WIRE_VARINT); varint(out, value ? 1 : 0); }
  else if (Array.isArray(value)) {
    const list: number[] = [];
    for (const v of value) lengthDelimited(list, 1, encodeValue(v));
    lengthDelimited(out, 6, list);
  } else if (typeof value === 'object') lengthDelimited(out, 5, encodeStruct(value as Record<string, unknown>));
  else lengthDelimited(out, 3, utf8(String(value)));
  return out;
}

/** Struct: map<string, Value> fields = 1, one entry message (key=1, value=2) per defined field. */
export function encodeStruct(obj: Record<string, unknown>): number[] {
  const out: number[] = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const entry: number[] = [];
    lengthDelimited(entry, 1, utf8(key));
    lengthDelimited(entry, 2, encodeValue(value));
    lengthDelimited(out, 1, entry);
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  // Typed arrays (header raw values, bodies) cannot be frozen; nothing writes to them anyway.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
