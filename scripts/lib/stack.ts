// Starts the guard and Envoy (rendered from envoy/envoy.yaml) on loopback and waits until traffic can
// flow. Used by `npm run stack`, the demo, the integration tests and the benchmark.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderEnvoyConfig, type EnvoyParams } from './envoy-config.js';
import { envoyBinary, guardEntry } from './paths.js';
import { freePort, startProcess, type Managed } from './processes.js';

export interface StackOptions {
  upstreamUrl: string;
  listenPort?: number;
  envoyAdminPort?: number;
  tls?: EnvoyParams['tls'];
  /** Guard config file (GUARD_CONFIG); none = embedded defaults. */
  guardConfig?: string;
  /** Extra environment for the guard process (e.g. GUARD_LOG_LEVEL). */
  guardEnv?: Record<string, string>;
  /** Start Envoy only, pointing at this ext_proc port (e.g. a no-op server) instead of starting the guard. */
  extProcPort?: number;
  /** Start Envoy without the ext_proc filter at all (baseline). */
  withoutExtProc?: boolean;
  envoyConcurrency?: number;
  echo?: boolean;
}

export interface Stack {
  readonly listenPort: number;
  readonly envoyAdminPort: number;
  readonly url: string;
  readonly guard?: Managed;
  readonly guardPort: number;
  readonly guardAdminPort?: number;
  readonly envoy: Managed;
  readonly configPath: string;
  stop(): Promise<void>;
}

class Fatal extends Error {}

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { if (await check()) return; } catch (err) { if (err instanceof Fatal) throw err; /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Removes the ext_proc filter from a rendered config (baseline for benchmarks). */
export function withoutExtProcFilter(yaml: string): string {
  const start = yaml.indexOf('          - name: envoy.filters.http.ext_proc');
  const end = yaml.indexOf('          - name: envoy.filters.http.router');
  if (start === -1 || end === -1) throw new Error('ext_proc filter not found in template');
  return yaml.slice(0, start) + yaml.slice(end);
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'llm-guard-stack-'));
  let guard: Managed | undefined;
  let envoy: Managed | undefined;
  const stopAll = async () => {
    await envoy?.stop();
    await guard?.stop(10_000);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    let guardPort = opts.extProcPort ?? 0;
    let guardAdminPort: number | undefined;
    if (opts.extProcPort === undefined && !opts.withoutExtProc) {
      guardPort = await freePort();
      guardAdminPort = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        GUARD_GRPC_PORT: String(guardPort),
        GUARD_ADMIN_PORT: String(guardAdminPort),
        GUARD_DRAIN_DELAY_MS: process.env.GUARD_DRAIN_DELAY_MS ?? '0',
        ...(opts.guardConfig ? { GUARD_CONFIG: opts.guardConfig } : {}),
        ...opts.guardEnv,
      };
      const started = startProcess('guard', process.execPath, [guardEntry()], env, opts.echo);
      guard = started;
      // Ready means the admin port answers /readyz (independent of the log level).
      await waitUntil('guard ready', 15_000, async () => {
        if (started.child.exitCode !== null) throw new Fatal(`guard exited (${started.child.exitCode}):\n${started.output().slice(-4000)}`);
        return (await fetch(`http://127.0.0.1:${guardAdminPort}/readyz`)).ok;
      });
    }
    const listenPort = opts.listenPort ?? (await freePort());
    const envoyAdminPort = opts.envoyAdminPort ?? (await freePort());
    let yaml = renderEnvoyConfig({ listenPort, adminPort: envoyAdminPort, guardPort: guardPort || 1, upstreamUrl: opts.upstreamUrl, tls: opts.tls });
    if (opts.withoutExtProc) yaml = withoutExtProcFilter(yaml);
    const configPath = join(dir, 'envoy.yaml');
    writeFileSync(configPath, yaml);
    envoy = startProcess('envoy', envoyBinary(), [
      '-c', configPath, '--disable-hot-restart', '--concurrency', String(opts.envoyConcurrency ?? 1),
      '-l', 'warning', '--log-format', '[%Y-%m-%d %T.%e][%l][%n] %v',
      // Access log lines reach stdout within 200 ms instead of Envoy's default 10 s batching.
      '--file-flush-interval-msec', '200',
    ], process.env, opts.echo);
    const admin = `http://127.0.0.1:${envoyAdminPort}`;
    const proxy = envoy;
    await waitUntil('envoy ready', 20_000, async () => {
      if (proxy.child.exitCode !== null) throw new Fatal(`envoy exited (${proxy.child.exitCode}):\n${proxy.output().slice(-4000)}`);
      return (await fetch(`${admin}/ready`)).ok;
    });
    if (guard || opts.extProcPort !== undefined) {
      // Traffic flows once Envoy's active health check has seen the guard SERVING.
      await waitUntil('guard healthy in envoy', 20_000, async () => {
        const text = await (await fetch(`${admin}/clusters`)).text();
        return text.split('\n').some((l) => l.startsWith('llm_guard::') && l.includes('::health_flags::healthy'));
      });
    }
    const started = envoy;
    return {
      listenPort, envoyAdminPort, url: `http://127.0.0.1:${listenPort}`, guard, guardPort, guardAdminPort, envoy: started, configPath,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
