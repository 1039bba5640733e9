// The guard interface. A guard has one concern, sees plain values (a header view, the normalised LLM
// request, generated text) and never protobuf, and answers with a verdict.
import type { HeaderView } from '../extproc/headers.js';
import type { LlmRequest } from '../llm/model.js';
import type { RequestContext } from './context.js';
import type { Verdict } from './verdict.js';

export type GuardMode = 'enforce' | 'shadow';

/** Rewrites generated text on one response. `write` returns the text to emit now for that channel. */
export interface ResponseTextFilter {
  write(channel: string, text: string): string;
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
