// Shared setup for integration tests: the real Envoy binary, the built guard process and the mock
// upstream, on free loopback ports. Missing Envoy or an unbuilt guard fails the test run, never skips it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envoyBinary, guardEntry } from '../../scripts/lib/paths.js';
import { startStack, type Stack, type StackOptions } from '../../scripts/lib/stack.js';
import { startMockUpstream, type MockUpstream } from '../fixtures/mock-upstream.js';

/** Throws (so the suite fails) when the real dependencies are not there. */
export function requireRealDeps(): void {
  try {
    const version = execFileSync(envoyBinary(), ['--version'], { encoding: 'utf8' });
    if (!version.includes('/1.40.')) throw new Error(`expected Envoy 1.40, got: ${version.trim()}`);
  } catch (err) {
    throw new Error(`Envoy 1.40 is required for integration tests (run npm run bootstrap): ${(err as Error).message}`);
  }
  if (!existsSync(guardEntry())) throw new Error(`guard not built at ${guardEntry()} (run npm run build)`);
}

export interface TestStack {
  readonly mock: MockUpstream;
  readonly stack: Stack;
  readonly url: string;
  stop(): Promise<void>;
}

/** A guard config file in a temp dir, for tests that need non-default settings. */
export function writeGuardConfig(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'llm-guard-cfg-'));
  const path = join(dir, 'guard.yaml');
  writeFileSync(path, yaml);
  return path;
}

export async function startTestStack(opts: Omit<StackOptions, 'upstreamUrl'> = {}): Promise<TestStack> {
  requireRealDeps();
  const mock = await startMockUpstream();
  try {
    const stack = await startStack({ ...opts, upstreamUrl: mock.url, guardEnv: { GUARD_LOG_LEVEL: 'warn', ...opts.guardEnv } });
    return { mock, stack, url: stack.url, stop: async () => { await stack.stop(); await mock.close(); } };
  } catch (err) {
    await mock.close();
    throw err;
  }
}

export interface RawResponse { status: number; headers: IncomingHttpHeaders; body: Buffer }

/** One HTTP request with the exact response bytes (no decoding, no client-side parsing). */
export function rawRequest(url: string, path: string, opts: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = httpRequest(target, { method: opts.method ?? 'POST', headers: { 'content-type': 'application/json', ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

export function chatBody(content: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content }], ...extra });
}

/** Envoy's ext_proc counters (http.llm.ext_proc.*). */
export async function extProcStats(stack: Stack): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${stack.envoyAdminPort}/stats?filter=ext_proc`)).text();
  const stats: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^http\.llm\.ext_proc\.([a-z_]+): (\d+)$/.exec(line.trim());
    if (m) stats[m[1] as string] = Number(m[2]);
  }
  return stats;
}

/** Access-log entries Envoy printed so far (JSON lines on stdout). */
export function accessLog(stack: Stack): Record<string, unknown>[] {
  return stack.envoy.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { return await fn(); } catch (err) { if (Date.now() > deadline) throw err; }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RedisServer { readonly url: string; readonly port: number; stop(): Promise<void> }

/** A real redis-server on a free loopback port, no persistence, stopped by PID. Missing binary = failure. */
export async function startRedis(): Promise<RedisServer> {
  const { freePort, startProcess } = await import('../../scripts/lib/processes.js');
  const port = await freePort();
  let proc;
  try {
    proc = startProcess('redis-server', 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  } catch (err) {
    throw new Error(`redis-server is required for integration tests (run npm run bootstrap): ${(err as Error).message}`);
  }
  await proc.waitFor((l) => l.includes('Ready to accept connections'), 10_000);
  return { url: `redis://127.0.0.1:${port}`, port, stop: async () => { await proc.stop(); } };
}
