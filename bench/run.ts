// `npm run bench`: the latency the guard adds, measured against Envoy alone (A) and Envoy with a no-op
// ext_proc server (B), with the guard on its default configuration (C). One mock upstream (a child
// process, so it never shares the load generator's event loop) serves all three stacks. The stacks run
// side by side but only one carries load at a time, in interleaved rounds with the order rotated per
// round, so drift (thermal, noisy neighbours, JIT) spreads evenly instead of biasing one stack.
//
// The 1 KB request repeats byte for byte, as resent conversation turns and system prompts do, so what
// the guard remembers (injection verdicts, texts found clean) applies to it; the "unique" scenario
// sends a new user turn each time, where nothing remembered applies, and is printed beside it.
// Another scenario gives the mock a model's think time (first token after MODEL_FIRST_TOKEN_MS): time to
// first byte there is what a user of a streamed reply notices.
//
// Every stack is warmed up with 5,000 requests first (in turns, see MAX_BURST): steady state, as in
// production. V8 compiles code run once per request only after thousands of requests; the guard's CPU
// per request, measured behind Envoy in 2,000-request steps from start: 855, 625, 535, 520, 515 µs
// (the no-op server's: 600, 380, 360, 345, 340). With 200 warm-up requests the rounds measured that
// settling as well. The report prints both servers' CPU per request in each warm-up turn (Linux).
//
// Usage: node dist/bench/run.js [--quick] [--n N] [--n-stream N] [--n-model N] [--warmup N] [--rounds N] [--json FILE]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { envoyBinary, repoRoot } from '../scripts/lib/paths.js';
import { startProcess } from '../scripts/lib/processes.js';
import { startStack, type Stack } from '../scripts/lib/stack.js';
import { keepAliveAgent, stats, timedRequest, verify, type RequestSpec, type Timed } from './client.js';
import type { GuardInProcessResult } from './guard-inproc.js';
import type { InjectionBenchResult } from './injection.js';
import type { RedactionBenchResult } from './redaction.js';
import { chatBody } from './workload.js';
import {
  derive, formatReport, MODEL_FIRST_TOKEN_MS, STACK_LABELS, type BenchResult, type GuardPhase, type Machine, type Params, type StackKey,
} from './report.js';

interface Options {
  n: number; nStream: number; nModel: number; nUnique: number; warmup: number; warmupStream: number; rounds: number; streamWords: number; json?: string;
  /** Also shortens the in-process detector benchmarks. */
  quick: boolean;
}

/**
 * The shipped envoy.yaml has an edge rate limit of 1000 requests per second per Envoy (bucket of 1000,
 * refilled each second), and startStack does not expose it. A fast sequential client (Envoy alone runs
 * well over 1000 req/s) would get 429s in a long run against one stack. So no stack gets more than this
 * many requests in a row: the bucket absorbs one turn, and with the other two stacks taking their turns
 * each stack averages far below 1000 req/s. The filter itself stays on, identical in all three stacks;
 * a 429 would still be caught by verify().
 */
const MAX_BURST = 800;
/** Unmeasured requests after switching stacks: caches and connections are cold again. */
const SWITCH_WARMUP = 20;
const SWITCH_WARMUP_STREAM = 3;

