// Incremental Server-Sent Events parser over raw bytes, for rewriting a response stream in flight.
// Every byte that comes in goes out again, either in the `raw` of an event or in `finish()`, so a
// caller can pass untouched events through byte for byte and only re-serialise the ones it changes.
// Event boundaries follow the WHATWG "event stream interpretation" rules; text is decoded only once an
// event is complete, so chunk boundaries inside a UTF-8 sequence or between CR and LF are harmless.

export interface SseEvent {
  /** Exact bytes of the event as received, including its terminating blank line. */
  readonly raw: Uint8Array;
  /** Value of the last `event:` field, if any. */
  readonly event?: string;
  /** Data lines joined with '\n' (per the WHATWG SSE spec); '' when there was no data line. */
  readonly data: string;
  readonly hasData: boolean;
  readonly id?: string;
}

export class SseEventTooLargeError extends Error {
  override name = 'SseEventTooLargeError';
  constructor(readonly limit: number) {
    super(`SSE event larger than ${limit} bytes`);
  }
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const NUL = '\u0000';
const BOM = [0xef, 0xbb, 0xbf] as const;
const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
/** Above this, the hold buffer is dropped after each event instead of being reused (one big event must not pin memory). */
const KEEP_BUFFER_BYTES = 64 * 1024;
const EMPTY = new Uint8Array(0);
// ignoreBOM keeps a U+FEFF in the text: the spec strips a BOM only at the very start of the stream,
// and that one is skipped explicitly. Invalid UTF-8 becomes U+FFFD rather than failing the stream.
const DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

export class SseParser {
  readonly #max: number;
  /** Bytes of the incomplete event, in #buf[0, #len). Grows by doubling, capped at #max. */
  #buf: Uint8Array = EMPTY;
  #len = 0;
  // Scanner state, kept between pushes so each byte is looked at exactly once.
  /** No content byte since the last line terminator: the next terminator ends a blank line. */
  #lineEmpty = true;
  /** The last byte was a CR: an LF right after it is part of the same terminator. */
  #afterCR = false;
  /**
   * The held bytes are a whole event whose blank line ended with a CR at the end of the data seen so
   * far. Whether an LF follows (and belongs to this event) is only known from the next byte, so the
   * event is emitted then; emitting it at the CR would hand that LF to the next event, making `raw`
   * depend on where the chunks were cut.
   */
  #complete = false;
  /** How many bytes of a leading UTF-8 BOM were matched; -1 once past the start of the stream. */
  #bom = 0;
  /** The next event is the stream's first, the only one that may start with a BOM. */
  #first = true;

