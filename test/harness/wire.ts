// Building ext_proc requests the way Envoy encodes them, and reading replies back into plain values.
import type {
  CommonResponse, HeaderMap, HeaderValueOption, ProcessingRequest, ProcessingResponse, Struct, StructValue,
} from '../../src/extproc/messages.js';

/** A header map as Envoy sends it: lower-case keys, values only in raw_value bytes, repeats as separate entries. */
export function hdrs(entries: Record<string, string> | readonly (readonly [string, string])[]): HeaderMap {
  const list = Array.isArray(entries) ? entries : Object.entries(entries);
  return { headers: list.map(([key, value]) => ({ key: key.toLowerCase(), raw_value: Buffer.from(value, 'latin1') })) };
}

type BodyInput = string | Uint8Array | Record<string, unknown>;

function bytes(body: BodyInput): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** ProcessingRequest builders. Bodies take text, bytes, or an object (JSON-encoded). */
export const msg = {
  requestHeaders(h: Record<string, string> | readonly (readonly [string, string])[], endOfStream = false): ProcessingRequest {
    return { request_headers: { headers: hdrs(h), end_of_stream: endOfStream } };
  },
  requestBody(body: BodyInput, endOfStream = true): ProcessingRequest {
    return { request_body: { body: bytes(body), end_of_stream: endOfStream } };
  },
  responseHeaders(h: Record<string, string> | readonly (readonly [string, string])[], endOfStream = false): ProcessingRequest {
    return { response_headers: { headers: hdrs(h), end_of_stream: endOfStream } };
  },
  responseBody(body: BodyInput, endOfStream = false): ProcessingRequest {
    return { response_body: { body: bytes(body), end_of_stream: endOfStream } };
  },
};

const COMMON_KINDS = ['request_headers', 'response_headers', 'request_body', 'response_body'] as const;

/** The CommonResponse of a headers or body reply, or undefined (immediate_response, trailers). */
export function commonOf(reply: ProcessingResponse): CommonResponse | undefined {
  for (const k of COMMON_KINDS) {
    const r = reply[k];
    if (r) return r.response ?? {};
  }
  return undefined;
}

export interface HeaderMutationView {
  /** key -> value, read from raw_value (falls back to value). */
  readonly set: Record<string, string>;
  readonly remove: readonly string[];
  /** The options as decoded, to check which of value / raw_value was used. */
  readonly options: readonly (HeaderValueOption & { header: { value?: string } })[];
}

function viewMutation(m: { set_headers?: HeaderValueOption[]; remove_headers?: string[] } | undefined): HeaderMutationView {
  const options = (m?.set_headers ?? []) as HeaderMutationView['options'];
  const set: Record<string, string> = {};
  for (const o of options) {
    const raw = o.header.raw_value;
    set[o.header.key] = raw && raw.length > 0 ? Buffer.from(raw).toString('latin1') : (o.header.value ?? '');
  }
  return { set, remove: m?.remove_headers ?? [], options };
}

/** The header mutation of a headers/body reply, or of an immediate_response's headers. */
export function mutationOf(reply: ProcessingResponse): HeaderMutationView {
  if (reply.immediate_response) return viewMutation(reply.immediate_response.headers);
  return viewMutation(commonOf(reply)?.header_mutation);
}

/** The replacement body of a body reply, or undefined when the reply leaves the body alone. */
export function bodyMutationOf(reply: ProcessingResponse): Buffer | undefined {
  const m = commonOf(reply)?.body_mutation;
  if (!m) return undefined;
  if (m.clear_body) return Buffer.alloc(0);
  return m.body ? Buffer.from(m.body) : Buffer.alloc(0);
}

/** What Envoy forwards for a STREAMED chunk: the mutated body when one is present, else the chunk itself. */
export function effectiveBody(reply: ProcessingResponse, original: Uint8Array): Buffer {
  return bodyMutationOf(reply) ?? Buffer.from(original);
}

type Plain = null | number | string | boolean | Plain[] | { [k: string]: Plain };

function fromValue(v: StructValue & Record<string, unknown>): Plain {
  const pick = (camel: string, snake: string): unknown => (v[camel] !== undefined ? v[camel] : v[snake]);
  const s = pick('stringValue', 'string_value');
  if (s !== undefined) return s as string;
  const n = pick('numberValue', 'number_value');
  if (n !== undefined) return n as number;
  const b = pick('boolValue', 'bool_value');
  if (b !== undefined) return b as boolean;
  const st = pick('structValue', 'struct_value');
  if (st !== undefined) return fromStruct(st as Struct);
  const l = pick('listValue', 'list_value') as { values?: StructValue[] } | undefined;
  if (l !== undefined) return (l.values ?? []).map((x) => fromValue(x as StructValue & Record<string, unknown>));
  return null;
}

/** google.protobuf.Struct (as decoded) -> plain object. */
export function fromStruct(s: Struct | undefined): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const [k, v] of Object.entries(s?.fields ?? {})) out[k] = fromValue(v as StructValue & Record<string, unknown>);
  return out;
}

/** The reply's dynamic metadata for one namespace, as a plain object (undefined when absent). */
export function metadataOf(reply: ProcessingResponse, ns = 'envoy-llm-guard'): Record<string, Plain> | undefined {
  if (!reply.dynamic_metadata) return undefined;
  const root = fromStruct(reply.dynamic_metadata);
  const inner = root[ns];
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? inner : undefined;
}

export interface ImmediateView {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly json: unknown;
  readonly details: string;
}

/** The immediate_response of a reply, decoded (body parsed as JSON when it is JSON). */
export function immediateOf(reply: ProcessingResponse): ImmediateView | undefined {
  const ir = reply.immediate_response;
  if (!ir) return undefined;
  const text = ir.body ? Buffer.from(ir.body).toString('utf8') : '';
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: ir.status?.code ?? 0, headers: viewMutation(ir.headers).set, text, json, details: ir.details ?? '' };
}