const USAGE = 'usage: bench [--quick] [--n N] [--n-stream N] [--n-model N] [--n-unique N] [--warmup N] [--rounds N] [--json FILE]';

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { n: 2000, nStream: 300, nModel: 100, nUnique: 600, warmup: 5000, warmupStream: 100, rounds: 5, streamWords: 200, quick: false };
  const int = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag}: expected an integer >= ${min}\n${USAGE}`);
    return n;
  };
  let quick = false;
  const explicit: Partial<Options> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split('=', 2);
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--quick') quick = true;
    else if (flag === '--n') explicit.n = int(flag, value(), 1);
    else if (flag === '--n-stream') explicit.nStream = int(flag, value(), 1);
    else if (flag === '--n-model') explicit.nModel = int(flag, value(), 1);
    else if (flag === '--n-unique') explicit.nUnique = int(flag, value(), 1);
    else if (flag === '--warmup') explicit.warmup = int(flag, value(), 0);
    else if (flag === '--rounds') explicit.rounds = int(flag, value(), 1);
    else if (flag === '--json') explicit.json = value() ?? '';
    else if (flag === '--help' || flag === '-h') { process.stdout.write(`${USAGE}\n`); process.exit(0); }
    else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  o.quick = quick;
  if (quick) Object.assign(o, { n: 200, nStream: 50, nModel: 20, nUnique: 60, warmup: 100, warmupStream: 10, rounds: 2 });
  Object.assign(o, explicit);
  if (o.json === '') throw new Error(`--json needs a file name\n${USAGE}`);
  // More rounds when needed, so no stack ever gets more than MAX_BURST requests in a row.
  o.rounds = Math.max(o.rounds, Math.ceil((o.n + o.nStream + o.nModel + o.nUnique) / (MAX_BURST - SWITCH_WARMUP - SWITCH_WARMUP_STREAM)));
  return o;
}

const log = (msg: string): void => { process.stderr.write(`[bench] ${msg}\n`); };

// --- Everything started is stopped: on success, on error and on SIGINT/SIGTERM. -----------------------
const stoppers: (() => Promise<unknown>)[] = [];
/** Stops begun after cleanup started (a stack that finished starting after SIGINT); cleanup awaits them. */
const lateStops: Promise<unknown>[] = [];
let cleaningUp = false;
let interrupted = false;
const agents: http.Agent[] = [];
/** The in-process benchmarks' child processes (see isolated()), while they run. */
const benchChildren = new Set<ChildProcess>();
let cleanupChain: Promise<void> = Promise.resolve();

function track(stop: () => Promise<unknown>): void {
  if (cleaningUp) lateStops.push(stop().catch(() => undefined));
  else stoppers.push(stop);
}

async function stopAll(): Promise<void> {
  for (const a of agents) a.destroy();
  for (const child of benchChildren) child.kill('SIGTERM');
  // Reverse order: stacks before the upstream and the no-op server they point at.
  for (let stop = stoppers.pop(); stop; stop = stoppers.pop()) {
    try { await stop(); } catch (err) { log(`cleanup: ${err instanceof Error ? err.message : String(err)}`); }
  }
  await Promise.allSettled(lateStops);
}

/** Safe to call more than once (signal and finally): each call waits for the previous one, then stops what is left. */
function cleanup(): Promise<void> {
  cleaningUp = true;
  cleanupChain = cleanupChain.then(stopAll);
  return cleanupChain;
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) process.exit(130); // second signal: do not wait any longer
  interrupted = true;
  log(`${signal}: stopping everything`);
  // Stops processes now; the main flow sees `interrupted` (or a failed request) and unwinds to its finally.
  void cleanup();
}

function checkInterrupted(): void {
  if (interrupted) throw new Error('interrupted');
}

// --- Workload -----------------------------------------------------------------------------------------
/** Words in the model-like streamed reply: its time to first byte is what is measured, so keep it short. */
const MODEL_WORDS = 20;

function specs(streamWords: number): { plain: RequestSpec; stream: RequestSpec; model: RequestSpec } {
  const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench-not-a-real-key' };
  return {
    plain: { path: '/v1/chat/completions', headers, body: chatBody(false) },
    stream: { path: '/v1/chat/completions', headers: { ...headers, 'x-mock-words': String(streamWords) }, body: chatBody(true) },
    model: {
      path: '/v1/chat/completions',
      headers: { ...headers, 'x-mock-words': String(MODEL_WORDS), 'x-mock-first-byte-ms': String(MODEL_FIRST_TOKEN_MS) },
      body: chatBody(true),
    },
  };
}

interface Target {
  key: StackKey;
  stack: Stack;
  base: URL;
  agent: http.Agent;
  sent: number;
  plain: bigint[];
  ttfb: bigint[];
  total: bigint[];
  ttfbModel: bigint[];
  unique: bigint[];
}

interface Workload {
  plain: RequestSpec; stream: RequestSpec; model: RequestSpec; expectedPlain: Buffer; expectedStream: Buffer; expectedModel: Buffer;
  expectedUnique: Buffer;
}

/** A fresh reference number per unique request, across stacks, so no stack ever sees one twice. */
let uniqueCounter = 0;

// Seen on Envoy 1.40 + Node 22: Envoy ends every ext_proc side stream with RST_STREAM, and the Node
// HTTP/2 server (nghttp2's rapid-reset defence: a bucket of 1000 resets refilled at 33/s) answers a
// connection that used it up with GOAWAY; the stream in flight then fails closed with a 500.
const REFUSED_HINT = 'hint: the ext_proc server sent GOAWAY after too many RST_STREAMs from Envoy (nghttp2 rapid-reset limit: '
  + '1000 resets, then 33/s per connection). Envoy resets every ext_proc stream unless the runtime flag '
  + 'envoy.reloadable_features.ext_proc_graceful_grpc_close is true; see cluster.llm_guard.http2.tx_reset in Envoy stats.';

/** verify(), plus the tail of that Envoy's output (access log with response details) on failure. */
function verifyOrExplain(t: Target, kind: string, r: Timed, expected: Buffer): void {
  try {
    verify(`${STACK_LABELS[t.key]} ${kind} request #${t.sent}`, r, expected);
  } catch (err) {
    const output = t.stack.envoy.output();
    const tail = output.trimEnd().split('\n').slice(-3).join('\n  ');
    const hint = output.includes('remote_refused_stream_reset') ? `\n  ${REFUSED_HINT}` : '';
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n  envoy output (last lines):\n  ${tail}${hint}`);
  }
}

async function runPlain(t: Target, w: Workload, count: number, record: boolean): Promise<void> {
  for (let i = 0; i < count; i++) {
    checkInterrupted();
    const r = await timedRequest(t.base, w.plain, t.agent);
    t.sent += 1;
    verifyOrExplain(t, 'non-streamed', r, w.expectedPlain);
    if (record) t.plain.push(r.totalNs);
  }
}

async function runStream(t: Target, w: Workload, count: number, record: boolean): Promise<void> {
  for (let i = 0; i < count; i++) {
    checkInterrupted();
    const r = await timedRequest(t.base, w.stream, t.agent);
    t.sent += 1;
    verifyOrExplain(t, 'streamed', r, w.expectedStream);
    if (record) { t.ttfb.push(r.ttfbNs); t.total.push(r.totalNs); }
  }
}

async function runUnique(t: Target, w: Workload, count: number, record: boolean): Promise<void> {
  for (let i = 0; i < count; i++) {
    checkInterrupted();
    const spec = { ...w.plain, body: chatBody(false, uniqueCounter++) };
    const r = await timedRequest(t.base, spec, t.agent);
    t.sent += 1;
    verifyOrExplain(t, 'non-streamed (unique prompt)', r, w.expectedUnique);
    if (record) t.unique.push(r.totalNs);
  }
}

async function runModel(t: Target, w: Workload, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    checkInterrupted();
    const r = await timedRequest(t.base, w.model, t.agent);
    t.sent += 1;
    verifyOrExplain(t, 'streamed (model-like)', r, w.expectedModel);
    t.ttfbModel.push(r.ttfbNs);
  }
}

/** Splits `total` into `parts` near-equal integers that sum to it. */
function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor((total * (i + 1)) / parts) - Math.floor((total * i) / parts));
}

// --- Sanity checks: the numbers must come from the path we claim to measure. ---------------------------
async function text(url: string, init?: RequestInit): Promise<string> {
  const res = await fetch(url, init);
  const body = await res.text();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}: ${body.slice(0, 200)}`);
  return body;
}

