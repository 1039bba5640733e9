// `npm run eval -- injection [--json FILE] [--errors N] [--seed S]`: detection quality of the injection
// detector on ../shared/eval/injection_dev.jsonl, next to two JavaScript libraries (@andersmyrmel/vard,
// llm-guard) run locally on the same rows. Prints detection rate per source and category, false-positive
// rate overall and per source, the operating point, a threshold sweep and per-prompt latency.
//
// The rows are split in two halves by a seeded hash of their id: weights were tuned looking at the
// "tune" half; the "check" half is reported separately as a guard against overfitting (the real test is a
// held-out set with other sources, languages and styles).
//
// Two trust modes: "user" scores every row as a user message; "ctx" scores rows whose source is injected
// context (BIPIA, both clean and injected) as untrusted tool/document text, everything else as user.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { evalFile } from '../eval.js';
import { pastedFilesReport } from './pasted-files.js';
import { DEFAULT_THRESHOLD, DEFAULT_UNTRUSTED_THRESHOLD, detectInjection, type Trust } from '../../src/injection/detector.js';

interface Row { id: string; text: string; label: 'attack' | 'benign'; source: string; category: string; lang: string }
interface Scored { row: Row; half: 'tune' | 'check'; flagged: boolean; score: number; ms: number; signals?: readonly string[] }
interface Rates { attacks: number; detected: number; benign: number; flagged: number; tpr: number; fpr: number }
interface SystemResult { name: string; rows: Scored[]; latency: { mean: number; p50: number; p99: number } }

const USAGE = 'usage: eval injection [--json FILE] [--errors N] [--seed S] | eval injection --files DIR [--files DIR ...]';

function parseArgs(args: readonly string[]): { json?: string; errors: number; seed: string; files: string[] } {
  const out: { json?: string; errors: number; seed: string; files: string[] } = { errors: 0, seed: 'injection-v1', files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') out.json = args[++i];
    else if (a === '--files') {
      const dir = args[++i];
      if (!dir) throw new Error(`--files needs a directory\n${USAGE}`);
      out.files.push(dir);
    }
    else if (a === '--errors') out.errors = Number(args[++i] ?? 0);
    else if (a === '--seed') out.seed = args[++i] ?? out.seed;
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (out.json === '') throw new Error(`--json needs a file name\n${USAGE}`);
  return out;
}

function halfOf(id: string, seed: string): 'tune' | 'check' {
  return (createHash('sha256').update(`${seed}:${id}`).digest()[0] as number) % 2 === 0 ? 'tune' : 'check';
}

const isContextRow = (r: Row): boolean => r.source.startsWith('BIPIA');

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function latency(rows: readonly Scored[]): SystemResult['latency'] {
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  return { mean: ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length), p50: percentile(ms, 0.5), p99: percentile(ms, 0.99) };
}

function rates(rows: readonly Scored[], flagged: (s: Scored) => boolean = (s) => s.flagged): Rates {
  let attacks = 0, detected = 0, benign = 0, fp = 0;
  for (const s of rows) {
    if (s.row.label === 'attack') { attacks++; if (flagged(s)) detected++; } else { benign++; if (flagged(s)) fp++; }
  }
  return { attacks, detected, benign, flagged: fp, tpr: attacks ? detected / attacks : NaN, fpr: benign ? fp / benign : NaN };
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const v = fn();
  return [v, Number(process.hrtime.bigint() - t0) / 1e6];
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const v = await fn();
  return [v, Number(process.hrtime.bigint() - t0) / 1e6];
}

function runOurs(rows: readonly Row[], seed: string, trustOf: (r: Row) => Trust, name: string): SystemResult {
  for (const r of rows.slice(0, 200)) detectInjection(r.text, trustOf(r)); // warm-up (JIT, RE2 caches)
  const out: Scored[] = rows.map((row) => {
    const trust = trustOf(row);
    const [res, ms] = timed(() => detectInjection(row.text, trust));
    const threshold = trust === 'user' ? DEFAULT_THRESHOLD : DEFAULT_UNTRUSTED_THRESHOLD;
    return { row, half: halfOf(row.id, seed), flagged: res.score >= threshold, score: res.score, ms, signals: res.signals };
  });
  return { name, rows: out, latency: latency(out) };
}

async function runVard(rows: readonly Row[], seed: string): Promise<SystemResult> {
  const { default: vard } = await import('@andersmyrmel/vard');
  // README defaults (moderate preset); maxLength raised so long jailbreaks are judged, not rejected for size.
  const v = vard.moderate().maxLength(1_000_000);
  const judge = (text: string): boolean => { try { return !v.safeParse(text).safe; } catch { return true; } };
  for (const r of rows.slice(0, 200)) judge(r.text);
  const out: Scored[] = rows.map((row) => {
    const [flagged, ms] = timed(() => judge(row.text));
    return { row, half: halfOf(row.id, seed), flagged, score: flagged ? 1 : 0, ms };
  });
  return { name: 'vard (moderate)', rows: out, latency: latency(out) };
}

