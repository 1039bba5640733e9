// The per-stream state machine: one ext_proc stream is one HTTP request's short life,
// request headers -> request body -> response headers -> response body chunks -> end.
// Rules it enforces (see docs/envoy-ext-proc.md in the shared docs):
// - exactly one reply per message, in order: a message is answered at once when its guards need no I/O
//   (the common case, with no promise hop, deadline race or timer), otherwise messages queue on a
//   promise chain behind the one waiting; only this class writes to the call;
// - every reply leaves within the reply budget, or the stream fails closed with guard_timeout;
// - the stream is never closed with OK while Envoy may still send a message (that would let the rest of
//   the request through uninspected); we end only after Envoy half-closes;
// - a message that does not fit the state is spurious: counted, and the stream ends with an error so
//   Envoy fails the request closed.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { status as GrpcStatus, type ServerDuplexStream } from '@grpc/grpc-js';
import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { CATALOGUE, errorBody, type ErrorCode } from '../pipeline/catalogue.js';
import type { RequestContext } from '../pipeline/context.js';
import type { ResponseTextFilter } from '../pipeline/guard.js';
import type { ProcessingRequest, ProcessingResponse, BodySendModeValue } from './messages.js';
import { BodySendMode } from './messages.js';
import { andThen, isPromise, type MaybePromise } from '../util/maybe-promise.js';
import { commonResponse, constantReply, immediateResponse, modeOverride, reply, toStruct, withDynamicMetadata, type HeaderChanges } from './codec.js';
import { Headers } from './headers.js';
import type { StreamDeps } from './deps.js';
import { classifyResponse, rewriteJsonBodyAsync, SseRewriter, type ResponseKind } from '../pipeline/response.js';
import { ResponseBlockedError, ScanBudgetExceeded } from '../redact/errors.js';
import { isSupportedEncoding, StreamDecoder } from '../pipeline/decompress.js';
import { applyBodyEdits } from '../llm/rewrite.js';
import { bodyEdits, type Verdict } from '../pipeline/verdict.js';
import { streamAdapterFor } from '../providers/index.js';
import type { Phase } from '../telemetry/metrics.js';

type Expect = 'request_headers' | 'request_body' | 'response_headers' | 'response_body' | 'done';
type Duplex = ServerDuplexStream<ProcessingRequest, ProcessingResponse>;

const TIMED_OUT = Symbol('timed out');
/** Nothing to write: the stream was ended with an error instead. */
const NO_REPLY = Symbol('no reply');
/** A message that did not fit the state: the stream was ended with an error. */
const SPURIOUS = Symbol('spurious');
/** One shared abort reason: `abort()` without one builds a DOMException with a stack (~45 µs). */
const STREAM_CLOSED = Object.freeze(new Error('ext_proc stream closed'));

class SpuriousMessage extends Error {}

/** Returned by a handler whose message was already answered by the reply budget; never written. */
const STALE: ProcessingResponse = Object.freeze({});

export class StreamSession {
  private expect: Expect = 'request_headers';
  private chain: Promise<void> = Promise.resolve();
  /** Messages (and the end of stream) taken but not yet handled because an earlier reply awaits I/O. */
  private queued = 0;
  /** Created only when a guard asks for the signal; most requests never do. */
  private abortController: AbortController | undefined;
  /** One timer per stream, re-armed per message (refresh), instead of a new timer per message. */
  private deadlineTimer: NodeJS.Timeout | undefined;
  private onDeadline: (() => void) | undefined;
  private ctx: RequestContext | undefined;
  private closed = false;
  /** After an ImmediateResponse or a clean SSE stop, Envoy sends nothing we must act on. */
  private terminated = false;
  private requestBodyMode: BodySendModeValue = BodySendMode.NONE;
  private responseKind: ResponseKind = 'none';
  /** True once response headers may have gone downstream: an ImmediateResponse would be a reset then. */
  private responseStarted = false;
  private sse: SseRewriter | undefined;
  /** Set when an SSE stream was stopped with an error event: later chunks are dropped. */
  private sseStopped = false;
  private decoder: StreamDecoder | undefined;
  private verdict: 'allow' | ErrorCode | undefined;
  private jsonFilters: readonly ResponseTextFilter[] = [];
  private rewrites = 0;
  /** Attributes are ids, API kinds and catalogue codes only: never content. */
  private readonly span: Span;

