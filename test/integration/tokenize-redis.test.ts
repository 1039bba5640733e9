// Reversible tokenization with the token map in a real redis-server: the model sees only a token, the
// mapping lives in Redis (keyed by tenant and conversation, with a TTL), and the reply, which echoes the
// token, reaches the client with the original value restored. Fails (never skips) without redis-server.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, rawRequest, startRedis, startTestStack, writeGuardConfig, type RedisServer, type TestStack } from './support.js';

let redis: RedisServer;
let t: TestStack;
beforeAll(async () => {
  redis = await startRedis();
  const config = writeGuardConfig('guards:\n  redaction:\n    policy:\n      entities: { EMAIL_ADDRESS: tokenize }\n    tokenStore: { kind: redis }\n');
  t = await startTestStack({ guardConfig: config, guardEnv: { GUARD_REDIS_URL: redis.url, GUARD_REDACTION_SECRET: 'integration-test-secret' } });
});
afterAll(async () => { await t?.stop(); await redis?.stop(); });

const EMAIL = 'sam.lee@example.net';

describe('tokenize with Redis', () => {
  it.each([false, true])('the model sees a token, the client gets the value back (stream: %s)', async (stream) => {
    t.mock.reset();
    const res = await rawRequest(t.url, '/v1/chat/completions', {
      body: chatBody(`Mail ${EMAIL} today`, { stream }),
      headers: { 'x-llm-guard-tenant': 'acme', 'x-llm-guard-conversation': `conv-${String(stream)}`, 'x-mock-chunk': 'random:4' },
    });
    expect(res.status).toBe(200);
    const forwarded = t.mock.requests.find((r) => r.path === '/v1/chat/completions')?.body.toString() ?? '';
    expect(forwarded).not.toContain(EMAIL);
    const token = /\[\[EMAIL_ADDRESS_[0-9a-f]+\]\]/.exec(forwarded)?.[0];
    expect(token).toBeDefined();
    // The mock echoes the prompt: the token comes back and is restored for this caller.
    const body = res.body.toString();
    expect(body).toContain(EMAIL);
    expect(body).not.toContain(token as string);
  });

  it('the mapping is in Redis with a TTL, under a hashed key that holds no ids', async () => {
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys('llm-guard:tok:*');
      expect(keys.length).toBeGreaterThanOrEqual(2);
      for (const key of keys) {
        expect(key).not.toContain('acme');
        expect(key).not.toContain('conv-');
        const ttl = await client.ttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(86400);
      }
      expect(await client.get(keys[0] as string)).toBe(EMAIL);
    } finally {
      client.disconnect();
    }
  });
});
