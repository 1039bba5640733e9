// The response path: which replies carry generated text, and rewriting them. SSE streams are parsed
// into events from arbitrary byte chunks; the provider adapter turns each event into text deltas per
// channel, and the response filters (redaction, phrase masking) see each channel as one growing text.
//
// Events wait in a FIFO, in arrival order, until every channel range they carry is decided (the
// channel's stable point passed it, or the channel ended). Then an event whose text did not change goes
// out as its original bytes, and a changed one is rebuilt by the adapter. Text never moves between
// events unless a finding spans them: the replacement goes in the event where the finding starts and
// the rest of its span is removed from the following ones. Output depends only on the sequence of
// events, never on how the bytes were chunked.
import { mediaType } from '../extproc/headers.js';
import type { ApiKind } from '../llm/model.js';
import { jsonAdapterFor, streamAdapterFor } from '../providers/index.js';
import { parseJsonBytes } from '../providers/json.js';
import { isFinalChannel } from '../providers/slots.js';
import type { ParsedStreamEvent, StreamAdapter } from '../providers/types.js';
import { channelEnds, endsChannel } from '../redact/channel-ends.js';
import type { Replacement } from '../redact/edits.js';
import { ChannelRedactor, WholeText } from '../redact/stream-redactor.js';
import { SseParser } from '../sse/parser.js';
import type { SseEvent } from '../sse/parser.js';
import type { MaybePromise } from '../util/maybe-promise.js';
import type { TokenUsage } from './context.js';
import type { FilterFinding, ResponseTextFilter } from './guard.js';

export type ResponseKind = 'sse' | 'json' | 'none';

/** Embeddings carry vectors, not text; other routes are not LLM replies. */
export function classifyResponse(api: ApiKind | null, contentType: string | undefined): ResponseKind {
  if (api === null || api === 'openai-embeddings') return 'none';
  const type = mediaType(contentType);
  if (type === 'text/event-stream') return 'sse';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  return 'none';
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  return Buffer.concat(parts);
}

/** Reads OpenAI (prompt/completion or input/output) and Anthropic usage fields, wherever they sit. */
export function readUsage(obj: unknown, usage: TokenUsage): void {
  if (typeof obj !== 'object' || obj === null) return;
  const o = obj as Record<string, unknown>;
  const candidates = [o.usage, (o.response as Record<string, unknown> | undefined)?.usage, (o.message as Record<string, unknown> | undefined)?.usage];
  for (const u of candidates) {
    if (typeof u !== 'object' || u === null) continue;
    const r = u as Record<string, unknown>;
    const input = r.prompt_tokens ?? r.input_tokens;
    const output = r.completion_tokens ?? r.output_tokens;
    if (typeof input === 'number' && input > 0) usage.inputTokens = input;
    if (typeof output === 'number') usage.outputTokens = output;
  }
}

export interface SseRewriterOptions {
  /** Cap on the raw bytes of events held back; past it the oldest held channels are finalised early. */
  readonly maxHeldBytes?: number;
  /** Cap on one channel's undecided text (UTF-16 units); see ChannelRedactor. */
  readonly maxHoldChars?: number;
}

const DEFAULT_MAX_HELD_BYTES = 4 << 20;

/** Where one delta's text sits: a range of a continuing channel, or a complete (':final') text. */
type Slot = { readonly ch: ChannelRedactor; readonly start: number; readonly end: number } | { readonly whole: WholeText };

interface Held {
  readonly event: SseEvent;
  readonly parsed: ParsedStreamEvent | null;
  readonly slots: readonly Slot[];
}

export class SseRewriter {
  private readonly parser: SseParser;
  private readonly adapter: StreamAdapter | null;
  private readonly channels = new Map<string, ChannelRedactor>();
  private readonly queue: Held[] = [];
  private head = 0;
  /** Raw bytes of the queued events. */
  private held = 0;
  /** The unterminated tail returned by the parser at the end of the stream. */
  private tail: Uint8Array | null = null;
  private readonly maxHeldBytes: number;
  private readonly maxHoldChars: number | undefined;
  rewrites = 0;
  /** Times a channel gave up undecided text because a cap was hit (a metric worth watching). */
  forcedFinalisations = 0;

  constructor(private readonly api: ApiKind, private readonly filters: readonly ResponseTextFilter[], maxEventBytes: number, private readonly usage: TokenUsage, opts: SseRewriterOptions = {}) {
    this.parser = new SseParser({ maxEventBytes });
    this.adapter = streamAdapterFor(api);
    this.maxHeldBytes = opts.maxHeldBytes ?? DEFAULT_MAX_HELD_BYTES;
    this.maxHoldChars = opts.maxHoldChars;
  }

