// Plays Envoy's side of the ext_proc protocol against the real service, in-process, from scripts.
// The service runs exactly as in production (startService, or startExtProcServer with custom deps); the
// client is an independent gRPC client built from protos/ with the same proto-loader options, so every
// message crosses the real wire encoding in both directions.
//
//   const sim = await EnvoySim.start({ env: { GUARD_MAX_BODY_BYTES: '256' } });   // or { yaml }, { customize }
//   const s = await sim.open();                                  // one Process stream = one HTTP request
//   const r1 = await s.send(msg.requestHeaders({ ':method': 'POST', ':path': '/v1/chat/completions', ... }));
//   mutationOf(r1).set['accept-encoding'];                       // header mutations, read from raw_value
//   const replies = await s.pipeline(chunks.map((c, i) => msg.responseBody(c, i === chunks.length - 1)));
//   s.end(); await s.closed;                                     // { code, details } of the final status
//   s.cancel();                                                  // client-side reset instead
//   await sim.close();                                           // or SimPool / runCases to close in afterEach
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  credentials, loadPackageDefinition, status as GrpcStatus, type ClientDuplexStream, type ClientReadableStream,
  type ServiceClientConstructor, type ServiceError,
} from '@grpc/grpc-js';
import { loadSync, type Options } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { loadConfig } from '../../src/config/load.js';
import type { GuardConfig } from '../../src/config/schema.js';
import type { StreamDeps } from '../../src/extproc/deps.js';
import type { ProcessingRequest, ProcessingResponse } from '../../src/extproc/messages.js';
import { EXT_PROC_PROTO, protoRoot } from '../../src/extproc/proto.js';
import { startExtProcServer, type ExtProcServer } from '../../src/extproc/server.js';
import { buildDeps, startService, type RunningService } from '../../src/service.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { GuardMetrics } from '../../src/telemetry/metrics.js';

export { hdrs, msg, mutationOf, commonOf, bodyMutationOf, effectiveBody, metadataOf, immediateOf, fromStruct } from './wire.js';
export type { HeaderMutationView, ImmediateView } from './wire.js';

/** Same decoding contract as src/extproc/proto.ts. */
export const LOADER_OPTIONS: Options = { keepCase: true, longs: Number, enums: Number, defaults: false, oneofs: true };

/** A decoded ProcessingResponse; `response` names the oneof member that is set. */
export type Reply = ProcessingResponse & { response?: string };
export type Outgoing = ProcessingRequest;
export interface StreamStatus { code: number; details: string }

type ProcessCall = ClientDuplexStream<Outgoing, Reply>;
interface ExtProcClient { Process(): ProcessCall; close(): void }
interface HealthClient {
  Check(req: { service: string }, cb: (err: ServiceError | null, res?: { status: number | string }) => void): void;
  Watch(req: { service: string }): ClientReadableStream<{ status: number | string }>;
  close(): void;
}

/** Health status enum of grpc.health.v1 (enums decode as numbers). */
export const HEALTH = { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } as const;

const BASE_ENV: Record<string, string> = {
  GUARD_GRPC_PORT: '0', GUARD_ADMIN_PORT: '0', GUARD_DRAIN_DELAY_MS: '0', GUARD_DRAIN_TIMEOUT_MS: '100', GUARD_LOG_LEVEL: 'silent',
};

export interface SimOptions {
  /** Environment overrides on top of the harness defaults (ports 0, no drain delay). */
  env?: Record<string, string>;
  /** YAML text written to a temp file and passed as loadConfig({ path }). */
  yaml?: string;
  /**
   * Rewires the stream deps (e.g. a pipeline with a slow guard). The ext_proc server is then started
   * with startExtProcServer directly, without the admin server.
   */
  customize?: (deps: StreamDeps) => StreamDeps;
}

const DEFAULT_REPLY_TIMEOUT_MS = 1_000;

