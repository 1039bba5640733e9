// The error catalogue: statuses, client-facing bodies per API shape, fixed messages.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, ERROR_CODES, errorBody, type ErrorCode } from './catalogue.js';

const EXPECTED_STATUS: Record<ErrorCode, number> = {
  unsupported_media_type: 415,
  request_too_large: 413,
  invalid_json: 400,
  invalid_encoding: 400,
  json_too_deep: 400,
  too_many_messages: 400,
  invalid_request_shape: 400,
  unsupported_content_encoding: 415,
  content_policy_violation: 400,
  prompt_injection_detected: 400,
  upstream_response_invalid: 502,
  response_blocked: 502,
  guard_timeout: 504,
  guard_unavailable: 503,
  internal_error: 500,
};

describe('CATALOGUE', () => {
  it('ERROR_CODES lists every entry, once, in declaration order', () => {
    expect(ERROR_CODES).toStrictEqual(Object.keys(EXPECTED_STATUS));
  });

  it.each(ERROR_CODES)('%s: the pinned status, a 4xx/5xx', (code) => {
    const { status } = CATALOGUE[code];
    expect(status).toBe(EXPECTED_STATUS[code]);
    expect(status >= 400 && status <= 599).toBe(true);
  });

  it.each(ERROR_CODES)('%s: client errors are invalid_request_error, server errors server_error', (code) => {
    const entry = CATALOGUE[code];
    expect(entry.type).toBe(entry.status < 500 ? 'invalid_request_error' : 'server_error');
  });

  it.each(ERROR_CODES)('%s: message is a fixed sentence without placeholders', (code) => {
    const { message } = CATALOGUE[code];
    expect(message).toMatch(/^[A-Z][^\n]*\.$/);
    for (const marker of ['{', '}', '%s', '%d', '${', '<', '>', '$1', 'undefined', 'null', 'TODO']) expect(message).not.toContain(marker);
  });

  it('messages are distinct', () => {
    const messages = ERROR_CODES.map((c) => CATALOGUE[c].message);
    expect(new Set(messages).size).toBe(messages.length);
  });
});

describe('errorBody', () => {
  it.each(ERROR_CODES)('%s: openai shape {error:{message,type,param:null,code}}', (code) => {
    const entry = CATALOGUE[code];
    const text = errorBody(code, 'openai', 'req-1');
    expect(JSON.parse(text)).toStrictEqual({ error: { message: entry.message, type: entry.type, param: null, code } });
    expect(text).toBe(`{"error":{"message":${JSON.stringify(entry.message)},"type":"${entry.type}","param":null,"code":"${code}"}}`);
  });

  it.each(ERROR_CODES)('%s: anthropic shape {type:"error",error:{type,message}}', (code) => {
    const entry = CATALOGUE[code];
    expect(JSON.parse(errorBody(code, 'anthropic'))).toStrictEqual({ type: 'error', error: { type: entry.anthropicType, message: entry.message } });
  });

  it('anthropic bodies carry request_id when one is given (as the Anthropic API does)', () => {
    expect(JSON.parse(errorBody('request_too_large', 'anthropic', 'req_011'))).toStrictEqual({
      type: 'error', error: { type: 'request_too_large', message: 'Request body exceeds the configured size limit.' }, request_id: 'req_011',
    });
    expect(JSON.parse(errorBody('request_too_large', 'anthropic', ''))).not.toHaveProperty('request_id');
  });

  it.each([
    ['request_too_large', 'request_too_large'],
    ['guard_unavailable', 'overloaded_error'],
    ['guard_timeout', 'api_error'],
    ['content_policy_violation', 'invalid_request_error'],
  ] as const)('anthropic type for %s is %s', (code, type) => {
    expect(CATALOGUE[code].anthropicType).toBe(type);
  });

  it('a request id with JSON metacharacters stays inside its string', () => {
    const body = JSON.parse(errorBody('internal_error', 'anthropic', '"},"x":1')) as Record<string, unknown>;
    expect(body.request_id).toBe('"},"x":1');
    expect(Object.keys(body)).toStrictEqual(['type', 'error', 'request_id']);
  });
});