  constructor(private readonly call: Duplex, private readonly deps: StreamDeps, private readonly onClose: (s: StreamSession) => void) {
    deps.metrics.streamsActive.inc();
    this.span = deps.tracer.startSpan('ext_proc.stream');
    call.on('data', (msg: ProcessingRequest) => this.inOrder(() => this.onMessage(msg)));
    // Envoy half-closed: everything it sent has been answered once the chain drains; then end with OK.
    // One microtask later: grpc-js ends the readable side of a cancelled call just before it emits
    // 'cancelled', and that stream must be counted as cancelled, not completed.
    call.on('end', () => this.inOrder(() => Promise.resolve().then(() => this.close('completed'))));
    call.on('cancelled', () => this.close('cancelled'));
    call.on('error', () => this.close('error'));
  }

  /** Runs `step` now when nothing is waiting, else after what is waiting: replies stay in message order. */
  private inOrder(step: () => MaybePromise<void>): void {
    if (this.queued === 0) {
      const waiting = step();
      if (!isPromise(waiting)) return;
      this.queued += 1;
      this.chain = waiting.finally(() => { this.queued -= 1; });
      return;
    }
    this.queued += 1;
    this.chain = this.chain.then(step).finally(() => { this.queued -= 1; });
  }

  private onMessage(msg: ProcessingRequest): MaybePromise<void> {
    if (this.closed) return;
    const phase = phaseOf(msg);
    if (this.terminated) {
      // Envoy stops after an ImmediateResponse; anything else arriving is a protocol fault, not data.
      this.deps.metrics.spurious.inc();
      return;
    }
    const started = performance.now();
    let result: MaybePromise<ProcessingResponse>;
    try {
      result = this.dispatch(msg);
    } catch (err) {
      this.answer(msg, phase, started, this.fault(err, phase));
      return;
    }
    if (!isPromise(result)) {
      this.answer(msg, phase, started, result);
      return;
    }
    // Waiting on I/O: the reply budget applies (a synchronous answer is already as fast as it can be).
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => { this.onDeadline = () => resolve(TIMED_OUT); });
    if (this.deadlineTimer) this.deadlineTimer.refresh();
    else this.deadlineTimer = setTimeout(() => this.onDeadline?.(), this.deps.config.extproc.replyBudgetMs);
    return Promise.race([result, deadline]).then(
      (response) => {
        this.onDeadline = undefined; // the timer may still fire: with no waiter it does nothing
        if (response !== TIMED_OUT) return this.answer(msg, phase, started, response);
        this.deps.metrics.replyTimeouts.inc({ phase });
        this.log().warn({ phase, budgetMs: this.deps.config.extproc.replyBudgetMs }, 'reply budget exceeded; failing closed');
        this.answer(msg, phase, started, this.failClosed('guard_timeout', phase));
      },
      (err: unknown) => {
        this.onDeadline = undefined;
        this.answer(msg, phase, started, this.fault(err, phase));
      },
    );
  }

  /** A handler threw: a protocol fault ends the stream; anything else fails the request closed. */
  private fault(err: unknown, phase: Phase): ProcessingResponse | typeof NO_REPLY | typeof SPURIOUS {
    if (err instanceof SpuriousMessage) {
      this.deps.metrics.spurious.inc();
      this.log().warn({ phase, expected: this.expect }, 'spurious ext_proc message; failing the request closed');
      this.fail(GrpcStatus.FAILED_PRECONDITION, `unexpected ${phase} while waiting for ${this.expect}`);
      return SPURIOUS;
    }
    this.log().error({ err: errSummary(err), phase }, 'guard fault; failing closed');
    return this.failClosed('internal_error', phase);
  }

  private answer(msg: ProcessingRequest, phase: Phase, started: number, response: ProcessingResponse | typeof NO_REPLY | typeof SPURIOUS): void {
    if (response === SPURIOUS) return; // the stream ended with an error; no phase duration to record
    this.deps.metrics.phaseObserver[phase].observe((performance.now() - started) / 1000);
    if (this.closed) return;
    if (msg.observability_mode) return; // Envoy ignores replies in observability mode.
    if (response === NO_REPLY) return;
    this.call.write(response);
  }

  private dispatch(msg: ProcessingRequest): MaybePromise<ProcessingResponse> {
    switch (msg.request) {
      case 'request_headers': return this.onRequestHeaders(msg);
      case 'request_body': return this.onRequestBody(msg);
      case 'response_headers': return this.onResponseHeaders(msg);
      case 'response_body': return this.onResponseBody(msg);
      // Trailer modes are always SKIP; should Envoy send them anyway, the correct answer is an empty one.
      case 'request_trailers': return { request_trailers: {} };
      case 'response_trailers': return { response_trailers: {} };
      default: throw new SpuriousMessage('empty message');
    }
  }

  private onRequestHeaders(msg: ProcessingRequest): MaybePromise<ProcessingResponse> {
    if (this.expect !== 'request_headers') throw new SpuriousMessage('request_headers');
    const headers = Headers.fromProto(msg.request_headers?.headers);
    const requestId = headers.get('x-request-id') ?? randomUUID();
    const method = headers.get(':method') ?? '';
    const path = headers.get(':path') ?? '';
    const api = this.deps.routes(method, path);
    this.ctx = new StreamRequestContext(requestId, method, path, api, this.deps.log, () => this.signal());
    this.span.setAttributes({ 'guard.request_id': requestId, 'guard.api': api ?? 'other', 'http.request.method': method });
    const endOfStream = msg.request_headers?.end_of_stream === true;
    return andThen(this.deps.pipeline.checkRequestHeaders(this.ctx, headers), (verdict) => this.afterRequestHeaders(verdict, api, endOfStream));
  }

  private afterRequestHeaders(verdict: Verdict, api: RequestContext['api'], endOfStream: boolean): ProcessingResponse {
    if (this.terminated || this.closed) return STALE; // answered already (reply budget): drop the late result
    if (verdict.action === 'deny') return this.denyRequest(verdict.code, verdict.reason);
    if (api === null) {
      // Not an LLM API call: nothing to inspect, so no body and no response messages at all.
      this.countVerdict('allow');
      this.expect = 'done';
      const passThrough = constantReply('request_headers:other', () => reply('request_headers', commonResponse(), {
        mode_override: modeOverride({ request: BodySendMode.NONE, response: BodySendMode.NONE, skipResponseHeaders: true }),
      }));
      return withDynamicMetadata(passThrough, this.metadataFields());
    }
    if (endOfStream) return this.denyRequest('invalid_json', 'empty body');
    this.requestBodyMode = BodySendMode.BUFFERED;
    this.expect = 'request_body';
    const identity = this.deps.config.extproc.forceIdentityEncoding;
    // The response body mode is decided on the response headers, when the content type is known.
    return constantReply(`request_headers:llm:${identity}`, () => {
      const changes: HeaderChanges | undefined = identity ? { set: { 'accept-encoding': 'identity' } } : undefined;
      return reply('request_headers', commonResponse(changes), {
        mode_override: modeOverride({ request: BodySendMode.BUFFERED, response: BodySendMode.STREAMED }),
      });
    });
  }

  private onRequestBody(msg: ProcessingRequest): MaybePromise<ProcessingResponse> {
    const ctx = this.ctx;
    if (this.expect !== 'request_body' || !ctx || ctx.api === null) throw new SpuriousMessage('request_body');
    // BUFFERED: the whole body arrives in this one message.
    const body = msg.request_body?.body ?? Buffer.alloc(0);
    const parsed = this.deps.shape.parse(ctx.api, body);
    if (!parsed.ok) return this.denyRequest(parsed.code, parsed.detail);
    ctx.request = parsed.request;
    ctx.body = parsed.body;
    return andThen(this.deps.pipeline.checkRequest(ctx, parsed.request), (verdict) => this.afterRequestBody(verdict, parsed.body));
  }

  private afterRequestBody(verdict: Verdict, body: unknown): ProcessingResponse {
    if (this.terminated || this.closed) return STALE; // answered already (reply budget): drop the late result
    if (verdict.action === 'deny') return this.denyRequest(verdict.code, verdict.reason);
    this.countVerdict('allow');
    this.expect = 'response_headers';
    // The verdict reaches Envoy's access log now, not only with the last reply: a client that stops
    // reading at `[DONE]` (the OpenAI SDK does) may disconnect before the last chunk is answered, and
    // that reply, with its metadata, is then never applied. The last reply updates the same fields.
    const edits = bodyEdits(verdict);
    if (edits.length === 0) return withDynamicMetadata(constantReply('request_body:continue', () => reply('request_body', commonResponse())), this.metadataFields());
    // A mutated body needs its new content-length in this same reply, or Envoy answers 500.
    const rewritten = applyBodyEdits(body, edits);
    return reply('request_body', commonResponse({ set: { 'content-length': String(rewritten.length) } }, rewritten), { dynamic_metadata: this.metadata() });
  }

  private onResponseHeaders(msg: ProcessingRequest): ProcessingResponse {
    const ctx = this.ctx;
    if (this.expect !== 'response_headers' || !ctx) throw new SpuriousMessage('response_headers');
    const headers = Headers.fromProto(msg.response_headers?.headers);
    const endOfStream = msg.response_headers?.end_of_stream === true;
    this.responseKind = endOfStream ? 'none' : classifyResponse(ctx.api, headers.get('content-type'));
    const changes: { set: Record<string, string>; remove: string[] } = { set: {}, remove: [] };
    if (this.responseKind !== 'none') {
      const encoding = (headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
      if (encoding !== 'identity') {
        // We asked for identity; an upstream that compresses anyway is decoded, or refused if we can't.
        if (!isSupportedEncoding(encoding)) return this.denyRequest('upstream_response_invalid', 'content-encoding');
        this.decoder = new StreamDecoder(encoding, this.deps.config.limits.maxSseEventBytes * 4);
        changes.remove.push('content-encoding', 'content-length');
      }
    }
    const filters = this.deps.pipeline.responseTextFilters(ctx);
    const api = ctx.api;
    let responseMode: BodySendModeValue = BodySendMode.NONE;
    if (this.responseKind === 'sse' && api) {
      this.sse = new SseRewriter(api, filters, this.deps.config.limits.maxSseEventBytes, ctx.usage);
      responseMode = BodySendMode.STREAMED;
      this.responseStarted = true; // in STREAMED mode the headers go downstream with this reply
    } else if (this.responseKind === 'json') {
      this.jsonFilters = filters;
      responseMode = BodySendMode.BUFFERED; // headers wait for the body reply
    } else {
      this.responseStarted = true;
    }
    this.expect = responseMode === BodySendMode.NONE ? 'done' : 'response_body';
    if (this.expect === 'response_body' && changes.remove.length === 0 && this.requestBodyMode === BodySendMode.BUFFERED) {
      // The common case (identity-encoded JSON or SSE): the same reply for every request.
      const mode = responseMode;
      return constantReply(`response_headers:${mode}`, () => reply('response_headers', commonResponse(), {
        mode_override: modeOverride({ request: BodySendMode.BUFFERED, response: mode }),
      }));
    }
    return reply('response_headers', commonResponse(changes), {
      mode_override: modeOverride({ request: this.requestBodyMode, response: responseMode }),
      ...(this.expect === 'done' ? { dynamic_metadata: this.metadata() } : {}),
    });
  }

  private onResponseBody(msg: ProcessingRequest): MaybePromise<ProcessingResponse> {
    const ctx = this.ctx;
    if (this.expect !== 'response_body' || !ctx?.api) throw new SpuriousMessage('response_body');
    const chunk = msg.response_body?.body ?? Buffer.alloc(0);
    const end = msg.response_body?.end_of_stream === true;
    if (this.responseKind === 'json') return this.onJsonBody(ctx.api, chunk);
    if (end) this.expect = 'done';
    // Built after this chunk is processed: usage, rewrites and a stop in the last chunk belong in it.
    const final = (): Partial<ProcessingResponse> => (end ? { dynamic_metadata: this.metadata() } : {});
    if (this.sseStopped) return reply('response_body', commonResponse(undefined, new Uint8Array(0)), final());
    const api = ctx.api;
    const sse = this.sse as SseRewriter;
    // Async only when the upstream compressed the reply or a token store must be read (detokenising).
    let out: MaybePromise<Uint8Array | typeof NO_REPLY>;
    try {
      out = this.decoder
        ? this.decoder.push(chunk, end).then((decoded) => (this.terminated || this.closed ? NO_REPLY : sse.pushAsync(decoded, end)))
        : sse.pushAsync(chunk, end);
    } catch (err) {
      return this.stopSse(api, err, final);
    }
    if (isPromise(out)) return out.then((o) => this.afterSseChunk(o, chunk, end, final), (err: unknown) => this.stopSse(api, err, final));
    return this.afterSseChunk(out, chunk, end, final);
  }

  private afterSseChunk(out: Uint8Array | typeof NO_REPLY, chunk: Uint8Array, end: boolean, final: () => Partial<ProcessingResponse>): ProcessingResponse {
    if (out === NO_REPLY || this.terminated || this.closed) return STALE; // answered already (reply budget): drop the late result
    const sse = this.sse as SseRewriter;
    this.rewrites = sse.rewrites;
    if (end) this.forcedFinalisations(sse.forcedFinalisations);
    // Same bytes as received (the usual case): no mutation at all, so Envoy forwards its own buffer.
    if (!this.decoder && bytesEqual(out, chunk)) return end ? withDynamicMetadata(continueBody(), this.metadataFields()) : continueBody();
    return reply('response_body', commonResponse(undefined, out), final());
  }

  private onJsonBody(api: NonNullable<RequestContext['api']>, chunk: Buffer): MaybePromise<ProcessingResponse> {
    // BUFFERED: the whole reply in one message; headers are still held, so a denial is a clean status.
    this.expect = 'done';
    if (!this.decoder) return this.rewriteJson(api, chunk);
    return this.decoder.push(chunk, true).then(
      (body) => this.rewriteJson(api, body),
      () => this.denyRequest('upstream_response_invalid', 'undecodable body'),
    );
  }

  private rewriteJson(api: NonNullable<RequestContext['api']>, body: Uint8Array): MaybePromise<ProcessingResponse> {
    if (this.terminated || this.closed) return STALE; // answered already (reply budget): drop the late result
    let rewritten: MaybePromise<Uint8Array | null>;
    try {
      rewritten = rewriteJsonBodyAsync(api, body, this.jsonFilters, (this.ctx as RequestContext).usage);
    } catch (err) {
      return this.jsonRewriteFailed(err);
    }
    if (isPromise(rewritten)) return rewritten.then((r) => this.afterJsonRewrite(body, r), (err: unknown) => this.jsonRewriteFailed(err));
    return this.afterJsonRewrite(body, rewritten);
  }

  private jsonRewriteFailed(err: unknown): ProcessingResponse {
    // Headers are still held in BUFFERED mode, so a blocked reply is a clean JSON error.
    if (err instanceof ResponseBlockedError) return this.denyRequest('response_blocked', `redaction: ${err.entity}`);
    if (err instanceof ScanBudgetExceeded) {
      this.log().warn({ bytes: err.textBytes }, 'reply scan budget exceeded; failing closed');
      return this.denyRequest('guard_timeout', 'redaction: scan budget exceeded');
    }
    throw err;
  }

  private afterJsonRewrite(body: Uint8Array, rewritten: Uint8Array | null): ProcessingResponse {
    if (this.terminated || this.closed) return STALE;
    if (rewritten) this.rewrites += 1;
    const out = rewritten ?? (this.decoder ? body : undefined);
    if (!out) return withDynamicMetadata(continueBody(), this.metadataFields());
    const final = { dynamic_metadata: this.metadata() };
    this.deps.metrics.responseRewrites.inc({ kind: 'json' });
    return reply('response_body', commonResponse({ set: { 'content-length': String(out.length) } }, out), final);
  }

  /** Ends an SSE reply cleanly: an error event the client library raises, then nothing more. */
  private stopSse(api: NonNullable<RequestContext['api']>, err: unknown, final: () => Partial<ProcessingResponse>): ProcessingResponse {
    this.sseStopped = true;
    // A policy block (a value the policy says must never reach the client) or a reply we cannot inspect.
    const code: ErrorCode = err instanceof ResponseBlockedError ? 'response_blocked' : err instanceof ScanBudgetExceeded ? 'guard_timeout' : 'upstream_response_invalid';
    this.countVerdict(code);
    if (err instanceof ResponseBlockedError) this.log().info({ entity: err.entity }, 'SSE reply blocked by redaction policy; stopping it');
    else if (err instanceof ScanBudgetExceeded) this.log().warn({ bytes: err.textBytes }, 'SSE reply scan budget exceeded; stopping it');
    else this.log().warn({ err: errSummary(err) }, 'SSE reply could not be inspected; stopping it');
    const adapter = streamAdapterFor(api);
    const event = adapter ? adapter.errorEvent(CATALOGUE[code].message, code) : new Uint8Array(0);
    return reply('response_body', commonResponse(undefined, event), final());
  }

  private denyRequest(code: ErrorCode, reason: string): ProcessingResponse {
    const ctx = this.ctx;
    this.countVerdict(code);
    this.terminated = true;
    this.expect = 'done';
    const entry = CATALOGUE[code];
    ctx?.log.info({ code, reason, status: entry.status }, 'request denied');
    return {
      immediate_response: immediateResponse(entry.status, 'application/json', errorBody(code, ctx?.errorShape ?? 'openai', ctx?.requestId),
        `llm_guard_${code}`, ctx ? { 'x-request-id': ctx.requestId } : {}),
      dynamic_metadata: this.metadata(),
    };
  }

  /** Internal fault or timeout: a JSON error while we still can, else end the stream with an error. */
  private failClosed(code: ErrorCode, phase: Phase): ProcessingResponse | typeof NO_REPLY {
    if (this.responseKind === 'sse' && this.responseStarted && this.ctx?.api && !this.sseStopped && phase === 'response_body') {
      return this.stopSse(this.ctx.api, new Error(code), () => (this.expect === 'done' ? { dynamic_metadata: this.metadata() } : {}));
    }
    if (!this.responseStarted) return this.denyRequest(code, phase);
    this.countVerdict(code);
    this.fail(GrpcStatus.INTERNAL, code);
    return NO_REPLY;
  }

  private fail(code: GrpcStatus, details: string): void {
    if (this.closed) return;
    this.terminated = true;
    this.call.emit('error', { code, details });
  }

  /** One count per decision: the request's (allow or a code), plus a response-side stop if one follows. */
  private countVerdict(code: 'allow' | ErrorCode): void {
    this.verdict = code;
    this.deps.metrics.verdicts.inc({ code });
  }

  private metadata(): ProcessingResponse['dynamic_metadata'] {
    return toStruct(this.metadataFields());
  }

  private metadataFields(): Record<string, unknown> {
    const ctx = this.ctx;
    const ns = this.deps.config.extproc.metadataNamespace;
    return {
      [ns]: {
        request_id: ctx?.requestId,
        verdict: this.verdict === undefined || this.verdict === 'allow' ? 'allow' : 'deny',
        code: this.verdict === 'allow' ? undefined : this.verdict,
        api: ctx?.api ?? 'other',
        // The client wrote it: a lone surrogate would be invalid UTF-8 on the wire, and Envoy rejects that.
        model: ctx?.request?.model === undefined ? undefined : wellFormed(ctx.request.model),
        input_tokens: ctx?.usage.inputTokens,
        output_tokens: ctx?.usage.outputTokens,
        response_rewrites: this.rewrites,
      },
    };
  }

  private signal(): AbortSignal {
    this.abortController ??= new AbortController();
    if (this.closed) this.abortController.abort(STREAM_CLOSED);
    return this.abortController.signal;
  }

  private forcedFinalisations(count: number): void {
    // Hold-back cap reached: text was finalised (redacted conservatively) before its match could complete.
    if (count > 0) this.deps.metrics.forcedFinalisations.inc(count);
  }

  private log() {
    return this.ctx?.log ?? this.deps.log;
  }

  private close(outcome: 'completed' | 'cancelled' | 'error'): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.deadlineTimer);
    this.abortController?.abort(STREAM_CLOSED);
    this.decoder?.destroy();
    this.deps.metrics.streamsActive.dec();
    this.deps.metrics.streamsTotal.inc({ outcome });
    this.span.setAttributes({ 'guard.verdict': this.verdict ?? 'none', 'guard.outcome': outcome, 'guard.response_rewrites': this.rewrites });
    if (outcome !== 'completed' || (this.verdict !== undefined && this.verdict !== 'allow' && CATALOGUE[this.verdict].status >= 500)) {
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: this.verdict ?? outcome });
    }
    this.span.end();
    if (outcome === 'completed' && !this.call.writableEnded) this.call.end();
    this.onClose(this);
  }

  /** Server shutdown past the drain deadline. */
  cancel(): void {
    if (this.closed) return;
    // Record the outcome first: the error emitted below reaches our own 'error' listener (close('error')).
    this.close('cancelled');
    this.terminated = true;
    this.call.emit('error', { code: GrpcStatus.UNAVAILABLE, details: 'guard shutting down' });
  }
}

