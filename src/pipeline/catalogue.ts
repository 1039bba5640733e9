// The closed catalogue of everything the guard can say no with. Each code fixes the HTTP status, the
// client-facing error (OpenAI shape; Anthropic routes get Anthropic's shape from the same entry), the
// gRPC status for internal faults and the metric label. Verdicts carry codes, never free-form statuses.

export interface CatalogueEntry {
  /** HTTP status returned to the client. */
  readonly status: number;
  /** OpenAI `error.type`. */
  readonly type: 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'rate_limit_error' | 'server_error';
  /** Anthropic `error.type`. */
  readonly anthropicType: 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'request_too_large' | 'rate_limit_error' | 'api_error' | 'overloaded_error';
  /** Client-facing message: fixed text, never echoes request content. */
  readonly message: string;
}

export const CATALOGUE = {
  unsupported_media_type: { status: 415, type: 'invalid_request_error', anthropicType: 'invalid_request_error', message: 'Request body must be application/json.' },
  request_too_large: { status: 413, type: 'invalid_request_error', anthropicType: 'request_too_large', message: 'Request body exceeds the configured size limit.' },
  invalid_json: { status: 400, type: 'invalid_request_error', anthropicType: 'invalid_request_error', message: 'Request body is not valid JSON.' },
  invalid_encoding: { status: 400, type: 'invalid_request_error', anthropicType: 'invalid_request_error', message: 'Request body must be valid UTF-8 without NUL characters.' },
  json_too_deep: { status: 400, type: 'invalid_request_error', anthropicType: 'invalid_request_error', message: 'Request body nests deeper than the configured limit.' },
  too_many_messages: { status: 400, type: 'invalid_request_error', anthropicType: 'invalid_request_error', message: 'Request has more messages than the configured limit.' },
  invalid_request_shape: { status: 400, type: 'invalid_request_error', anthropicType: 'invalid_request_error', message: 'Request body does not match the API schema for this route.' },
  unsupported_content_encoding: { status: 415, type: 'invalid_request_error', anthropicType: 'invalid_request_error', message: 'Compressed request bodies are not accepted.' },
  content_policy_violation: { status: 400, type: 'invalid_request_error', anthropicType: 'invalid_request_error', message: 'Request was blocked by content policy.' },
  prompt_injection_detected: { status: 400, type: 'invalid_request_error', anthropicType: 'invalid_request_error', message: 'Request was blocked: it appears to contain a prompt injection.' },
  upstream_response_invalid: { status: 502, type: 'server_error', anthropicType: 'api_error', message: 'Upstream response could not be inspected.' },
  response_blocked: { status: 502, type: 'server_error', anthropicType: 'api_error', message: 'Response was blocked by content policy.' },
  guard_timeout: { status: 504, type: 'server_error', anthropicType: 'api_error', message: 'The guard could not decide in time.' },
  guard_unavailable: { status: 503, type: 'server_error', anthropicType: 'overloaded_error', message: 'The guard is shutting down or unavailable.' },
  internal_error: { status: 500, type: 'server_error', anthropicType: 'api_error', message: 'The guard failed to process the request.' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof CATALOGUE;

export const ERROR_CODES = Object.keys(CATALOGUE) as ErrorCode[];

export type ErrorShape = 'openai' | 'anthropic';

/** The JSON body a denied client receives. */
export function errorBody(code: ErrorCode, shape: ErrorShape, requestId?: string): string {
  const entry: CatalogueEntry = CATALOGUE[code];
  if (shape === 'anthropic') {
    return JSON.stringify({ type: 'error', error: { type: entry.anthropicType, message: entry.message }, ...(requestId ? { request_id: requestId } : {}) });
  }
  return JSON.stringify({ error: { message: entry.message, type: entry.type, param: null, code } });
}