async function runLlmGuard(rows: readonly Row[], seed: string): Promise<SystemResult> {
  const { LLMGuard } = await import('llm-guard');
  // Only its injection-related guards: PII, profanity, toxicity and relevance are other questions.
  const guard = new LLMGuard({ pii: false, profanity: false, toxicity: false, relevance: false, jailbreak: true, promptInjection: true });
  for (const r of rows.slice(0, 200)) await guard.validate(r.text);
  const out: Scored[] = [];
  for (const row of rows) {
    const [res, ms] = await timedAsync(() => guard.validate(row.text));
    out.push({ row, half: halfOf(row.id, seed), flagged: !res.isValid, score: res.isValid ? 0 : 1, ms });
  }
  return { name: 'llm-guard (jailbreak+injection)', rows: out, latency: latency(out) };
}

const pct = (x: number): string => (Number.isNaN(x) ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const pad = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));

function groupBy(rows: readonly Scored[], key: (s: Scored) => string): Map<string, Scored[]> {
  const m = new Map<string, Scored[]>();
  for (const s of rows) { const k = key(s); const a = m.get(k); if (a) a.push(s); else m.set(k, [s]); }
  return new Map([...m.entries()].sort((a, b) => b[1].length - a[1].length));
}

/** BIPIA has ~90 fine-grained categories; the first two path segments keep the table readable. */
const categoryKey = (s: Scored): string => s.row.category.split('/').slice(0, 2).join('/');

function table(title: string, systems: readonly SystemResult[], groups: (rows: Scored[]) => Map<string, Scored[]>, metric: 'tpr' | 'fpr'): string {
  const base = systems[0] as SystemResult;
  const keys = [...groups(base.rows).keys()];
  const lines = [`\n${title}`, `${pad('', 58)}${'n'.padStart(6)}  ${systems.map((s) => pad(s.name, 16)).join(' ')}`];
  for (const k of keys) {
    const cells = systems.map((s) => pad(pct(rates(groups(s.rows).get(k) ?? [])[metric]), 16));
    lines.push(`${pad(k, 58)}${String(groups(base.rows).get(k)?.length ?? 0).padStart(6)}  ${cells.join(' ')}`);
  }
  return lines.join('\n');
}

function summary(systems: readonly SystemResult[]): string {
  const lines = ['\nOverall (attack detection rate / benign false-positive rate)',
    `${pad('system', 34)}${pad('all: TPR', 10)}${pad('FPR', 9)}${pad('tune: TPR', 11)}${pad('FPR', 9)}${pad('check: TPR', 12)}${pad('FPR', 9)}${pad('ms mean', 9)}${pad('p50', 8)}p99`];
  for (const s of systems) {
    const a = rates(s.rows), t = rates(s.rows.filter((r) => r.half === 'tune')), c = rates(s.rows.filter((r) => r.half === 'check'));
    lines.push(`${pad(s.name, 34)}${pad(pct(a.tpr), 10)}${pad(pct(a.fpr), 9)}${pad(pct(t.tpr), 11)}${pad(pct(t.fpr), 9)}${pad(pct(c.tpr), 12)}${pad(pct(c.fpr), 9)}` +
      `${pad(s.latency.mean.toFixed(3), 9)}${pad(s.latency.p50.toFixed(3), 8)}${s.latency.p99.toFixed(3)}`);
  }
  return lines.join('\n');
}