function metric(textBody: string, name: string): number {
  const line = textBody.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}: `));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function checkStack(t: Target, checks: string[]): Promise<void> {
  const admin = `http://127.0.0.1:${t.stack.envoyAdminPort}`;
  const envoyStats = await text(`${admin}/stats?filter=ext_proc`);
  const started = metric(envoyStats, 'http.llm.ext_proc.streams_started');
  if (t.key === 'A') {
    if (started !== 0) throw new Error(`stack A: ext_proc streams were started (${started}); the baseline is not Envoy alone`);
    checks.push(`A: ${t.sent} requests, no ext_proc`);
    return;
  }
  // Every request must have opened an ext_proc stream, none may have failed open or timed out.
  const failed = metric(envoyStats, 'http.llm.ext_proc.failure_mode_allowed') + metric(envoyStats, 'http.llm.ext_proc.message_timeouts');
  if (started < t.sent || failed > 0) {
    throw new Error(`stack ${t.key}: ${t.sent} requests but ext_proc streams_started=${started}, failures/timeouts=${failed}`);
  }
  // Side streams Envoy ended with RST_STREAM, and connections to the ext_proc server: with resets, a
  // long enough run hits the GOAWAY described in REFUSED_HINT.
  const cluster = await text(`${admin}/stats?filter=${encodeURIComponent('^cluster\\.llm_guard\\.')}`);
  const resets = metric(cluster, 'cluster.llm_guard.http2.tx_reset');
  const connections = metric(cluster, 'cluster.llm_guard.upstream_cx_total');
  checks.push(`${t.key}: ${t.sent} requests, ${started} ext_proc streams, ${resets} side-stream resets, ${connections} ext_proc connection(s)`);
}

