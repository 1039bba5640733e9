// Redaction micro-benchmark, in one process, side by side:
//  1. throughput (MB/s, one core) of whole-text redaction over a mixed corpus (prose, code, JSON, logs,
//     a few planted values) for the full default recognizer set, and for the bundled sample set (~140
//     recognizers shaped like the real ones: the engine's own cost, apart from any one pattern's);
//  2. the streaming redactor's cost per SSE event (median and p99, µs) on realistic token deltas
//     (an OpenAI chat stream, 1-6 characters per delta), next to the same stream with no filter;
//  3. the same corpus through well-known JavaScript redaction libraries (@redactpii/node, openredaction),
//     with the ratio. They detect fewer types; the ratio is throughput, not quality.
// Times are wall clock, best of several rounds after warm-up. Never a CI gate.
//
// Usage: node dist/bench/redaction.js [--quick] [--profile] [--json FILE]; the bench runner starts it so.
// --profile adds the default set's ten costliest recognizers (TOP=n in the environment for n of them:
// where their authors can win most) and the Set pass that decides where they run.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Redactor } from '@redactpii/node';
import RE2 from 're2';
import { OpenRedaction } from 'openredaction';
import { SseRewriter } from '../src/pipeline/response.js';
import { redactionGuardConfigSchema } from '../src/guards/redaction.js';
import { deriveTenantKeys } from '../src/redact/actions.js';
import { redactionFilter } from '../src/redact/filter.js';
import { compileRedactionPolicy } from '../src/redact/policy.js';
import { DEFAULT_RECOGNIZERS } from '../src/redact/recognizers/index.js';
import { redactText } from '../src/redact/redact-text.js';
import { mixedCorpus, prng } from '../src/redact/testing/corpus.js';
import { SAMPLE_RECOGNIZERS } from '../src/redact/testing/sample-recognizers.js';
import { streamEvents } from '../src/redact/testing/streams.js';
import type { Recognizer } from '../src/redact/types.js';

export interface ThroughputRow {
  readonly name: string;
  readonly recognizers: number | null;
  /** MB per second of CPU time (one core). */
  readonly mbPerSec: number;
  /** MB per second of wall time (lower when the machine is busy). */
  readonly mbPerSecWall: number;
  /** Our throughput divided by this row's (only on library rows). */
  readonly ratio?: number;
}

export interface PerEventRow {
  readonly name: string;
  readonly recognizers: number;
  readonly events: number;
  readonly medianUs: number;
  readonly p99Us: number;
}

export interface RedactionBenchResult {
  readonly corpusBytes: number;
  readonly throughput: readonly ThroughputRow[];
  /** Streaming cost per SSE event; the first row is the stream with no filter at all. */
  readonly perEvent: readonly PerEventRow[];
  /** Compile time of the default policy (config load, not per request; cached across tenants). */
  readonly compileMs: number;
  /**
   * One RE2 DFA pass over the corpus with nothing to find (a one-literal RE2.Set: no literal skip-ahead,
   * one step per byte): the floor of every pass the engine makes (its Set pass, each recognizer's).
   */
  readonly re2PassMbPerSec: number;
  /** With --profile: the default set's costliest recognizers and the Set pass, ms per MB of corpus. */
  readonly costliest?: readonly { readonly id: string; readonly msPerMb: number }[];
}

const MB = 1e6;
const SHIPPED_SCAN_BUDGET_MS = redactionGuardConfigSchema.parse({}).scanBudgetMs;

/**
 * Best-of-rounds seconds for `fn` after one warm-up call (RE2 builds its DFAs lazily on first use):
 * CPU time of this process (what one core spends, least disturbed by other load on the machine) and
 * wall time.
 */