/** One ext_proc stream as Envoy drives it: write messages, read replies strictly in order. */
export class SimStream {
  /** Every reply received so far, in order. */
  readonly replies: Reply[] = [];
  /** Resolves with the final gRPC status (OK included) once the server ended the stream. */
  readonly closed: Promise<StreamStatus>;
  /** Set as soon as the final status arrived. */
  status: StreamStatus | undefined;
  /** True once the server ended its side ('end' seen or status received). */
  serverEnded = false;
  private readonly queue: Reply[] = [];
  private readonly waiters: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];

  constructor(private readonly call: ProcessCall) {
    call.on('data', (r: Reply) => {
      this.replies.push(r);
      const w = this.waiters.shift();
      if (w) w.resolve(r);
      else this.queue.push(r);
    });
    call.on('end', () => { this.serverEnded = true; });
    call.on('error', () => { /* non-OK status: reported through 'status' */ });
    this.closed = new Promise<StreamStatus>((resolve) => {
      call.on('status', (s: { code: number; details: string }) => {
        this.serverEnded = true;
        this.status = { code: s.code, details: s.details };
        for (const w of this.waiters.splice(0)) w.reject(new Error(`stream closed (${GrpcStatus[s.code]}: ${s.details}) while a reply was awaited`));
        resolve(this.status);
      });
    });
  }

  /** Writes one message without waiting (Envoy pipelines in STREAMED mode). */
  write(message: Outgoing): void {
    this.call.write(message);
  }

  /** The next reply in order; rejects if the stream closes first or nothing arrives within timeoutMs. */
  next(timeoutMs = DEFAULT_REPLY_TIMEOUT_MS): Promise<Reply> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.status) return Promise.reject(new Error(`stream already closed (${GrpcStatus[this.status.code]}: ${this.status.details})`));
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        resolve: (r: Reply) => { clearTimeout(timer); resolve(r); },
        reject: (e: Error) => { clearTimeout(timer); reject(e); },
      };
      this.waiters.push(waiter);
    });
  }

  /** Writes one message and awaits its reply. */
  send(message: Outgoing, timeoutMs?: number): Promise<Reply> {
    this.write(message);
    return this.next(timeoutMs);
  }

  /** Writes all messages back-to-back, then collects exactly one reply per message, in order. */
  async pipeline(messages: readonly Outgoing[], timeoutMs?: number): Promise<Reply[]> {
    for (const m of messages) this.write(m);
    const out: Reply[] = [];
    for (let i = 0; i < messages.length; i += 1) out.push(await this.next(timeoutMs));
    return out;
  }

  /** Replies received but not yet taken with next(). */
  get pending(): number {
    return this.queue.length;
  }

  /** Half-close, as Envoy does after its last message. */
  end(): void {
    this.call.end();
  }

  /** Client-side cancellation (Envoy resets the side stream, e.g. the downstream went away). */
  cancel(): void {
    this.call.cancel();
  }
}

export class EnvoySim {
  private readonly streams = new Set<SimStream>();
  private closing: Promise<void> | undefined;
  private drained = false;

  private constructor(
    readonly config: Readonly<GuardConfig>,
    readonly metrics: GuardMetrics,
    readonly grpc: ExtProcServer,
    /** Present when started through startService. */
    readonly service: RunningService | undefined,
    private readonly client: ExtProcClient,
    private readonly health: HealthClient,
    private readonly tmp: string | undefined,
  ) {}

  static async start(opts: SimOptions = {}): Promise<EnvoySim> {
    let tmp: string | undefined;
    let path: string | undefined;
    if (opts.yaml !== undefined) {
      tmp = mkdtempSync(join(tmpdir(), 'envoy-sim-'));
      path = join(tmp, 'guard.yaml');
      writeFileSync(path, opts.yaml);
    }
    const config = loadConfig({ path, env: { ...BASE_ENV, ...opts.env } });
    const log = createLogger('silent');
    const metrics = new GuardMetrics(false);
    let service: RunningService | undefined;
    let grpc: ExtProcServer;
    if (opts.customize) {
      grpc = await startExtProcServer(config.server.host, config.server.grpcPort, opts.customize(buildDeps(config, log, metrics)));
    } else {
      service = await startService(config, log, metrics);
      grpc = service.grpc;
    }
    const target = `${config.server.host}:${grpc.port}`;
    const extProc = loadPackageDefinition(loadSync(EXT_PROC_PROTO, { ...LOADER_OPTIONS, includeDirs: [protoRoot()] })) as unknown as {
      envoy: { service: { ext_proc: { v3: { ExternalProcessor: ServiceClientConstructor } } } };
    };
    const health = loadPackageDefinition(loadSync(healthProtoPath, LOADER_OPTIONS)) as unknown as {
      grpc: { health: { v1: { Health: ServiceClientConstructor } } };
    };
    const client = new extProc.envoy.service.ext_proc.v3.ExternalProcessor(target, credentials.createInsecure()) as unknown as ExtProcClient;
    const healthClient = new health.grpc.health.v1.Health(target, credentials.createInsecure()) as unknown as HealthClient;
    return new EnvoySim(config, metrics, grpc, service, client, healthClient, tmp);
  }

