// InjectionGuard: role awareness, thresholds, block/flag, enforce/shadow, the classifier's combination
// and fail modes, per-request dedup through the detect port, and deny reasons and logs free of content.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ApiKind } from '../llm/model.js';
import type { ClassifierResult } from '../injection/classifier-client.js';
import type { DetectFn } from '../injection/policy.js';
import { TOOL_DROP_NOTICE } from '../injection/rag.js';
import { CONTINUE } from '../pipeline/verdict.js';
import { fakeDetector, harness, run, STRONG } from './testing/injection.js';

const chat = (...messages: object[]) => ({ model: 'm', messages });
const tc = { id: 'c1', type: 'function', function: { name: 'f', arguments: '{"q":"INJECT"}' } };

// [name, api, body, expected outcome, trust the detector must have been asked with (or null: not scored)]
const ROLES: [string, ApiKind, object, 'deny' | 'pass' | 'drop', string | null][] = [
  ['chat system', 'openai-chat', chat({ role: 'system', content: 'INJECT' }, { role: 'user', content: 'hi' }), 'pass', null],
  ['chat developer', 'openai-chat', chat({ role: 'developer', content: 'INJECT' }, { role: 'user', content: 'hi' }), 'pass', null],
  ['chat user', 'openai-chat', chat({ role: 'user', content: 'INJECT' }), 'deny', 'user'],
  ['chat user, content parts joined', 'openai-chat', chat({ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'INJECT' }] }), 'deny', 'user'],
  ['chat user below the user threshold', 'openai-chat', chat({ role: 'user', content: 'MILD' }), 'pass', 'user'],
  ['chat assistant (replayed history)', 'openai-chat', chat({ role: 'user', content: 'q' }, { role: 'assistant', content: 'INJECT' }), 'deny', 'user'],
  ['chat tool-call arguments', 'openai-chat', chat({ role: 'user', content: 'q' }, { role: 'assistant', content: null, tool_calls: [tc] }), 'pass', null],
  ['chat tool result', 'openai-chat', chat({ role: 'user', content: 'q' }, { role: 'assistant', content: null, tool_calls: [tc] }, { role: 'tool', tool_call_id: 'c1', content: 'INJECT' }), 'drop', 'untrusted'],
  ['chat tool result between thresholds', 'openai-chat', chat({ role: 'user', content: 'q' }, { role: 'tool', tool_call_id: 'c1', content: 'MILD' }), 'drop', 'untrusted'],
  ['chat legacy function output', 'openai-chat', chat({ role: 'user', content: 'q' }, { role: 'function', name: 'f', content: 'MILD' }), 'drop', 'untrusted'],
  ['responses instructions', 'openai-responses', { model: 'm', instructions: 'INJECT', input: 'hi' }, 'pass', null],
  ['responses string input', 'openai-responses', { model: 'm', input: 'INJECT' }, 'deny', 'user'],
  ['responses developer item', 'openai-responses', { model: 'm', input: [{ role: 'developer', content: 'INJECT' }, { role: 'user', content: 'hi' }] }, 'pass', null],
  ['responses function_call_output', 'openai-responses', { model: 'm', input: [{ type: 'function_call_output', call_id: 'c', output: 'MILD' }] }, 'drop', 'untrusted'],
  ['anthropic system', 'anthropic-messages', { model: 'c', max_tokens: 5, system: 'INJECT', messages: [{ role: 'user', content: 'hi' }] }, 'pass', null],
  ['anthropic user', 'anthropic-messages', { model: 'c', max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'text', text: 'INJECT' }] }] }, 'deny', 'user'],
  ['anthropic tool_result', 'anthropic-messages', {
    model: 'c', max_tokens: 5,
    messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'MILD' }] }],
  }, 'drop', 'untrusted'],
];

