// Verdicts, not exceptions, carry decisions. A guard returns one per phase; the pipeline folds them.
import type { ErrorCode } from './catalogue.js';
import type { JsonPath } from '../llm/model.js';
import type { BodyEdit, StructuralEdit } from '../llm/rewrite.js';

export type { BodyEdit, StructuralEdit } from '../llm/rewrite.js';

/** Replace the text at `path` in the request body. */
export interface TextEdit {
  readonly path: JsonPath;
  readonly text: string;
}

export interface ContinueVerdict {
  readonly action: 'continue';
  readonly edits?: readonly TextEdit[];
  /**
   * Changes to the body's shape (remove a key, insert an element, wrap a value). Like `edits`, their
   * paths address the body as parsed; applyBodyEdits runs them after every text edit. They are kept
   * apart from `edits` so code that composes text edits (withEdits, response rewriting) is unaffected.
   */
  readonly structuralEdits?: readonly StructuralEdit[];
}

export interface DenyVerdict {
  readonly action: 'deny';
  readonly code: ErrorCode;
  /** For logs: names a rule, never content. */
  readonly reason: string;
  /**
   * What a shadow-mode guard passes instead of a bare CONTINUE: edits the request needs to be valid at
   * all (e.g. moving the `context` extension field into the prompt), which must happen even when the
   * guard only watches.
   */
  readonly shadow?: ContinueVerdict;
}

export type Verdict = ContinueVerdict | DenyVerdict;

export const CONTINUE: ContinueVerdict = Object.freeze({ action: 'continue' });

export function deny(code: ErrorCode, reason: string): Verdict {
  return { action: 'deny', code, reason };
}

/** A continue verdict with the given edits, or CONTINUE when there are none. */
export function continueWith(edits: readonly TextEdit[], structuralEdits: readonly StructuralEdit[] = []): ContinueVerdict {
  if (edits.length === 0 && structuralEdits.length === 0) return CONTINUE;
  return {
    action: 'continue',
    ...(edits.length > 0 ? { edits } : {}),
    ...(structuralEdits.length > 0 ? { structuralEdits } : {}),
  };
}

/** Every edit of a continue verdict, in the form applyBodyEdits takes. */
export function bodyEdits(verdict: ContinueVerdict): BodyEdit[] {
  return [...(verdict.edits ?? []), ...(verdict.structuralEdits ?? [])];
}
