import { describe, expect, it } from 'vitest';
import { andThen, isPromise } from './maybe-promise.js';

describe('maybe-promise', () => {
  it('runs the continuation synchronously for a ready value', () => {
    let ran = false;
    const out = andThen(2, (v) => { ran = true; return v * 3; });
    expect(ran).toBe(true);
    expect(out).toBe(6);
    expect(isPromise(out)).toBe(false);
  });

  it('chains a promise and propagates rejections without calling the continuation', async () => {
    const out = andThen(Promise.resolve(2), (v) => v + 1);
    expect(isPromise(out)).toBe(true);
    await expect(out).resolves.toBe(3);
    let called = false;
    await expect(andThen(Promise.reject(new Error('boom')), () => { called = true; })).rejects.toThrow('boom');
    expect(called).toBe(false);
  });

  it('treats plain objects, null and undefined as ready values', () => {
    expect(isPromise({ action: 'continue' })).toBe(false);
    expect(isPromise(null)).toBe(false);
    expect(isPromise(undefined)).toBe(false);
  });
});
