// RedactionGuard: the request side through the real parsers and body rewriter (every text part, tool
// calls, tool results, system prompts), block, shadow mode, store fail modes, tenants; and the reply
// side filter restoring the tokens this request created.
import { pino } from 'pino';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Headers } from '../extproc/headers.js';
import type { ApiKind } from '../llm/model.js';
import { parseLlmRequest } from '../llm/parse-request.js';
import { applyTextEdits } from '../llm/rewrite.js';
import type { RequestContext } from '../pipeline/context.js';
import { SseRewriter } from '../pipeline/response.js';
import { ScanBudgetExceeded } from '../redact/errors.js';
import { compileRedactionPolicy } from '../redact/policy.js';
import { SAMPLE_RECOGNIZERS } from '../redact/testing/sample-recognizers.js';
import { clientView, streamBytes } from '../redact/testing/streams.js';
import { MemoryTokenStore, type TokenStore } from '../redact/token-store.js';
import { RedactionGuard, redactionGuardConfigSchema, type RedactionGuardOptions } from './redaction.js';

const LIMITS = { maxBodyBytes: 1 << 20, maxJsonDepth: 64, maxMessages: 1000 };
const POLICY = compileRedactionPolicy({ entities: { EMAIL_ADDRESS: 'tokenize', US_SSN: 'hash', PRIVATE_KEY: 'block' } }, SAMPLE_RECOGNIZERS);

function ctx(requestId = 'req-1', api: ApiKind = 'openai-chat'): RequestContext {
  return { requestId, log: pino({ level: 'silent' }), signal: new AbortController().signal, method: 'POST', path: '/v1/chat/completions', api, errorShape: 'openai', usage: {} };
}

function guard(over: Partial<RedactionGuardOptions> = {}): RedactionGuard {
  return new RedactionGuard({ mode: 'enforce', policyFor: () => POLICY, secret: 'service-secret', store: new MemoryTokenStore(), storeFailMode: 'closed', ...over });
}

const CHAT = {
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'Support agent. Escalations go to ops@example.com.' },
    { role: 'user', content: [{ type: 'text', text: 'My SSN is 123-45-6789, mail me at jane.doe@example.com' }] },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'send', arguments: '{"to":"jane.doe@example.com","card":"4111 1111 1111 1111"}' } }] },
    { role: 'tool', tool_call_id: 'call_1', content: 'sent to jane.doe@example.com from 10.0.0.1' },
  ],
};

async function redactBody(g: RedactionGuard, c: RequestContext, api: ApiKind, body: unknown) {
  const parsed = parseLlmRequest(api, new TextEncoder().encode(JSON.stringify(body)), LIMITS);
  if (!parsed.ok) throw new Error(parsed.detail);
  const verdict = await g.checkRequest(c, parsed.request);
  if (verdict.action !== 'continue') return { verdict, out: null };
  const out = verdict.edits ? JSON.parse(Buffer.from(applyTextEdits(parsed.body, verdict.edits)).toString()) : body;
  return { verdict, out };
}