async function best(rounds: number, fn: () => unknown): Promise<{ cpu: number; wall: number }> {
  await fn();
  let cpu = Infinity;
  let wall = Infinity;
  for (let i = 0; i < rounds; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall = Math.min(wall, (performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1e6);
  }
  return { cpu, wall };
}

async function ours(name: string, recognizers: readonly Recognizer[], corpus: string, rounds: number): Promise<ThroughputRow> {
  const policy = compileRedactionPolicy({}, recognizers);
  const ctx = { keys: deriveTenantKeys('bench', 'tenant') };
  const t = await best(rounds, () => redactText(corpus, policy, ctx));
  const mb = Buffer.byteLength(corpus) / MB;
  return { name, recognizers: recognizers.length, mbPerSec: mb / t.cpu, mbPerSecWall: mb / t.wall };
}

/** The default set over random base64, a new text each round (what a DFA learnt on one does not help the next). */
async function worstCase(bytes: number, rounds: number): Promise<ThroughputRow> {
  const policy = compileRedactionPolicy({}, DEFAULT_RECOGNIZERS);
  const ctx = { keys: deriveTenantKeys('bench', 'tenant') };
  let cpu = Infinity;
  let wall = Infinity;
  let mb = 0;
  for (let round = 0; round < rounds; round++) {
    const text = randomBase64(bytes, 17 + round);
    mb = Buffer.byteLength(text) / MB;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    redactText(text, policy, ctx);
    wall = Math.min(wall, (performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1e6);
  }
  return { name: 'default recognizers, random base64 (worst)', recognizers: DEFAULT_RECOGNIZERS.length, mbPerSec: mb / cpu, mbPerSecWall: mb / wall };
}

/** Random base64 in 76-character lines, like an encoded file or a block of keys. */
function randomBase64(bytes: number, seed: number): string {
  const rand = prng(seed);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out: string[] = [];
  for (let i = 0; i < bytes; i++) {
    out.push(alphabet[Math.floor(rand() * alphabet.length)]!);
    if (i % 76 === 75) out.push('\n');
  }
  return out.join('');
}

/** Token-sized pieces (1-6 characters), as chat completions stream them. */
function tokenPieces(text: string, seed: number): string[] {
  const rand = prng(seed);
  const cps = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < cps.length;) {
    const n = 1 + Math.floor(rand() * 6);
    out.push(cps.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Pushes each event separately (the way Envoy delivers a streamed reply) and times each push. */
function perEventCosts(recognizers: readonly Recognizer[], text: string, withFilter: boolean): number[] {
  const policy = compileRedactionPolicy({}, recognizers);
  // With the shipped scan budget, as the guard runs it (the budget never runs out here; its clock reads count).
  const filters = withFilter ? [redactionFilter(policy, { keys: deriveTenantKeys('bench', 'tenant') }, {}, SHIPPED_SCAN_BUDGET_MS)] : [];
  const events = streamEvents('openai-chat', { pieces: tokenPieces(text, 7) }).map((e) => Buffer.from(e));
  const costs: number[] = [];
  for (let round = 0; round < 2; round++) { // the first round warms the JIT
    const rw = new SseRewriter('openai-chat', filters, 1 << 20, {});
    costs.length = 0;
    events.forEach((e, i) => {
      const t0 = performance.now();
      rw.push(e, i === events.length - 1);
      costs.push((performance.now() - t0) * 1000);
    });
  }
  return costs.sort((a, b) => a - b);
}

/**
 * Time spent per recognizer (for the people writing them), by wrapping the engine's matchAll, and in
 * the Set pass that decides where recognizers run (Engine.locate), listed as `(Set pass)`.
 */
async function profileRecognizers(corpus: string): Promise<{ id: string; msPerMb: number }[]> {
  const { Engine } = await import('../src/redact/scan-engine.js');
  const proto = Engine.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const spent = new Map<string, number>();
  const timed = (method: string, idOf: (args: unknown[]) => string): (() => void) => {
    const original = proto[method]!;
    proto[method] = function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      const out = original.apply(this, args);
      const id = idOf(args);
      spent.set(id, (spent.get(id) ?? 0) + performance.now() - t0);
      return out;
    };
    return () => { proto[method] = original; };
  };
  const restore = [timed('matchAll', (args) => (args[0] as { r: Recognizer }).r.id), timed('locate', () => '(Set pass)')];
  const policy = compileRedactionPolicy({}, DEFAULT_RECOGNIZERS);
  const ctx = { keys: deriveTenantKeys('bench', 'tenant') };
  try {
    redactText(corpus, policy, ctx); // warm-up: DFAs are built on first use
    spent.clear();
    redactText(corpus, policy, ctx);
  } finally {
    for (const undo of restore) undo();
  }
  const mb = Buffer.byteLength(corpus) / MB;
  return [...spent].map(([id, ms]) => ({ id, msPerMb: ms / mb })).sort((a, b) => b.msPerMb - a.msPerMb).slice(0, Number(process.env.TOP ?? 11));
}

export async function runRedactionBench(opts: { quick?: boolean; profile?: boolean } = {}): Promise<RedactionBenchResult> {
  const quick = opts.quick === true;
  const corpus = mixedCorpus(quick ? 1 << 20 : 8 << 20);
  const rounds = quick ? 3 : 7;
  const t0 = performance.now();
  compileRedactionPolicy({}, DEFAULT_RECOGNIZERS);
  const compileMs = performance.now() - t0;

  const rows: ThroughputRow[] = [
    await ours('envoy-llm-guard, default recognizers', DEFAULT_RECOGNIZERS, corpus, rounds),
    await ours('envoy-llm-guard, bundled sample set', SAMPLE_RECOGNIZERS, corpus, rounds),
  ];
  const reference = rows[0]!.mbPerSec;
  // The worst text we know for a set of RE2 patterns: random base64 (keys, blobs), where a combined
  // Set's DFA meets new states at nearly every byte (see SetGroup). Fresh text each round.
  rows.push(await worstCase(quick ? 256 << 10 : 1 << 20, quick ? 2 : 3));
  const bytes = Buffer.from(corpus);
  const nothing = new RE2.Set(['\\x{10FFFF}\\x{10FFFF}'], 'u');
  const pass = await best(rounds, () => nothing.match(bytes));
  const re2PassMbPerSec = bytes.length / MB / pass.cpu;

  const redactpii = new Redactor();
  const rp = await best(rounds, () => redactpii.redact(corpus));
  const mb = Buffer.byteLength(corpus) / MB;
  rows.push({ name: '@redactpii/node Redactor.redact', recognizers: null, mbPerSec: mb / rp.cpu, mbPerSecWall: mb / rp.wall });
  // openredaction is much slower per byte: a slice of the same corpus keeps the run short.
  const orText = corpus.slice(0, quick ? 64 << 10 : 256 << 10);
  const openredaction = new OpenRedaction({ redactionMode: 'placeholder' } as ConstructorParameters<typeof OpenRedaction>[0]);
  const or = await best(quick ? 1 : 3, () => openredaction.detect(orText));
  const orMb = Buffer.byteLength(orText) / MB;
  rows.push({ name: 'openredaction detect (placeholder)', recognizers: null, mbPerSec: orMb / or.cpu, mbPerSecWall: orMb / or.wall });
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.recognizers === null) rows[i] = { ...r, ratio: reference / r.mbPerSec };
  }

  const streamText = corpus.slice(0, quick ? 32 << 10 : 128 << 10);
  const perEvent: PerEventRow[] = [];
  for (const [name, recognizers, filtered] of [['no filter', SAMPLE_RECOGNIZERS, false], ['default recognizers', DEFAULT_RECOGNIZERS, true], ['bundled sample set', SAMPLE_RECOGNIZERS, true]] as const) {
    const costs = perEventCosts(recognizers, streamText, filtered);
    perEvent.push({ name, recognizers: filtered ? recognizers.length : 0, events: costs.length, medianUs: percentile(costs, 0.5), p99Us: percentile(costs, 0.99) });
  }
  const result: RedactionBenchResult = {
    corpusBytes: Buffer.byteLength(corpus), throughput: rows, perEvent, compileMs, re2PassMbPerSec,
    ...(opts.profile ? { costliest: await profileRecognizers(corpus.slice(0, 2 << 20)) } : {}),
  };
  process.stdout.write(formatRedactionBench(result));
  return result;
}

/** Two significant digits at least: a slow library must not print as 0.0 MB/s. */
function mbps(x: number): string {
  return x >= 10 ? x.toFixed(1) : x.toPrecision(2);
}

export function formatRedactionBench(r: RedactionBenchResult): string {
  const lines = [`Redaction (corpus ${(r.corpusBytes / MB).toFixed(1)} MB mixed text; default policy compiles in ${r.compileMs.toFixed(0)} ms)`];
  lines.push(`  ${'engine'.padEnd(42)} ${'recognizers'.padStart(11)} ${'MB/s cpu'.padStart(9)} ${'MB/s wall'.padStart(10)} ${'default / it'.padStart(13)}`);
  for (const row of r.throughput) {
    const ratio = row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}x`;
    lines.push(`  ${row.name.padEnd(42)} ${String(row.recognizers ?? '-').padStart(11)} ${mbps(row.mbPerSec).padStart(9)} ${mbps(row.mbPerSecWall).padStart(10)} ${ratio.padStart(13)}`);
  }
  // (The engine makes at least two such passes over most text: its Set pass and the busiest recognizer's.)
  lines.push(`  ${'floor: one RE2 pass, nothing to find'.padEnd(42)} ${'-'.padStart(11)} ${mbps(r.re2PassMbPerSec).padStart(9)}`);
  lines.push('  streaming, per SSE event (OpenAI chat, 1-6 characters per delta):');
  for (const e of r.perEvent) {
    lines.push(`    ${e.name.padEnd(22)} ${String(e.recognizers).padStart(4)} recognizers  ${e.events} events  median ${e.medianUs.toFixed(1)} µs  p99 ${e.p99Us.toFixed(1)} µs`);
  }
  if (r.costliest) {
    lines.push('  costliest default recognizers and the Set pass (ms per MB of corpus):');
    for (const c of r.costliest) lines.push(`    ${c.id.padEnd(40)} ${c.msPerMb.toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const json = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const result = await runRedactionBench({ quick: args.includes('--quick'), profile: args.includes('--profile') });
  if (json) writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
}
