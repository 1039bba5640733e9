// A bounded set with least-recently-used eviction (a Map keeps insertion order; a hit moves to the end).
export class LruSet {
  private readonly keys = new Map<string, true>();

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`LruSet size must be a positive integer, got ${max}`);
  }

  get size(): number {
    return this.keys.size;
  }

  /** True when present; a hit becomes the most recently used. */
  has(key: string): boolean {
    if (!this.keys.has(key)) return false;
    this.keys.delete(key);
    this.keys.set(key, true);
    return true;
  }

  add(key: string): void {
    if (this.keys.has(key)) this.keys.delete(key);
    else if (this.keys.size >= this.max) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(key, true);
  }
}

/**
 * A bounded set of (key, tag) pairs with least-recently-used eviction by key: what one LruSet keyed by
 * `${tag}:${key}` would hold, without building that string per look-up. Built for long keys (request
 * texts): a concatenated key is a new string per look-up that V8 must flatten (a copy) and hash again,
 * while the text itself, as JSON.parse made it, is hashed once and compared in place. Most keys carry
 * one tag, so a single tag is stored as a number and only a key with several gets an array.
 */
export class LruTagSet {
  private readonly entries = new Map<string, number | number[]>();

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`LruTagSet size must be a positive integer, got ${max}`);
  }

  /** Keys held (each with one or more tags). */
  get size(): number {
    return this.entries.size;
  }

  /** True when the pair is present; a hit makes the key the most recently used. */
  has(key: string, tag: number): boolean {
    const tags = this.entries.get(key);
    if (tags === undefined || !(tags === tag || (Array.isArray(tags) && tags.includes(tag)))) return false;
    this.entries.delete(key);
    this.entries.set(key, tags);
    return true;
  }

  add(key: string, tag: number): void {
    const tags = this.entries.get(key);
    let next: number | number[] = tag;
    if (tags !== undefined) {
      this.entries.delete(key);
      if (tags === tag || (Array.isArray(tags) && tags.includes(tag))) next = tags;
      else next = Array.isArray(tags) ? [...tags, tag] : [tags, tag];
    } else if (this.entries.size >= this.max) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, next);
  }
}
