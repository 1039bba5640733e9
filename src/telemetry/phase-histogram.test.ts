// The lean histogram must scrape exactly like prom-client's Histogram fed the same observations.
import fc from 'fast-check';
import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { LeanHistogram } from './phase-histogram.js';

const BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];
const LABELS = ['request_headers', 'request_body', 'response_headers', 'response_body'] as const;

async function both(observations: readonly [number, number][]): Promise<[string, string]> {
  const leanRegistry = new Registry();
  const lean = new LeanHistogram<string>('h_seconds', 'help text', 'phase', BUCKETS, leanRegistry);
  const promRegistry = new Registry();
  const prom = new Histogram({ name: 'h_seconds', help: 'help text', labelNames: ['phase'], buckets: BUCKETS, registers: [promRegistry] });
  const observers = LABELS.map((l) => lean.labels(l));
  for (const [label, value] of observations) {
    observers[label]?.observe(value);
    prom.observe({ phase: LABELS[label] as string }, value);
  }
  return [await leanRegistry.metrics(), await promRegistry.metrics()];
}

describe('LeanHistogram', () => {
  it('renders exactly what prom-client renders, including bucket edges and +Inf', async () => {
    const [lean, prom] = await both([[1, 0.0003], [1, 0.0005], [0, 0.00005], [3, 0.3], [3, 0], [1, 0.25], [2, 1e-7]]);
    expect(lean).toBe(prom);
    expect(lean).toContain('h_seconds_bucket{le="0.0005",phase="request_body"} 2');
    expect(lean).toContain('h_seconds_bucket{le="+Inf",phase="response_body"} 2');
  });

  it('matches prom-client for any observations (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.oneof(fc.constantFrom(...BUCKETS), fc.double({ min: 0, max: 1, noNaN: true }))), { maxLength: 60 }),
      async (obs) => {
        const [lean, prom] = await both(obs);
        expect(lean).toBe(prom);
      },
    ), { numRuns: 100 });
  });

  it('renders nothing for a label never observed, and resets', async () => {
    const registry = new Registry();
    const h = new LeanHistogram<string>('x_seconds', 'x', 'phase', [0.1, 1], registry);
    h.labels('a');
    expect(await registry.metrics()).not.toContain('x_seconds_bucket');
    h.labels('a').observe(0.5);
    expect(await registry.metrics()).toContain('x_seconds_count{phase="a"} 1');
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('x_seconds_count');
  });

  it('refuses non-finite values and non-increasing buckets', () => {
    const registry = new Registry();
    expect(() => new LeanHistogram<string>('y_seconds', 'y', 'phase', [1, 1], registry)).toThrow(RangeError);
    const h = new LeanHistogram<string>('z_seconds', 'z', 'phase', [1], registry);
    expect(() => h.labels('a').observe(Number.NaN)).toThrow(TypeError);
  });
});
