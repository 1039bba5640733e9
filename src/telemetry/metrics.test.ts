// Metrics: names, types and label sets the dashboards and alerts rely on.
import { describe, expect, it } from 'vitest';
import { GuardMetrics } from './metrics.js';

describe('GuardMetrics', () => {
  it('registers exactly the guard metrics, with their types, when default metrics are off', async () => {
    const m = new GuardMetrics(false);
    const json = await m.registry.getMetricsAsJSON();
    expect(json.map((x) => [x.name, x.type]).sort()).toStrictEqual([
      ['guard_injection_classifier_seconds', 'histogram'],
      ['guard_injection_detections_total', 'counter'],
      ['guard_phase_duration_seconds', 'histogram'],
      ['guard_redaction_forced_finalisations_total', 'counter'],
      ['guard_redactions_total', 'counter'],
      ['guard_reply_timeouts_total', 'counter'],
      ['guard_response_rewrites_total', 'counter'],
      ['guard_shadow_denials_total', 'counter'],
      ['guard_spurious_messages_total', 'counter'],
      ['guard_streams_active', 'gauge'],
      ['guard_streams_total', 'counter'],
      ['guard_verdicts_total', 'counter'],
    ].sort());
  });

  it('default process metrics are added by default', async () => {
    const text = await new GuardMetrics().registry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('guard_streams_active 0');
  });

  it('two instances do not share state (one registry each)', async () => {
    const a = new GuardMetrics(false);
    const b = new GuardMetrics(false);
    a.verdicts.inc({ code: 'allow' });
    expect((await a.verdicts.get()).values).toStrictEqual([{ value: 1, labels: { code: 'allow' } }]);
    expect((await b.verdicts.get()).values).toStrictEqual([]);
  });

  it('labelled series render with their labels', async () => {
    const m = new GuardMetrics(false);
    m.shadowDenials.inc({ guard: 'phrases', code: 'content_policy_violation' });
    m.shadowDenials.inc({ guard: 'phrases', code: 'content_policy_violation' });
    m.phaseObserver.request_body.observe(0.0003);
    const text = await m.registry.metrics();
    expect(text).toContain('guard_shadow_denials_total{guard="phrases",code="content_policy_violation"} 2');
    expect(text).toContain('guard_phase_duration_seconds_bucket{le="0.0005",phase="request_body"} 1');
    expect(text).toContain('guard_phase_duration_seconds_bucket{le="0.00025",phase="request_body"} 0');
  });

  it('an unknown label name is refused (bounded label sets)', () => {
    const m = new GuardMetrics(false);
    expect(() => m.verdicts.inc({ prompt: 'x' } as unknown as { code: string })).toThrow();
  });
});
