// The gRPC server: the ext_proc service plus grpc.health.v1 on the same port. Shutdown is a drain:
// NOT_SERVING first (Envoy's health check stops routing new streams here), keep serving through the
// drain delay, then stop accepting and let in-flight streams finish within the drain deadline.
import { Server, ServerCredentials, type ServerDuplexStream } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { StreamDeps } from './deps.js';
import type { ProcessingRequest, ProcessingResponse } from './messages.js';
import { loadExtProcService } from './proto.js';
import { StreamSession } from './stream.js';

export const EXT_PROC_SERVICE = 'envoy.service.ext_proc.v3.ExternalProcessor';

export interface ExtProcServer {
  readonly port: number;
  readonly activeStreams: number;
  readonly serving: boolean;
  /** Health NOT_SERVING, wait drainDelayMs, stop accepting, wait for streams up to drainTimeoutMs, cancel the rest. */
  drain(drainDelayMs: number, drainTimeoutMs: number): Promise<{ cancelled: number }>;
}

/** Shared with the benchmark's no-op server, so the baseline runs the same transport settings. */
export const GRPC_SERVER_OPTIONS = {
  // Envoy keeps one long-lived HTTP/2 connection with many streams; keepalive detects dead peers.
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
  'grpc.max_receive_message_length': 64 * 1024 * 1024,
  // Channelz bookkeeping costs measurable CPU per stream (bench profile) and nothing here reads it.
  'grpc.enable_channelz': 0,
} as const;

export async function startExtProcServer(host: string, port: number, deps: StreamDeps): Promise<ExtProcServer> {
  const server = new Server(GRPC_SERVER_OPTIONS);
  const sessions = new Set<StreamSession>();
  let serving = true;
  const health = new HealthImplementation({ '': 'SERVING', [EXT_PROC_SERVICE]: 'SERVING' });
  health.addToServer(server);
  server.addService(loadExtProcService(), {
    Process: (call: ServerDuplexStream<ProcessingRequest, ProcessingResponse>) => {
      sessions.add(new StreamSession(call, deps, (s) => sessions.delete(s)));
    },
  });
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host.includes(':') ? `[${host}]` : host}:${port}`, ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)));
  });

  return {
    port: boundPort,
    // Built once per process, so the hidden-class cost the lint rule guards against does not apply.
    get activeStreams() { return sessions.size; }, // eslint-disable-line no-restricted-syntax
    get serving() { return serving; }, // eslint-disable-line no-restricted-syntax
    async drain(drainDelayMs, drainTimeoutMs) {
      serving = false;
      health.setStatus('', 'NOT_SERVING');
      health.setStatus(EXT_PROC_SERVICE, 'NOT_SERVING');
      await sleep(drainDelayMs);
      const idle = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      const timedOut = await Promise.race([idle.then(() => false), sleep(drainTimeoutMs).then(() => true)]);
      let cancelled = 0;
      if (timedOut) {
        for (const s of [...sessions]) { s.cancel(); cancelled += 1; }
        server.forceShutdown();
      }
      return { cancelled };
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
