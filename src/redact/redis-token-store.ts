// Token mappings in Redis, shared by every guard replica: one key per token, SET with EX, so Redis
// expires them itself. Keys are namespaced `<prefix>:{<scope>}:<token>` where <scope> is a SHA-256 of
// tenant and conversation: no raw ids in key names, bounded key length, and the `{...}` hash tag keeps
// a conversation's keys in one cluster slot so MGET works there too.
//
// Values are sensitive: they are only ever arguments of SET and results of MGET, never logged or put in
// an error message (a failed command rejects with the client's error, which carries no arguments).
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TokenScope, TokenStore } from './token-store.js';

export class RedisTokenStore implements TokenStore {
  private readonly prefix: string;

  constructor(private readonly redis: Redis, opts: { prefix?: string } = {}) {
    this.prefix = opts.prefix ?? 'llm-guard:tok';
  }

  key(scope: TokenScope, token: string): string {
    const id = createHash('sha256').update(`${scope.tenant}\u0000${scope.conversation}`).digest('hex').slice(0, 32);
    return `${this.prefix}:{${id}}:${token}`;
  }

  async put(scope: TokenScope, entries: ReadonlyMap<string, string>, ttlSeconds: number): Promise<void> {
    if (entries.size === 0) return;
    const ttl = Math.max(1, Math.ceil(ttlSeconds));
    const pipeline = this.redis.pipeline();
    for (const [token, value] of entries) pipeline.set(this.key(scope, token), value, 'EX', ttl);
    const results = await pipeline.exec();
    for (const [err] of results ?? []) if (err) throw new Error(`token store write failed: ${err.name}`);
  }

  async get(scope: TokenScope, tokens: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (tokens.length === 0) return out;
    const values = await this.redis.mget(...tokens.map((t) => this.key(scope, t)));
    values.forEach((v, i) => { if (v !== null) out.set(tokens[i]!, v); });
    return out;
  }
}