describe('role awareness', () => {
  it.each(ROLES)('%s', async (_name, api, body, expected, trust) => {
    const h = harness();
    const { verdict, outRequest } = await run(h, api, body);
    if (expected === 'deny') expect(verdict).toMatchObject({ action: 'deny', code: 'prompt_injection_detected' });
    else expect(verdict.action).toBe('continue');
    if (expected === 'pass') expect(verdict).toBe(CONTINUE);
    if (expected === 'drop') {
      const tool = outRequest.messages.find((m) => m.role === 'tool');
      expect(tool?.parts.map((p) => p.text)).toStrictEqual([TOOL_DROP_NOTICE]);
    }
    const scoredMarker = h.calls.filter((c) => c.includes('INJECT') || c.includes('MILD'));
    expect(scoredMarker.map((call) => call.split(':')[0])).toStrictEqual(trust === null ? [] : [trust]);
  });

  it('the deny reason names the role, position and signal ids', async () => {
    const { verdict } = await run(harness(), 'openai-chat', chat({ role: 'system', content: 's' }, { role: 'user', content: 'fine' }, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'INJECT' }));
    expect(verdict).toStrictEqual({
      action: 'deny', code: 'prompt_injection_detected',
      reason: `prompt injection in user message at messages[3].content: signals ${STRONG.join(',')}; score 0.95`,
    });
  });

  it('a text with no readable content is not scored', async () => {
    const h = harness();
    await run(h, 'openai-chat', chat({ role: 'user', content: '  ' }, { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }));
    expect(h.calls).toStrictEqual([]);
  });
});

describe('thresholds', () => {
  it('configured thresholds replace the detector defaults', async () => {
    const strict = await run(harness({ threshold: 0.5 }), 'openai-chat', chat({ role: 'user', content: 'MILD' }));
    expect(strict.verdict.action).toBe('deny');
    const lax = await run(harness({ untrustedThreshold: 0.7 }), 'openai-chat', chat({ role: 'user', content: 'q' }, { role: 'tool', tool_call_id: 'c', content: 'MILD' }));
    expect(lax.verdict).toBe(CONTINUE);
  });

  it('the score equal to the threshold counts as a detection', async () => {
    const detect: DetectFn = () => ({ score: 0.7, signals: ['x'], obfuscated: false });
    const { verdict } = await run(harness({}, { detect }), 'openai-chat', chat({ role: 'user', content: 'q' }));
    expect(verdict.action).toBe('deny');
  });
});

describe('action and mode', () => {
  const attack = chat({ role: 'user', content: 'INJECT' }, { role: 'tool', tool_call_id: 'c', content: 'INJECT' });

  it('flag: nothing is denied or rewritten; detections are logged and counted', async () => {
    const h = harness({ action: 'flag' });
    const { verdict } = await run(h, 'openai-chat', attack);
    expect(verdict).toBe(CONTINUE);
    expect(h.records).toStrictEqual([['user', 'injection', 'flag'], ['tool', 'injection', 'flag']]);
    expect(h.logs.map((l) => [l['msg'], l['source'], l['outcome']])).toStrictEqual([
      ['prompt injection detected', 'user', 'flag'], ['prompt injection detected', 'tool', 'flag'],
    ]);
  });

  it('shadow: the guard says deny (the pipeline counts it and lets it pass), counted as shadow', async () => {
    const h = harness({ mode: 'shadow' });
    expect(h.guard.mode).toBe('shadow');
    const { verdict } = await run(h, 'openai-chat', attack);
    expect(verdict).toMatchObject({ action: 'deny', code: 'prompt_injection_detected' });
    expect(verdict).not.toHaveProperty('shadow'); // nothing to translate: the pipeline's bare CONTINUE is right
    expect(h.records).toStrictEqual([['user', 'injection', 'shadow'], ['tool', 'injection', 'shadow']]);
    expect(h.logs.every((l) => l['mode'] === 'shadow')).toBe(true);
  });

  it('shadow: a would-be drop leaves the tool result untouched', async () => {
    const h = harness({ mode: 'shadow' });
    const { verdict, out } = await run(h, 'openai-chat', chat({ role: 'user', content: 'q' }, { role: 'tool', tool_call_id: 'c', content: 'INJECT' }));
    expect(verdict).toBe(CONTINUE);
    expect(out['messages']).toStrictEqual([{ role: 'user', content: 'q' }, { role: 'tool', tool_call_id: 'c', content: 'INJECT' }]);
    expect(h.logs[0]).toMatchObject({ outcome: 'drop', mode: 'shadow' });
  });
});

