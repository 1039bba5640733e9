// The injection guard's config fragment: defaults, strictness, bounds, and the threshold fallback.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { injectionConfigSchema, thresholds } from './policy.js';

describe('injectionConfigSchema', () => {
  it('defaults: on, enforcing, blocking, detector thresholds, drop risky context, no classifier', () => {
    expect(injectionConfigSchema.parse(undefined)).toStrictEqual({
      enabled: true, mode: 'enforce', action: 'block', cacheSize: 10_000,
      rag: { onUnlisted: 'drop', onRisk: 'drop' },
      classifier: {
        timeoutMs: 60, positiveLabels: ['INJECTION', 'JAILBREAK', 'LABEL_1'], combine: 'max', weight: 0.5, failMode: 'open',
        cacheSize: 10_000, maxTextsPerRequest: 8, maxInputChars: 16_384, breaker: { failures: 5, cooldownMs: 5_000 },
      },
    });
  });

  it('mounts under a strict parent as guards.injection, absent or partial', () => {
    const parent = z.strictObject({ guards: z.strictObject({ injection: injectionConfigSchema }).prefault({}) });
    expect(parent.parse({}).guards.injection.enabled).toBe(true);
    const cfg = parent.parse({ guards: { injection: { rag: { allowSources: ['https://kb.example.com/'] }, classifier: { url: 'http://pg:8080/classify' } } } });
    expect(cfg.guards.injection.rag).toStrictEqual({ allowSources: ['https://kb.example.com/'], onUnlisted: 'drop', onRisk: 'drop' });
    expect(cfg.guards.injection.classifier.url).toBe('http://pg:8080/classify');
  });

  it.each<[string, unknown]>([
    ['an unknown key', { treshold: 0.5 }],
    ['an unknown rag key', { rag: { allowSource: [] } }],
    ['an unknown breaker key', { classifier: { breaker: { failure: 3 } } }],
    ['a threshold above 1', { threshold: 1.5 }],
    ['a negative untrusted threshold', { untrustedThreshold: -0.1 }],
    ['an unknown action', { action: 'warn' }],
    ['an unknown onRisk', { rag: { onRisk: 'rewrite' } }],
    ['an empty source prefix', { rag: { allowSources: [''] } }],
    ['a classifier url that is not a URL', { classifier: { url: 'not a url' } }],
    ['a classifier url that is not http(s)', { classifier: { url: 'pg:8080' } }],
    ['a zero timeout', { classifier: { timeoutMs: 0 } }],
    ['no positive labels', { classifier: { positiveLabels: [] } }],
    ['a weight above 1', { classifier: { weight: 2 } }],
    ['zero breaker failures', { classifier: { breaker: { failures: 0 } } }],
  ])('rejects %s', (_name, value) => {
    expect(injectionConfigSchema.safeParse(value).success).toBe(false);
  });

  it('thresholds: config values win, absent ones fall back to the detector defaults', () => {
    const defaults = { threshold: 0.6, untrustedThreshold: 0.4 };
    expect(thresholds({}, defaults)).toStrictEqual(defaults);
    expect(thresholds({ threshold: 0.8 }, defaults)).toStrictEqual({ threshold: 0.8, untrustedThreshold: 0.4 });
    expect(thresholds({ threshold: 0, untrustedThreshold: 0 }, defaults)).toStrictEqual({ threshold: 0, untrustedThreshold: 0 });
  });
});
