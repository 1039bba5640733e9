// ProcessingResponse encoders: the exact shapes Envoy accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cachingSerializer, commonResponse, constantReply, encodeHeaderMutation, withDynamicMetadata, immediateResponse, modeOverride, reply, toStruct, toStructValue,
} from './codec.js';
import type { ProcessingResponse } from './messages.js';
import { loadExtProcService } from './proto.js';
import { Headers } from './headers.js';
import { BodySendMode, HeaderSendMode } from './messages.js';

const OVERWRITE_IF_EXISTS_OR_ADD = 2;
const latin1 = (s: string) => Buffer.from(s, 'latin1');

describe('encodeHeaderMutation', () => {
  it.each([
    ['undefined', undefined],
    ['no fields', {}],
    ['empty set and remove', { set: {}, remove: [] }],
  ])('%s -> undefined (no mutation at all)', (_n, changes) => {
    expect(encodeHeaderMutation(changes)).toBeUndefined();
  });

  it('sets headers with raw_value only and OVERWRITE_IF_EXISTS_OR_ADD, keeping order', () => {
    const m = encodeHeaderMutation({ set: { 'content-type': 'application/json', 'x-request-id': 'abc' }, remove: ['content-length'] });
    expect(m).toStrictEqual({
      set_headers: [
        { header: { key: 'content-type', raw_value: latin1('application/json') }, append_action: OVERWRITE_IF_EXISTS_OR_ADD },
        { header: { key: 'x-request-id', raw_value: latin1('abc') }, append_action: OVERWRITE_IF_EXISTS_OR_ADD },
      ],
      remove_headers: ['content-length'],
    });
  });

  it('never emits `value`, for any header value', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (set) => {
      const m = encodeHeaderMutation({ set });
      for (const opt of m?.set_headers ?? []) {
        expect(Object.keys(opt.header).sort()).toStrictEqual(['key', 'raw_value']);
        expect(Buffer.isBuffer(opt.header.raw_value)).toBe(true);
        expect(opt.append_action).toBe(OVERWRITE_IF_EXISTS_OR_ADD);
      }
      expect(m?.set_headers?.length ?? 0).toBe(Object.keys(set).length);
    }), { numRuns: 200 });
  });

  it('remove only: set_headers is an empty list', () => {
    expect(encodeHeaderMutation({ remove: ['content-encoding', 'content-length'] }))
      .toStrictEqual({ set_headers: [], remove_headers: ['content-encoding', 'content-length'] });
  });

  it('copies the remove list (later changes to the input do not leak)', () => {
    const remove = ['a'];
    const m = encodeHeaderMutation({ remove });
    remove.push('b');
    expect(m?.remove_headers).toStrictEqual(['a']);
  });

  it('values are latin1 bytes: one byte per char up to U+00FF', () => {
    const m = encodeHeaderMutation({ set: { 'x-v': 'caf\u00e9\u00ff' } });
    expect([...(m?.set_headers?.[0]?.header.raw_value ?? [])]).toStrictEqual([0x63, 0x61, 0x66, 0xe9, 0xff]);
  });

  it('documents: chars above U+00FF are truncated to their low byte (callers only pass latin1-decoded text)', () => {
    const m = encodeHeaderMutation({ set: { 'x-v': '\u20ac' } });
    expect([...(m?.set_headers?.[0]?.header.raw_value ?? [])]).toStrictEqual([0xac]);
  });

  it('round trip: any header bytes read by Headers.fromProto are written back byte for byte', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
      const value = Headers.fromProto({ headers: [{ key: 'x-request-id', raw_value: Buffer.from(bytes) }] }).get('x-request-id') as string;
      const m = encodeHeaderMutation({ set: { 'x-request-id': value } });
      expect(m?.set_headers?.[0]?.header.raw_value.equals(Buffer.from(bytes))).toBe(true);
    }), { numRuns: 200 });
  });
});

