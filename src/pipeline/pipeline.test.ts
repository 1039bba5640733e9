// Pipeline: verdict folding (first deny wins, edits compose, shadow only counts) and withEdits.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Headers, type HeaderView } from '../extproc/headers.js';
import type { LlmRequest } from '../llm/model.js';
import { createScanner } from '../redact/scanner.js';
import { GuardMetrics } from '../telemetry/metrics.js';
import type { RequestContext } from './context.js';
import type { Guard, GuardMode, ResponseTextFilter } from './guard.js';
import { Pipeline, withEdits } from './pipeline.js';
import { CONTINUE, deny, type TextEdit, type Verdict } from './verdict.js';

function ctx(): RequestContext {
  return {
    requestId: 'r', log: pino({ level: 'silent' }), signal: new AbortController().signal, method: 'POST',
    path: '/v1/chat/completions', api: 'openai-chat', errorShape: 'openai', usage: {},
  };
}

const REQUEST: LlmRequest = {
  api: 'openai-chat', model: 'm', stream: false,
  messages: [
    { role: 'system', parts: [{ text: 'sys', path: ['messages', 0, 'content'] }], toolCalls: [] },
    {
      role: 'user',
      parts: [{ text: 'my email is a@b.c', path: ['messages', 1, 'content', 0, 'text'] }, { text: 'and 555-1234', path: ['messages', 1, 'content', 1, 'text'] }],
      toolCalls: [],
    },
    { role: 'assistant', parts: [], toolCalls: [{ id: 'c', name: 'f', arguments: { text: '{"to":"a@b.c"}', path: ['messages', 2, 'tool_calls', 0, 'function', 'arguments'] } }] },
  ],
};

type Calls = string[];

/** A scripted guard: records each call with the texts it saw, returns the given verdicts. */
function scripted(name: string, calls: Calls, opts: {
  mode?: GuardMode;
  headers?: Verdict | Promise<Verdict>;
  request?: (req: LlmRequest) => Verdict | Promise<Verdict>;
  filter?: ResponseTextFilter;
} = {}): Guard {
  const g: Guard = {
    name,
    mode: opts.mode ?? 'enforce',
    ...(opts.headers !== undefined ? { checkRequestHeaders: (_c: RequestContext, _h: HeaderView) => { calls.push(`${name}:headers`); return opts.headers as Verdict; } } : {}),
    ...(opts.request ? {
      checkRequest: (_c: RequestContext, req: LlmRequest) => {
        calls.push(`${name}:request`);
        return (opts.request as (r: LlmRequest) => Verdict)(req);
      },
    } : {}),
    ...(opts.filter ? { responseTextFilter: () => opts.filter } : {}),
  };
  return g;
}

const allTexts = (req: LlmRequest) => req.messages.flatMap((m) => [...m.parts.map((p) => p.text), ...m.toolCalls.map((c) => c.arguments.text)]);

/** A guard that replaces `from` with `to` in every text containing it. */
const replacer = (name: string, calls: Calls, from: string, to: string, seen?: string[][]) => scripted(name, calls, {
  request: (req) => {
    seen?.push(allTexts(req));
    const edits: TextEdit[] = [];
    for (const m of req.messages) {
      for (const p of [...m.parts, ...m.toolCalls.map((c) => c.arguments)]) if (p.text.includes(from)) edits.push({ path: p.path, text: p.text.split(from).join(to) });
    }
    return { action: 'continue', edits };
  },
});

