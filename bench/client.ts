// The load generator's HTTP side: one timed request over a keep-alive connection, response checks that
// make a broken stack fail loudly instead of looking fast, and percentile statistics.
import http from 'node:http';

export interface Timed {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Request start to the first response body byte, in nanoseconds. */
  ttfbNs: bigint;
  /** Request start to the end of the response body, in nanoseconds. */
  totalNs: bigint;
}

export interface RequestSpec {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

const TIMEOUT_MS = 10_000;

/** A keep-alive agent with one socket: sequential requests then reuse one connection, as a client SDK would. */
export function keepAliveAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 });
}

/** POSTs `spec` to base URL over `agent` (undefined: a fresh connection) and times it with hrtime. */
export function timedRequest(base: URL, spec: RequestSpec, agent: http.Agent | undefined): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let ttfb: bigint | undefined;
    const req = http.request({
      host: base.hostname, port: base.port, path: spec.path, method: 'POST', agent,
      headers: { ...spec.headers, 'content-length': String(spec.body.length) },
      timeout: TIMEOUT_MS,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        ttfb ??= process.hrtime.bigint();
        chunks.push(chunk);
      });
      res.on('end', () => {
        const ended = process.hrtime.bigint();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ttfbNs: (ttfb ?? ended) - started, totalNs: ended - started });
      });
      res.on('error', reject);
      res.on('aborted', () => reject(new Error(`${spec.path}: response aborted mid-body`)));
    });
    req.on('timeout', () => req.destroy(new Error(`${spec.path}: no response within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(spec.body);
  });
}

/**
 * Fails unless the reply is a 200 that passed through Envoy with exactly the bytes the mock sends for
 * this request. A stack that answers fast with an error, a denial or a truncated stream aborts the run.
 */
export function verify(label: string, got: Timed, expected: Buffer): void {
  const problems: string[] = [];
  if (got.status !== 200) problems.push(`status ${got.status}`);
  if (got.headers['x-edge-rate-limited'] === 'true') problems.push("Envoy's edge rate limit tripped (too many requests in a row)");
  // HCM overwrites `server` by default: its absence means something other than Envoy answered.
  if (got.headers.server !== 'envoy') problems.push(`server header ${JSON.stringify(got.headers.server)} (not Envoy)`);
  if (!got.body.equals(expected)) problems.push(`body differs from the mock's reply (${got.body.length} bytes, expected ${expected.length})`);
  if (problems.length > 0) {
    const head = got.body.subarray(0, 400).toString('utf8');
    throw new Error(`${label}: invalid response: ${problems.join('; ')}\n  body starts: ${head}`);
  }
}

export interface Stats {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

/** Milliseconds statistics from nanosecond samples. */
export function stats(samplesNs: readonly bigint[]): Stats {
  if (samplesNs.length === 0) throw new Error('no samples');
  const ms = samplesNs.map((ns) => Number(ns) / 1e6).sort((a, b) => a - b);
  return {
    count: ms.length,
    p50: percentile(ms, 0.5),
    p90: percentile(ms, 0.9),
    p99: percentile(ms, 0.99),
    mean: ms.reduce((a, b) => a + b, 0) / ms.length,
    min: ms[0] as number,
    max: ms[ms.length - 1] as number,
  };
}
