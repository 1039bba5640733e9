// What a stream session needs from the rest of the service, built once per configuration snapshot.
import type { Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { GuardConfig } from '../config/schema.js';
import type { RequestShapeGuard } from '../guards/request-shape.js';
import type { ApiKind } from '../llm/model.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { GuardMetrics } from '../telemetry/metrics.js';

export interface StreamDeps {
  readonly config: Readonly<GuardConfig>;
  readonly pipeline: Pipeline;
  readonly shape: RequestShapeGuard;
  readonly metrics: GuardMetrics;
  readonly log: Logger;
  /** One span per stream; a no-op tracer unless tracing is enabled. */
  readonly tracer: Tracer;
  /** Classifies a request into the LLM API it targets, or null for routes we do not inspect. */
  readonly routes: (method: string, path: string) => ApiKind | null;
}
