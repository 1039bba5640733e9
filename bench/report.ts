// Turns the measured samples into the numbers that matter and a readable table. The question the
// benchmark answers: how much latency does the guard add over Envoy alone, compared with what any
// ext_proc server (the no-op) adds by merely being in the path.
import type { Stats } from './client.js';

export type StackKey = 'A' | 'B' | 'C';
export const STACK_LABELS: Record<StackKey, string> = {
  A: 'A envoy only',
  B: 'B envoy + no-op ext_proc',
  C: 'C envoy + guard',
};

export type Scenario = 'plain' | 'plainUnique' | 'ttfb' | 'streamTotal' | 'ttfbModel';
const SCENARIO_LABELS: Record<Scenario, string> = {
  plain: 'non-streamed latency',
  plainUnique: 'non-streamed, unique',
  ttfb: 'streamed TTFB',
  streamTotal: 'streamed total',
  ttfbModel: 'streamed TTFB, model',
};

/** (C-A)/(B-A) at p50 on the non-streamed request must stay at or under this. */
export const TARGET_RATIO = 1.3;
/** C/A streamed time to first byte, against an upstream that takes MODEL_FIRST_TOKEN_MS to its first token. */
export const TARGET_TTFB_RATIO = 1.1;
/**
 * The "model" scenario's time to first token. Real models take 100 ms to seconds before their first
 * token; 50 ms is a fast local model. The zero-latency scenarios show the absolute cost in ms.
 */
export const MODEL_FIRST_TOKEN_MS = 50;

export interface Machine { cpu: string; cores: number; node: string; envoy: string; os: string }

export interface Params {
  n: number; nStream: number; warmup: number; warmupStream: number; rounds: number; streamWords: number;
  requestBytes: number; plainReplyBytes: number; streamReplyBytes: number; edgeRateLimit: string;
  nModel: number; modelWords: number; nUnique: number;
}

export interface GuardPhase { phase: string; count: number; meanUs: number }

export interface Derived {
  /** Added latency over Envoy alone, ms, per scenario: B-A and C-A at p50 and p99. */
  added: Record<Scenario, { noopP50: number; noopP99: number; guardP50: number; guardP99: number }>;
  /** (C-A)/(B-A) at p50, non-streamed; null when B-A is not positive (no-op cost lost in noise). */
  guardOverNoopP50: number | null;
  guardOverNoopP50Stream: number | null;
  /** The same ratio when every user turn is new (no remembered verdicts apply). Information. */
  guardOverNoopP50Unique: number | null;
  meetsTarget: boolean | null;
  ttfbRatioP50: number;
  ttfbRatioP99: number;
  /** C/A TTFB at p50 with a model-like upstream (first token after MODEL_FIRST_TOKEN_MS). */
  ttfbModelRatioP50: number;
  ttfbModelRatioP99: number;
}

/** CPU time (all threads) of an ext_proc server process per request, in each warm-up turn (µs). */
export interface WarmupCpu { key: StackKey; usPerRequest: number[] }

export interface BenchResult {
  machine: Machine;
  params: Params;
  stats: Record<StackKey, Record<Scenario, Stats>>;
  derived: Derived;
  guardPhases: GuardPhase[];
  /** Empty where /proc is not available. */
  warmupCpu: WarmupCpu[];
  checks: string[];
  elapsedSeconds: number;
}

const SCENARIOS: readonly Scenario[] = ['plain', 'plainUnique', 'ttfb', 'streamTotal', 'ttfbModel'];
const KEYS: readonly StackKey[] = ['A', 'B', 'C'];

function ratio(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

export function derive(s: BenchResult['stats']): Derived {
  const added = {} as Derived['added'];
  for (const sc of SCENARIOS) {
    added[sc] = {
      noopP50: s.B[sc].p50 - s.A[sc].p50,
      noopP99: s.B[sc].p99 - s.A[sc].p99,
      guardP50: s.C[sc].p50 - s.A[sc].p50,
      guardP99: s.C[sc].p99 - s.A[sc].p99,
    };
  }
  const guardOverNoopP50 = ratio(added.plain.guardP50, added.plain.noopP50);
  return {
    added,
    guardOverNoopP50,
    guardOverNoopP50Stream: ratio(added.streamTotal.guardP50, added.streamTotal.noopP50),
    guardOverNoopP50Unique: ratio(added.plainUnique.guardP50, added.plainUnique.noopP50),
    meetsTarget: guardOverNoopP50 === null ? null : guardOverNoopP50 <= TARGET_RATIO,
    ttfbRatioP50: s.C.ttfb.p50 / s.A.ttfb.p50,
    ttfbRatioP99: s.C.ttfb.p99 / s.A.ttfb.p99,
    ttfbModelRatioP50: s.C.ttfbModel.p50 / s.A.ttfbModel.p50,
    ttfbModelRatioP99: s.C.ttfbModel.p99 / s.A.ttfbModel.p99,
  };
}

const f3 = (v: number): string => v.toFixed(3);
const signed = (v: number): string => (v >= 0 ? '+' : '') + v.toFixed(3);
const r2 = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(2));

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ').trimEnd()).join('\n');
}

