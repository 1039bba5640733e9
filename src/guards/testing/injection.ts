// Test support for the injection guard: a deterministic fake detector, a context with a captured log, and
// a runner that parses a body, asks the guard, applies its edits and re-parses the result. Not imported
// by product code.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { ApiKind, LlmRequest } from '../../llm/model.js';
import { parseLlmRequest } from '../../llm/parse-request.js';
import { applyBodyEdits } from '../../llm/rewrite.js';
import { encode, GENEROUS_LIMITS } from '../../llm/testing/request-fixtures.js';
import { injectionConfigSchema, type DetectFn, type InjectionConfig, type Trust } from '../../injection/policy.js';
import { bodyEdits, type Verdict } from '../../pipeline/verdict.js';
import { InjectionGuard, type InjectionContext, type InjectionGuardDeps, type InjectionOutcome, type InjectionSource } from '../injection.js';

export const DEFAULTS = { threshold: 0.7, untrustedThreshold: 0.5 } as const;
export const STRONG = ['override.ignore_previous', 'exfil.markdown_image'] as const;

/**
 * Scores by marker, so every test states its intent in the text: INJECT is an attack at any trust,
 * MILD sits between the two thresholds (an attack only where instructions have no business), the rest
 * is benign.
 */
export function fakeDetector(calls: string[] = []): DetectFn {
  return (text: string, trust: Trust) => {
    calls.push(`${trust}:${text}`);
    if (text.includes('INJECT')) return { score: 0.95, signals: STRONG, obfuscated: false };
    if (text.includes('MILD')) return { score: 0.6, signals: ['mild.cue'], obfuscated: false };
    return { score: 0.05, signals: [], obfuscated: false };
  };
}

export interface Harness {
  readonly guard: InjectionGuard;
  readonly calls: string[];
  readonly logs: Record<string, unknown>[];
  readonly records: [InjectionSource, string, InjectionOutcome][];
}

export function harness(cfg: unknown = {}, deps: Partial<InjectionGuardDeps> = {}): Harness {
  const calls: string[] = [];
  const records: [InjectionSource, string, InjectionOutcome][] = [];
  const config: InjectionConfig = injectionConfigSchema.parse(cfg);
  const guard = new InjectionGuard(config, {
    detect: fakeDetector(calls), defaults: DEFAULTS, metrics: { record: (s, k, o) => records.push([s, k, o]) }, ...deps,
  });
  return { guard, calls, logs: [], records };
}

export function context(logs: Record<string, unknown>[], body?: unknown, api: ApiKind = 'openai-chat'): InjectionContext {
  const sink = new Writable({
    write(line: Buffer, _enc, done) {
      logs.push(JSON.parse(line.toString()) as Record<string, unknown>);
      done();
    },
  });
  return {
    requestId: 'r1', log: pino({ level: 'info' }, sink), signal: new AbortController().signal, method: 'POST', path: '/v1/x',
    api, errorShape: api === 'anthropic-messages' ? 'anthropic' : 'openai', usage: {}, body,
  };
}

export interface Run {
  readonly verdict: Verdict;
  readonly request: LlmRequest;
  /** The body after the verdict's edits (the original when there were none), re-parsed for the same API. */
  readonly out: Record<string, unknown>;
  readonly outRequest: LlmRequest;
}

/** What the stream does with a request body: parse, check, apply edits, and (here) re-parse the result. */
export async function run(h: Harness, api: ApiKind, body: object): Promise<Run> {
  const parsed = parseLlmRequest(api, encode(body), GENEROUS_LIMITS);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.detail}`);
  const verdict = await h.guard.checkRequest(context(h.logs, parsed.body, api), parsed.request);
  const edits = verdict.action === 'continue' ? bodyEdits(verdict) : [];
  const bytes = edits.length > 0 ? applyBodyEdits(parsed.body, edits) : encode(parsed.body);
  const reparsed = parseLlmRequest(api, bytes, GENEROUS_LIMITS);
  if (!reparsed.ok) throw new Error(`rewritten body does not parse: ${reparsed.detail}`);
  return { verdict, request: parsed.request, out: reparsed.body as Record<string, unknown>, outRequest: reparsed.request };
}
