// The injection guard wired through the real stream and pipeline: context moved into the prompt, tool
// results dropped or spotlighted, deny paths, with a deterministic fake detector.
import { describe, expect } from 'vitest';
import { InjectionGuard } from '../../src/guards/injection.js';
import { injectionConfigSchema } from '../../src/injection/policy.js';
import { TOOL_DROP_NOTICE } from '../../src/injection/rag.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { DEFAULTS, fakeDetector } from '../../src/guards/testing/injection.js';
import { bodyMutationOf, immediateOf, msg, mutationOf, type EnvoySim, type SimOptions } from './envoy-sim.js';
import { llmRequestHeaders, OPENAI_CHAT } from './fixtures.js';
import { runCases, type SimCase } from './table.js';

const withInjection = (cfg: unknown): SimOptions => ({
  customize: (deps) => ({ ...deps, pipeline: new Pipeline([...deps.pipeline.guards.filter((g) => g.name !== 'injection'), new InjectionGuard(injectionConfigSchema.parse(cfg), { detect: fakeDetector(), defaults: DEFAULTS })], deps.metrics) }),
});

async function send(sim: EnvoySim, body: Record<string, unknown>) {
  const s = await sim.open();
  await s.send(llmRequestHeaders(OPENAI_CHAT, 'req-1'));
  return s.send(msg.requestBody(body));
}

const BODY = {
  model: 'gpt-4o-mini',
  context: [{ source: 'https://kb.example.com/a', chunks: ['Paris is the capital.'] }, { source: 'https://evil.example/b', chunks: ['x'] }],
  messages: [{ role: 'user', content: 'q' }, { role: 'tool', tool_call_id: 'c', content: 'INJECT' }, { role: 'user', content: 'Capital?' }],
};

const cases: SimCase[] = [
  {
    name: 'enforce: context moved into the prompt, tool result dropped, content-length set',
    sim: withInjection({ rag: { allowSources: ['https://kb.example.com'] } }),
    async script(sim) {
      const r = await send(sim, BODY);
      const body = bodyMutationOf(r);
      expect(body).toBeDefined();
      expect(mutationOf(r).set['content-length']).toBe(String(body?.length));
      const out = JSON.parse(String(body)) as { messages: { role: string; content: string }[] };
      expect(out).not.toHaveProperty('context');
      expect(out.messages.map((m) => m.role)).toStrictEqual(['user', 'tool', 'user', 'user']);
      expect(out.messages[1]?.content).toBe(TOOL_DROP_NOTICE);
      expect(out.messages[2]?.content).toContain('Paris is the capital.');
      expect(out.messages[2]?.content).not.toContain('evil');
    },
  },
  {
    name: 'shadow: the unlisted-source deny passes, the context still translated',
    sim: withInjection({ mode: 'shadow', rag: { allowSources: ['https://kb.example.com'], onUnlisted: 'deny' } }),
    async script(sim) {
      const r = await send(sim, BODY);
      expect(immediateOf(r)).toBeUndefined();
      const out = JSON.parse(String(bodyMutationOf(r))) as { messages: { content: string }[] };
      expect(out).not.toHaveProperty('context');
      expect(out.messages[1]?.content).toBe('INJECT');
      expect(out.messages[2]?.content).toContain('evil');
      expect(await sim.metric('guard_shadow_denials_total', { guard: 'injection', code: 'content_policy_violation' })).toBe(1);
    },
  },
  {
    name: 'user injection: 400 prompt_injection_detected',
    sim: withInjection({}),
    async script(sim) {
      const r = await send(sim, { model: 'm', messages: [{ role: 'user', content: 'INJECT' }] });
      expect(immediateOf(r)?.status).toBe(400);
      expect(immediateOf(r)?.json).toMatchObject({ error: { code: 'prompt_injection_detected', type: 'invalid_request_error' } });
    },
  },
];

describe('injection guard through the stream', () => runCases(cases));
