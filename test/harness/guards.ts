// Test guards for custom pipelines: a guard that blocks until the test releases it, deterministically.
import type { HeaderView } from '../../src/extproc/headers.js';
import type { StreamDeps } from '../../src/extproc/deps.js';
import type { RequestContext } from '../../src/pipeline/context.js';
import type { Guard } from '../../src/pipeline/guard.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { CONTINUE, type Verdict } from '../../src/pipeline/verdict.js';

export interface Deferred<T> { promise: Promise<T>; resolve(value: T): void }

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

/** Holds its phase until `release()`; records when it was entered and the context's abort signal. */
export class GateGuard implements Guard {
  readonly name = 'gate';
  readonly mode = 'enforce' as const;
  readonly entered = deferred();
  private readonly gate = deferred<Verdict>();
  signal: AbortSignal | undefined;
  finished = false;

  constructor(private readonly phase: 'headers' | 'body') {}

  release(verdict: Verdict = CONTINUE): void {
    this.gate.resolve(verdict);
  }

  private async hold(ctx: RequestContext): Promise<Verdict> {
    this.signal = ctx.signal;
    this.entered.resolve();
    const v = await this.gate.promise;
    this.finished = true;
    return v;
  }

  checkRequestHeaders(ctx: RequestContext, _headers: HeaderView): Verdict | Promise<Verdict> {
    return this.phase === 'headers' ? this.hold(ctx) : CONTINUE;
  }

  checkRequest(ctx: RequestContext): Verdict | Promise<Verdict> {
    return this.phase === 'body' ? this.hold(ctx) : CONTINUE;
  }
}

/** `customize` for EnvoySim: the configured guards plus `extra`, appended. */
export function withGuards(...extra: Guard[]): (deps: StreamDeps) => StreamDeps {
  return (deps) => ({ ...deps, pipeline: new Pipeline([...deps.pipeline.guards, ...extra], deps.metrics) });
}
