// RequestShapeGuard: header checks before the body is read, and the body parse it delegates.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Headers } from '../extproc/headers.js';
import type { ApiKind } from '../llm/model.js';
import type { RequestContext } from '../pipeline/context.js';
import { CONTINUE } from '../pipeline/verdict.js';
import { RequestShapeGuard } from './request-shape.js';

const LIMITS = { maxBodyBytes: 1000, maxJsonDepth: 8, maxMessages: 3 };
const guard = new RequestShapeGuard(LIMITS);

function ctx(api: ApiKind | null): RequestContext {
  return {
    requestId: 'r', log: pino({ level: 'silent' }), signal: new AbortController().signal, method: 'POST',
    path: '/v1/chat/completions', api, errorShape: 'openai', usage: {},
  };
}

const check = (headers: Record<string, string>, api: ApiKind | null = 'openai-chat') => guard.checkRequestHeaders(ctx(api), Headers.of(headers));
const json = { 'content-type': 'application/json' };

describe('RequestShapeGuard.checkRequestHeaders', () => {
  it('is enforce-only and named request_shape', () => {
    expect([guard.name, guard.mode]).toStrictEqual(['request_shape', 'enforce']);
  });

  it.each([
    ['application/json', {}],
    ['with charset', { 'content-type': 'application/json; charset=utf-8' }],
    ['upper case media type', { 'content-type': 'Application/JSON' }],
    ['identity encoding', { 'content-encoding': 'identity' }],
    ['identity encoding, odd case and spaces', { 'content-encoding': ' IDENTITY ' }],
    ['content-length at the limit', { 'content-length': '1000' }],
    ['content-length zero', { 'content-length': '0' }],
    ['unparsable content-length (left to the body check)', { 'content-length': 'abc' }],
  ])('continues: %s', (_n, extra) => {
    expect(check({ ...json, ...extra })).toBe(CONTINUE);
  });

  it.each([
    ['missing content-type', {}, 'unsupported_media_type', 'content-type'],
    ['text/plain', { 'content-type': 'text/plain' }, 'unsupported_media_type', 'content-type'],
    ['form', { 'content-type': 'application/x-www-form-urlencoded' }, 'unsupported_media_type', 'content-type'],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, 'unsupported_media_type', 'content-type'],
    ['+json suffix types are not plain JSON', { 'content-type': 'application/vnd.api+json' }, 'unsupported_media_type', 'content-type'],
    ['gzip body', { ...json, 'content-encoding': 'gzip' }, 'unsupported_content_encoding', 'content-encoding'],
    ['br body', { ...json, 'content-encoding': 'br' }, 'unsupported_content_encoding', 'content-encoding'],
    ['encoding list', { ...json, 'content-encoding': 'identity, gzip' }, 'unsupported_content_encoding', 'content-encoding'],
    ['empty encoding header', { ...json, 'content-encoding': '' }, 'unsupported_content_encoding', 'content-encoding'],
    ['declared body over the limit', { ...json, 'content-length': '1001' }, 'request_too_large', 'content-length'],
    ['huge declared body', { ...json, 'content-length': '99999999999999999999' }, 'request_too_large', 'content-length'],
  ])('denies: %s', (_n, headers, code, reason) => {
    expect(check(headers)).toStrictEqual({ action: 'deny', code, reason });
  });

  it('checks run in order: media type first, then encoding, then length', () => {
    expect(check({ 'content-type': 'text/plain', 'content-encoding': 'gzip', 'content-length': '5000' })).toMatchObject({ code: 'unsupported_media_type' });
    expect(check({ ...json, 'content-encoding': 'gzip', 'content-length': '5000' })).toMatchObject({ code: 'unsupported_content_encoding' });
  });

  it.each([
    ['wrong content-type', { 'content-type': 'text/html' }],
    ['gzip', { 'content-encoding': 'gzip' }],
    ['oversize', { 'content-length': '999999' }],
    ['nothing at all', {}],
  ])('a non-LLM route (api null) always passes: %s', (_n, headers) => {
    expect(check(headers, null)).toBe(CONTINUE);
  });

  it.each(['openai-chat', 'openai-responses', 'openai-completions', 'openai-embeddings', 'anthropic-messages'] as const)('every LLM api is checked: %s', (api) => {
    expect(check({ 'content-type': 'text/plain' }, api)).toMatchObject({ action: 'deny', code: 'unsupported_media_type' });
  });

  it('observed: only the first of repeated content-type headers is judged', () => {
    const h = Headers.of(json);
    h.add('content-type', 'text/plain');
    expect(guard.checkRequestHeaders(ctx('openai-chat'), h)).toBe(CONTINUE);
  });
});

describe('RequestShapeGuard.parse', () => {
  const body = (v: unknown) => Buffer.from(JSON.stringify(v));

  it('parses a valid body into the model', () => {
    const r = guard.parse('openai-chat', body({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }));
    expect(r).toMatchObject({ ok: true, request: { api: 'openai-chat', model: 'gpt-4o', stream: false, messages: [{ role: 'user', parts: [{ text: 'hi' }] }] } });
  });

  it.each([
    ['too large', Buffer.alloc(1001, 0x20), 'request_too_large'],
    ['not JSON', Buffer.from('{nope'), 'invalid_json'],
    ['too deep', Buffer.from('[[[[[[[[[[1]]]]]]]]]]'), 'json_too_deep'],
    ['too many messages', body({ model: 'm', messages: [1, 2, 3, 4].map(() => ({ role: 'user', content: 'x' })) }), 'too_many_messages'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d]), 'invalid_encoding'],
  ])('applies the configured limits: %s', (_n, bytes, code) => {
    expect(guard.parse('openai-chat', bytes)).toMatchObject({ ok: false, code });
  });
});