describe('Pipeline.checkRequestHeaders', () => {
  it('all continue -> CONTINUE; every guard called in order; guards without the hook are skipped', async () => {
    const calls: Calls = [];
    const p = new Pipeline([scripted('a', calls, { headers: CONTINUE }), scripted('b', calls, {}), scripted('c', calls, { headers: Promise.resolve(CONTINUE) })], new GuardMetrics(false));
    expect(await p.checkRequestHeaders(ctx(), Headers.of({}))).toBe(CONTINUE);
    expect(calls).toStrictEqual(['a:headers', 'c:headers']);
  });

  it('first deny wins and later guards are not called', async () => {
    const calls: Calls = [];
    const p = new Pipeline([
      scripted('a', calls, { headers: CONTINUE }),
      scripted('b', calls, { headers: deny('request_too_large', 'b') }),
      scripted('c', calls, { headers: deny('internal_error', 'c') }),
    ], new GuardMetrics(false));
    expect(await p.checkRequestHeaders(ctx(), Headers.of({}))).toStrictEqual({ action: 'deny', code: 'request_too_large', reason: 'b' });
    expect(calls).toStrictEqual(['a:headers', 'b:headers']);
  });

  it('a shadow deny continues to the next guard, whose enforce deny then wins', async () => {
    const calls: Calls = [];
    const metrics = new GuardMetrics(false);
    const p = new Pipeline([
      scripted('s', calls, { mode: 'shadow', headers: deny('unsupported_media_type', 's') }),
      scripted('e', calls, { headers: deny('request_too_large', 'e') }),
    ], metrics);
    expect(await p.checkRequestHeaders(ctx(), Headers.of({}))).toMatchObject({ action: 'deny', code: 'request_too_large' });
    expect(calls).toStrictEqual(['s:headers', 'e:headers']);
    expect((await metrics.shadowDenials.get()).values).toStrictEqual([{ value: 1, labels: { guard: 's', code: 'unsupported_media_type' } }]);
  });

  it('a guard that throws fails the whole check (the stream fails closed): a throw when sync, a rejection when async', async () => {
    const g: Guard = { name: 'boom', mode: 'enforce', checkRequestHeaders: () => { throw new Error('boom'); } };
    expect(() => new Pipeline([g], new GuardMetrics(false)).checkRequestHeaders(ctx(), Headers.of({}))).toThrow('boom');
    const later: Guard = { name: 'later', mode: 'enforce', checkRequestHeaders: () => Promise.reject(new Error('later boom')) };
    await expect(new Pipeline([later], new GuardMetrics(false)).checkRequestHeaders(ctx(), Headers.of({}))).rejects.toThrow('later boom');
  });

  it('stays synchronous while every guard answers synchronously, and waits for an async one in order', async () => {
    const order: string[] = [];
    const sync = (name: string): Guard => ({ name, mode: 'enforce', checkRequestHeaders: () => { order.push(name); return CONTINUE; } });
    const slow: Guard = { name: 'slow', mode: 'enforce', checkRequestHeaders: async () => { order.push('slow'); await Promise.resolve(); return CONTINUE; } };
    expect(new Pipeline([sync('a'), sync('b')], new GuardMetrics(false)).checkRequestHeaders(ctx(), Headers.of({}))).toBe(CONTINUE);
    order.length = 0;
    const mixed = new Pipeline([sync('a'), slow, sync('c')], new GuardMetrics(false)).checkRequestHeaders(ctx(), Headers.of({}));
    expect(mixed).toBeInstanceOf(Promise);
    expect(order).toEqual(['a', 'slow']);
    expect(await mixed).toBe(CONTINUE);
    expect(order).toEqual(['a', 'slow', 'c']);
  });
});

