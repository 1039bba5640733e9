// The composition root: builds the guards, pipeline and servers from one frozen config snapshot.
import { trace, type Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { GuardConfig } from './config/schema.js';
import { startAdminServer, type AdminServer } from './admin/server.js';
import type { StreamDeps } from './extproc/deps.js';
import { startExtProcServer, type ExtProcServer } from './extproc/server.js';
import { PhraseGuard } from './guards/phrases.js';
import { RequestShapeGuard } from './guards/request-shape.js';
import type { ApiKind } from './llm/model.js';
import { classifyRoute, LLM_ROUTES } from './llm/routes.js';
import type { Guard } from './pipeline/guard.js';
import { Pipeline } from './pipeline/pipeline.js';
import type { GuardMetrics } from './telemetry/metrics.js';

/** Built at config load: a pattern RE2 refuses fails here, before the server accepts a stream. */
export function buildDeps(config: Readonly<GuardConfig>, log: Logger, metrics: GuardMetrics, tracer: Tracer = trace.getTracer('envoy-llm-guard')): StreamDeps {
  const shape = new RequestShapeGuard(config.limits);
  const guards: Guard[] = [shape];
  if (config.guards.phrases.enabled) guards.push(new PhraseGuard(config.guards.phrases));
  const table = [...LLM_ROUTES, ...config.extproc.routes.map((r) => ({ method: 'POST', path: r.path, api: r.api }))];
  const routes = (method: string, path: string): ApiKind | null => classifyRoute(method, path, table);
  return { config, pipeline: new Pipeline(guards, metrics), shape, metrics, log, tracer, routes };
}

export interface RunningService {
  readonly grpc: ExtProcServer;
  readonly admin: AdminServer;
  /** Drain and stop; resolves when both servers are closed. */
  stop(): Promise<void>;
}

export async function startService(config: Readonly<GuardConfig>, log: Logger, metrics: GuardMetrics, tracer?: Tracer): Promise<RunningService> {
  const deps = buildDeps(config, log, metrics, tracer);
  const grpc = await startExtProcServer(config.server.host, config.server.grpcPort, deps);
  const admin = await startAdminServer(config.server.adminHost, config.server.adminPort, metrics, () => grpc.serving);
  return {
    grpc, admin,
    async stop() {
      const { cancelled } = await grpc.drain(config.server.drainDelayMs, config.server.drainTimeoutMs);
      if (cancelled > 0) log.warn({ cancelled }, 'drain deadline passed; cancelled in-flight streams');
      await admin.close();
    },
  };
}
