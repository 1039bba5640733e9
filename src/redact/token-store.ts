// Reversible tokenization: where token -> value mappings live. A TokenStore keeps them per tenant and
// conversation with a TTL (in memory by default, Redis when configured); a TokenVault is one request's
// view of its conversation: tokens created while redacting the prompt (synchronously, no I/O), written
// to the store once at the end, and looked up again when the reply comes back.
//
// Values are the sensitive data itself: they are never logged, never put in errors or metric labels.
import { isEntityName, tokenFor, type TenantKeys } from './actions.js';

export interface TokenScope {
  readonly tenant: string;
  readonly conversation: string;
}

export interface TokenStore {
  /** Saves mappings for a scope; each expires `ttlSeconds` after this write. */
  put(scope: TokenScope, entries: ReadonlyMap<string, string>, ttlSeconds: number): Promise<void>;
  /** The values known for these tokens in this scope (missing and expired tokens are absent). */
  get(scope: TokenScope, tokens: readonly string[]): Promise<Map<string, string>>;
}

interface MemoryEntry {
  readonly value: string;
  readonly expires: number;
}

/** Bounded LRU with per-entry TTL; the default store (single process, lost on restart). */
export class MemoryTokenStore implements TokenStore {
  private readonly entries = new Map<string, MemoryEntry>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(opts: { maxEntries?: number; now?: () => number } = {}) {
    this.maxEntries = opts.maxEntries ?? 100_000;
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async put(scope: TokenScope, entries: ReadonlyMap<string, string>, ttlSeconds: number): Promise<void> {
    const expires = this.now() + ttlSeconds * 1000;
    for (const [token, value] of entries) {
      const key = keyOf(scope, token);
      this.entries.delete(key); // re-insert: most recently used goes last
      this.entries.set(key, { value, expires });
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  async get(scope: TokenScope, tokens: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const now = this.now();
    for (const token of tokens) {
      const key = keyOf(scope, token);
      const entry = this.entries.get(key);
      if (!entry) continue;
      this.entries.delete(key);
      if (entry.expires <= now) continue;
      this.entries.set(key, entry);
      out.set(token, entry.value);
    }
    return out;
  }
}

function keyOf(scope: TokenScope, token: string): string {
  return `${scope.tenant}\u0000${scope.conversation}\u0000${token}`;
}

/** One request's tokens: created while redacting the prompt, restored in the reply. */
export class TokenVault {
  private readonly known = new Map<string, string>();
  private readonly unsaved = new Map<string, string>();
  /** Token look-ups that failed (store down): the tokens stay in the reply as they are. */
  lookupErrors = 0;

  constructor(
    readonly scope: TokenScope,
    private readonly keys: TenantKeys,
    private readonly store: TokenStore | null,
    readonly ttlSeconds: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** Tokens this request knows (created or looked up). */
  get size(): number {
    return this.known.size;
  }

  /**
   * The token for a value, recorded for the reply and for the store. Null when the value cannot get a
   * token (its 32-bit id collides with another value's, or the vault is full): the caller masks it.
   */
  tokenize(entity: string, value: string): string | null {
    if (!isEntityName(entity)) return null;
    const token = tokenFor(entity, value, this.scope.conversation, this.keys);
    const prior = this.known.get(token);
    if (prior !== undefined) return prior === value ? token : null;
    if (this.known.size >= this.maxEntries) return null;
    this.known.set(token, value);
    this.unsaved.set(token, value);
    return token;
  }

  lookup(token: string): string | undefined {
    return this.known.get(token);
  }

  /** Fetches unknown tokens from the store. Failures are counted, not thrown: a token is not a leak. */
  async load(tokens: readonly string[]): Promise<void> {
    if (!this.store) return;
    const missing = [...new Set(tokens)].filter((t) => !this.known.has(t));
    if (missing.length === 0) return;
    try {
      const found = await this.store.get(this.scope, missing);
      for (const [token, value] of found) if (this.known.size < this.maxEntries) this.known.set(token, value);
    } catch {
      this.lookupErrors += 1;
    }
  }

  /** Writes the tokens created since the last save. Throws when the store fails (the caller's fail mode). */
  async save(): Promise<void> {
    if (!this.store || this.unsaved.size === 0) return;
    const entries = new Map(this.unsaved);
    this.unsaved.clear();
    await this.store.put(this.scope, entries, this.ttlSeconds);
  }
}