  constructor(opts?: { maxEventBytes?: number }) {
    this.#max = opts?.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  }

  /** Bytes held for the incomplete event. */
  get pendingBytes(): number {
    return this.#len;
  }

  /**
   * Feeds a chunk (any boundaries: mid-line, mid-UTF-8 sequence, mid CRLF); returns the events
   * completed by it. Throws SseEventTooLargeError when one event grows past maxEventBytes; the parser
   * is reset and the events completed earlier in the same chunk are lost, so the stream must be aborted.
   */
  push(chunk: Uint8Array): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0; // the current event's bytes in `chunk` begin here; earlier ones are held in #buf
    let lineEmpty = this.#lineEmpty;
    let afterCR = this.#afterCR;
    let complete = this.#complete;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (afterCR) {
        afterCR = false;
        if (b === LF) {
          // Second half of a CRLF: already counted as a terminator.
          if (complete) {
            complete = false;
            events.push(this.#emit(chunk, start, i + 1));
            start = i + 1;
          }
          continue;
        }
        if (complete) {
          complete = false;
          events.push(this.#emit(chunk, start, i));
          start = i;
        }
      }
      if (this.#bom >= 0) {
        if (b === BOM[this.#bom]) {
          // A leading BOM is not content: a blank line right after it must still end an event.
          this.#bom = this.#bom === BOM.length - 1 ? -1 : this.#bom + 1;
          continue;
        }
        if (this.#bom > 0) lineEmpty = false; // a partial BOM was ordinary content after all
        this.#bom = -1;
      }
      if (b === LF) {
        if (lineEmpty) {
          events.push(this.#emit(chunk, start, i + 1));
          start = i + 1;
        }
        lineEmpty = true;
      } else if (b === CR) {
        afterCR = true;
        complete = lineEmpty;
        lineEmpty = true;
      } else {
        lineEmpty = false;
      }
    }
    this.#lineEmpty = lineEmpty;
    this.#afterCR = afterCR;
    this.#complete = complete;
    this.#hold(chunk.subarray(start));
    return events;
  }

  /**
   * End of stream: returns the bytes of any unterminated trailing event (to be passed through as-is),
   * and resets. This includes a final event whose blank line ended with a lone CR (see `end()`).
   */
  finish(): Uint8Array {
    const rest = this.#buf.slice(0, this.#len);
    this.#reset();
    return rest;
  }

  /**
   * End of stream, like `finish()`, but a held event whose blank line ended with a CR is returned as an
   * event: no LF can follow any more, so it is complete. Use this when the last event must be guarded too.
   */
  end(): { events: SseEvent[]; rest: Uint8Array } {
    if (!this.#complete) return { events: [], rest: this.finish() };
    const event = this.#emit(EMPTY, 0, 0);
    this.#reset();
    return { events: [event], rest: EMPTY };
  }

  /** Builds the event made of the held bytes plus chunk[start, end), and empties the hold buffer. */
  #emit(chunk: Uint8Array, start: number, end: number): SseEvent {
    const size = this.#len + (end - start);
    if (size > this.#max) this.#fail();
    let raw: Uint8Array;
    if (this.#len === 0) {
      raw = chunk.slice(start, end); // a copy: the caller may reuse its chunk buffer
    } else {
      raw = new Uint8Array(size);
      raw.set(this.#buf.subarray(0, this.#len));
      raw.set(chunk.subarray(start, end), this.#len);
      this.#len = 0;
      if (this.#buf.length > KEEP_BUFFER_BYTES) this.#buf = EMPTY;
    }
    const skip = this.#first && startsWithBom(raw) ? BOM.length : 0;
    this.#first = false;
    return decodeEvent(raw, skip);
  }

  #hold(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const need = this.#len + bytes.length;
    if (need > this.#max) this.#fail();
    if (need > this.#buf.length) {
      const grown = new Uint8Array(Math.min(Math.max(need, this.#buf.length * 2, 256), this.#max));
      grown.set(this.#buf.subarray(0, this.#len));
      this.#buf = grown;
    }
    this.#buf.set(bytes, this.#len);
    this.#len = need;
  }

  #fail(): never {
    this.#reset();
    throw new SseEventTooLargeError(this.#max);
  }

  #reset(): void {
    this.#buf = EMPTY;
    this.#len = 0;
    this.#lineEmpty = true;
    this.#afterCR = false;
    this.#complete = false;
    this.#bom = 0;
    this.#first = true;
  }
}

function startsWithBom(raw: Uint8Array): boolean {
  return raw.length >= BOM.length && raw[0] === BOM[0] && raw[1] === BOM[1] && raw[2] === BOM[2];
}

/** Interprets the fields of one complete event (raw[skip..]); unknown fields such as `retry` are ignored. */
function decodeEvent(raw: Uint8Array, skip: number): SseEvent {
  const text = DECODER.decode(raw.subarray(skip));
  let event: string | undefined;
  let id: string | undefined;
  const data: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    let end = pos;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === LF || c === CR) break;
      end++;
    }
    // Empty lines carry no field (only the last one, the event's terminator, can occur here);
    // lines starting with a colon are comments.
    if (end > pos && text.charCodeAt(pos) !== COLON) {
      const line = text.slice(pos, end); // colon search stays within the line: no rescans of the event
      const colon = line.indexOf(':');
      let name = line;
      let value = '';
      if (colon >= 0) {
        name = line.slice(0, colon);
        value = line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
      }
      if (name === 'data') data.push(value);
      else if (name === 'event') event = value;
      else if (name === 'id' && !value.includes(NUL)) id = value; // the spec ignores ids containing NUL
    }
    pos = end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
  }
  return {
    raw,
    data: data.join('\n'),
    hasData: data.length > 0,
    ...(event === undefined ? {} : { event }),
    ...(id === undefined ? {} : { id }),
  };
}
