// Prometheus metrics. Every label has a closed set of values (phases, catalogue codes, outcomes), so
// cardinality is bounded whatever the traffic.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LeanHistogram, type LeanObserver } from './phase-histogram.js';

export type Phase = 'request_headers' | 'request_body' | 'response_headers' | 'response_body' | 'trailers';

export class GuardMetrics {
  readonly registry = new Registry();
  readonly streamsActive = new Gauge({ name: 'guard_streams_active', help: 'ext_proc streams currently open', registers: [this.registry] });
  readonly streamsTotal = new Counter({ name: 'guard_streams_total', help: 'ext_proc streams by how they ended', labelNames: ['outcome'] as const, registers: [this.registry] });
  /** Observed on every message, so a lean histogram (phase-histogram.ts) rather than prom-client's. */
  readonly phaseSeconds = new LeanHistogram<Phase>(
    'guard_phase_duration_seconds', 'Time to answer one ext_proc message, by phase', 'phase',
    [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25], this.registry,
  );
  readonly verdicts = new Counter({ name: 'guard_verdicts_total', help: 'Decisions by catalogue code: one per request ("allow" when it passed), plus any response-side stop', labelNames: ['code'] as const, registers: [this.registry] });
  readonly shadowDenials = new Counter({ name: 'guard_shadow_denials_total', help: 'Denials a shadow-mode guard would have made', labelNames: ['guard', 'code'] as const, registers: [this.registry] });
  readonly spurious = new Counter({ name: 'guard_spurious_messages_total', help: 'ext_proc messages that did not fit the stream state', registers: [this.registry] });
  readonly replyTimeouts = new Counter({ name: 'guard_reply_timeouts_total', help: 'Messages not answered within the reply budget', labelNames: ['phase'] as const, registers: [this.registry] });
  readonly responseRewrites = new Counter({ name: 'guard_response_rewrites_total', help: 'Response events or bodies a guard changed', labelNames: ['kind'] as const, registers: [this.registry] });

  readonly redactions = new Counter({
    name: 'guard_redactions_total', help: 'Redacted values by side (request/response), entity type and action; never values',
    labelNames: ['side', 'entity', 'action'] as const, registers: [this.registry],
  });
  readonly forcedFinalisations = new Counter({
    name: 'guard_redaction_forced_finalisations_total', help: 'Streamed text finalised early because the per-stream hold-back cap was reached', registers: [this.registry],
  });
  readonly injectionDetections = new Counter({
    name: 'guard_injection_detections_total', help: 'Prompt-injection detections by where the text came from, what was found and what was done',
    labelNames: ['source', 'kind', 'outcome'] as const, registers: [this.registry],
  });
  readonly injectionClassifierSeconds = new Histogram({
    name: 'guard_injection_classifier_seconds', help: 'External injection classifier calls by outcome', labelNames: ['outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25], registers: [this.registry],
  });

  /** Per-phase observers, resolved once. */
  readonly phaseObserver: Readonly<Record<Phase, LeanObserver>>;

  constructor(collectDefaults = true) {
    if (collectDefaults) collectDefaultMetrics({ register: this.registry });
    const phases: Phase[] = ['request_headers', 'request_body', 'response_headers', 'response_body', 'trailers'];
    this.phaseObserver = Object.fromEntries(phases.map((p) => [p, this.phaseSeconds.labels(p)])) as Record<Phase, LeanObserver>;
  }
}
