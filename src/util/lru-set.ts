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