  /** Events waiting for their text to be decided, and their raw size: bounded by the caps. */
  get heldEvents(): number {
    return this.queue.length - this.head;
  }

  get heldBytes(): number {
    return this.held;
  }

  /**
   * Bytes to send downstream for this chunk: complete, decided events only. Throws ResponseBlockedError
   * when a filter blocks the response, SseEventTooLargeError on an oversized event. Token look-ups that
   * need a store are not awaited here (see pushAsync): unknown tokens stay as they are.
   */
  push(chunk: Uint8Array, end: boolean): Uint8Array {
    const direct = this.ingest(chunk, end);
    if (direct) return direct;
    return this.release(end);
  }

  /**
   * push(), after letting the filters prepare what the decided findings need (e.g. token look-ups).
   * Asynchronous only when a filter has something to prepare.
   */
  pushAsync(chunk: Uint8Array, end: boolean): MaybePromise<Uint8Array> {
    const direct = this.ingest(chunk, end);
    if (direct) return direct;
    const preparing = prepare(this.pendingReplacements());
    return preparing ? preparing.then(() => this.release(end)) : this.release(end);
  }

  /** Parses and queues the chunk's events; returns the bytes directly when nothing can be filtered. */
  private ingest(chunk: Uint8Array, end: boolean): Uint8Array | null {
    const events = this.parser.push(chunk);
    let rest: Uint8Array | null = null;
    if (end) {
      // A last event ended by a lone CR is complete only now; an unterminated tail passes as-is.
      const tail = this.parser.end();
      events.push(...tail.events);
      rest = tail.rest;
    }
    for (const event of events) this.readUsage(event);
    if (this.filters.length === 0 || !this.adapter) {
      const parts = events.map((e) => e.raw);
      if (rest) parts.push(rest);
      return parts.length === 0 ? new Uint8Array(0) : concat(parts);
    }
    for (const event of events) this.enqueue(event, this.adapter);
    if (end) for (const ch of this.channels.values()) ch.finish();
    else this.enforceCap();
    this.tail = rest;
    return null;
  }

  private readUsage(event: SseEvent): void {
    // Usage rides on the last chunks; a cheap substring test avoids parsing every event twice.
    if (!event.data.includes('"usage"')) return;
    try { readUsage(JSON.parse(event.data), this.usage); } catch { /* not JSON: nothing to read */ }
  }

  private channel(name: string): ChannelRedactor {
    let ch = this.channels.get(name);
    if (!ch) {
      ch = new ChannelRedactor(name, this.filters, this.maxHoldChars);
      this.channels.set(name, ch);
    }
    return ch;
  }

  private enqueue(event: SseEvent, adapter: StreamAdapter): void {
    const parsed = adapter.parse(event);
    const deltas = parsed?.deltas ?? [];
    const slots: Slot[] = [];
    const touched = new Set<ChannelRedactor>();
    for (const d of deltas) {
      if (isFinalChannel(d.channel)) { slots.push({ whole: new WholeText(d.text, d.channel, this.filters) }); continue; }
      const ch = this.channel(d.channel);
      const [start, end] = ch.append(d.text);
      slots.push({ ch, start, end });
      touched.add(ch);
    }
    for (const ch of touched) ch.advance();
    // Only consulted while something is held: with an empty queue every channel is already decided.
    const ends = this.heldEvents > 0 || touched.size > 0 ? channelEnds(this.api, event, deltas) : null;
    if (ends === 'all') for (const ch of this.channels.values()) ch.finish();
    else if (ends) {
      for (const [name, ch] of this.channels) if (ends.some((p) => endsChannel(p, name))) ch.finish();
    }
    this.queue.push({ event, parsed: slots.length > 0 ? parsed : null, slots });
    this.held += event.raw.length;
  }

  /**
   * Over the byte cap: the channels the oldest waiting events need give up their undecided text
   * (ChannelRedactor.force: replaced, never passed unscanned) until what remains held fits. Runs once
   * per chunk, so a single chunk's events may exceed the cap until they are released at its end.
   */
  private enforceCap(): void {
    let bytes = this.held;
    for (let i = this.head; bytes > this.maxHeldBytes && i < this.queue.length; i++) {
      const h = this.queue[i]!;
      for (const slot of h.slots) {
        if ('ch' in slot && slot.end > slot.ch.stable) {
          slot.ch.force();
          this.forcedFinalisations += 1;
        }
      }
      bytes -= h.event.raw.length;
    }
  }

