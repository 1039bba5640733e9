import { describe, expect, it } from 'vitest';
import { LruSet } from './lru-set.js';

describe('LruSet', () => {
  it('evicts the least recently used key at the bound; a hit refreshes', () => {
    const s = new LruSet(2);
    s.add('a');
    s.add('b');
    expect(s.has('a')).toBe(true); // a is now the most recent
    s.add('c'); // evicts b
    expect(s.has('b')).toBe(false);
    expect(s.has('a')).toBe(true);
    expect(s.has('c')).toBe(true);
    expect(s.size).toBe(2);
  });

  it('re-adding a key does not grow it', () => {
    const s = new LruSet(3);
    s.add('a');
    s.add('a');
    expect(s.size).toBe(1);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new LruSet(0)).toThrow(RangeError);
    expect(() => new LruSet(1.5)).toThrow(RangeError);
  });
});
