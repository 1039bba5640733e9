// Per-request context: what every guard may know about the request it is judging.
import type { Logger } from 'pino';
import type { ApiKind, LlmRequest } from '../llm/model.js';
import type { ErrorShape } from './catalogue.js';

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
}

export interface RequestContext {
  /** Envoy's x-request-id (or one we made up when it is missing). */
  readonly requestId: string;
  readonly log: Logger;
  /** Aborted when Envoy cancels the stream; long guard work should listen. */
  readonly signal: AbortSignal;
  method: string;
  path: string;
  /** The LLM API this request targets, or null for other routes. */
  api: ApiKind | null;
  /** Error body shape for denials: Anthropic routes get Anthropic's shape. */
  errorShape: ErrorShape;
  request?: LlmRequest;
  /** The parsed request body, for guards that read fields outside the normalised model (the `context` extension). Never mutate it. */
  body?: unknown;
  usage: TokenUsage;
}