describe('Pipeline.checkRequest', () => {
  it('no guards: CONTINUE and ctx.request is the request itself', async () => {
    const c = ctx();
    expect(await new Pipeline([], new GuardMetrics(false)).checkRequest(c, REQUEST)).toBe(CONTINUE);
    expect(c.request).toBe(REQUEST);
  });

  it('first deny wins and later guards are not called', async () => {
    const calls: Calls = [];
    const c = ctx();
    const p = new Pipeline([
      replacer('a', calls, 'a@b.c', '[EMAIL]'),
      scripted('b', calls, { request: async () => deny('content_policy_violation', 'b') }),
      scripted('c', calls, { request: () => CONTINUE }),
    ], new GuardMetrics(false));
    expect(await p.checkRequest(c, REQUEST)).toStrictEqual({ action: 'deny', code: 'content_policy_violation', reason: 'b' });
    expect(calls).toStrictEqual(['a:request', 'b:request']);
    expect(c.request).toBeUndefined(); // a denied request is never recorded as the edited request
  });

  it('edits compose: the second guard sees the first guard\'s edit; all edits are returned in order', async () => {
    const calls: Calls = [];
    const seen: string[][] = [];
    const c = ctx();
    const p = new Pipeline([
      replacer('email', calls, 'a@b.c', '[EMAIL]', seen),
      replacer('brackets', calls, '[EMAIL]', '<EMAIL>', seen),
      replacer('phone', calls, '555-1234', '[PHONE]', seen),
    ], new GuardMetrics(false));
    const v = await p.checkRequest(c, REQUEST);
    expect(seen).toStrictEqual([
      ['sys', 'my email is a@b.c', 'and 555-1234', '{"to":"a@b.c"}'],
      ['sys', 'my email is [EMAIL]', 'and 555-1234', '{"to":"[EMAIL]"}'],
      ['sys', 'my email is <EMAIL>', 'and 555-1234', '{"to":"<EMAIL>"}'],
    ]);
    expect(v).toStrictEqual({
      action: 'continue',
      edits: [
        { path: ['messages', 1, 'content', 0, 'text'], text: 'my email is [EMAIL]' },
        { path: ['messages', 2, 'tool_calls', 0, 'function', 'arguments'], text: '{"to":"[EMAIL]"}' },
        { path: ['messages', 1, 'content', 0, 'text'], text: 'my email is <EMAIL>' },
        { path: ['messages', 2, 'tool_calls', 0, 'function', 'arguments'], text: '{"to":"<EMAIL>"}' },
        { path: ['messages', 1, 'content', 1, 'text'], text: 'and [PHONE]' },
      ],
    });
    expect(allTexts(c.request as LlmRequest)).toStrictEqual(['sys', 'my email is <EMAIL>', 'and [PHONE]', '{"to":"<EMAIL>"}']);
    expect(allTexts(REQUEST)).toStrictEqual(['sys', 'my email is a@b.c', 'and 555-1234', '{"to":"a@b.c"}']); // input untouched
  });

  it('edits compose the same when a guard in the middle answers asynchronously', async () => {
    const run = async (asyncMiddle: boolean) => {
      const calls: Calls = [];
      const seen: string[][] = [];
      const c = ctx();
      const middle = replacer('brackets', calls, '[EMAIL]', '<EMAIL>', seen);
      const guards: Guard[] = [replacer('email', calls, 'a@b.c', '[EMAIL]', seen), middle, replacer('phone', calls, '555-1234', '[PHONE]', seen)];
      if (asyncMiddle) {
        const check = middle.checkRequest?.bind(middle) as NonNullable<Guard['checkRequest']>;
        guards[1] = { ...middle, checkRequest: async (x, r) => { await Promise.resolve(); return check(x, r); } };
      }
      const out = new Pipeline(guards, new GuardMetrics(false)).checkRequest(c, REQUEST);
      expect(out instanceof Promise).toBe(asyncMiddle);
      return { verdict: await out, seen, request: c.request };
    };
    expect(await run(true)).toStrictEqual(await run(false));
  });

  it('a continue with an empty edit list is plain CONTINUE', async () => {
    const calls: Calls = [];
    const c = ctx();
    expect(await new Pipeline([scripted('a', calls, { request: () => ({ action: 'continue', edits: [] }) })], new GuardMetrics(false)).checkRequest(c, REQUEST)).toBe(CONTINUE);
    expect(c.request).toBe(REQUEST);
  });

  it('shadow deny converts to continue, is counted per guard and code, and the next guards still run', async () => {
    const calls: Calls = [];
    const metrics = new GuardMetrics(false);
    const p = new Pipeline([
      scripted('s1', calls, { mode: 'shadow', request: () => deny('content_policy_violation', 'x') }),
      scripted('s2', calls, { mode: 'shadow', request: () => deny('too_many_messages', 'y') }),
      replacer('e', calls, 'sys', 'SYS'),
    ], metrics);
    const v = await p.checkRequest(ctx(), REQUEST);
    expect(v).toStrictEqual({ action: 'continue', edits: [{ path: ['messages', 0, 'content'], text: 'SYS' }] });
    expect(calls).toStrictEqual(['s1:request', 's2:request', 'e:request']);
    const values = (await metrics.shadowDenials.get()).values.map((x) => [x.labels.guard, x.labels.code, x.value]);
    expect(values).toStrictEqual([['s1', 'content_policy_violation', 1], ['s2', 'too_many_messages', 1]]);
  });

  it('a shadow guard that continues is not counted', async () => {
    const metrics = new GuardMetrics(false);
    await new Pipeline([scripted('s', [], { mode: 'shadow', request: () => CONTINUE })], metrics).checkRequest(ctx(), REQUEST);
    expect((await metrics.shadowDenials.get()).values).toStrictEqual([]);
  });

  it('observed: edits from a shadow-mode guard are applied like any other (shadow only softens denies)', async () => {
    const calls: Calls = [];
    const shadowReplacer: Guard = { ...replacer('s', calls, 'sys', 'SYS'), mode: 'shadow' };
    const v = await new Pipeline([shadowReplacer], new GuardMetrics(false)).checkRequest(ctx(), REQUEST);
    expect(v).toStrictEqual({ action: 'continue', edits: [{ path: ['messages', 0, 'content'], text: 'SYS' }] });
  });
});