describe('commonResponse', () => {
  it('no arguments: an empty CommonResponse (pass through unchanged)', () => {
    expect(commonResponse()).toStrictEqual({});
    expect(commonResponse({ set: {} })).toStrictEqual({});
  });

  it('a zero-length body is still a body_mutation (holds the chunk back in STREAMED mode)', () => {
    expect(commonResponse(undefined, new Uint8Array(0))).toStrictEqual({ body_mutation: { body: Buffer.alloc(0) } });
  });

  it('a body view is copied by its own window only, not the whole backing buffer', () => {
    const backing = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const r = commonResponse(undefined, backing.subarray(2, 4));
    expect([...(r.body_mutation?.body ?? [])]).toStrictEqual([3, 4]);
  });

  it('headers and body together', () => {
    const r = commonResponse({ set: { 'content-length': '2' } }, Buffer.from('ok'));
    expect(r).toStrictEqual({
      header_mutation: { set_headers: [{ header: { key: 'content-length', raw_value: latin1('2') }, append_action: 2 }], remove_headers: [] },
      body_mutation: { body: Buffer.from('ok') },
    });
  });
});

describe('modeOverride', () => {
  const modes = Object.values(BodySendMode);
  it.each(modes.flatMap((request) => modes.map((response) => [request, response] as const)))('request %d / response %d: both body modes set, trailers SKIP', (request, response) => {
    expect(modeOverride({ request, response })).toStrictEqual({
      request_header_mode: HeaderSendMode.SEND,
      response_header_mode: HeaderSendMode.SEND,
      request_body_mode: request,
      response_body_mode: response,
      request_trailer_mode: HeaderSendMode.SKIP,
      response_trailer_mode: HeaderSendMode.SKIP,
    });
  });

  it('NONE is set explicitly (0), never left out', () => {
    const m = modeOverride({ request: BodySendMode.NONE, response: BodySendMode.NONE });
    expect(Object.hasOwn(m, 'request_body_mode') && Object.hasOwn(m, 'response_body_mode')).toBe(true);
    expect([m.request_body_mode, m.response_body_mode]).toStrictEqual([0, 0]);
  });

  it('skipResponseHeaders only changes the response header mode', () => {
    expect(modeOverride({ request: BodySendMode.BUFFERED, response: BodySendMode.STREAMED, skipResponseHeaders: true })).toStrictEqual({
      request_header_mode: 1, response_header_mode: 2, request_body_mode: 2, response_body_mode: 1, request_trailer_mode: 2, response_trailer_mode: 2,
    });
  });
});

describe('immediateResponse', () => {
  it('status, content-type header, utf-8 body and details', () => {
    const r = immediateResponse(400, 'application/json', '{"é":1}', 'llm_guard_invalid_json', { 'x-request-id': 'r1' });
    expect(r).toStrictEqual({
      status: { code: 400 },
      headers: {
        set_headers: [
          { header: { key: 'content-type', raw_value: latin1('application/json') }, append_action: 2 },
          { header: { key: 'x-request-id', raw_value: latin1('r1') }, append_action: 2 },
        ],
        remove_headers: [],
      },
      body: Buffer.from('{"é":1}', 'utf8'),
      details: 'llm_guard_invalid_json',
    });
  });

  it('an extra content-type replaces the default one (one header, not two)', () => {
    const r = immediateResponse(200, 'application/json', '', 'x', { 'content-type': 'text/plain' });
    expect(r.headers?.set_headers?.map((h) => [h.header.key, h.header.raw_value.toString('latin1')])).toStrictEqual([['content-type', 'text/plain']]);
  });

  it.each([
    ['a b', 'a_b'],
    ['a\tb\nc\rd\fe\vf', 'a_b_c_d_e_f'],
    ['  lead', '__lead'],
    ['nbsp\u00a0ideographic\u3000ls\u2028bom\ufeff', 'nbsp_ideographic_ls_bom_'],
    ['emoji 😀 ok', 'emoji_😀_ok'],
    ['', ''],
  ])('details %j -> %j', (input, want) => {
    expect(immediateResponse(500, 'text/plain', '', input).details).toBe(want);
  });

  it('property: details never contain whitespace and keep every other character', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      const details = immediateResponse(500, 'text/plain', '', s).details as string;
      return !/\s/u.test(details) && details === Array.from(s, (ch) => (/\s/u.test(ch) ? '_' : ch)).join('');
    }), { numRuns: 150 });
  });
});

