// The guard interface. A guard has one concern, sees plain values (a header view, the normalised LLM
// request, generated text) and never protobuf, and answers with a verdict.
import type { HeaderView } from '../extproc/headers.js';
import type { LlmRequest } from '../llm/model.js';
import type { Scanner } from '../redact/scanner.js';
import type { Finding } from '../redact/types.js';
import type { RequestContext } from './context.js';
import type { Verdict } from './verdict.js';

export type GuardMode = 'enforce' | 'shadow';

/** A finding as a response filter sees it: where, what, and the matched text. */
export interface FilterFinding {
  readonly finding: Finding;
  /** The matched value. Never log it. */
  readonly value: string;
  /** The channel it was found in (see providers/types.ts); for whole JSON bodies, the body's channel. */
  readonly channel: string;
}

/**
 * Rewrites generated text on one response, streamed or not. A filter does not see events or chunks:
 * it says WHAT to find (a Scanner: recognizers, phrases, tokens) and WHAT to put instead; the response
 * path (pipeline/response.ts with redact/stream-redactor.ts) decides WHEN, holding back only what could
 * still become a match, so a value split across events is found exactly as in one piece.
 */
export interface ResponseTextFilter {
  readonly scanner: Scanner;
  /**
   * The text to emit instead of the finding's value, or null to keep the value. Throws
   * ResponseBlockedError (redact/errors.ts) to stop the whole response. Called once per finding, when
   * the text holding it is about to be emitted.
   */
  replace(item: FilterFinding): string | null;
  /**
   * Optional async preparation for findings decided but not yet emitted (e.g. token look-ups in a
   * store); `replace` must then be answerable synchronously. Undefined: nothing to wait for. Only the
   * async response path calls it; the sync path calls `replace` directly.
   */
  prepare?(items: readonly FilterFinding[]): Promise<void> | undefined;
}

export interface Guard {
  readonly name: string;
  /** In shadow mode a deny is logged and counted as "would deny", and the request passes. */
  readonly mode: GuardMode;
  checkRequestHeaders?(ctx: RequestContext, headers: HeaderView): Verdict | Promise<Verdict>;
  checkRequest?(ctx: RequestContext, request: LlmRequest): Verdict | Promise<Verdict>;
  /** Called once per response that carries generated text; undefined when the guard has nothing to do. */
  responseTextFilter?(ctx: RequestContext): ResponseTextFilter | undefined;
}
