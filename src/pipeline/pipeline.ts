// Runs the guards of a phase in configured order and folds their verdicts: the first deny wins, edits
// compose (each guard sees the request as the guards before it left it), shadow guards only count.
import type { HeaderView } from '../extproc/headers.js';
import type { LlmMessage, LlmRequest, TextPart } from '../llm/model.js';
import type { GuardMetrics } from '../telemetry/metrics.js';
import type { RequestContext } from './context.js';
import type { Guard, ResponseTextFilter } from './guard.js';
import { isPromise, type MaybePromise } from '../util/maybe-promise.js';
import { CONTINUE, continueWith, type StructuralEdit, type TextEdit, type Verdict } from './verdict.js';

export class Pipeline {
  constructor(readonly guards: readonly Guard[], private readonly metrics: GuardMetrics) {}

  /** Synchronous unless a guard needs I/O (see util/maybe-promise.ts). */
  checkRequestHeaders(ctx: RequestContext, headers: HeaderView): MaybePromise<Verdict> {
    return this.checkRequestHeadersFrom(ctx, headers, 0);
  }

  private checkRequestHeadersFrom(ctx: RequestContext, headers: HeaderView, from: number): MaybePromise<Verdict> {
    for (let i = from; i < this.guards.length; i++) {
      const guard = this.guards[i] as Guard;
      if (!guard.checkRequestHeaders) continue;
      const result = guard.checkRequestHeaders(ctx, headers);
      if (isPromise(result)) {
        return result.then((v) => {
          const verdict = this.fold(ctx, guard, v);
          return verdict.action === 'deny' ? verdict : this.checkRequestHeadersFrom(ctx, headers, i + 1);
        });
      }
      const verdict = this.fold(ctx, guard, result);
      if (verdict.action === 'deny') return verdict;
    }
    return CONTINUE;
  }

  /** Synchronous unless a guard needs I/O (see util/maybe-promise.ts). */
  checkRequest(ctx: RequestContext, request: LlmRequest): MaybePromise<Verdict> {
    return this.checkRequestFrom(ctx, { current: request, edits: [], structural: [] }, 0);
  }

  private checkRequestFrom(ctx: RequestContext, acc: RequestEdits, from: number): MaybePromise<Verdict> {
    for (let i = from; i < this.guards.length; i++) {
      const guard = this.guards[i] as Guard;
      if (!guard.checkRequest) continue;
      const result = guard.checkRequest(ctx, acc.current);
      if (isPromise(result)) {
        return result.then((v) => {
          const verdict = this.fold(ctx, guard, v);
          return verdict.action === 'deny' ? verdict : this.checkRequestFrom(ctx, accumulate(acc, verdict), i + 1);
        });
      }
      const verdict = this.fold(ctx, guard, result);
      if (verdict.action === 'deny') return verdict;
      accumulate(acc, verdict);
    }
    ctx.request = acc.current;
    return continueWith(acc.edits, acc.structural);
  }

  /** One filter per guard that rewrites generated text, for one response. */
  responseTextFilters(ctx: RequestContext): ResponseTextFilter[] {
    const filters: ResponseTextFilter[] = [];
    for (const guard of this.guards) {
      const filter = guard.responseTextFilter?.(ctx);
      if (filter) filters.push(filter);
    }
    return filters;
  }

  private fold(ctx: RequestContext, guard: Guard, verdict: Verdict): Verdict {
    if (verdict.action !== 'deny' || guard.mode !== 'shadow') return verdict;
    this.metrics.shadowDenials.inc({ guard: guard.name, code: verdict.code });
    ctx.log.info({ guard: guard.name, code: verdict.code, reason: verdict.reason }, 'shadow mode: would deny');
    // A shadow guard may still need edits for the request to be valid at all (e.g. the context field).
    return verdict.shadow ?? CONTINUE;
  }
}

/** What the guards so far did to the request: edits compose, each guard sees the request as left. */
interface RequestEdits {
  current: LlmRequest;
  readonly edits: TextEdit[];
  readonly structural: StructuralEdit[];
}

function accumulate(acc: RequestEdits, verdict: Verdict): RequestEdits {
  if (verdict.action === 'deny') return acc;
  if (verdict.edits && verdict.edits.length > 0) {
    acc.edits.push(...verdict.edits);
    acc.current = withEdits(acc.current, verdict.edits);
  }
  // Structural edits address the body as parsed; later guards keep seeing the original shape.
  if (verdict.structuralEdits) acc.structural.push(...verdict.structuralEdits);
  return acc;
}

const pathKey = (path: readonly (string | number)[]): string => JSON.stringify(path);

/** The request as guards see it after earlier edits, so mutations compose. */
export function withEdits(request: LlmRequest, edits: readonly TextEdit[]): LlmRequest {
  const byPath = new Map(edits.map((e) => [pathKey(e.path), e.text]));
  const part = (p: TextPart): TextPart => {
    const text = byPath.get(pathKey(p.path));
    return text === undefined ? p : { ...p, text };
  };
  const messages: LlmMessage[] = request.messages.map((m) => ({
    ...m,
    parts: m.parts.map(part),
    toolCalls: m.toolCalls.map((c) => ({ ...c, arguments: part(c.arguments) })),
  }));
  return { ...request, messages };
}