describe('toStruct / toStructValue', () => {
  it.each([
    [null, { nullValue: 0 }],
    [undefined, { nullValue: 0 }],
    [0, { numberValue: 0 }],
    [-1.5, { numberValue: -1.5 }],
    ['', { stringValue: '' }],
    ['x', { stringValue: 'x' }],
    [true, { boolValue: true }],
    [false, { boolValue: false }],
    [[], { listValue: { values: [] } }],
    [[1, 'a', null, undefined], { listValue: { values: [{ numberValue: 1 }, { stringValue: 'a' }, { nullValue: 0 }, { nullValue: 0 }] } }],
    [{}, { structValue: { fields: {} } }],
  ])('%j -> %j', (value, want) => {
    expect(toStructValue(value)).toStrictEqual(want);
  });

  it('other types fall back to their string form', () => {
    expect(toStructValue(10n)).toStrictEqual({ stringValue: '10' });
  });

  it('nested objects and arrays; undefined fields are skipped, null fields kept', () => {
    expect(toStruct({
      ns: { request_id: 'r1', code: undefined, tokens: 12, ok: true, nothing: null, list: [{ a: [false] }] },
      skipped: undefined,
    })).toStrictEqual({
      fields: {
        ns: {
          structValue: {
            fields: {
              request_id: { stringValue: 'r1' },
              tokens: { numberValue: 12 },
              ok: { boolValue: true },
              nothing: { nullValue: 0 },
              list: { listValue: { values: [{ structValue: { fields: { a: { listValue: { values: [{ boolValue: false }] } } } } }] } },
            },
          },
        },
      },
    });
  });

  it('property: toStruct of any JSON object mirrors it (round trip back to JSON)', () => {
    const back = (v: ReturnType<typeof toStructValue>): unknown => {
      if ('nullValue' in v) return null;
      if ('numberValue' in v) return v.numberValue;
      if ('stringValue' in v) return v.stringValue;
      if ('boolValue' in v) return v.boolValue;
      if (v.listValue) return v.listValue.values.map(back);
      return Object.fromEntries(Object.entries(v.structValue?.fields ?? {}).map(([k, x]) => [k, back(x)]));
    };
    // '__proto__' keys are excluded here: see the regression test below.
    const key = fc.string().filter((k) => k !== '__proto__');
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.array(tie('value'), { maxLength: 4 }), tie('object')),
      object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(fc.property(json.object, (obj) => {
      const plain = JSON.parse(JSON.stringify(obj)) as Record<string, unknown>; // -0 -> 0, as JSON has it
      expect(back({ structValue: toStruct(plain) })).toStrictEqual(plain);
    }), { numRuns: 200 });
  });

  // Regression (codec.ts toStruct): `fields[k] = ...` on a plain object; a key named "__proto__" hits the
  // prototype setter instead of creating a field, so the entry vanishes from the Struct (found by the
  // property above). Keys are the config's metadataNamespace and fixed names, so only a namespace of
  // "__proto__" is affected: all dynamic metadata would be dropped.
  it('a "__proto__" key becomes a field like any other', () => {
    const obj = JSON.parse('{"__proto__":{"verdict":"deny"}}') as Record<string, unknown>;
    expect(Object.keys(toStruct(obj).fields)).toStrictEqual(['__proto__']);
  });
});

describe('reply', () => {
  it.each(['request_headers', 'response_headers', 'request_body', 'response_body'] as const)('%s wraps the CommonResponse under its kind, with extras', (kind) => {
    const r = reply(kind, { status: 0 }, { mode_override: { request_body_mode: 2 } });
    expect(r).toStrictEqual({ [kind]: { response: { status: 0 } }, mode_override: { request_body_mode: 2 } });
  });
});