async function guardPhases(t: Target, checks: string[]): Promise<GuardPhase[]> {
  const body = await text(`http://127.0.0.1:${t.stack.guardAdminPort}/metrics`);
  const allowed = metric(body, 'guard_verdicts_total{code="allow"}');
  const timeouts = body.split('\n').filter((l) => l.startsWith('guard_reply_timeouts_total{')).reduce((n, l) => n + Number(l.split(' ').pop()), 0);
  if (allowed < t.sent || timeouts > 0) throw new Error(`guard: ${t.sent} requests but allow verdicts=${allowed}, reply timeouts=${timeouts}`);
  checks.push(`guard allowed ${allowed}`);
  const phases: GuardPhase[] = [];
  for (const phase of ['request_headers', 'request_body', 'response_headers', 'response_body']) {
    const sum = metric(body, `guard_phase_duration_seconds_sum{phase="${phase}"}`);
    const count = metric(body, `guard_phase_duration_seconds_count{phase="${phase}"}`);
    if (count > 0) phases.push({ phase, count, meanUs: (sum / count) * 1e6 });
  }
  return phases;
}

function machine(): Machine {
  let envoy = 'unknown';
  try {
    const out = execFileSync(envoyBinary(), ['--version'], { encoding: 'utf8', timeout: 10_000 });
    const build = /version:\s*(\S+)/.exec(out)?.[1] ?? out.trim();
    envoy = `${build.split('/')[1] ?? build} (${build})`;
  } catch (err) {
    envoy = `unknown (${err instanceof Error ? err.message : String(err)})`;
  }
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, envoy, os: `${os.type()} ${os.release()}` };
}

/**
 * CPU time of a process, all its threads (ms), from Linux's /proc (per-thread nanoseconds on CPU, no
 * clock-tick rounding); undefined elsewhere or once it has exited.
 */
function cpuMs(pid: number): number | undefined {
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    return undefined; // not Linux, or a thread ended between listing and reading: no figure
  }
}

/**
 * One in-process benchmark (dist/bench/<script>) in a fresh Node process, its output passed through;
 * returns its result. Not in this process: after a minute of HTTP load, the load generator's heap and
 * JIT state cost the redaction benchmark ~5% (95-96 MB/s in four runs here, 101-106 alone).
 */
