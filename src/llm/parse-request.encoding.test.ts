import { describe, expect, it } from 'vitest';
import { scanJson, type ScanResult } from './json-scan.js';
import { parseLlmRequest } from './parse-request.js';
import { GENEROUS_LIMITS } from './testing/request-fixtures.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** A chat body whose single user message has the given raw JSON string literal (quotes included). */
const chatWithLiteral = (literal: string): string => `{"model":"m","messages":[{"role":"user","content":${literal}}]}`;

describe('depth limit', () => {
  const DEEP = 100_000;

  it.each([
    ['arrays', '['.repeat(DEEP) + ']'.repeat(DEEP)],
    ['objects', '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP)],
    ['unterminated arrays', '['.repeat(DEEP)],
    ['inside a valid request', chatWithLiteral('"x"').replace('"x"', '['.repeat(DEEP) + ']'.repeat(DEEP))],
  ])(`${DEEP}-level %s -> json_too_deep, quickly and without recursion`, (_name, body) => {
    const started = performance.now();
    const result = parseLlmRequest('openai-chat', utf8(body), { ...GENEROUS_LIMITS, maxBodyBytes: 10_000_000 });
    expect(result).toMatchObject({ ok: false, code: 'json_too_deep' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('allows nesting exactly at the limit', () => {
    const body = chatWithLiteral('[{"type":"text","text":"x"}]'); // { [ { [ { = 5 levels
    expect(parseLlmRequest('openai-chat', utf8(body), { ...GENEROUS_LIMITS, maxJsonDepth: 5 }).ok).toBe(true);
    expect(parseLlmRequest('openai-chat', utf8(body), { ...GENEROUS_LIMITS, maxJsonDepth: 4 })).toMatchObject({ code: 'json_too_deep' });
  });

  it.each([
    ['brackets inside strings', '"[[[[{{{{"', '[[[[{{{{'],
    ['closing brackets inside strings', '"]]]]}}}}"', ']]]]}}}}'],
    ['escaped quotes before brackets', '"say \\"[[[[\\" now"', 'say "[[[[" now'],
    ['escaped backslash before closing quote', '"C:\\\\"', 'C:\\'],
    ['escaped backslash then escaped quote', '"\\\\\\"{{{{"', '\\"{{{{'],
    ['unicode-escaped quote and bracket', '"\\u0022[[[[\\u005b"', '"[[[[['],
  ])('%s do not count as nesting', (_name, literal, expectedText) => {
    const result = parseLlmRequest('openai-chat', utf8(chatWithLiteral(literal)), { ...GENEROUS_LIMITS, maxJsonDepth: 3 });
    expect(result.ok && result.request.messages[0]?.parts[0]?.text).toBe(expectedText);
  });

  it('a string with brackets in a key does not count either', () => {
    const body = `{"model":"m","[[[[[[":1,"messages":[]}`;
    expect(parseLlmRequest('openai-chat', utf8(body), { ...GENEROUS_LIMITS, maxJsonDepth: 1 })).toMatchObject({ code: 'json_too_deep' });
    expect(parseLlmRequest('openai-chat', utf8(body), { ...GENEROUS_LIMITS, maxJsonDepth: 2 }).ok).toBe(true);
  });
});

describe('encoding', () => {
  const prefix = Array.from(utf8(`{"model":"m","messages":[{"role":"user","content":"`));
  const suffix = Array.from(utf8(`"}]}`));
  const withBytes = (...bytes: number[]): Uint8Array => new Uint8Array([...prefix, ...bytes, ...suffix]);

  it.each([
    ['lone continuation byte', [0x80]],
    ['truncated two-byte sequence', [0xc3]],
    ['truncated three-byte sequence', [0xe2, 0x82]],
    ['truncated four-byte sequence', [0xf0, 0x9f, 0x98]],
    ['overlong slash (2 bytes)', [0xc0, 0xaf]],
    ['overlong NUL (2 bytes)', [0xc0, 0x80]],
    ['overlong slash (3 bytes)', [0xe0, 0x80, 0xaf]],
    ['UTF-16 surrogate encoded in UTF-8', [0xed, 0xa0, 0x80]],
    ['code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['invalid lead byte 0xFF', [0xff]],
    ['raw NUL', [0x00]],
  ])('%s -> invalid_encoding', (_name, bytes) => {
    expect(parseLlmRequest('openai-chat', withBytes(...bytes), GENEROUS_LIMITS)).toMatchObject({ ok: false, code: 'invalid_encoding' });
  });

  it('accepts valid multi-byte text', () => {
    const result = parseLlmRequest('openai-chat', withBytes(...utf8('é€😀')), GENEROUS_LIMITS);
    expect(result.ok && result.request.messages[0]?.parts[0]?.text).toBe('é€😀');
  });

  it.each([
    ['escaped NUL', '"a\\u0000b"'],
    ['escaped NUL at the start', '"\\u0000"'],
    ['lone high surrogate escape', '"\\ud83d"'],
    ['lone low surrogate escape', '"\\ude00x"'],
    ['high surrogate escape followed by a letter', '"\\ud83dx"'],
    ['high surrogate escape followed by another escape', '"\\ud83d\\n"'],
    ['two high surrogate escapes', '"\\ud83d\\ud83d"'],
    ['reversed surrogate escapes', '"\\ude00\\ud83d"'],
  ])('%s -> invalid_encoding', (_name, literal) => {
    expect(parseLlmRequest('openai-chat', utf8(chatWithLiteral(literal)), GENEROUS_LIMITS)).toMatchObject({ ok: false, code: 'invalid_encoding' });
  });

  it.each([
    ['escaped surrogate pair', '"\\ud83d\\ude00"', '😀'],
    ['escaped pair, upper-case hex', '"\\uD83D\\uDE00!"', '😀!'],
    ['escaped backslash then u0000 text', '"\\\\u0000"', '\\u0000'],
    ['escaped U+0001', '"\\u0001"', '\u0001'],
  ])('%s is accepted', (_name, literal, expected) => {
    const result = parseLlmRequest('openai-chat', utf8(chatWithLiteral(literal)), GENEROUS_LIMITS);
    expect(result.ok && result.request.messages[0]?.parts[0]?.text).toBe(expected);
  });
});

describe('scanJson', () => {
  it.each<[string, number, ScanResult]>([
    ['{}', 1, 'ok'],
    ['{}', 0, 'too_deep'],
    ['[[]]', 1, 'too_deep'],
    ['"[[["', 0, 'ok'],
    ['[1, "]", [2]]', 2, 'ok'],
    ['[[[[["\\u0000"]]]]]', 1, 'escaped_nul'],
    ['["\\ud800"]', 10, 'lone_surrogate'],
    ['["\\uzzzz"]', 10, 'ok'], // malformed escapes are left to JSON.parse
    ['"\\', 10, 'ok'],
  ])('%s with max %d -> %s', (input, max, expected) => {
    expect(scanJson(input, max)).toBe(expected);
  });
});
