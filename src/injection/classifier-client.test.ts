// The external classifier client against a local stand-in model server: response shapes, timeout,
// circuit breaker (open, half-open probe, close), cache, single flight, metrics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CircuitBreaker, ClassifierClient, combineScores, LruCache, scoreFromResponse, type ClassifierClientConfig, type ClassifierOutcome,
} from './classifier-client.js';
import { classifierConfigSchema } from './policy.js';

type Reply = { status?: number; body?: unknown; raw?: string; delayMs?: number };

/** A model server stand-in on a free loopback port: records inputs, answers with the current script. */
class StandIn {
  private server: Server | undefined;
  url = '';
  inputs: string[] = [];
  contentTypes: (string | undefined)[] = [];
  reply: (input: string) => Reply = () => ({ body: [{ label: 'BENIGN', score: 1 }] });

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/classify`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let data = '';
    for await (const chunk of req) data += String(chunk);
    const input = (JSON.parse(data) as { inputs: string }).inputs;
    this.inputs.push(input);
    this.contentTypes.push(req.headers['content-type']);
    const r = this.reply(input);
    if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
    if (res.destroyed) return;
    res.writeHead(r.status ?? 200, { 'content-type': 'application/json' });
    res.end(r.raw ?? JSON.stringify(r.body));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const server = new StandIn();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.inputs = [];
  server.contentTypes = [];
  server.reply = () => ({ body: [{ label: 'BENIGN', score: 1 }] });
});

let clock = 0;
let observed: ClassifierOutcome[] = [];

function client(over: Partial<ClassifierClientConfig> = {}): ClassifierClient {
  clock = 0;
  observed = [];
  const cfg = { ...classifierConfigSchema.parse({}), url: server.url, timeoutMs: 500, ...over };
  return new ClassifierClient(cfg, { now: () => clock, metrics: { observe: (o, s) => { expect(s).toBeGreaterThanOrEqual(0); observed.push(o); } } });
}

const POSITIVE = new Set(['INJECTION', 'JAILBREAK', 'LABEL_1']);

describe('scoreFromResponse', () => {
  it.each<[string, unknown, number | null]>([
    ['list, positive label', [{ label: 'INJECTION', score: 0.9 }, { label: 'BENIGN', score: 0.1 }], 0.9],
    ['list, two attack classes sum', [{ label: 'BENIGN', score: 0.1 }, { label: 'INJECTION', score: 0.45 }, { label: 'JAILBREAK', score: 0.45 }], 0.9],
    ['batch of one', [[{ label: 'LABEL_1', score: 0.7 }, { label: 'LABEL_0', score: 0.3 }]], 0.7],
    ['single object', { label: 'JAILBREAK', score: 0.8 }, 0.8],
    ['labels any case', [{ label: 'injection', score: 0.6 }], 0.6],
    ['top-1 negative only', [{ label: 'BENIGN', score: 0.75 }], 0.25],
    ['single negative object', { label: 'SAFE', score: 1 }, 0],
    ['sum capped at 1', [{ label: 'INJECTION', score: 0.8 }, { label: 'JAILBREAK', score: 0.7 }], 1],
    ['empty list', [], null],
    ['score out of range', [{ label: 'INJECTION', score: 1.5 }], null],
    ['score not a number', [{ label: 'INJECTION', score: '0.9' }], null],
    ['missing label', [{ score: 0.9 }], null],
    ['error object', { error: 'model not loaded' }, null],
    ['null', null, null],
    ['batch of two (not ours)', [[{ label: 'INJECTION', score: 0.9 }], [{ label: 'INJECTION', score: 0.1 }]], null],
  ])('%s', (_name, json, expected) => {
    const score = scoreFromResponse(json, POSITIVE);
    if (expected === null) expect(score).toBeNull();
    else expect(score).toBeCloseTo(expected, 10);
  });
});

describe('ClassifierClient: calls', () => {
  it('POSTs {"inputs": text} as JSON and returns the positive score', async () => {
    server.reply = () => ({ body: [{ label: 'INJECTION', score: 0.93 }, { label: 'BENIGN', score: 0.07 }] });
    expect(await client().classify('hello')).toStrictEqual({ ok: true, score: 0.93 });
    expect(server.inputs).toStrictEqual(['hello']);
    expect(server.contentTypes).toStrictEqual(['application/json']);
    expect(observed).toStrictEqual(['ok']);
  });

  it('cuts input to maxInputChars', async () => {
    await client({ maxInputChars: 5 }).classify('0123456789');
    expect(server.inputs).toStrictEqual(['01234']);
  });

  it('a slow server is a timeout, well before it answers', async () => {
    server.reply = () => ({ delayMs: 1000, body: [] });
    const started = performance.now();
    expect(await client({ timeoutMs: 40 }).classify('slow')).toStrictEqual({ ok: false, outcome: 'timeout' });
    expect(performance.now() - started).toBeLessThan(500);
    expect(observed).toStrictEqual(['timeout']);
  });

  it.each<[string, Reply]>([
    ['a 500', { status: 500, body: { error: 'boom' } }],
    ['an unknown shape', { body: { predictions: [0.9] } }],
    ['a body that is not JSON', { raw: '<html>' }],
  ])('%s is an error', async (_name, reply) => {
    server.reply = () => reply;
    expect(await client().classify('x')).toStrictEqual({ ok: false, outcome: 'error' });
    expect(observed).toStrictEqual(['error']);
  });

  it('an unreachable server is an error', async () => {
    const c = new ClassifierClient({ ...classifierConfigSchema.parse({}), url: 'http://127.0.0.1:1/x', timeoutMs: 500 });
    expect(await c.classify('x')).toStrictEqual({ ok: false, outcome: 'error' });
  });
});

describe('ClassifierClient: cache', () => {
  it('a repeated text is answered from the cache without a request', async () => {
    server.reply = (input) => ({ body: { label: 'INJECTION', score: input === 'a' ? 0.9 : 0.1 } });
    const c = client();
    expect(await c.classify('a')).toStrictEqual({ ok: true, score: 0.9 });
    expect(await c.classify('a')).toStrictEqual({ ok: true, score: 0.9 });
    expect(await c.classify('b')).toStrictEqual({ ok: true, score: 0.1 });
    expect(server.inputs).toStrictEqual(['a', 'b']);
    expect(observed).toStrictEqual(['ok', 'cache_hit', 'ok']);
  });

  it('is bounded: the least recently used text is evicted', async () => {
    const c = client({ cacheSize: 2 });
    for (const t of ['a', 'b', 'a', 'c', 'b', 'a']) await c.classify(t);
    // a, b miss; a hits (and becomes newest); c evicts b; b misses and evicts a; a misses.
    expect(server.inputs).toStrictEqual(['a', 'b', 'c', 'b', 'a']);
  });

  it('failures are not cached', async () => {
    server.reply = () => ({ status: 500, body: {} });
    const c = client();
    await c.classify('x');
    server.reply = () => ({ body: { label: 'INJECTION', score: 0.5 } });
    expect(await c.classify('x')).toStrictEqual({ ok: true, score: 0.5 });
    expect(server.inputs).toHaveLength(2);
  });

  it('cacheSize 0 disables it', async () => {
    const c = client({ cacheSize: 0 });
    await c.classify('x');
    await c.classify('x');
    expect(server.inputs).toHaveLength(2);
  });

  it('concurrent calls for one text share one request', async () => {
    server.reply = () => ({ delayMs: 30, body: { label: 'INJECTION', score: 0.4 } });
    const c = client();
    const results = await Promise.all([c.classify('same'), c.classify('same'), c.classify('other')]);
    expect(results.map((r) => r.ok && r.score)).toStrictEqual([0.4, 0.4, 0.4]);
    expect([...server.inputs].sort()).toStrictEqual(['other', 'same']);
  });
});

describe('ClassifierClient: circuit breaker', () => {
  const cfg = { breaker: { failures: 3, cooldownMs: 1000 } };

  it('opens after N consecutive failures and stops calling the server', async () => {
    server.reply = () => ({ status: 500, body: {} });
    const c = client(cfg);
    for (let i = 0; i < 3; i++) expect(await c.classify(`t${i}`)).toStrictEqual({ ok: false, outcome: 'error' });
    expect(c.circuit).toBe('open');
    expect(await c.classify('t3')).toStrictEqual({ ok: false, outcome: 'circuit_open' });
    expect(server.inputs).toHaveLength(3);
    expect(observed).toStrictEqual(['error', 'error', 'error', 'circuit_open']);
  });

  it('a success in between resets the count', async () => {
    const c = client(cfg);
    const fail = () => ({ status: 500, body: {} });
    server.reply = fail;
    await c.classify('a');
    await c.classify('b');
    server.reply = () => ({ body: { label: 'BENIGN', score: 1 } });
    await c.classify('c');
    server.reply = fail;
    await c.classify('d');
    await c.classify('e');
    expect(c.circuit).toBe('closed');
  });

  it('after the cooldown one half-open probe: failure re-opens for a full cooldown, success closes', async () => {
    server.reply = () => ({ status: 500, body: {} });
    const c = client(cfg);
    for (let i = 0; i < 3; i++) await c.classify(`t${i}`);
    clock = 999;
    expect(await c.classify('early')).toStrictEqual({ ok: false, outcome: 'circuit_open' });
    clock = 1000;
    expect(await c.classify('probe1')).toStrictEqual({ ok: false, outcome: 'error' }); // the probe reached the server
    expect(c.circuit).toBe('open');
    clock = 1999;
    expect(await c.classify('again')).toStrictEqual({ ok: false, outcome: 'circuit_open' });
    clock = 2000;
    server.reply = () => ({ body: { label: 'INJECTION', score: 0.2 } });
    expect(await c.classify('probe2')).toStrictEqual({ ok: true, score: 0.2 });
    expect(c.circuit).toBe('closed');
    expect(await c.classify('after')).toStrictEqual({ ok: true, score: 0.2 });
    expect(server.inputs).toStrictEqual(['t0', 't1', 't2', 'probe1', 'probe2', 'after']);
  });

  it('while the probe is in flight, other calls are refused', async () => {
    server.reply = () => ({ status: 500, body: {} });
    const c = client(cfg);
    for (let i = 0; i < 3; i++) await c.classify(`t${i}`);
    clock = 1000;
    server.reply = () => ({ delayMs: 50, body: { label: 'BENIGN', score: 1 } });
    const probe = c.classify('probe');
    expect(c.circuit).toBe('half_open');
    expect(await c.classify('other')).toStrictEqual({ ok: false, outcome: 'circuit_open' });
    expect(await probe).toStrictEqual({ ok: true, score: 0 });
    expect(c.circuit).toBe('closed');
  });

  it('timeouts count as failures', async () => {
    server.reply = () => ({ delayMs: 300, body: [] });
    const c = client({ ...cfg, timeoutMs: 20 });
    for (let i = 0; i < 3; i++) expect(await c.classify(`t${i}`)).toStrictEqual({ ok: false, outcome: 'timeout' });
    expect(c.circuit).toBe('open');
  });
});

describe('pieces', () => {
  it('CircuitBreaker: a late failure of a call issued while closed does not re-arm an open circuit', () => {
    let now = 0;
    const b = new CircuitBreaker(1, 100, () => now);
    const early = b.acquire();
    const other = b.acquire();
    b.settle(other as 'call', false); // opens at 0
    now = 90;
    b.settle(early as 'call', false); // late: must not push the reopen to 190
    now = 100;
    expect(b.acquire()).toBe('probe');
  });

  it('LruCache: set refreshes, max bounds the size', () => {
    const lru = new LruCache<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('a', 3);
    lru.set('c', 4);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toStrictEqual([3, undefined, 4, 2]);
  });

  it.each<[string, number, number, 'max' | 'blend', number, number]>([
    ['max: classifier higher', 0.2, 0.9, 'max', 0.5, 0.9],
    ['max: heuristic higher', 0.8, 0.1, 'max', 0.5, 0.8],
    ['blend 0.5', 0.2, 0.8, 'blend', 0.5, 0.5],
    ['blend 0.25', 0.4, 0.8, 'blend', 0.25, 0.5],
    ['blend 1 (classifier only)', 0.9, 0.1, 'blend', 1, 0.1],
  ])('combineScores %s', (_n, h, c, combine, weight, expected) => {
    expect(combineScores(h, c, { combine, weight })).toBeCloseTo(expected, 10);
  });
});
