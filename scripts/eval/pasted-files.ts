// `npm run eval -- injection --files DIR [--files DIR ...]`: how often ordinary files, pasted whole,
// score as injections. Every text file under each DIR (source code, docs, configs; at most
// MAX_FILES, 200 B to 200 KB each) is scored on its first 20 KB, once as a user message and once as a
// tool result. Not labelled data: a real-text false-positive check for the detector, reproducible on
// any machine with, e.g., `/usr/lib/python3.11` or `node_modules/zod`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { DEFAULT_THRESHOLD, DEFAULT_UNTRUSTED_THRESHOLD, detectInjection } from '../../src/injection/detector.js';

const EXTENSIONS = new Set(['.md', '.js', '.ts', '.py', '.json', '.yaml', '.yml', '.txt', '.sh', '.go', '.c', '.h', '.rst', '.html', '.css', '.toml', '.ini', '.cfg']);
const MAX_FILES = 4000;
const MAX_DEPTH = 6;
const HEAD_CHARS = 20_000;

function collect(dir: string, out: string[], depth = 0): void {
  if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
  let names: string[];
  try { names = readdirSync(dir).sort(); } catch { return; }
  for (const name of names) {
    if (out.length >= MAX_FILES) return;
    const path = join(dir, name);
    let st;
    try { st = statSync(path); } catch { continue; }
    if (st.isDirectory()) { if (!name.startsWith('.')) collect(path, out, depth + 1); }
    else if (EXTENSIONS.has(extname(name)) && st.size > 200 && st.size < 200_000) out.push(path);
  }
}

export function pastedFilesReport(dirs: readonly string[]): string {
  const files: string[] = [];
  for (const dir of dirs) collect(dir, files);
  let user = 0, tool = 0;
  const signals = new Map<string, number>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8').slice(0, HEAD_CHARS);
    const asUser = detectInjection(text, 'user');
    if (asUser.score >= DEFAULT_THRESHOLD) {
      user++;
      for (const s of asUser.signals) signals.set(s, (signals.get(s) ?? 0) + 1);
    }
    if (detectInjection(text, 'untrusted').score >= DEFAULT_UNTRUSTED_THRESHOLD) tool++;
  }
  const pct = (n: number): string => (files.length === 0 ? '-' : `${((100 * n) / files.length).toFixed(1)}%`);
  const top = [...signals].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([s, n]) => `${s} ${n}`).join(', ');
  return [
    `pasted files (first ${HEAD_CHARS / 1000} KB of each) under ${dirs.join(', ')}: ${files.length}`,
    `  flagged as a user message: ${user} (${pct(user)}); as a tool result: ${tool} (${pct(tool)})`,
    `  signals of the files flagged as user messages: ${top || 'none'}`,
  ].join('\n');
}
