// OpenTelemetry traces. Off by default; when enabled, spans go to an OTLP/HTTP collector. Span
// attributes carry ids, API kinds and catalogue codes only, never content.
import { trace, type Tracer } from '@opentelemetry/api';

export interface TracingHandle { readonly tracer: Tracer; shutdown(): Promise<void> }

export async function startTracing(cfg: { enabled: boolean; otlpEndpoint?: string; serviceName: string }): Promise<TracingHandle> {
  if (!cfg.enabled || !cfg.otlpEndpoint) return { tracer: trace.getTracer('envoy-llm-guard'), shutdown: async () => {} };
  // Loaded lazily: the SDK is sizeable and most deployments start with tracing off.
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const sdk = new NodeSDK({ serviceName: cfg.serviceName, traceExporter: new OTLPTraceExporter({ url: cfg.otlpEndpoint }) });
  sdk.start();
  return { tracer: trace.getTracer('envoy-llm-guard'), shutdown: () => sdk.shutdown() };
}