/** A classifier stand-in: scores by text, or fails with the given outcome. */
function fakeClassifier(score: (text: string) => number | 'timeout' | 'error' | 'circuit_open', seen: string[] = []) {
  return {
    classify: (text: string): Promise<ClassifierResult> => {
      seen.push(text);
      const s = score(text);
      return Promise.resolve(typeof s === 'number' ? { ok: true, score: s } : { ok: false, outcome: s });
    },
  };
}

describe('classifier', () => {
  it('max: the classifier can raise a score over the threshold, and says so in the signals', async () => {
    const h = harness({}, { classifier: fakeClassifier(() => 0.9) });
    const { verdict } = await run(h, 'openai-chat', chat({ role: 'user', content: 'MILD' }));
    expect(verdict).toMatchObject({ action: 'deny', reason: 'prompt injection in user message at messages[0].content: signals mild.cue,classifier; score 0.90' });
  });

  it('max: a text the heuristic already flags is not sent', async () => {
    const seen: string[] = [];
    const { verdict } = await run(harness({}, { classifier: fakeClassifier(() => 0, seen) }), 'openai-chat', chat({ role: 'user', content: 'ok' }, { role: 'user', content: 'INJECT' }));
    expect(verdict.action).toBe('deny');
    expect(seen).toStrictEqual(['ok']);
  });

  it('blend: weight * classifier + (1 - weight) * heuristic', async () => {
    const cfg = { classifier: { combine: 'blend', weight: 0.5 } };
    // 0.5 * 0.9 + 0.5 * 0.05 = 0.475 < 0.7: passes; 0.5 * 0.9 + 0.5 * 0.6 = 0.75: denied.
    expect((await run(harness(cfg, { classifier: fakeClassifier(() => 0.9) }), 'openai-chat', chat({ role: 'user', content: 'q' }))).verdict).toBe(CONTINUE);
    expect((await run(harness(cfg, { classifier: fakeClassifier(() => 0.9) }), 'openai-chat', chat({ role: 'user', content: 'MILD' }))).verdict.action).toBe('deny');
    // A confident benign classifier can pull a heuristic hit under the threshold in blend mode.
    expect((await run(harness(cfg, { classifier: fakeClassifier(() => 0) }), 'openai-chat', chat({ role: 'user', content: 'INJECT' }))).verdict).toBe(CONTINUE);
  });

  it('only the most recent maxTextsPerRequest texts are sent', async () => {
    const seen: string[] = [];
    const body = chat(...['a', 'b', 'c', 'd'].map((content) => ({ role: 'user', content })));
    await run(harness({ classifier: { maxTextsPerRequest: 2 } }, { classifier: fakeClassifier(() => 0, seen) }), 'openai-chat', body);
    expect(seen).toStrictEqual(['d', 'c']);
  });

  it.each(['timeout', 'error', 'circuit_open'] as const)('fail open (%s): the heuristic decides alone, with a warning', async (outcome) => {
    const h = harness({}, { classifier: fakeClassifier(() => outcome) });
    expect((await run(h, 'openai-chat', chat({ role: 'user', content: 'q' }))).verdict).toBe(CONTINUE);
    expect((await run(h, 'openai-chat', chat({ role: 'user', content: 'INJECT' }))).verdict.action).toBe('deny');
    expect(h.logs[0]).toMatchObject({ level: 40, outcome, failMode: 'open', msg: 'injection classifier failed' });
  });

  it('fail closed: guard_unavailable', async () => {
    const h = harness({ classifier: { failMode: 'closed' } }, { classifier: fakeClassifier(() => 'timeout') });
    const { verdict } = await run(h, 'openai-chat', chat({ role: 'user', content: 'q' }));
    expect(verdict).toStrictEqual({ action: 'deny', code: 'guard_unavailable', reason: 'injection classifier timeout (fail closed)' });
  });

  it('fail closed does not matter when nothing needed the classifier', async () => {
    const h = harness({ classifier: { failMode: 'closed' } }, { classifier: fakeClassifier(() => 'error') });
    expect((await run(h, 'openai-chat', chat({ role: 'system', content: 's' }))).verdict).toBe(CONTINUE);
  });
});

