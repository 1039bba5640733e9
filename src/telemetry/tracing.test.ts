// Tracing: off (or without an endpoint) means a no-op tracer and no SDK.
import { describe, expect, it } from 'vitest';
import { startTracing } from './tracing.js';

describe('startTracing', () => {
  it.each([
    ['disabled', { enabled: false, serviceName: 's' }],
    ['disabled with an endpoint', { enabled: false, otlpEndpoint: 'http://127.0.0.1:1/v1/traces', serviceName: 's' }],
    ['enabled without an endpoint', { enabled: true, serviceName: 's' }],
  ])('%s: a non-recording tracer and a shutdown that resolves', async (_n, cfg) => {
    const handle = await startTracing(cfg);
    const span = handle.tracer.startSpan('x');
    expect(span.isRecording()).toBe(false);
    span.end();
    await expect(handle.shutdown()).resolves.toBeUndefined();
  });
});
