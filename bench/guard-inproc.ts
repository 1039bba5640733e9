// The guard's own work per ext_proc message, in-process: the stack benchmark's 1 KB request and the
// mock's reply, through the real StreamSession and the shipped default guards, with a stand-in for the
// gRPC call (no HTTP/2, no protobuf, no Envoy). Two ways:
//  - hot: one request after another, as a tight loop runs them (CPU caches hold the guard's code and
//    data from the previous request);
//  - caches evicted: 8 MB of other memory is touched before each message, as Envoy, the upstream and
//    the client do between two messages of one request when they share the guard's cores.
// Comparing both with the guard's own histogram behind Envoy (printed by run.ts) shows how much of
// the guard's time there is its work and how much is reloading its working set.
//
// Usage: node dist/bench/guard-inproc.js [--quick] [--json FILE]; the bench runner starts it so.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { pino } from 'pino';
import { loadConfig } from '../src/config/load.js';
import type { ProcessingRequest, ProcessingResponse } from '../src/extproc/messages.js';
import { StreamSession } from '../src/extproc/stream.js';
import { buildDeps } from '../src/service.js';
import { GuardMetrics } from '../src/telemetry/metrics.js';
import { buildReply } from '../test/fixtures/mock-wire.js';
import { msg } from '../test/harness/wire.js';
import { chatBody } from './workload.js';

const PHASES = ['request_headers', 'request_body', 'response_headers', 'response_body'] as const;
type Phase = (typeof PHASES)[number];

export interface InProcessRow {
  readonly phase: Phase | 'stream open and close';
  readonly hotUs: number;
  readonly evictedUs: number;
}

export interface GuardInProcessResult {
  readonly requests: { readonly hot: number; readonly evicted: number };
  readonly evictBytes: number;
  readonly rows: readonly InProcessRow[];
}

const EVICT_BYTES = 8 << 20;

/** The four messages Envoy sends for the non-streamed 1 KB request (request body BUFFERED, JSON reply BUFFERED). */
function messages(): ProcessingRequest[] {
  const body = chatBody(false);
  const reply = buildReply('POST', '/v1/chat/completions', body, () => undefined);
  const replyBody = Buffer.concat(reply.pieces);
  // The builders write the message as a client sends it; the server's decoder also names the oneof.
  const decoded = (request: Phase, m: ProcessingRequest): ProcessingRequest => ({ ...m, request });
  return [
    decoded('request_headers', msg.requestHeaders({
      ':method': 'POST', ':path': '/v1/chat/completions', ':authority': '127.0.0.1', ':scheme': 'http',
      'content-type': 'application/json', 'content-length': String(body.length), authorization: 'Bearer sk-bench-not-a-real-key',
      'x-request-id': '0b9d8f7e-1c2a-4b3c-9d8e-7f6a5b4c3d2e', 'user-agent': 'bench', 'x-forwarded-proto': 'http',
    })),
    decoded('request_body', msg.requestBody(body, true)),
    decoded('response_headers', msg.responseHeaders({
      ':status': String(reply.status), 'content-type': reply.contentType, 'content-length': String(replyBody.length), 'x-envoy-upstream-service-time': '1',
    })),
    decoded('response_body', msg.responseBody(replyBody, true)),
  ];
}

/** Enough of a grpc-js server call for StreamSession: events in, replies counted. */
class FakeCall extends EventEmitter {
  writableEnded = false;
  replies = 0;
  write(_reply: ProcessingResponse): boolean {
    this.replies += 1;
    return true;
  }
  end(): void {
    this.writableEnded = true;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

export async function runGuardInProcessBench(opts: { quick?: boolean } = {}): Promise<GuardInProcessResult> {
  const quick = opts.quick === true;
  const config = loadConfig({ env: {} });
  const deps = buildDeps(config, pino({ level: 'silent' }), new GuardMetrics(false));
  const msgs = messages();
  const other = Buffer.alloc(EVICT_BYTES);
  let sink = 0;
  const evict = (): void => {
    for (let i = 0; i < other.length; i += 64) sink += other[i]! += 1;
  };

  /** One request's messages through a new session; per phase µs, plus opening and closing the stream. */
  const once = async (evicting: boolean, into: Map<string, number[]>): Promise<void> => {
    const call = new FakeCall();
    if (evicting) evict();
    let t0 = performance.now();
    new StreamSession(call as unknown as ServerDuplexStream<ProcessingRequest, ProcessingResponse>, deps, () => undefined);
    let open = performance.now() - t0;
    for (const [k, message] of msgs.entries()) {
      if (evicting) evict();
      t0 = performance.now();
      call.emit('data', message);
      into.get(PHASES[k]!)!.push((performance.now() - t0) * 1000);
    }
    if (evicting) evict();
    t0 = performance.now();
    call.emit('end');
    await new Promise<void>((resolve) => setImmediate(resolve)); // the close runs a microtask later
    open += performance.now() - t0;
    into.get('stream open and close')!.push(open * 1000);
    if (call.replies !== msgs.length) throw new Error(`expected ${msgs.length} replies, got ${call.replies}`);
  };

  const run = async (evicting: boolean, n: number, warm: number): Promise<Map<string, number[]>> => {
    const costs = new Map<string, number[]>([...PHASES, 'stream open and close'].map((p) => [p, []]));
    for (let i = 0; i < warm; i++) await once(evicting, costs);
    for (const xs of costs.values()) xs.length = 0;
    for (let i = 0; i < n; i++) await once(evicting, costs);
    return costs;
  };
  const hotN = quick ? 1000 : 5000;
  const evictedN = quick ? 150 : 600;
  const hot = await run(false, hotN, 1000);
  const evicted = await run(true, evictedN, 50);
  if (sink === -1) process.stdout.write(''); // keeps the eviction loop from being optimised away
  const rows: InProcessRow[] = [...hot.keys()].map((phase) => ({
    phase: phase as InProcessRow['phase'], hotUs: median(hot.get(phase)!), evictedUs: median(evicted.get(phase)!),
  }));
  const result: GuardInProcessResult = { requests: { hot: hotN, evicted: evictedN }, evictBytes: EVICT_BYTES, rows };
  process.stdout.write(formatGuardInProcess(result));
  return result;
}

export function formatGuardInProcess(r: GuardInProcessResult): string {
  const lines = [
    `Guard in-process (the 1 KB request and the mock's reply, default guards, no gRPC; median µs per message; ${r.requests.hot} requests hot, ${r.requests.evicted} with ${r.evictBytes >> 20} MB of other memory touched before each message)`,
    `  ${'phase'.padEnd(24)} ${'hot'.padStart(8)} ${'caches evicted'.padStart(15)}`,
  ];
  for (const row of r.rows) lines.push(`  ${row.phase.padEnd(24)} ${row.hotUs.toFixed(1).padStart(8)} ${row.evictedUs.toFixed(1).padStart(15)}`);
  const sum = (f: (row: InProcessRow) => number): number => r.rows.reduce((n, row) => n + f(row), 0);
  lines.push(`  ${'whole request'.padEnd(24)} ${sum((x) => x.hotUs).toFixed(1).padStart(8)} ${sum((x) => x.evictedUs).toFixed(1).padStart(15)}`);
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const json = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const result = await runGuardInProcessBench({ quick: args.includes('--quick') });
  if (json) writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
}