describe('classifier built from classifier.url', () => {
  it('calls the endpoint and records outcomes through classifierMetrics', async () => {
    const inputs: string[] = [];
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk: Buffer) => { data += chunk.toString(); });
      req.on('end', () => {
        const text = (JSON.parse(data) as { inputs: string }).inputs;
        inputs.push(text);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify([[{ label: 'JAILBREAK', score: text.includes('MILD') ? 0.99 : 0.01 }]]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const outcomes: string[] = [];
      const h = harness({ classifier: { url, timeoutMs: 1000 } }, { classifierMetrics: { observe: (o) => outcomes.push(o) } });
      expect((await run(h, 'openai-chat', chat({ role: 'user', content: 'hello' }))).verdict).toBe(CONTINUE);
      expect((await run(h, 'openai-chat', chat({ role: 'user', content: 'hello' }, { role: 'user', content: 'MILD' }))).verdict.action).toBe('deny');
      expect(inputs).toStrictEqual(['hello', 'MILD']);
      expect(outcomes.sort()).toStrictEqual(['cache_hit', 'ok', 'ok']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('detect port and verdict cache', () => {
  it('identical texts in one request are scored once', async () => {
    const h = harness();
    await run(h, 'openai-chat', chat({ role: 'user', content: 'same' }, { role: 'tool', tool_call_id: 'a', content: 'r' }, { role: 'tool', tool_call_id: 'b', content: 'r' }, { role: 'user', content: 'same' }));
    expect(h.calls).toStrictEqual(['user:same', 'untrusted:r']);
  });

  it('through a verdict cache in the port, resent history costs nothing on the next turn', async () => {
    const calls: string[] = [];
    const inner = fakeDetector(calls);
    const cache = new Map<string, ReturnType<DetectFn>>();
    // The production wiring is (text, trust) => cachedDetect(verdictCache, text, trust); any memo fits the port.
    const detect: DetectFn = (text, trust) => {
      const key = `${trust}:${text}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const r = inner(text, trust);
      cache.set(key, r);
      return r;
    };
    const h = harness({}, { detect });
    const turn1 = [{ role: 'system', content: 'long system prompt' }, { role: 'user', content: 'q1' }];
    await run(h, 'openai-chat', chat(...turn1));
    await run(h, 'openai-chat', chat(...turn1, { role: 'assistant', content: 'a1' }, { role: 'user', content: 'q2' }));
    expect(calls).toStrictEqual(['user:q1', 'user:a1', 'user:q2']);
  });
});

describe('no content in reasons or logs', () => {
  const CANARY = 'canary-7f3a';

  it.each<[string, object, object]>([
    ['user', {}, chat({ role: 'user', content: `INJECT ${CANARY}` })],
    ['tool, deny', { rag: { onRisk: 'deny' } }, chat({ role: 'user', content: 'q' }, { role: 'tool', tool_call_id: 'c', content: `INJECT ${CANARY}` })],
    ['context, deny', { rag: { onRisk: 'deny' } }, { ...chat({ role: 'user', content: 'q' }), context: [{ source: `https://x/${CANARY}`, chunks: [`INJECT ${CANARY}`] }] }],
    ['unlisted source', { rag: { allowSources: ['https://kb'], onUnlisted: 'deny' } }, { ...chat({ role: 'user', content: 'q' }), context: [{ source: `https://evil/${CANARY}`, chunks: [CANARY] }] }],
    ['bad context field', {}, { ...chat({ role: 'user', content: 'q' }), context: [{ source: 's', chunks: [{ text: CANARY }] }] }],
  ])('%s', async (_name, cfg, body) => {
    const h = harness(cfg);
    const { verdict } = await run(h, 'openai-chat', body);
    expect(verdict.action).toBe('deny');
    expect(JSON.stringify(verdict)).not.toContain(CANARY);
    expect(JSON.stringify(h.logs)).not.toContain(CANARY);
  });
});
