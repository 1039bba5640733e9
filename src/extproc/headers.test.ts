// Header views over Envoy's HeaderMap: raw_value first, latin1, repeated headers, media types.
import { describe, expect, it } from 'vitest';
import { Headers, mediaType } from './headers.js';

describe('Headers.fromProto', () => {
  it('raw_value is preferred over value', () => {
    const h = Headers.fromProto({ headers: [{ key: 'content-type', value: 'text/plain', raw_value: Buffer.from('application/json') }] });
    expect(h.get('content-type')).toBe('application/json');
  });

  it.each([
    ['raw_value missing', { key: 'x', value: 'from-value' }, 'from-value'],
    ['raw_value empty', { key: 'x', value: 'from-value', raw_value: Buffer.alloc(0) }, 'from-value'],
    ['both missing', { key: 'x' }, ''],
    ['raw_value as a plain Uint8Array', { key: 'x', raw_value: new Uint8Array([0x6f, 0x6b]) }, 'ok'],
  ])('%s -> %j', (_n, header, want) => {
    const h = Headers.fromProto({ headers: [header] });
    expect(h.get('x')).toBe(want);
    expect(h.has('x')).toBe(true);
  });

  it('raw bytes are decoded as latin1, one char per byte (never as UTF-8)', () => {
    const h = Headers.fromProto({ headers: [
      { key: 'x-latin1', raw_value: Buffer.from([0x63, 0x61, 0x66, 0xe9]) },
      { key: 'x-utf8', raw_value: Buffer.from('é', 'utf8') },
      { key: 'x-high', raw_value: Buffer.from([0x00, 0x7f, 0x80, 0xff]) },
    ] });
    expect(h.get('x-latin1')).toBe('café');
    expect(h.get('x-utf8')).toBe('\u00c3\u00a9');
    expect(h.get('x-high')).toBe('\u0000\u007f\u0080\u00ff');
  });

  it('repeated headers stay separate entries in order; get returns the first', () => {
    const h = Headers.fromProto({ headers: [
      { key: 'set-cookie', raw_value: Buffer.from('a=1') },
      { key: 'x-other', raw_value: Buffer.from('o') },
      { key: 'set-cookie', raw_value: Buffer.from('b=2') },
      { key: 'Set-Cookie', raw_value: Buffer.from('c=3') },
    ] });
    expect(h.getAll('set-cookie')).toStrictEqual(['a=1', 'b=2', 'c=3']);
    expect(h.get('set-cookie')).toBe('a=1');
  });

  it('pseudo-headers are ordinary entries', () => {
    const h = Headers.fromProto({ headers: [{ key: ':method', raw_value: Buffer.from('POST') }, { key: ':path', raw_value: Buffer.from('/v1/chat/completions?x=1') }] });
    expect([h.get(':method'), h.get(':path')]).toStrictEqual(['POST', '/v1/chat/completions?x=1']);
  });

  it.each([undefined, {}, { headers: [] }])('%j gives an empty view', (map) => {
    const h = Headers.fromProto(map);
    expect([h.get('a'), h.getAll('a'), h.has('a')]).toStrictEqual([undefined, [], false]);
  });
});

describe('Headers.of / add', () => {
  it('keys are stored lower-case', () => {
    const h = Headers.of({ 'Content-Type': 'application/json' });
    expect(h.get('content-type')).toBe('application/json');
    h.add('CONTENT-TYPE', 'text/plain');
    expect(h.getAll('content-type')).toStrictEqual(['application/json', 'text/plain']);
  });

  it('getAll returns an empty list for an absent header', () => {
    expect(Headers.of({}).getAll('x')).toStrictEqual([]);
  });

  // Regression (headers.ts): add() lower-cases names but get/getAll/has look up the name as given, so the view
  // is case-sensitive for lookups only. Product code always asks with lower-case names, so nothing is
  // affected today; a guard written as get('Authorization') would silently see no header.
  it('lookups are case-insensitive like storage', () => {
    const h = Headers.of({ 'content-type': 'application/json' });
    expect(h.get('Content-Type')).toBe('application/json');
    expect(h.has('Content-Type')).toBe(true);
    expect(h.getAll('CONTENT-TYPE')).toStrictEqual(['application/json']);
  });
});

describe('mediaType', () => {
  it.each([
    [undefined, ''],
    ['', ''],
    ['application/json', 'application/json'],
    ['Application/JSON; charset=utf-8', 'application/json'],
    ['application/json;charset=UTF-8', 'application/json'],
    ['  text/event-stream  ; charset=utf-8', 'text/event-stream'],
    ['application/problem+json', 'application/problem+json'],
    ['application/json; a=1; b=2', 'application/json'],
    [';charset=utf-8', ''],
    ['text/plain, application/json', 'text/plain, application/json'],
  ])('%j -> %j', (input, want) => {
    expect(mediaType(input)).toBe(want);
  });
});
