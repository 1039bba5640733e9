// A do-nothing ext_proc server: the benchmark's baseline for "what does ext_proc itself cost". It
// answers every message with the matching empty CONTINUE reply and never sends mode_override, so Envoy
// keeps the static processing mode from envoy/envoy.yaml (request body BUFFERED, response body STREAMED)
// and sends it every body chunk. Any latency the guard adds on top of this is the guard's own work.
// Same gRPC server options as the guard (src/extproc/server.ts), so the transport is not a variable.
//
// CLI: node dist/bench/noop-extproc.js [--port N]   prints `noop-extproc listening <port>`
import { pathToFileURL } from 'node:url';
import { Server, ServerCredentials, status as GrpcStatus, type ServerDuplexStream } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { ProcessingRequest, ProcessingResponse } from '../src/extproc/messages.js';
import { GRPC_SERVER_OPTIONS } from '../src/extproc/server.js';
import { loadExtProcService } from '../src/extproc/proto.js';

const EXT_PROC_SERVICE = 'envoy.service.ext_proc.v3.ExternalProcessor';

export interface NoopExtProc {
  readonly port: number;
  stop(): Promise<void>;
}

/** The empty reply Envoy expects for each message kind (one reply per message, in order). */
export function noopReply(msg: ProcessingRequest): ProcessingResponse | undefined {
  switch (msg.request) {
    case 'request_headers': return { request_headers: { response: {} } };
    case 'response_headers': return { response_headers: { response: {} } };
    case 'request_body': return { request_body: { response: {} } };
    case 'response_body': return { response_body: { response: {} } };
    case 'request_trailers': return { request_trailers: {} };
    case 'response_trailers': return { response_trailers: {} };
    default: return undefined;
  }
}

export async function startNoopExtProc(port = 0, host = '127.0.0.1'): Promise<NoopExtProc> {
  const server = new Server(GRPC_SERVER_OPTIONS);
  // Envoy's active health check must see SERVING before the stack routes any traffic here.
  new HealthImplementation({ '': 'SERVING', [EXT_PROC_SERVICE]: 'SERVING' }).addToServer(server);
  server.addService(loadExtProcService(), {
    Process: (call: ServerDuplexStream<ProcessingRequest, ProcessingResponse>) => {
      call.on('data', (msg: ProcessingRequest) => {
        // Replies are synchronous, so they leave in message order without a promise chain.
        if (msg.observability_mode) return;
        const reply = noopReply(msg);
        if (reply) call.write(reply);
        else call.emit('error', { code: GrpcStatus.FAILED_PRECONDITION, details: 'empty ProcessingRequest' });
      });
      // End only after Envoy half-closes: an early OK would make Envoy skip ext_proc for the rest of the request.
      call.on('end', () => { if (!call.writableEnded) call.end(); });
      call.on('error', () => { /* Envoy reset the stream: nothing to clean up */ });
    },
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)));
  });
  return {
    port: bound,
    stop: () => new Promise<void>((resolve) => {
      // Envoy holds a long-lived HTTP/2 connection; do not wait on it for long.
      const timer = setTimeout(() => { server.forceShutdown(); resolve(); }, 1_000);
      server.tryShutdown(() => { clearTimeout(timer); resolve(); });
    }),
  };
}

async function main(): Promise<void> {
  let port = 0;
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split('=', 2);
    const value = inline ?? argv[++i];
    if (flag === '--port' && value !== undefined && /^\d+$/.test(value) && Number(value) <= 65535) port = Number(value);
    else throw new Error(`usage: noop-extproc [--port N] (got ${argv[i] ?? flag})`);
  }
  const server = await startNoopExtProc(port);
  // Exactly one line: the benchmark waits for it and parses the port from it.
  process.stdout.write(`noop-extproc listening ${server.port}\n`);
  const stop = (): void => { void server.stop().then(() => process.exit(0)); };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

// CLI only when run directly, never when imported.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