describe('RedactionGuard, request side', () => {
  it('OpenAI chat: system prompt, user parts, tool call arguments and tool results are all redacted', async () => {
    const { out } = await redactBody(guard(), ctx(), 'openai-chat', CHAT);
    const text = JSON.stringify(out);
    for (const v of ['ops@example.com', 'jane.doe@example.com', '123-45-6789', '4111 1111 1111 1111', '10.0.0.1']) expect(text).not.toContain(v);
    expect(out.messages[1].content[0].text).toMatch(/^My SSN is \[US_SSN:[0-9a-f]{8}\], mail me at \[\[EMAIL_ADDRESS_[0-9a-f]{8}\]\]$/u);
    expect(JSON.parse(out.messages[2].tool_calls[0].function.arguments)).toStrictEqual({ to: expect.stringMatching(/^\[\[EMAIL_ADDRESS_/u), card: '[CREDIT_CARD]' });
    // The same value gets the same token everywhere in the conversation.
    const tokens = new Set(text.match(/\[\[EMAIL_ADDRESS_[0-9a-f]{8}\]\]/gu));
    expect(tokens.size).toBe(2); // ops@ and jane.doe@
  });

  it('Anthropic: tool_use input (an object) stays an object after redaction', async () => {
    const body = {
      model: 'claude-sonnet-4-5', max_tokens: 100, system: 'Reach ops@example.com',
      messages: [
        { role: 'user', content: 'card 4111 1111 1111 1111' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'tu_1', name: 'charge', input: { card: '4111 1111 1111 1111', n: 2 } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: 'charged 4111 1111 1111 1111' }] },
      ],
    };
    const { out } = await redactBody(guard(), ctx('r', 'anthropic-messages'), 'anthropic-messages', body);
    expect(out.messages[1].content[0].input).toStrictEqual({ card: '[CREDIT_CARD]', n: 2 });
    expect(JSON.stringify(out)).not.toContain('4111 1111');
    expect(out.system).toMatch(/^Reach \[\[EMAIL_ADDRESS_[0-9a-f]{8}\]\]$/u);
  });

  it('block: the request is denied with content_policy_violation, the reason names the type only', async () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'key -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----' }] };
    const { verdict } = await redactBody(guard(), ctx(), 'openai-chat', body);
    expect(verdict).toStrictEqual({ action: 'deny', code: 'content_policy_violation', reason: 'redaction: PRIVATE_KEY' });
  });

  it('shadow mode: findings counted, nothing changed (a block is still reported for the pipeline to count)', async () => {
    const seen: string[] = [];
    const g = guard({ mode: 'shadow', onFinding: (side, f) => seen.push(`${side}:${f.entity}:${f.action}`) });
    const { verdict } = await redactBody(g, ctx(), 'openai-chat', CHAT);
    expect(verdict).toStrictEqual({ action: 'continue' });
    expect(seen).toContain('request:US_SSN:hash');
    expect(g.responseTextFilter(ctx())).toBeUndefined();
  });

  it('token store down: closed denies with guard_unavailable, open lets the request through', async () => {
    const broken: TokenStore = { put: async () => { throw new Error('down'); }, get: async () => new Map() };
    expect((await redactBody(guard({ store: broken }), ctx(), 'openai-chat', CHAT)).verdict).toMatchObject({ action: 'deny', code: 'guard_unavailable' });
    expect((await redactBody(guard({ store: broken, storeFailMode: 'open' }), ctx(), 'openai-chat', CHAT)).verdict.action).toBe('continue');
  });

  it('tenants (from headers) get different pseudonyms for the same value', async () => {
    const g = guard();
    const run = async (tenant: string) => {
      const c = ctx(`r-${tenant}`);
      g.checkRequestHeaders(c, Headers.of({ 'x-llm-guard-tenant': tenant, 'x-llm-guard-conversation': 'conv' }));
      const { out } = await redactBody(g, c, 'openai-chat', { model: 'm', messages: [{ role: 'user', content: 'ssn 123-45-6789' }] });
      return out.messages[0].content as string;
    };
    const a1 = await run('a');
    expect(await run('a')).toBe(a1);
    expect(await run('b')).not.toBe(a1);
  });

  it('a request without findings gets no edits', async () => {
    const { verdict } = await redactBody(guard(), ctx(), 'openai-chat', { model: 'm', messages: [{ role: 'user', content: 'hello there' }] });
    expect(verdict).toStrictEqual({ action: 'continue' });
  });
});

