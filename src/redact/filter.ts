// The redaction policy as a response filter: generated text is scanned with the policy's recognizers
// plus the token pattern, in one pass, streamed or not. Tokens of this conversation get their value
// back; values the model wrote itself get the policy's action, with two reply-side differences:
//  - tokenize masks: a value the model produced is not the caller's to have restored, and a token the
//    caller cannot map back would be noise;
//  - block stops the reply (ResponseBlockedError), since the request was already answered upstream.
import { performance } from 'node:perf_hooks';
import type { FilterFinding, ResponseTextFilter } from '../pipeline/guard.js';
import { maskText } from './actions.js';
import { ResponseBlockedError } from './errors.js';
import { TOKEN_RECOGNIZER_ID, type CompiledPolicy } from './policy.js';
import { requestReplacement, type RedactedFinding, type RedactionContext } from './redact-text.js';
import type { Scanner } from './scanner.js';

export interface RedactionFilterHooks {
  /** Called once per finding emitted (for metrics and logs: entity, recognizer, action; no value). */
  readonly onFinding?: (f: RedactedFinding) => void;
}

/**
 * `scanBudgetMs` bounds each scan: a non-streamed reply's text, a stream's final channel, and each
 * streaming window (usually a few KB, but one SSE event may carry up to limits.maxSseEventBytes of
 * text). Past it the scan throws ScanBudgetExceeded.
 */
export function redactionFilter(policy: CompiledPolicy, ctx: RedactionContext, hooks: RedactionFilterHooks = {}, scanBudgetMs?: number): ResponseTextFilter {
  const vault = ctx.vault;
  const scanner = vault ? policy.responseScanner : policy.scanner;
  return {
    scanner: scanBudgetMs === undefined ? scanner : budgeted(scanner, scanBudgetMs),
    replace({ finding, value }: FilterFinding): string | null {
      if (finding.recognizer === TOKEN_RECOGNIZER_ID) {
        // Unknown tokens (another conversation's, expired, made up by the model) stay as they are.
        const original = vault?.lookup(value);
        hooks.onFinding?.({ entity: 'TOKEN', recognizer: finding.recognizer, action: original === undefined ? 'allow' : 'tokenize' });
        return original ?? null;
      }
      const action = policy.actionFor(finding.entity);
      hooks.onFinding?.({ entity: finding.entity, recognizer: finding.recognizer, action });
      if (action === 'block') throw new ResponseBlockedError(finding.entity);
      if (action === 'tokenize') return maskText(finding.entity);
      return requestReplacement(action, finding.entity, value, ctx);
    },
    prepare(items: readonly FilterFinding[]): Promise<void> | undefined {
      if (!vault) return undefined;
      const unknown = items.filter((i) => i.finding.recognizer === TOKEN_RECOGNIZER_ID && vault.lookup(i.value) === undefined);
      return unknown.length > 0 ? vault.load(unknown.map((i) => i.value)) : undefined;
    },
  };
}

/** The scanner, with every scan given `budgetMs` from its start (or less, if the caller's deadline is sooner). */
function budgeted(scanner: Scanner, budgetMs: number): Scanner {
  return {
    ...scanner,
    scan: (text, deadline = Infinity) => scanner.scan(text, Math.min(deadline, performance.now() + budgetMs)),
    scanWindow: (text, from, until, deadline = Infinity) => scanner.scanWindow(text, from, until, Math.min(deadline, performance.now() + budgetMs)),
  };
}