export function formatReport(r: BenchResult): string {
  const { machine: m, params: p, stats: s, derived: d } = r;
  const out: string[] = [];
  out.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.os}, Node ${m.node}, Envoy ${m.envoy}`);
  out.push(`requests: non-streamed ${p.n} measured (+${p.warmup} warm-up), ~${p.requestBytes} B request, ${p.plainReplyBytes} B reply; `
    + `streamed ${p.nStream} measured (+${p.warmupStream} warm-up), ${p.streamWords} words, ${p.streamReplyBytes} B SSE reply; `
    + `model ${p.nModel} measured, ${p.modelWords} words, first token after ${MODEL_FIRST_TOKEN_MS} ms; `
    + `unique ${p.nUnique} measured (the 1 KB request with a new user turn each time)`);
  out.push(`method: concurrency 1, keep-alive, ${p.rounds} interleaved rounds (A,B,C rotated per round); ${p.edgeRateLimit}`);
  out.push('');
  const rows: string[][] = [['scenario / stack', 'p50 ms', 'p90 ms', 'p99 ms', 'mean ms', 'max ms', 'n']];
  for (const sc of SCENARIOS) {
    for (const k of KEYS) {
      const st = s[k][sc];
      rows.push([`${SCENARIO_LABELS[sc].padEnd(22)} ${STACK_LABELS[k]}`, f3(st.p50), f3(st.p90), f3(st.p99), f3(st.mean), f3(st.max), String(st.count)]);
    }
  }
  out.push(table(rows));
  out.push('');
  out.push('added latency over Envoy alone (ms):');
  const added: string[][] = [['scenario', 'no-op B-A p50', 'B-A p99', 'guard C-A p50', 'C-A p99']];
  for (const sc of SCENARIOS) {
    const a = d.added[sc];
    added.push([`  ${SCENARIO_LABELS[sc]}`, signed(a.noopP50), signed(a.noopP99), signed(a.guardP50), signed(a.guardP99)]);
  }
  out.push(table(added));
  out.push('');
  const verdict = d.meetsTarget === null ? 'n/a (B-A <= 0)' : d.meetsTarget ? 'PASS' : 'FAIL';
  out.push(`(C-A)/(B-A) at p50, non-streamed: ${r2(d.guardOverNoopP50)}   target <= ${TARGET_RATIO}: ${verdict}`);
  out.push(`(C-A)/(B-A) at p50, non-streamed, every user turn new: ${r2(d.guardOverNoopP50Unique)}   (information: nothing remembered applies)`);
  out.push(`(C-A)/(B-A) at p50, streamed total: ${r2(d.guardOverNoopP50Stream)}   (information)`);
  out.push(`C/A streamed TTFB, zero-latency upstream: p50 ${r2(d.ttfbRatioP50)}x, p99 ${r2(d.ttfbRatioP99)}x   `
    + `(adds ${f3(d.added.ttfb.guardP50)} ms at p50; information)`);
  const ttfbVerdict = d.ttfbModelRatioP50 <= TARGET_TTFB_RATIO ? 'PASS' : 'FAIL';
  out.push(`C/A streamed TTFB, first token after ${MODEL_FIRST_TOKEN_MS} ms: p50 ${r2(d.ttfbModelRatioP50)}x, p99 ${r2(d.ttfbModelRatioP99)}x   `
    + `target <= ${TARGET_TTFB_RATIO}: ${ttfbVerdict}`);
  if (r.guardPhases.length > 0) {
    out.push('');
    out.push('guard time per ext_proc message, from its own histogram (all requests, warm-up included):');
    out.push(table([['  phase', 'messages', 'mean us'], ...r.guardPhases.map((g) => [`  ${g.phase}`, String(g.count), g.meanUs.toFixed(1)])]));
  }
  if (r.warmupCpu.length > 0) {
    out.push('');
    out.push('ext_proc process CPU per request (all threads, µs) in each warm-up turn: V8 compiles per-request code over thousands of requests');
    for (const w of r.warmupCpu) out.push(`  ${STACK_LABELS[w.key].padEnd(26)} ${w.usPerRequest.map((x) => x.toFixed(0)).join(' ')}`);
  }
  out.push('');
  out.push(`checks: ${r.checks.join('; ')}`);
  out.push(`elapsed: ${r.elapsedSeconds.toFixed(1)} s`);
  return out.join('\n');
}
