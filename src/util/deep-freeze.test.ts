import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deep-freeze.js';

describe('deepFreeze', () => {
  it('freezes nested objects and arrays, leaves Buffers alone, survives cycles', () => {
    const buf = Buffer.from('ab');
    const value: Record<string, unknown> = { a: { b: [1, { c: 2 }] }, buf };
    value.self = value;
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen((value.a as { b: unknown[] }).b[1])).toBe(true);
    expect(Object.isFrozen(buf)).toBe(false);
    expect(deepFreeze(3)).toBe(3);
  });
});
