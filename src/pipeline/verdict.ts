// Verdicts, not exceptions, carry decisions. A guard returns one per phase; the pipeline folds them.
import type { ErrorCode } from './catalogue.js';
import type { JsonPath } from '../llm/model.js';

/** Replace the text at `path` in the request body. */
export interface TextEdit {
  readonly path: JsonPath;
  readonly text: string;
}

export type Verdict =
  | { readonly action: 'continue'; readonly edits?: readonly TextEdit[] }
  | { readonly action: 'deny'; readonly code: ErrorCode; /** For logs: names a rule, never content. */ readonly reason: string };

export const CONTINUE: Verdict = Object.freeze({ action: 'continue' });

export function deny(code: ErrorCode, reason: string): Verdict {
  return { action: 'deny', code, reason };
}