  private ready(h: Held): boolean {
    for (const slot of h.slots) if ('ch' in slot && slot.end > slot.ch.stable) return false;
    return true;
  }

  private pendingReplacements(): Replacement[] {
    const out: Replacement[] = [];
    for (const ch of this.channels.values()) out.push(...ch.edits.pending());
    for (let i = this.head; i < this.queue.length; i++) {
      for (const slot of this.queue[i]!.slots) if ('whole' in slot) out.push(...slot.whole.edits.pending());
    }
    return out;
  }

  private release(end: boolean): Uint8Array {
    const parts: Uint8Array[] = [];
    while (this.head < this.queue.length && this.ready(this.queue[this.head]!)) {
      const h = this.queue[this.head]!;
      parts.push(this.emit(h));
      this.held -= h.event.raw.length;
      this.queue[this.head] = undefined as unknown as Held; // let the event be collected
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (end && this.tail) { parts.push(this.tail); this.tail = null; }
    return parts.length === 0 ? new Uint8Array(0) : concat(parts);
  }

  private emit(h: Held): Uint8Array {
    if (!h.parsed) return h.event.raw;
    let changed = false;
    const texts = h.slots.map((slot, i) => {
      const text = 'whole' in slot ? slot.whole.render() : slot.ch.render(slot.start, slot.end);
      if ('ch' in slot) slot.ch.released(slot.end);
      if (text !== h.parsed!.deltas[i]!.text) changed = true;
      return text;
    });
    if (!changed) return h.event.raw;
    this.rewrites += 1;
    return h.parsed.rebuild(texts);
  }
}

/** Lets each filter prepare its own pending findings (one call per filter, run concurrently); undefined when none has work. */
function prepare(pending: readonly Replacement[]): Promise<void> | undefined {
  if (pending.length === 0) return undefined;
  const byFilter = new Map<ResponseTextFilter, FilterFinding[]>();
  for (const r of pending) {
    if (!r.filter.prepare) continue;
    const list = byFilter.get(r.filter) ?? [];
    list.push(r.item);
    byFilter.set(r.filter, list);
  }
  const work: Promise<void>[] = [];
  for (const [filter, items] of byFilter) {
    const p = filter.prepare?.(items);
    if (p) work.push(p);
  }
  return work.length === 0 ? undefined : Promise.all(work).then(() => undefined);
}

function parseJsonBody(api: ApiKind, body: Uint8Array, filters: readonly ResponseTextFilter[], usage: TokenUsage) {
  // Parsed once, for the usage figures and the texts; error pages and non-JSON give undefined and pass.
  const payload = parseJsonBytes(body);
  readUsage(payload, usage);
  const adapter = jsonAdapterFor(api);
  if (filters.length === 0 || !adapter) return null;
  const parsed = adapter.fromPayload(payload);
  if (!parsed) return null;
  return { parsed, wholes: parsed.texts.map((d) => new WholeText(d.text, d.channel, filters)) };
}

function renderJsonBody(job: NonNullable<ReturnType<typeof parseJsonBody>>): Uint8Array | null {
  let changed = false;
  const texts = job.wholes.map((w) => {
    const out = w.render();
    if (out !== w.text) changed = true;
    return out;
  });
  return changed ? job.parsed.rebuild(texts) : null;
}

/** A whole JSON reply: returns the rewritten body, or null when nothing changed. Throws ResponseBlockedError. */
export function rewriteJsonBody(api: ApiKind, body: Uint8Array, filters: readonly ResponseTextFilter[], usage: TokenUsage): Uint8Array | null {
  const job = parseJsonBody(api, body, filters, usage);
  return job ? renderJsonBody(job) : null;
}

/** rewriteJsonBody, after letting the filters prepare what the findings need (e.g. token look-ups). */
export function rewriteJsonBodyAsync(api: ApiKind, body: Uint8Array, filters: readonly ResponseTextFilter[], usage: TokenUsage): MaybePromise<Uint8Array | null> {
  const job = parseJsonBody(api, body, filters, usage);
  if (!job) return null;
  const preparing = prepare(job.wholes.flatMap((w) => w.edits.pending()));
  return preparing ? preparing.then(() => renderJsonBody(job)) : renderJsonBody(job);
}
