// `npm run eval -- redaction`: recall and precision of the default recognizers on the public dev sets
// ../shared/eval/pii_dev.jsonl and secrets_dev.jsonl. Entity types the data labels but we do not detect
// (PERSON, ADDRESS, ...) are listed as not supported, not hidden.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DEFAULT_RECOGNIZERS } from '../../src/redact/recognizers/index.js';
import { createScanner } from '../../src/redact/scanner.js';
import type { Finding } from '../../src/redact/types.js';
import { evalFile } from '../eval.js';

interface Span { type: string; start: number; end: number }
interface Row { id: string; text: string; label: string; source: string; category?: string; spans?: Span[] }

/** Data set type -> our entity type, for the types we claim. */
export const PII_TYPE_MAP: Readonly<Record<string, string>> = {
  EMAIL_ADDRESS: 'EMAIL_ADDRESS',
  PHONE_NUMBER: 'PHONE_NUMBER',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN_CODE: 'IBAN_CODE',
  US_SSN: 'US_SSN',
  IP_ADDRESS: 'IP_ADDRESS',
};

function readRows(name: string): Row[] {
  return readFileSync(evalFile(name), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const pct = (n: number, d: number) => (d === 0 ? '   -  ' : (n / d).toFixed(3).padStart(6));

export interface RedactionEval {
  pii: Record<string, { gold: number; found: number; recall: number; tp: number; predicted: number; precision: number }>;
  piiUnsupported: Record<string, number>;
  secrets: { secretRows: number; detectedRows: number; recall: number; cleanRows: number; flaggedClean: number; fpRate: number; byType: Record<string, { rows: number; detected: number }> };
  mbPerSecond: number;
}

export function evaluate(): RedactionEval {
  const scanner = createScanner(DEFAULT_RECOGNIZERS);
  const piiRows = readRows('pii_dev.jsonl');
  const secretRows = readRows('secrets_dev.jsonl');
  let bytes = 0;
  const t0 = performance.now();
  const scanned = new Map<Row, Finding[]>();
  for (const row of [...piiRows, ...secretRows]) {
    bytes += Buffer.byteLength(row.text);
    scanned.set(row, scanner.scan(row.text));
  }
  const seconds = (performance.now() - t0) / 1000;

  const pii: RedactionEval['pii'] = {};
  const unsupported: Record<string, number> = {};
  const ours = new Set(Object.values(PII_TYPE_MAP));
  for (const entity of ours) pii[entity] = { gold: 0, found: 0, recall: 0, tp: 0, predicted: 0, precision: 0 };
  for (const row of piiRows) {
    const findings = (scanned.get(row) ?? []).filter((f) => f.kind === 'pii');
    for (const span of row.spans ?? []) {
      const entity = PII_TYPE_MAP[span.type];
      if (!entity) { unsupported[span.type] = (unsupported[span.type] ?? 0) + 1; continue; }
      const s = pii[entity] as RedactionEval['pii'][string];
      s.gold += 1;
      if (findings.some((f) => f.entity === entity && overlaps(f, span))) s.found += 1;
    }
    for (const f of findings) {
      const s = pii[f.entity];
      if (!s) continue; // types the data set does not label (MAC, CRYPTO, national IDs): not scored here
      s.predicted += 1;
      if ((row.spans ?? []).some((span) => PII_TYPE_MAP[span.type] === f.entity && overlaps(f, span))) s.tp += 1;
    }
  }
  for (const s of Object.values(pii)) { s.recall = s.gold ? s.found / s.gold : 0; s.precision = s.predicted ? s.tp / s.predicted : 0; }

  const secrets: RedactionEval['secrets'] = { secretRows: 0, detectedRows: 0, recall: 0, cleanRows: 0, flaggedClean: 0, fpRate: 0, byType: {} };
  for (const row of secretRows) {
    const findings = (scanned.get(row) ?? []).filter((f) => f.kind === 'secret');
    if (row.label === 'secret') {
      // Rows with spans count as detected when a finding overlaps a labelled span; others when any secret is found.
      const spans = row.spans ?? [];
      const detected = spans.length > 0 ? spans.some((s) => findings.some((f) => overlaps(f, s))) : findings.length > 0;
      const type = spans[0]?.type ?? row.category ?? 'unknown';
      const t = (secrets.byType[type] ??= { rows: 0, detected: 0 });
      t.rows += 1;
      secrets.secretRows += 1;
      if (detected) { t.detected += 1; secrets.detectedRows += 1; }
    } else {
      secrets.cleanRows += 1;
      if (findings.length > 0) secrets.flaggedClean += 1;
    }
  }
  secrets.recall = secrets.detectedRows / Math.max(1, secrets.secretRows);
  secrets.fpRate = secrets.flaggedClean / Math.max(1, secrets.cleanRows);
  return { pii, piiUnsupported: unsupported, secrets, mbPerSecond: bytes / 1e6 / seconds };
}

export async function run(args: string[]): Promise<void> {
  const result = evaluate();
  const out: string[] = [];
  out.push('PII (pii_dev.jsonl): span overlap, per entity type we claim');
  out.push('  entity            gold  recall  predicted  precision');
  for (const [entity, s] of Object.entries(result.pii)) {
    out.push(`  ${entity.padEnd(16)} ${String(s.gold).padStart(5)}  ${pct(s.found, s.gold)}  ${String(s.predicted).padStart(9)}  ${pct(s.tp, s.predicted)}`);
  }
  out.push(`  not supported (labelled in the data, not detected by design): ${Object.entries(result.piiUnsupported).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} (${n})`).join(', ')}`);
  const s = result.secrets;
  out.push('');
  out.push('Secrets (secrets_dev.jsonl)');
  out.push(`  recall on labelled secrets: ${s.detectedRows}/${s.secretRows} = ${pct(s.detectedRows, s.secretRows).trim()}`);
  out.push(`  no-secret rows flagged:     ${s.flaggedClean}/${s.cleanRows} = ${pct(s.flaggedClean, s.cleanRows).trim()}`);
  const verbose = args.includes('--verbose');
  const missed = Object.entries(s.byType).filter(([, t]) => t.detected < t.rows).sort((a, b) => (b[1].rows - b[1].detected) - (a[1].rows - a[1].detected));
  out.push(`  types with misses: ${missed.slice(0, verbose ? 200 : 15).map(([t, v]) => `${t} ${v.detected}/${v.rows}`).join('; ')}`);
  out.push('');
  out.push(`Scan throughput over both sets: ${result.mbPerSecond.toFixed(1)} MB/s (single pass, includes warm-up)`);
  process.stdout.write(`${out.join('\n')}\n`);
  const jsonAt = args.indexOf('--json');
  if (jsonAt !== -1 && args[jsonAt + 1]) writeFileSync(args[jsonAt + 1] as string, JSON.stringify(result, null, 2));
}
