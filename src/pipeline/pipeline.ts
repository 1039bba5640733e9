// Runs the guards of a phase in configured order and folds their verdicts: the first deny wins, edits
// compose (each guard sees the request as the guards before it left it), shadow guards only count.
import type { HeaderView } from '../extproc/headers.js';
import type { LlmMessage, LlmRequest, TextPart } from '../llm/model.js';
import type { GuardMetrics } from '../telemetry/metrics.js';
import type { RequestContext } from './context.js';
import type { Guard, ResponseTextFilter } from './guard.js';
import { CONTINUE, continueWith, type StructuralEdit, type TextEdit, type Verdict } from './verdict.js';

export class Pipeline {
  constructor(readonly guards: readonly Guard[], private readonly metrics: GuardMetrics) {}

  async checkRequestHeaders(ctx: RequestContext, headers: HeaderView): Promise<Verdict> {
    for (const guard of this.guards) {
      if (!guard.checkRequestHeaders) continue;
      const verdict = this.fold(ctx, guard, await guard.checkRequestHeaders(ctx, headers));
      if (verdict.action === 'deny') return verdict;
    }
    return CONTINUE;
  }

  async checkRequest(ctx: RequestContext, request: LlmRequest): Promise<Verdict> {
    let current = request;
    const edits: TextEdit[] = [];
    const structural: StructuralEdit[] = [];
    for (const guard of this.guards) {
      if (!guard.checkRequest) continue;
      const verdict = this.fold(ctx, guard, await guard.checkRequest(ctx, current));
      if (verdict.action === 'deny') return verdict;
      if (verdict.edits && verdict.edits.length > 0) {
        edits.push(...verdict.edits);
        current = withEdits(current, verdict.edits);
      }
      // Structural edits address the body as parsed; later guards keep seeing the original shape.
      if (verdict.structuralEdits) structural.push(...verdict.structuralEdits);
    }
    ctx.request = current;
    return continueWith(edits, structural);
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