describe('Pipeline.responseTextFilters', () => {
  it('one filter per guard that has one, in guard order', () => {
    const scanner = createScanner([]);
    const f1: ResponseTextFilter = { scanner, replace: () => '1' };
    const f2: ResponseTextFilter = { scanner, replace: () => '2' };
    const noFilter: Guard = { name: 'n', mode: 'enforce', responseTextFilter: () => undefined };
    const p = new Pipeline([scripted('a', [], { filter: f1 }), noFilter, scripted('b', [], {}), scripted('c', [], { filter: f2 })], new GuardMetrics(false));
    expect(p.responseTextFilters(ctx())).toStrictEqual([f1, f2]);
  });
});

describe('withEdits', () => {
  it('no edits: equal content, new objects', () => {
    const out = withEdits(REQUEST, []);
    expect(out).toStrictEqual(REQUEST);
    expect(out).not.toBe(REQUEST);
  });

  it('replaces parts and tool-call arguments by exact path; other fields kept', () => {
    const out = withEdits(REQUEST, [
      { path: ['messages', 1, 'content', 1, 'text'], text: 'X' },
      { path: ['messages', 2, 'tool_calls', 0, 'function', 'arguments'], text: '{}' },
      { path: ['messages', 9, 'content'], text: 'no such path: ignored' },
    ]);
    expect(allTexts(out)).toStrictEqual(['sys', 'my email is a@b.c', 'X', '{}']);
    expect(out.messages[2]?.toolCalls[0]).toStrictEqual({ id: 'c', name: 'f', arguments: { text: '{}', path: ['messages', 2, 'tool_calls', 0, 'function', 'arguments'] } });
    expect([out.api, out.model, out.stream]).toStrictEqual(['openai-chat', 'm', false]);
  });

  it('paths compare by value and type: "1" is not 1', () => {
    const out = withEdits(REQUEST, [{ path: ['messages', '1', 'content', 0, 'text'], text: 'X' }]);
    expect(allTexts(out)).toStrictEqual(allTexts(REQUEST));
  });

  it('for the same path, the last edit wins', () => {
    const path = ['messages', 0, 'content'];
    expect(allTexts(withEdits(REQUEST, [{ path, text: 'first' }, { path, text: 'second' }]))[0]).toBe('second');
  });
});
