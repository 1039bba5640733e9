// `npm run eval -- <suite>`: detection quality on the public dev sets, read at run time from
// ../shared/eval (never copied into the repo). Suites: injection, redaction.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './lib/paths.js';

export function evalDir(): string {
  const dir = process.env.EVAL_DIR ?? resolve(repoRoot(), '..', 'shared', 'eval');
  if (!existsSync(dir)) throw new Error(`eval data not found at ${dir} (set EVAL_DIR)`);
  return dir;
}

export function evalFile(name: string): string {
  const path = join(evalDir(), name);
  if (!existsSync(path)) throw new Error(`eval data set missing: ${path}`);
  return path;
}

const SUITES = ['injection', 'redaction'] as const;

async function load(suite: string): Promise<{ run(args: string[]): Promise<void> }> {
  return (await import(`./eval/${suite}.js`)) as { run(args: string[]): Promise<void> };
}

async function main(): Promise<void> {
  const [suite, ...args] = process.argv.slice(2);
  if (!suite || !(SUITES as readonly string[]).includes(suite)) {
    process.stderr.write(`usage: npm run eval -- <${SUITES.join('|')}> [options]\n`);
    process.exit(2);
  }
  await (await load(suite)).run(args);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((err: unknown) => {
    process.stderr.write(`eval failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  });
}
