// Token stores: the in-memory default (bounded LRU, TTL) and Redis against a real redis-server started
// here on a free port; and the per-request vault in front of them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveTenantKeys } from './actions.js';
import { RedisTokenStore } from './redis-token-store.js';
import { MemoryTokenStore, TokenVault, type TokenStore } from './token-store.js';

const KEYS = deriveTenantKeys('secret', 'tenant-a');
const SCOPE = { tenant: 'tenant-a', conversation: 'conv-1' };

describe('MemoryTokenStore', () => {
  it('returns what was put, per scope; expired and unknown tokens are absent', async () => {
    let now = 1_000;
    const store = new MemoryTokenStore({ now: () => now });
    await store.put(SCOPE, new Map([['[[A_1]]', 'one'], ['[[A_2]]', 'two']]), 10);
    expect(await store.get(SCOPE, ['[[A_1]]', '[[A_3]]'])).toStrictEqual(new Map([['[[A_1]]', 'one']]));
    expect(await store.get({ ...SCOPE, conversation: 'other' }, ['[[A_1]]'])).toStrictEqual(new Map());
    expect(await store.get({ ...SCOPE, tenant: 'tenant-b' }, ['[[A_1]]'])).toStrictEqual(new Map());
    now += 10_001;
    expect(await store.get(SCOPE, ['[[A_1]]', '[[A_2]]'])).toStrictEqual(new Map());
  });

  it('is bounded: the least recently used entries go first', async () => {
    const store = new MemoryTokenStore({ maxEntries: 3 });
    await store.put(SCOPE, new Map([['a', '1'], ['b', '2'], ['c', '3']]), 60);
    await store.get(SCOPE, ['a']); // a is now the most recent
    await store.put(SCOPE, new Map([['d', '4']]), 60);
    expect(store.size).toBe(3);
    expect([...(await store.get(SCOPE, ['a', 'b', 'c', 'd'])).keys()]).toStrictEqual(['a', 'c', 'd']);
  });
});

describe('TokenVault', () => {
  it('the same value gets the same token; saving writes only new ones; another request loads them', async () => {
    const store = new MemoryTokenStore();
    const v1 = new TokenVault(SCOPE, KEYS, store, 60);
    const t = v1.tokenize('EMAIL_ADDRESS', 'jane@example.com');
    expect(t).toMatch(/^\[\[EMAIL_ADDRESS_[0-9a-f]{8}\]\]$/u);
    expect(v1.tokenize('EMAIL_ADDRESS', 'jane@example.com')).toBe(t);
    expect(v1.lookup(t!)).toBe('jane@example.com');
    await v1.save();
    const v2 = new TokenVault(SCOPE, KEYS, store, 60);
    expect(v2.lookup(t!)).toBeUndefined();
    await v2.load([t!, '[[EMAIL_ADDRESS_00000000]]']);
    expect(v2.lookup(t!)).toBe('jane@example.com');
    // Another conversation cannot read it back.
    const v3 = new TokenVault({ ...SCOPE, conversation: 'conv-2' }, KEYS, store, 60);
    await v3.load([t!]);
    expect(v3.lookup(t!)).toBeUndefined();
  });

  it('a full vault or an invalid entity name gets no token (the caller masks instead)', () => {
    const v = new TokenVault(SCOPE, KEYS, null, 60, 1);
    expect(v.tokenize('EMAIL_ADDRESS', 'a@b.co')).not.toBeNull();
    expect(v.tokenize('EMAIL_ADDRESS', 'c@d.co')).toBeNull();
    expect(new TokenVault(SCOPE, KEYS, null, 60).tokenize('bad-name', 'x')).toBeNull();
  });

  it('store failures: save throws (the guard applies its fail mode), load only counts (a token is not a leak)', async () => {
    const broken: TokenStore = { put: async () => { throw new Error('down'); }, get: async () => { throw new Error('down'); } };
    const v = new TokenVault(SCOPE, KEYS, broken, 60);
    v.tokenize('EMAIL_ADDRESS', 'jane@example.com');
    await expect(v.save()).rejects.toThrow('down');
    await v.load(['[[EMAIL_ADDRESS_12345678]]']);
    expect(v.lookupErrors).toBe(1);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); resolve(true); });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`redis-server did not listen on ${port}`);
}

const haveRedis = spawnSync('redis-server', ['--version']).status === 0;
const mustHaveRedis = Boolean(process.env.CI || process.env.GUARD_REQUIRE_REAL_DEPS);
/** Skipped only on a dev machine without redis-server; in CI the tests run, and fail in beforeAll. */
const runRedis = haveRedis || mustHaveRedis;

describe('RedisTokenStore (real redis-server)', () => {
  let server: ChildProcess | undefined;
  let redis: Redis | undefined;

  beforeAll(async () => {
    if (!haveRedis) {
      if (mustHaveRedis) throw new Error('redis-server not found on PATH, and CI / GUARD_REQUIRE_REAL_DEPS require it');
      return;
    }
    const port = await freePort();
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitForPort(port);
    redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined); // failures surface through the commands under test
    await redis.ping();
  }, 20_000);

  afterAll(async () => {
    await redis?.quit().catch(() => undefined);
    if (server?.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      process.kill(server.pid, 'SIGTERM');
      await exited;
    }
  });

  it.runIf(runRedis)('round trip per scope, with SET EX: keys namespaced and hashed, values only in values', async () => {
    const store = new RedisTokenStore(redis!, { prefix: 'test:tok' });
    await store.put(SCOPE, new Map([['[[EMAIL_ADDRESS_0000aaaa]]', 'jane@example.com']]), 30);
    expect(await store.get(SCOPE, ['[[EMAIL_ADDRESS_0000aaaa]]', '[[X_1]]'])).toStrictEqual(new Map([['[[EMAIL_ADDRESS_0000aaaa]]', 'jane@example.com']]));
    expect(await store.get({ ...SCOPE, tenant: 'tenant-b' }, ['[[EMAIL_ADDRESS_0000aaaa]]'])).toStrictEqual(new Map());
    const keys = await redis!.keys('test:tok:*');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^test:tok:\{[0-9a-f]{32}\}:\[\[EMAIL_ADDRESS_0000aaaa\]\]$/u);
    expect(keys[0]).not.toContain('tenant-a');
    const ttl = await redis!.ttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it.runIf(runRedis)('expiry is Redis\'s own (EX): an expired mapping is gone', async () => {
    const store = new RedisTokenStore(redis!, { prefix: 'test:exp' });
    await store.put(SCOPE, new Map([['[[A_00000001]]', 'v']]), 1);
    await redis!.pexpire(store.key(SCOPE, '[[A_00000001]]'), 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.get(SCOPE, ['[[A_00000001]]'])).toStrictEqual(new Map());
  });

  it.runIf(runRedis)('a vault saves through Redis and a later request of the same conversation restores', async () => {
    const store = new RedisTokenStore(redis!);
    const v1 = new TokenVault(SCOPE, KEYS, store, 60);
    const token = v1.tokenize('CREDIT_CARD', '4111 1111 1111 1111')!;
    await v1.save();
    const v2 = new TokenVault(SCOPE, KEYS, store, 60);
    await v2.load([token]);
    expect(v2.lookup(token)).toBe('4111 1111 1111 1111');
  });
});
