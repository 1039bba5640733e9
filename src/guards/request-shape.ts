// Request shape and limits: what must hold before any content guard reads a prompt. Header checks run
// before Envoy buffers the body (a declared oversize body is refused without reading it); body checks
// parse the request into the normalised model.
import type { HeaderView } from '../extproc/headers.js';
import { mediaType } from '../extproc/headers.js';
import type { ApiKind } from '../llm/model.js';
import { parseLlmRequest, type ParseResult, type RequestLimits } from '../llm/parse-request.js';
import type { RequestContext } from '../pipeline/context.js';
import type { Guard } from '../pipeline/guard.js';
import { CONTINUE, deny, type Verdict } from '../pipeline/verdict.js';

export class RequestShapeGuard implements Guard {
  readonly name = 'request_shape';
  readonly mode = 'enforce' as const;

  constructor(private readonly limits: RequestLimits) {}

  checkRequestHeaders(ctx: RequestContext, headers: HeaderView): Verdict {
    if (ctx.api === null) return CONTINUE;
    if (mediaType(headers.get('content-type')) !== 'application/json') return deny('unsupported_media_type', 'content-type');
    const encoding = (headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity') return deny('unsupported_content_encoding', 'content-encoding');
    const declared = headers.get('content-length');
    if (declared !== undefined && Number(declared) > this.limits.maxBodyBytes) return deny('request_too_large', 'content-length');
    return CONTINUE;
  }

  /** Parses the buffered body; the pipeline's content guards run on the result. */
  parse(api: ApiKind, body: Uint8Array): ParseResult {
    return parseLlmRequest(api, body, this.limits);
  }
}
