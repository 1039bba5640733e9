// Bounded maps with least-recently-used eviction: a Map keeps insertion order, so a hit moves its key
// to the end and the first key is the one to evict.

export class LruMap<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`LRU size must be a positive integer, got ${max}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value without touching recency. */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Sets `key` as the most recently used entry, evicting the least recently used one at the bound. */
  set(key: string, value: V): void {
    if (this.entries.has(key)) this.entries.delete(key);
    else if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * A bounded set of (key, tag) pairs with least-recently-used eviction by key: what a set keyed by
 * `${tag}:${key}` would hold, without building that string per look-up. Built for long keys (request
 * texts): a concatenated key is a new string per look-up that V8 must flatten (a copy) and hash again,
 * while the text itself, as JSON.parse made it, is hashed once and compared in place. Most keys carry
 * one tag, so a single tag is stored as a number and only a key with several gets an array.
 */
export class LruTagSet {
  private readonly entries: LruMap<number | number[]>;

  constructor(max: number) {
    this.entries = new LruMap(max);
  }

  /** Keys held (each with one or more tags). */
  get size(): number {
    return this.entries.size;
  }

  /** True when the pair is present; a hit makes the key the most recently used. */
  has(key: string, tag: number): boolean {
    if (!holds(this.entries.peek(key), tag)) return false;
    this.entries.get(key);
    return true;
  }

  add(key: string, tag: number): void {
    const tags = this.entries.peek(key);
    if (tags === undefined || holds(tags, tag)) this.entries.set(key, tags ?? tag);
    else this.entries.set(key, Array.isArray(tags) ? [...tags, tag] : [tags, tag]);
  }
}

function holds(tags: number | number[] | undefined, tag: number): boolean {
  return tags === tag || (Array.isArray(tags) && tags.includes(tag));
}