describe('RedactionGuard, scan budget', () => {
  afterEach(() => { vi.restoreAllMocks(); });

  it('within scanBudgetMs the request is redacted as without a budget', async () => {
    const { out: plain } = await redactBody(guard(), ctx(), 'openai-chat', CHAT);
    const { verdict, out } = await redactBody(guard({ scanBudgetMs: 3_600_000 }), ctx(), 'openai-chat', CHAT);
    expect(verdict.action).toBe('continue');
    // Tokens are random per vault; everything else is the same text.
    const untoken = (v: unknown) => JSON.stringify(v).replace(/\[\[EMAIL_ADDRESS_[0-9a-f]{8}\]\]/gu, 'T');
    expect(untoken(out)).toBe(untoken(plain));
  });

  it('scans running past scanBudgetMs deny the request with guard_timeout, and nothing is remembered as clean', async () => {
    const g = guard({ scanBudgetMs: 50 });
    const t0 = performance.now();
    let reads = 0;
    // The deadline is taken from the first read; every later read is an hour on.
    vi.spyOn(performance, 'now').mockImplementation(() => (++reads === 1 ? t0 : t0 + 3_600_000));
    const body = { model: 'm', messages: [{ role: 'user', content: 'Plain words and nothing else to find here.' }] };
    const { verdict } = await redactBody(g, ctx(), 'openai-chat', body);
    expect(verdict).toStrictEqual({ action: 'deny', code: 'guard_timeout', reason: 'redaction: scan budget exceeded' });
    vi.restoreAllMocks();
    // Had the text been cached as clean, this request would pass without a scan even on a slow clock.
    reads = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (++reads === 1 ? t0 : t0 + 3_600_000));
    expect((await redactBody(g, ctx('r2'), 'openai-chat', body)).verdict).toMatchObject({ action: 'deny', code: 'guard_timeout' });
  });

  it('the reply filter bounds whole-text scans (a JSON reply) by the same budget', () => {
    const g = guard({ scanBudgetMs: 50 });
    const c = ctx();
    const filter = g.responseTextFilter(c)!;
    expect(filter.scanner.scan('mail jane.doe@example.com').length).toBe(1);
    const t0 = performance.now();
    let reads = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (++reads === 1 ? t0 : t0 + 3_600_000));
    expect(() => filter.scanner.scan('mail jane.doe@example.com')).toThrow(ScanBudgetExceeded);
  });

  it('the reply filter bounds each streaming window by the same budget (one SSE event may carry a megabyte)', () => {
    const g = guard({ scanBudgetMs: 50 });
    const filter = g.responseTextFilter(ctx())!;
    const text = 'mail jane.doe@example.com';
    expect(filter.scanner.scanWindow(text, 0, text.length).findings.length).toBe(1);
    const t0 = performance.now();
    let reads = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (++reads === 1 ? t0 : t0 + 3_600_000));
    expect(() => filter.scanner.scanWindow(text, 0, text.length)).toThrow(ScanBudgetExceeded);
  });
});

