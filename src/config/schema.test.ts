// The schema on its own: bounds, enums and defaults per field.
import { describe, expect, it } from 'vitest';
import { configSchema } from './schema.js';

const issues = (input: unknown): string[] => {
  const r = configSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
};

describe('configSchema', () => {
  it('an empty object parses to the full default tree; sections may be given partially', () => {
    const cfg = configSchema.parse({ server: { grpcPort: 1 } });
    expect(cfg.server).toStrictEqual({ host: '127.0.0.1', grpcPort: 1, adminHost: '127.0.0.1', adminPort: 9002, drainDelayMs: 3000, drainTimeoutMs: 15000 });
    expect(cfg.guards.phrases.mode).toBe('enforce');
  });

  it.each([
    [{ server: { grpcPort: -1 } }, 'server.grpcPort: too_small'],
    [{ server: { grpcPort: 65536 } }, 'server.grpcPort: too_big'],
    [{ server: { grpcPort: 1.5 } }, 'server.grpcPort: invalid_type'],
    [{ server: { grpcPort: '9001' } }, 'server.grpcPort: invalid_type'],
    [{ server: { drainDelayMs: 600_001 } }, 'server.drainDelayMs: too_big'],
    [{ extproc: { replyBudgetMs: 0 } }, 'extproc.replyBudgetMs: too_small'],
    [{ extproc: { replyBudgetMs: 10_001 } }, 'extproc.replyBudgetMs: too_big'],
    [{ extproc: { metadataNamespace: '' } }, 'extproc.metadataNamespace: too_small'],
    [{ extproc: { routes: [{ path: '/x', api: 'gemini' }] } }, 'extproc.routes.0.api: invalid_value'],
    [{ limits: { maxBodyBytes: 64 * 1024 * 1024 + 1 } }, 'limits.maxBodyBytes: too_big'],
    [{ limits: { maxSseEventBytes: 1023 } }, 'limits.maxSseEventBytes: too_small'],
    [{ guards: { phrases: { deny: [''] } } }, 'guards.phrases.deny.0: too_small'],
    [{ guards: { phrases: { deny: ['x'.repeat(501)] } } }, 'guards.phrases.deny.0: too_big'],
    [{ guards: { phrases: { maskWith: 'x'.repeat(101) } } }, 'guards.phrases.maskWith: too_big'],
    [{ guards: { phrases: { enabled: 'yes' } } }, 'guards.phrases.enabled: invalid_type'],
    [{ logging: { level: 'verbose' } }, 'logging.level: invalid_value'],
    [{ tracing: { otlpEndpoint: 'not a url' } }, 'tracing.otlpEndpoint: invalid_format'],
  ])('%j -> %s', (input, issue) => {
    expect(issues(input)).toStrictEqual([issue]);
  });

  it.each([
    [{ server: { grpcPort: 0, adminPort: 65535 } }],
    [{ extproc: { replyBudgetMs: 1 } }],
    [{ limits: { maxSseEventBytes: 1024, maxBodyBytes: 1 } }],
    [{ guards: { phrases: { maskWith: '' } } }],
  ])('accepts the boundary values %j', (input) => {
    expect(issues(input)).toStrictEqual([]);
  });
});
