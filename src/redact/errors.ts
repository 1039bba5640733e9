// Typed errors of the redaction core. Messages never carry content: they end up in logs.

/**
 * A response filter decided that the response must not reach the client (a `block` action matched
 * generated text). Thrown out of SseRewriter.push / rewriteJsonBody; the caller stops the stream with
 * the provider's SSE error event (or answers with an error status) and drops the rest.
 */
export class ResponseBlockedError extends Error {
  override name = 'ResponseBlockedError';
  /** Catalogue code (pipeline/catalogue.ts): the SSE error event or error status carries it. */
  readonly code = 'response_blocked' as const;

  /** `entity` is a type name such as 'PRIVATE_KEY' (safe to log), never the value. */
  constructor(readonly entity: string) {
    super(`response blocked: ${entity} in generated text`);
  }
}

/** A redaction policy that cannot be compiled; `problems` lists every issue found, not just the first. */
export class PolicyError extends Error {
  override name = 'PolicyError';

  constructor(readonly problems: readonly string[]) {
    super(`invalid redaction policy:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * A whole-text scan ran past its deadline (RedactionContext.deadline): the text could not be inspected
 * in time. Random-looking tokens (keys, hashes, base64) are the costly shape: a megabyte of them takes
 * 0.5-3 s to scan where prose takes ~12 ms, and the guard's event loop serves no other stream
 * meanwhile. The caller fails closed with guard_timeout, a catalogued error, instead of letting Envoy's
 * message_timeout answer a bare 5xx for this request and for every stream stalled behind it.
 */
export class ScanBudgetExceeded extends Error {
  override name = 'ScanBudgetExceeded';
  readonly code = 'guard_timeout' as const;

  constructor(readonly textBytes: number) {
    super(`redaction scan of a ${textBytes}-byte text ran past its deadline`);
  }
}