describe('RedactionGuard, clean-text memory (resent conversation turns are not rescanned)', () => {
  it('a text found clean is not scanned again under the same policy, and the result is the same', async () => {
    let scans = 0;
    const counting = { ...POLICY, scanner: { ...POLICY.scanner, scan: (text: string) => { scans += 1; return POLICY.scanner.scan(text); } } } as typeof POLICY;
    const g = guard({ policyFor: () => counting });
    const body = { model: 'm', messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user', content: 'hello there' }] };
    const first = await redactBody(g, ctx('r1'), 'openai-chat', body);
    const afterFirst = scans;
    const second = await redactBody(g, ctx('r2'), 'openai-chat', body);
    expect(afterFirst).toBeGreaterThan(0);
    expect(scans).toBe(afterFirst);
    expect(second.verdict).toStrictEqual(first.verdict);
  });

  it('long texts (hashed keys) are remembered too, and a one-character change is scanned again', async () => {
    let scans = 0;
    const counting = { ...POLICY, scanner: { ...POLICY.scanner, scan: (text: string) => { scans += 1; return POLICY.scanner.scan(text); } } } as typeof POLICY;
    const g = guard({ policyFor: () => counting });
    const long = 'plain words without any value in them. '.repeat(60);
    const send = (content: string, id: string) => redactBody(g, ctx(id), 'openai-chat', { model: 'm', messages: [{ role: 'user', content }] });
    await send(long, 'r1');
    const once = scans;
    await send(long, 'r2');
    expect(scans).toBe(once);
    await send(`${long}!`, 'r3');
    expect(scans).toBeGreaterThan(once);
  });

  it('texts with findings are never remembered: the same value is redacted every time', async () => {
    const g = guard();
    for (const id of ['r1', 'r2', 'r3']) {
      const { out } = await redactBody(g, ctx(id), 'openai-chat', { model: 'm', messages: [{ role: 'user', content: 'ssn 123-45-6789' }] });
      expect(JSON.stringify(out)).not.toContain('123-45-6789');
    }
  });

  it('clean under one tenant\'s policy says nothing about another policy', async () => {
    const strict = compileRedactionPolicy({ custom: [{ name: 'PROJECT', pattern: 'orchid-[0-9]{3}' }] }, SAMPLE_RECOGNIZERS);
    const g = guard({ policyFor: (tenant) => (tenant === 'strict' ? strict : POLICY) });
    const run = async (tenant: string) => {
      const c = ctx(`r-${tenant}`);
      g.checkRequestHeaders(c, Headers.of({ 'x-llm-guard-tenant': tenant }));
      const { out } = await redactBody(g, c, 'openai-chat', { model: 'm', messages: [{ role: 'user', content: 'code orchid-123 ok' }] });
      return out.messages[0].content as string;
    };
    expect(await run('lax')).toBe('code orchid-123 ok');
    expect(await run('strict')).not.toContain('orchid-123');
  });
});

describe('RedactionGuard, reply side', () => {
  it('the streamed reply gets back the values this request tokenized; other values are redacted', async () => {
    const g = guard();
    const c = ctx();
    const { out } = await redactBody(g, c, 'openai-chat', CHAT);
    const token = (out.messages[1].content[0].text as string).match(/\[\[EMAIL_ADDRESS_[0-9a-f]{8}\]\]/u)![0];
    const filter = g.responseTextFilter(c)!;
    const reply = `I wrote to ${token}; the card 4111 1111 1111 1111 is on file.`;
    const rw = new SseRewriter('openai-chat', [filter], 1 << 20, {});
    const bytes = streamBytes('openai-chat', { pieces: reply.match(/.{1,4}/gsu)! });
    expect(clientView('openai-chat', rw.push(bytes, true)).texts.get('choice:0')).toBe('I wrote to jane.doe@example.com; the card [CREDIT_CARD] is on file.');
  });

  it('a later request of the same conversation restores tokens through the store (async path)', async () => {
    const store = new MemoryTokenStore();
    const g = guard({ store });
    const headers = Headers.of({ 'x-llm-guard-conversation': 'conv-7' });
    const c1 = ctx('r1');
    g.checkRequestHeaders(c1, headers);
    const { out } = await redactBody(g, c1, 'openai-chat', { model: 'm', messages: [{ role: 'user', content: 'I am jane.doe@example.com' }] });
    const token = (out.messages[0].content as string).match(/\[\[EMAIL_ADDRESS_[0-9a-f]{8}\]\]/u)![0];
    const c2 = ctx('r2');
    g.checkRequestHeaders(c2, headers);
    await redactBody(g, c2, 'openai-chat', { model: 'm', messages: [{ role: 'user', content: 'what is my address?' }] });
    const rw = new SseRewriter('openai-chat', [g.responseTextFilter(c2)!], 1 << 20, {});
    const bytes = streamBytes('openai-chat', { pieces: [`It is ${token}.`] });
    expect(clientView('openai-chat', await rw.pushAsync(bytes, true)).texts.get('choice:0')).toBe('It is jane.doe@example.com.');
  });
});

describe('redactionGuardConfigSchema', () => {
  it('defaults: enforce, mask everything, memory token store failing closed; unknown keys rejected', () => {
    const cfg = redactionGuardConfigSchema.parse({});
    expect(cfg).toMatchObject({ enabled: true, mode: 'enforce', policy: { default: 'mask', entities: {} }, tokenStore: { kind: 'memory', failMode: 'closed' } });
    expect(() => redactionGuardConfigSchema.parse({ polcy: {} })).toThrow();
    expect(compileRedactionPolicy(cfg.policy, SAMPLE_RECOGNIZERS).actionFor('EMAIL_ADDRESS')).toBe('mask');
  });
});