  get adminPort(): number | undefined {
    return this.service?.admin.port;
  }

  /** Opens a Process stream (one per HTTP request). */
  async open(): Promise<SimStream> {
    const s = new SimStream(this.client.Process());
    this.streams.add(s);
    void s.closed.then(() => this.streams.delete(s));
    return s;
  }

  /** grpc.health.v1.Health/Check; resolves with the numeric status (see HEALTH) or rejects with the gRPC error. */
  check(service = ''): Promise<number> {
    return new Promise((resolve, reject) => {
      this.health.Check({ service }, (err, res) => (err ? reject(err) : resolve(Number(res?.status ?? 0))));
    });
  }

  /** grpc.health.v1.Health/Watch: every status the server reports for `service`, as it reports it. */
  watch(service = ''): { statuses: number[]; next(status: number, timeoutMs?: number): Promise<void>; cancel(): void } {
    const call = this.health.Watch({ service });
    const statuses: number[] = [];
    const listeners = new Set<() => void>();
    call.on('data', (r: { status: number | string }) => { statuses.push(Number(r.status)); for (const l of listeners) l(); });
    call.on('error', () => { /* cancelled or server gone */ });
    return {
      statuses,
      cancel: () => call.cancel(),
      next: (status, timeoutMs = DEFAULT_REPLY_TIMEOUT_MS) => new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!statuses.includes(status)) return;
          listeners.delete(check); clearTimeout(timer); resolve();
        };
        const timer = setTimeout(() => { listeners.delete(check); reject(new Error(`health status ${status} not seen (saw ${statuses.join(',')})`)); }, timeoutMs);
        listeners.add(check);
        check();
      }),
    };
  }

  /** The admin server's Prometheus text (startService only). */
  async scrape(): Promise<string> {
    if (!this.service) throw new Error('no admin server: started with customize');
    const res = await fetch(`http://${this.config.server.adminHost}:${this.service.admin.port}/metrics`);
    return res.text();
  }

  /** Current value of a metric from the in-process registry (sum over series matching `labels`). */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const m = this.metrics.registry.getSingleMetric(name);
    if (!m) throw new Error(`no metric ${name}`);
    const { values } = await m.get();
    return values
      .filter((v) => Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want))
      .reduce((sum, v) => sum + v.value, 0);
  }

  /** Polls until `probe` holds or timeoutMs passes; returns the last probe result. */
  async until(probe: () => boolean | Promise<boolean>, timeoutMs = 500): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await probe()) return true;
      if (Date.now() > deadline) return false;
      await sleep(5);
    }
  }

  /** Drains the ext_proc server as on SIGTERM (health NOT_SERVING, then stop, cancelling streams past the deadline). */
  drain(delayMs: number, timeoutMs: number): Promise<{ cancelled: number }> {
    this.drained = true;
    return this.grpc.drain(delayMs, timeoutMs);
  }

  /** Cancels open client streams, stops the service and closes the clients. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const s of this.streams) s.cancel();
      this.client.close();
      this.health.close();
      if (this.service && !this.drained) await this.service.stop();
      else if (this.service) await this.service.admin.close();
      else if (!this.drained) await this.grpc.drain(0, 100);
      if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
    })();
    return this.closing;
  }
}

/** Starts sims and closes every one of them in afterEach. */
export class SimPool {
  private readonly sims: EnvoySim[] = [];

  async start(opts?: SimOptions): Promise<EnvoySim> {
    const sim = await EnvoySim.start(opts);
    this.sims.push(sim);
    return sim;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.sims.splice(0).map((s) => s.close()));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