const SWEEP = [0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

function sweep(sys: SystemResult): { threshold: number; tpr: number; fpr: number; tuneTpr: number; tuneFpr: number; checkTpr: number; checkFpr: number }[] {
  return SWEEP.map((t) => {
    const f = (s: Scored): boolean => s.score >= t;
    const a = rates(sys.rows, f), tu = rates(sys.rows.filter((r) => r.half === 'tune'), f), ch = rates(sys.rows.filter((r) => r.half === 'check'), f);
    return { threshold: t, tpr: a.tpr, fpr: a.fpr, tuneTpr: tu.tpr, tuneFpr: tu.fpr, checkTpr: ch.tpr, checkFpr: ch.fpr };
  });
}

function sweepTable(sys: SystemResult): string {
  const lines = [`\nThreshold sweep, ${sys.name} (one threshold for every row)`, `${pad('threshold', 11)}${pad('TPR', 9)}${pad('FPR', 9)}${pad('tune TPR', 10)}${pad('FPR', 9)}${pad('check TPR', 11)}FPR`];
  for (const r of sweep(sys)) {
    lines.push(`${pad(r.threshold.toFixed(2), 11)}${pad(pct(r.tpr), 9)}${pad(pct(r.fpr), 9)}${pad(pct(r.tuneTpr), 10)}${pad(pct(r.tuneFpr), 9)}${pad(pct(r.checkTpr), 11)}${pct(r.checkFpr)}`);
  }
  return lines.join('\n');
}

function errors(sys: SystemResult, n: number): string {
  const misses = sys.rows.filter((s) => s.row.label === 'attack' && !s.flagged && s.half === 'tune');
  const fps = sys.rows.filter((s) => s.row.label === 'benign' && s.flagged && s.half === 'tune').sort((a, b) => b.score - a.score);
  const show = (s: Scored): string => `  ${s.score.toFixed(2)} ${pad(s.row.id, 34)} [${(s.signals ?? []).join(',')}] ${JSON.stringify(s.row.text.slice(0, 220))}`;
  const shuffled = misses.sort((a, b) => (halfOf(a.row.id, 'shuffle') === halfOf(b.row.id, 'shuffle') ? a.row.id.localeCompare(b.row.id) : halfOf(a.row.id, 'shuffle') === 'tune' ? -1 : 1));
  return [`\nMissed attacks (tune half, ${misses.length}):`, ...shuffled.slice(0, n).map(show), `\nFalse positives (tune half, ${fps.length}):`, ...fps.slice(0, n).map(show)].join('\n');
}

export async function run(args: string[]): Promise<void> {
  const opts = parseArgs(args);
  if (opts.files.length > 0) {
    process.stdout.write(`${pastedFilesReport(opts.files)}\n`);
    return;
  }
  const rows = readFileSync(evalFile('injection_dev.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
  const userOnly = runOurs(rows, opts.seed, () => 'user', 'ours (all as user)');
  const ctx = runOurs(rows, opts.seed, (r) => (isContextRow(r) ? 'untrusted' : 'user'), 'ours (BIPIA untrusted)');
  const vard = await runVard(rows, opts.seed);
  const llmGuard = await runLlmGuard(rows, opts.seed);
  const systems = [userOnly, ctx, vard, llmGuard];
  const out: string[] = [];
  out.push(`injection eval: ${rows.length} rows (${rows.filter((r) => r.label === 'attack').length} attacks, ${rows.filter((r) => r.label === 'benign').length} benign); ` +
    `halves by sha256(seed:id), seed ${opts.seed}`);
  out.push(`operating point: user threshold ${DEFAULT_THRESHOLD}, untrusted threshold ${DEFAULT_UNTRUSTED_THRESHOLD}; target TPR >= 90% at FPR <= 2%`);
  out.push(summary(systems));
  out.push(table('Attack detection rate per source', systems, (r) => groupBy(r.filter((s) => s.row.label === 'attack'), (s) => s.row.source), 'tpr'));
  out.push(table('False-positive rate per source (benign rows)', systems, (r) => groupBy(r.filter((s) => s.row.label === 'benign'), (s) => s.row.source), 'fpr'));
  out.push(table('Attack detection rate per category', systems, (r) => groupBy(r.filter((s) => s.row.label === 'attack'), categoryKey), 'tpr'));
  out.push(table('Attack detection rate per language', systems, (r) => groupBy(r.filter((s) => s.row.label === 'attack'), (s) => s.row.lang), 'tpr'));
  out.push(table('False-positive rate per language', systems, (r) => groupBy(r.filter((s) => s.row.label === 'benign'), (s) => s.row.lang), 'fpr'));
  out.push(sweepTable(userOnly));
  if (opts.errors > 0) out.push(errors(ctx, opts.errors));
  process.stdout.write(`${out.join('\n')}\n`);
  if (opts.json) {
    const perSource = (s: SystemResult): Record<string, Rates> => Object.fromEntries([...groupBy(s.rows, (r) => `${r.row.label}:${r.row.source}`)].map(([k, v]) => [k, rates(v)]));
    const perCategory = (s: SystemResult): Record<string, Rates> => Object.fromEntries([...groupBy(s.rows.filter((r) => r.row.label === 'attack'), categoryKey)].map(([k, v]) => [k, rates(v)]));
    const json = {
      rows: rows.length, seed: opts.seed, thresholds: { user: DEFAULT_THRESHOLD, untrusted: DEFAULT_UNTRUSTED_THRESHOLD },
      systems: systems.map((s) => ({
        name: s.name, all: rates(s.rows), tune: rates(s.rows.filter((r) => r.half === 'tune')), check: rates(s.rows.filter((r) => r.half === 'check')),
        latencyMs: s.latency, perSource: perSource(s), perCategory: perCategory(s),
      })),
      sweep: sweep(userOnly),
    };
    writeFileSync(opts.json, `${JSON.stringify(json, null, 2)}\n`);
    process.stdout.write(`wrote ${opts.json}\n`);
  }
}