async function isolated<T>(script: string, args: readonly string[]): Promise<T> {
  checkInterrupted();
  const dir = mkdtempSync(join(os.tmpdir(), 'llm-guard-bench-'));
  const file = join(dir, 'result.json');
  const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'bench', script), ...args, '--json', file], { stdio: ['ignore', 'inherit', 'inherit'] });
  benchChildren.add(child);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    checkInterrupted();
    if (code !== 0) throw new Error(`${script} failed (${signal ?? `exit ${code}`})`);
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } finally {
    benchChildren.delete(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- Main ---------------------------------------------------------------------------------------------
async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = process.hrtime.bigint();
  const root = repoRoot();

  log('starting mock upstream and no-op ext_proc server');
  const mock = startProcess('mock-upstream', process.execPath, [join(root, 'dist', 'test', 'fixtures', 'mock-upstream.js'), '--port', '0']);
  track(() => mock.stop());
  const noop = startProcess('noop-extproc', process.execPath, [join(root, 'dist', 'bench', 'noop-extproc.js'), '--port', '0']);
  track(() => noop.stop());
  const upstreamUrl = (await mock.waitFor((l) => l.startsWith('mock-upstream listening '), 15_000)).split(' ').pop() as string;
  const noopPort = Number((await noop.waitFor((l) => l.startsWith('noop-extproc listening '), 15_000)).split(' ').pop());

  // The reference bytes come straight from the mock (no Envoy): every response through a stack must match.
  const { plain, stream, model } = specs(opts.streamWords);
  const direct = new URL(upstreamUrl);
  const refPlain = await timedRequest(direct, plain, undefined);
  const refStream = await timedRequest(direct, stream, undefined);
  const refModel = await timedRequest(direct, model, undefined);
  const refUnique = await timedRequest(direct, { ...plain, body: chatBody(false, 0) }, undefined);
  if ([refPlain, refStream, refModel, refUnique].some((r) => r.status !== 200)) {
    throw new Error(`mock upstream answered ${refPlain.status}/${refStream.status}/${refModel.status}/${refUnique.status}`);
  }
  const workload: Workload = {
    plain, stream, model, expectedPlain: refPlain.body, expectedStream: refStream.body, expectedModel: refModel.body, expectedUnique: refUnique.body,
  };

  const targets: Target[] = [];
  for (const key of ['A', 'B', 'C'] as const) {
    checkInterrupted();
    log(`starting stack ${STACK_LABELS[key]}`);
    const stack = await startStack({ upstreamUrl, ...(key === 'A' ? { withoutExtProc: true } : key === 'B' ? { extProcPort: noopPort } : {}) });
    track(() => stack.stop());
    checkInterrupted();
    const agent = keepAliveAgent();
    agents.push(agent);
    targets.push({ key, stack, base: new URL(stack.url), agent, sent: 0, plain: [], ttfb: [], total: [], ttfbModel: [], unique: [] });
  }

  // Warm-up in turns (the edge rate limit: at most MAX_BURST requests in a row per stack), stacks rotating.
  const warmTurns = Math.ceil((opts.warmup + opts.warmupStream) / MAX_BURST);
  const warmPlain = split(opts.warmup, warmTurns);
  const warmStream = split(opts.warmupStream, warmTurns);
  // The ext_proc servers' CPU per request in each turn shows the JIT settling (see the file comment).
  const extProcPid: Partial<Record<StackKey, number>> = { B: noop.pid, C: targets.find((t) => t.key === 'C')?.stack.guard?.pid };
  const warmCpu: Partial<Record<StackKey, (number | undefined)[]>> = {};
  for (let turn = 0; turn < warmTurns; turn++) {
    for (const t of targets) {
      log(`warm-up ${turn + 1}/${warmTurns} ${STACK_LABELS[t.key]}: ${warmPlain[turn]} non-streamed + ${warmStream[turn]} streamed`);
      const pid = extProcPid[t.key];
      const before = pid === undefined ? undefined : cpuMs(pid);
      await runPlain(t, workload, warmPlain[turn] ?? 0, false);
      await runStream(t, workload, warmStream[turn] ?? 0, false);
      const after = pid === undefined ? undefined : cpuMs(pid);
      const sent = (warmPlain[turn] ?? 0) + (warmStream[turn] ?? 0);
      if (pid !== undefined) (warmCpu[t.key] ??= []).push(before !== undefined && after !== undefined && sent > 0 ? ((after - before) * 1000) / sent : undefined);
    }
  }
  const warmupCpu = (['B', 'C'] as const).flatMap((key) => {
    const xs = warmCpu[key] ?? [];
    return xs.length > 0 && xs.every((x) => x !== undefined) ? [{ key, usPerRequest: xs as number[] }] : [];
  });

  const plainPer = split(opts.n, opts.rounds);
  const streamPer = split(opts.nStream, opts.rounds);
  const modelPer = split(opts.nModel, opts.rounds);
  const uniquePer = split(opts.nUnique, opts.rounds);
  for (let round = 0; round < opts.rounds; round++) {
    const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
    for (const t of order) {
      log(`round ${round + 1}/${opts.rounds} ${STACK_LABELS[t.key]}: ${plainPer[round]} non-streamed + ${streamPer[round]} streamed + ${modelPer[round]} model-like + ${uniquePer[round]} unique`);
      await runPlain(t, workload, SWITCH_WARMUP, false);
      await runPlain(t, workload, plainPer[round] ?? 0, true);
      await runStream(t, workload, SWITCH_WARMUP_STREAM, false);
      await runStream(t, workload, streamPer[round] ?? 0, true);
      await runModel(t, workload, modelPer[round] ?? 0);
      await runUnique(t, workload, SWITCH_WARMUP, false);
      await runUnique(t, workload, uniquePer[round] ?? 0, true);
    }
  }

  const checks: string[] = [];
  for (const t of targets) await checkStack(t, checks);
  const guard = targets.find((t) => t.key === 'C') as Target;
  const phases = await guardPhases(guard, checks);

  const byKey = Object.fromEntries(targets.map((t) => [t.key, {
    plain: stats(t.plain), ttfb: stats(t.ttfb), streamTotal: stats(t.total), ttfbModel: stats(t.ttfbModel), plainUnique: stats(t.unique),
  }])) as BenchResult['stats'];
  const params: Params = {
    n: opts.n, nStream: opts.nStream, warmup: opts.warmup, warmupStream: opts.warmupStream, rounds: opts.rounds, streamWords: opts.streamWords,
    requestBytes: plain.body.length, plainReplyBytes: workload.expectedPlain.length, streamReplyBytes: workload.expectedStream.length,
    nModel: opts.nModel, modelWords: MODEL_WORDS, nUnique: opts.nUnique,
    edgeRateLimit: `edge rate limit as shipped (1000 req/s), at most ${MAX_BURST} requests in a row per stack`,
  };
  const result: BenchResult = {
    machine: machine(), params, stats: byKey, derived: derive(byKey), guardPhases: phases, warmupCpu, checks,
    elapsedSeconds: Number(process.hrtime.bigint() - t0) / 1e9,
  };
  process.stdout.write(`${formatReport(result)}\n`);
  // In-process costs (one core): redaction (issue 3) and prompt-injection detection (issue 4), each
  // beside a well-known JavaScript library on the same inputs; then the guard's whole per-message path.
  // The stacks are stopped first: idle, their three Envoys still flush stats and health-check the
  // guard, which shared the two cores with these measurements. Each runs in a fresh process (isolated).
  log('stopping the stacks');
  await cleanup();
  checkInterrupted();
  const quick = opts.quick ? ['--quick'] : [];
  log('redaction throughput and per-event cost');
  process.stdout.write('\n');
  const redaction = await isolated<RedactionBenchResult>('redaction.js', quick);
  log('prompt-injection detection latency');
  process.stdout.write('\n');
  const injection = await isolated<InjectionBenchResult>('injection.js', quick);
  // The guard's per-message work without Envoy, hot and with cold caches, beside its histogram above.
  log('guard in-process, hot and with caches evicted');
  process.stdout.write('\n');
  const inProcess = await isolated<GuardInProcessResult>('guard-inproc.js', quick);
  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify({ ...result, redaction, injection, inProcess }, null, 2)}\n`);
    log(`wrote ${opts.json}`);
  }
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

let exitCode = 0;
try {
  await main();
} catch (err) {
  exitCode = interrupted ? 130 : 1;
  if (!interrupted) process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  await cleanup();
}
process.exit(exitCode);
