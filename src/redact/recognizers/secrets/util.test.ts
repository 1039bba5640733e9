// The small building blocks every secret recognizer leans on: statistics, filler detection, encodings.
import { describe, expect, it } from 'vitest';
import { ALNUM, prng, rand } from './testing/tokens.js';
import { base62, base64Decode, charClasses, classCount, crc32, entropy, isFillerToken, isHex, isMaskedOrDocumented, longestRun, longestSequence, looksLikeWords, readsAsWords, secret } from './util.js';

describe('statistics', () => {
  it.each([
    ['', 0],
    ['aaaa', 0],
    ['ab', 1],
    ['abcd', 2],
    ['0123456789abcdef', 4],
  ])('entropy(%j) = %d bits/char', (s, bits) => {
    expect(entropy(s)).toBeCloseTo(bits, 6);
  });

  it('counts character classes, not counting - _ . as symbols', () => {
    expect(charClasses('aB3-_.!')).toEqual({ lower: 1, upper: 1, digit: 1, symbol: 1 });
    expect(classCount('abc')).toBe(1);
    expect(classCount('aB3!')).toBe(4);
  });

  it.each([
    ['abc', 1, 3],
    ['aaab', 3, 2],
    ['xyz9876', 1, 4],
    ['', 0, 0],
  ])('longestRun / longestSequence of %j', (s, run, seq) => {
    expect(longestRun(s)).toBe(run);
    expect(longestSequence(s)).toBe(seq);
  });

  it.each([
    ['requiredCharacteristicTypes', true],
    ['SERVINGCELLPRIORITY', true],
    ['ElvTjawLAyAgqNIIoQABulKWbrD', false],
    ['a1b2c3d4', false],
    ['deploymentconfiguration2', true],
    ['zpczok4kqgnw5prpfy3ehiylbqvgbjfkdiqkejsxqamy7qbkep7q', false],
    ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', false],
  ])('looksLikeWords(%j) = %s', (s, want) => {
    expect(looksLikeWords(s)).toBe(want);
  });

  it('isHex', () => {
    expect(isHex('deadBEEF09')).toBe(true);
    expect(isHex('xyz')).toBe(false);
    expect(isHex('')).toBe(false);
  });
});

describe('isFillerToken', () => {
  it.each([
    ['xxxxxxxxxxxxxxxxxxxxxxxx', 'mask'],
    ['XXXXXXXXXXXXXXXX', 'upper mask'],
    ['****************', 'stars'],
    ['abcdefghijklmnopqrstuvwxyz123456', 'alphabet'],
    ['0123456789012345', 'counting'],
    ['000000000000000000000000', 'zeros'],
    ['AKIAIOSFODNN7EXAMPLE', 'documentation word'],
    ['your_api_key_goes_here_x', 'your_'],
    ['abababababababababababab', 'too few distinct characters'],
  ])('%j is filler (%s)', (s) => {
    expect(isFillerToken(s)).toBe(true);
  });

  it('random bodies are not filler', () => {
    const next = prng(99);
    for (let i = 0; i < 200; i++) expect(isFillerToken(rand(ALNUM, 36, next))).toBe(false);
  });
});

describe('isMaskedOrDocumented (placeholder policy of shape-distinctive formats)', () => {
  it.each([
    ['XXXXXXXXXXXXXXXX', true],
    ['ab12XXXXcd34', true],
    ['****************', true],
    ['IOSFODNN7EXAMPLE', true],
    ['your_token_here', true],
    ['WWWWWWWWWWWWWWWW', false],
    ['xxxxxxxxxxxx', false],
    ['q7Hk2Lm9Zp4R', false],
  ])('%j -> %s', (s, want) => {
    expect(isMaskedOrDocumented(s)).toBe(want);
  });
});

describe('readsAsWords', () => {
  it.each([
    ['ddressBook', true],
    ['ollowers', true],
    ['EventHandlerQueue', true],
    ['xxxxxxxxxx', false],
    ['kQwErTyUiOp', false],
    ['Fb8mZq3kLp', false],
    ['', false],
  ])('%j -> %s', (s, want) => {
    expect(readsAsWords(s)).toBe(want);
  });

  it('random letters rarely read as words', () => {
    const next = prng(7);
    let words = 0;
    for (let i = 0; i < 500; i++) if (readsAsWords(rand('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 20, next))) words++;
    expect(words).toBeLessThan(10);
  });
});

describe('encodings', () => {
  it('crc32 matches the standard check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it.each([
    [0, 6, '000000'],
    [61, 2, '0z'],
    [62, 2, '10'],
    [0xffffffff, 6, '4gfFC3'],
  ])('base62(%d, %d) = %s', (n, width, want) => {
    expect(base62(n, width)).toBe(want);
  });

  it('base64Decode accepts standard and URL-safe alphabets, padding optional', () => {
    expect(base64Decode('aGVsbG8')?.toString()).toBe('hello');
    expect(base64Decode('aGVsbG8=')?.toString()).toBe('hello');
    expect(base64Decode('-_8')?.length).toBe(2);
    expect(base64Decode('a')).toBeNull();
    expect(base64Decode('a b')).toBeNull();
  });
});

describe('secret() factory', () => {
  it('fills kind and defaults and refuses values longer than maxLength', () => {
    const r = secret({ id: 't', entity: 'T', pattern: 'x+', maxLength: 3 });
    expect(r.kind).toBe('secret');
    expect(r.confidence).toBe(0.9);
    expect(r.validate?.('xxx')).toBe(true);
    expect(r.validate?.('xxxx')).toBe(false);
  });

  it('keeps the family validator', () => {
    const r = secret({ id: 't', entity: 'T', pattern: 'x+', validate: (v) => v.length % 2 === 0 });
    expect(r.validate?.('xx')).toBe(true);
    expect(r.validate?.('x')).toBe(false);
  });
});
