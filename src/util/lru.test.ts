import { describe, expect, it } from 'vitest';
import { LruMap, LruTagSet } from './lru.js';

describe('LruMap', () => {
  it('evicts the least recently used key at the bound; get refreshes, peek does not', () => {
    const m = new LruMap<number>(2);
    m.set('a', 1);
    m.set('b', 2);
    expect(m.get('a')).toBe(1); // a is now the most recent
    m.set('c', 3); // evicts b
    expect(m.get('b')).toBeUndefined();
    expect(m.peek('a')).toBe(1); // a stays older than c
    m.set('d', 4); // evicts a
    expect(m.get('a')).toBeUndefined();
    expect([m.get('c'), m.get('d')]).toEqual([3, 4]);
    expect(m.size).toBe(2);
  });

  it('overwrites in place without growing; clear empties it', () => {
    const m = new LruMap<number>(3);
    m.set('a', 1);
    m.set('a', 2);
    expect(m.size).toBe(1);
    expect(m.get('a')).toBe(2);
    m.clear();
    expect(m.size).toBe(0);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
    expect(() => new LruMap(1.5)).toThrow(RangeError);
  });
});

describe('LruTagSet', () => {
  it('holds (key, tag) pairs: a key present under one tag is absent under another', () => {
    const s = new LruTagSet(4);
    s.add('text', 1);
    expect(s.has('text', 1)).toBe(true);
    expect(s.has('text', 2)).toBe(false);
    s.add('text', 2);
    s.add('text', 2);
    expect(s.has('text', 1)).toBe(true);
    expect(s.has('text', 2)).toBe(true);
    expect(s.has('text', 3)).toBe(false);
    expect(s.size).toBe(1);
  });

  it('evicts the least recently used key, with all its tags, at the bound; a hit refreshes', () => {
    const s = new LruTagSet(2);
    s.add('a', 1);
    s.add('a', 2);
    s.add('b', 1);
    expect(s.has('a', 2)).toBe(true); // a is now the most recent
    s.add('c', 1); // evicts b
    expect(s.has('b', 1)).toBe(false);
    expect(s.has('a', 1)).toBe(true);
    expect(s.has('c', 1)).toBe(true);
    expect(s.size).toBe(2);
    s.add('a', 3); // adding a tag refreshes a, so c is next to go
    s.add('d', 1);
    expect(s.has('c', 1)).toBe(false);
    expect([s.has('a', 1), s.has('a', 2), s.has('a', 3), s.has('d', 1)]).toEqual([true, true, true, true]);
  });

  it('agrees with a set of concatenated keys on random operations', () => {
    const s = new LruTagSet(8);
    const model: string[] = []; // most recent last; entries are `${key}` with their tag sets alongside
    const tags = new Map<string, Set<number>>();
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let i = 0; i < 5000; i++) {
      const key = `k${rand(12)}`;
      const tag = rand(3);
      const touch = () => { model.splice(model.indexOf(key), 1); model.push(key); };
      if (rand(2) === 0) {
        const expected = tags.get(key)?.has(tag) === true;
        expect(s.has(key, tag)).toBe(expected);
        if (expected) touch();
      } else {
        if (tags.has(key)) { tags.get(key)!.add(tag); touch(); }
        else {
          if (model.length >= 8) tags.delete(model.shift()!);
          tags.set(key, new Set([tag]));
          model.push(key);
        }
        s.add(key, tag);
      }
      expect(s.size).toBe(model.length);
    }
  });
});