describe('constant replies and the caching serializer', () => {
  const service = loadExtProcService();
  const serialize = service.Process?.responseSerialize as (msg: ProcessingResponse) => Buffer;
  const decode = service.Process?.responseDeserialize as (bytes: Buffer) => ProcessingResponse;

  it('builds a constant reply once per key and freezes it', () => {
    let builds = 0;
    const build = () => { builds += 1; return reply('request_body', commonResponse({ set: { 'x-a': '1' } })); };
    const a = constantReply('test:frozen', build);
    const b = constantReply('test:frozen', build);
    expect(a).toBe(b);
    expect(builds).toBe(1);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.request_body?.response?.header_mutation?.set_headers?.[0]?.header)).toBe(true);
  });

  it('encodes a constant reply once, to the same bytes as the plain serializer', () => {
    let calls = 0;
    const base = (msg: ProcessingResponse): Buffer => { calls += 1; return serialize(msg); };
    const cached = cachingSerializer(base);
    const msg = constantReply('test:bytes', () => reply('response_headers', commonResponse(), {
      mode_override: modeOverride({ request: BodySendMode.BUFFERED, response: BodySendMode.STREAMED }),
    }));
    const first = cached(msg);
    const second = cached(msg);
    expect(calls).toBe(1);
    expect(second.equals(first)).toBe(true);
    // The wrapped service serializer (what grpc-js calls) gives the same bytes, and they decode back.
    expect(serialize(msg).equals(first)).toBe(true);
    expect(decode(first).response_headers).toBeDefined();
    expect(decode(first).mode_override?.response_body_mode).toBe(BodySendMode.STREAMED);
  });

  it('serialises every other reply afresh', () => {
    let calls = 0;
    const cached = cachingSerializer((msg) => { calls += 1; return serialize(msg); });
    const msg = reply('response_body', commonResponse(), { dynamic_metadata: toStruct({ ns: { request_id: 'r1' } }) });
    cached(msg);
    cached(msg);
    expect(calls).toBe(2);
    expect(Object.isFrozen(msg)).toBe(false);
  });
});

const isWellFormed = (s: string): boolean => Buffer.from(s, 'utf8').toString('utf8') === s;

describe('withDynamicMetadata (constant reply bytes + hand-encoded Struct)', () => {
  const service = loadExtProcService();
  const serialize = service.Process?.responseSerialize as (msg: ProcessingResponse) => Buffer;
  const decode = service.Process?.responseDeserialize as (bytes: Buffer) => ProcessingResponse;
  const base = constantReply('test:metadata-base', () => reply('response_body', commonResponse()));
  // The plain protobufjs encoding of the same reply, with the Struct built by toStruct.
  const reference = (md: Record<string, unknown>): Buffer => serialize({ ...reply('response_body', commonResponse()), dynamic_metadata: toStruct(md) });

  it('encodes the metadata our stream sends exactly as protobufjs does', () => {
    const md = { 'envoy-llm-guard': { request_id: 'r-1', verdict: 'allow', code: undefined, api: 'openai-chat', model: 'gpt-4o-mini', input_tokens: 120, output_tokens: 0, response_rewrites: 2 } };
    const msg = withDynamicMetadata(base, md);
    const bytes = serialize(msg);
    expect(bytes.equals(reference(md))).toBe(true);
    expect(msg.dynamic_metadata).toStrictEqual(toStruct(md));
    expect(decode(bytes).response_body).toBeDefined();
  });

  it('matches protobufjs for any JSON-like metadata (property)', () => {
    const key = fc.string({ maxLength: 8 }).filter(isWellFormed);
    const leaf = fc.oneof(
      fc.string({ maxLength: 12 }).filter(isWellFormed), fc.double({ noNaN: true }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
    })).v;
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 5 }), (md) => {
      expect(serialize(withDynamicMetadata(base, md)).equals(reference(md))).toBe(true);
    }), { numRuns: 300 });
  });

  it('replaces a lone surrogate instead of sending invalid UTF-8', () => {
    const bytes = serialize(withDynamicMetadata(base, { ns: { model: 'a\ud800b' } }));
    const fields = decode(bytes).dynamic_metadata?.fields?.ns?.structValue?.fields;
    expect(fields?.model?.stringValue).toBe('a\ufffdb');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
  });
});