/**
 * The request context of one stream. A class, not an object literal with getters: each literal with
 * its own getter closures gets its own hidden class, allocated in old space, and that old object keeps
 * the request's young objects alive through every scavenge until a full collection. That promoted
 * ~4.5 KB per request and made scavenges several times slower (see README, "Where the time goes").
 */
class StreamRequestContext implements RequestContext {
  errorShape: RequestContext['errorShape'];
  usage: RequestContext['usage'] = {};
  slots: unknown[] = [];
  request?: RequestContext['request'];
  body?: unknown;
  #log: RequestContext['log'] | undefined;
  readonly #parentLog: RequestContext['log'];
  readonly #signal: () => AbortSignal;

  constructor(
    readonly requestId: string,
    public method: string,
    public path: string,
    public api: RequestContext['api'],
    parentLog: RequestContext['log'],
    signal: () => AbortSignal,
  ) {
    this.errorShape = api === 'anthropic-messages' ? 'anthropic' : 'openai';
    this.#parentLog = parentLog;
    this.#signal = signal;
  }

  /** Lazy: most requests never log, and a pino child (bindings serialised through the redaction paths) costs. */
  get log(): RequestContext['log'] {
    return (this.#log ??= this.#parentLog.child({ request_id: this.requestId }));
  }

  get signal(): AbortSignal {
    return this.#signal();
  }
}

function phaseOf(msg: ProcessingRequest): Phase {
  switch (msg.request) {
    case 'request_headers':
    case 'request_body':
    case 'response_headers':
    case 'response_body':
      return msg.request;
    default:
      return 'trailers';
  }
}

/** The plain "continue" reply to a response body chunk. */
function continueBody(): ProcessingResponse {
  return constantReply('response_body:continue', () => reply('response_body', commonResponse()));
}

/** Lone surrogates replaced by U+FFFD (what a UTF-8 encoder must do anyway); usually nothing to do. */
function wellFormed(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) return Buffer.from(s, 'utf8').toString('utf8');
  }
  return s;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function errSummary(err: unknown): { name: string; message: string } {
  // Error messages from our own code name rules and limits; never include request content in them.
  return err instanceof Error ? { name: err.name, message: err.message } : { name: 'unknown', message: String(err) };
}
