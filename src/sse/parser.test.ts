import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SseEventTooLargeError, SseParser, type SseEvent } from './parser.js';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { ignoreBOM: true });

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function run(chunks: readonly Uint8Array[], opts?: { maxEventBytes?: number }) {
  const parser = new SseParser(opts);
  const events: SseEvent[] = [];
  for (const c of chunks) events.push(...parser.push(c));
  return { events, rest: parser.finish() };
}

/** Event fields as plain values, for comparison (raw as text to get readable diffs). */
function view(e: SseEvent) {
  return { raw: dec.decode(e.raw), data: e.data, hasData: e.hasData, event: e.event, id: e.id };
}

function bytewise(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (b) => Uint8Array.of(b));
}

describe('SseParser: table', () => {
  const cases: { name: string; input: string; events: Partial<ReturnType<typeof view>>[]; rest?: string }[] = [
    { name: 'LF', input: 'data: hello\n\n', events: [{ raw: 'data: hello\n\n', data: 'hello', hasData: true }] },
    {
      name: 'CRLF with event and id',
      input: 'event: delta\r\nid: 42\r\ndata: {"a":1}\r\n\r\n',
      events: [{ raw: 'event: delta\r\nid: 42\r\ndata: {"a":1}\r\n\r\n', event: 'delta', id: '42', data: '{"a":1}' }],
    },
    {
      name: 'CR (the last event stays held: an LF could still follow its CR)',
      input: 'data: a\r\rdata: b\r\r',
      events: [{ raw: 'data: a\r\r', data: 'a' }],
      rest: 'data: b\r\r',
    },
    {
      name: 'mixed terminators',
      input: 'data: a\r\ndata: b\ndata: c\r\r\ndata: d\n\r\n',
      events: [{ raw: 'data: a\r\ndata: b\ndata: c\r\r\n', data: 'a\nb\nc' }, { raw: 'data: d\n\r\n', data: 'd' }],
    },
    {
      name: 'comment-only event',
      input: ': keep-alive\n\n',
      events: [{ raw: ': keep-alive\n\n', data: '', hasData: false, event: undefined }],
    },
    { name: 'comment inside an event', input: ':c\ndata: x\n: more\n\n', events: [{ data: 'x', hasData: true }] },
    { name: 'multi-line data', input: 'data: a\ndata:\ndata: b\n\n', events: [{ data: 'a\n\nb' }] },
    { name: 'no space after colon', input: 'data:x\n\n', events: [{ data: 'x' }] },
    { name: 'only one leading space stripped', input: 'data:  x \n\n', events: [{ data: ' x ' }] },
    { name: 'colon in value', input: 'data: a: b:c\n\n', events: [{ data: 'a: b:c' }] },
    { name: 'data without colon', input: 'data\n\n', events: [{ data: '', hasData: true }] },
    { name: 'two empty data lines', input: 'data\ndata\n\n', events: [{ data: '\n', hasData: true }] },
    { name: 'event without colon', input: 'event\ndata: x\n\n', events: [{ event: '', data: 'x' }] },
    { name: 'last event field wins', input: 'event: a\nevent: b\ndata: x\n\n', events: [{ event: 'b' }] },
    { name: 'id with NUL ignored', input: 'id: a\0b\ndata: x\n\n', events: [{ id: undefined, data: 'x' }] },
    { name: 'retry and unknown fields ignored', input: 'retry: 10\nfoo: bar\ndata: x\n\n', events: [{ data: 'x', event: undefined }] },
    { name: 'field name is case-sensitive', input: 'Data: x\n\n', events: [{ data: '', hasData: false }] },
    {
      name: 'extra blank line is its own empty event',
      input: 'data: a\n\n\n',
      events: [{ raw: 'data: a\n\n', data: 'a' }, { raw: '\n', data: '', hasData: false }],
    },
    { name: 'multi-byte UTF-8', input: 'data: é日本😀\n\n', events: [{ data: 'é日本😀' }] },
    { name: 'no BOM needed', input: 'data: a\n\n', events: [{ data: 'a' }] },
    {
      name: 'leading BOM stripped from fields, kept in raw',
      input: '\uFEFFdata: a\n\n',
      events: [{ raw: '\uFEFFdata: a\n\n', data: 'a', hasData: true }],
    },
    {
      name: 'blank line after a leading BOM ends an (empty) event',
      input: '\uFEFF\ndata: a\n\n',
      events: [{ raw: '\uFEFF\n', hasData: false }, { data: 'a' }],
    },
    {
      name: 'BOM later in the stream is not stripped',
      input: 'data: a\n\n\uFEFFdata: b\n\n',
      events: [{ data: 'a' }, { data: '', hasData: false }],
    },
    { name: 'unterminated tail', input: 'data: a\n\ndata: part', events: [{ data: 'a' }], rest: 'data: part' },
    { name: 'tail after one terminator', input: 'data: a\n', events: [], rest: 'data: a\n' },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const bytes = enc.encode(c.input);
      for (const chunks of [[bytes], bytewise(bytes)]) {
        const { events, rest } = run(chunks);
        expect(events.map(view)).toMatchObject(c.events);
        expect(events).toHaveLength(c.events.length);
        expect(dec.decode(rest)).toBe(c.rest ?? '');
        expect(concat([...events.map((e) => e.raw), rest])).toEqual(bytes);
      }
    });
  }
});

describe('SseParser: chunk boundaries', () => {
  it('treats a CR ending one chunk and an LF starting the next as one terminator', () => {
    const p = new SseParser();
    expect(p.push(enc.encode('data: a\r'))).toEqual([]);
    expect(p.push(enc.encode('\n\r'))).toEqual([]); // blank line ended by CR: wait for a possible LF
    expect(p.pendingBytes).toBe(10);
    const events = p.push(enc.encode('\ndata: b\r\n'));
    expect(events.map(view)).toEqual([{ raw: 'data: a\r\n\r\n', data: 'a', hasData: true, event: undefined, id: undefined }]);
    expect(p.pendingBytes).toBe(9);
    expect(dec.decode(p.finish())).toBe('data: b\r\n');
  });

  it('emits a CR-terminated event as soon as the next byte is not an LF', () => {
    const p = new SseParser();
    expect(p.push(enc.encode('data: a\n\r'))).toEqual([]);
    const events = p.push(enc.encode('data: b\n\n'));
    expect(events.map((e) => dec.decode(e.raw))).toEqual(['data: a\n\r', 'data: b\n\n']);
  });

  it('end() returns a final CR-terminated event as an event', () => {
    const p = new SseParser();
    p.push(enc.encode('data: a\r\r'));
    const { events, rest } = p.end();
    expect(events.map(view)).toMatchObject([{ raw: 'data: a\r\r', data: 'a' }]);
    expect(rest).toHaveLength(0);
    expect(p.pendingBytes).toBe(0);
  });

  it('end() returns an unterminated tail as bytes', () => {
    const p = new SseParser();
    p.push(enc.encode('data: a\n\ndata: b\r'));
    const { events, rest } = p.end();
    expect(events).toEqual([]);
    expect(dec.decode(rest)).toBe('data: b\r');
  });

  it('decodes only whole events, so a split inside a UTF-8 sequence is harmless', () => {
    const bytes = enc.encode('data: 😀é\n\n');
    const p = new SseParser();
    expect(p.push(bytes.subarray(0, 8))).toEqual([]); // inside the emoji
    const events = p.push(bytes.subarray(8));
    expect(events[0]?.data).toBe('😀é');
  });

  it('copies raw bytes, so the caller may reuse its chunk buffer', () => {
    const chunk = enc.encode('data: a\n\n');
    const [event] = new SseParser().push(chunk);
    chunk.fill(0);
    expect(dec.decode(event!.raw)).toBe('data: a\n\n');
  });

  it('finish() resets the parser', () => {
    const p = new SseParser();
    p.push(enc.encode('data: a\n\ndata: tail'));
    expect(p.pendingBytes).toBe(10);
    expect(dec.decode(p.finish())).toBe('data: tail');
    expect(p.pendingBytes).toBe(0);
    expect(p.finish()).toHaveLength(0);
    expect(p.push(enc.encode('\uFEFFdata: x\n\n'))[0]?.data).toBe('x'); // a fresh stream again
  });

  it('stays linear when an event arrives one byte at a time', () => {
    const bytes = enc.encode(`data: ${'x'.repeat(400_000)}\n\n`);
    const p = new SseParser();
    const started = performance.now();
    const events: SseEvent[] = [];
    for (let i = 0; i < bytes.length; i++) events.push(...p.push(bytes.subarray(i, i + 1)));
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toHaveLength(400_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('SseParser: maxEventBytes', () => {
  it('throws once a pending event exceeds the limit, and resets', () => {
    const p = new SseParser({ maxEventBytes: 16 });
    expect(p.push(enc.encode('data: 0123456789'))).toEqual([]); // 16 bytes: at the limit
    expect(() => p.push(enc.encode('x'))).toThrow(SseEventTooLargeError);
    expect(p.pendingBytes).toBe(0);
  });

  it('throws for a complete oversized event inside one chunk too', () => {
    const p = new SseParser({ maxEventBytes: 16 });
    expect(() => p.push(enc.encode('data: 0123456789abc\n\n'))).toThrow(SseEventTooLargeError);
  });

  it('accepts events of exactly the limit, each on its own', () => {
    const event = 'data: 0123456\n\n'; // 15 bytes
    const { events } = run([enc.encode(event.repeat(5))], { maxEventBytes: 15 });
    expect(events).toHaveLength(5);
  });

  it('defaults to 1 MiB', () => {
    const p = new SseParser();
    expect(() => p.push(new Uint8Array(1024 * 1024).fill(0x61))).not.toThrow();
    expect(() => p.push(Uint8Array.of(0x61))).toThrow(SseEventTooLargeError);
  });
});

// ---- property: chunking never changes the events ----

const TERMINATORS = ['\n', '\r\n', '\r'] as const;
const text = fc
  .array(fc.constantFrom('a', 'Z', ' ', ':', '{"k":1}', 'é', '日本', '😀', '\u2028', '\uFEFF', '\t', 'data'), { maxLength: 6 })
  .map((parts) => parts.join(''));
const line = fc.oneof(
  fc.record({ kind: fc.constant('data' as const), space: fc.boolean(), value: text }),
  fc.record({ kind: fc.constant('event' as const), space: fc.boolean(), value: text }),
  fc.record({ kind: fc.constant('id' as const), space: fc.boolean(), value: text }),
  fc.record({ kind: fc.constant('comment' as const), space: fc.boolean(), value: text }),
  fc.record({ kind: fc.constant('bare' as const), space: fc.constant(false), value: fc.constant('') }),
);
const eventArb = fc.record({
  lines: fc.array(fc.record({ line, eol: fc.constantFrom(...TERMINATORS) }), { minLength: 1, maxLength: 4 }),
  blank: fc.constantFrom(...TERMINATORS),
});
const streamArb = fc.record({
  events: fc.array(eventArb, { maxLength: 6 }),
  tail: fc.constantFrom('', 'data: part', 'data: é\r', ':x\n', 'data: 日'),
});

type Line = { kind: 'data' | 'event' | 'id' | 'comment' | 'bare'; space: boolean; value: string };

function lineText(l: Line): string {
  if (l.kind === 'comment') return `:${l.value}`;
  if (l.kind === 'bare') return 'data';
  return `${l.kind}:${l.space ? ' ' : ''}${l.value}`;
}

/** What a spec-conforming parser must report for one generated event. */
function expected(lines: readonly Line[]) {
  const data: string[] = [];
  for (const l of lines) {
    if (l.kind === 'bare') data.push('');
    else if (l.kind === 'data') data.push(l.space || !l.value.startsWith(' ') ? l.value : l.value.slice(1));
  }
  return { data: data.join('\n'), hasData: data.length > 0 };
}

function serialise(s: { events: { lines: { line: Line; eol: string }[]; blank: string }[]; tail: string }) {
  return s.events.map((e) => {
    let out = '';
    let prev = '';
    for (const { line: l, eol } of e.lines) {
      out += lineText(l) + eol;
      prev = eol;
    }
    // A lone LF right after a CR would merge with it into one CRLF; use a CRLF for the blank line then.
    const blank = prev === '\r' && e.blank === '\n' ? '\r\n' : e.blank;
    return out + blank;
  });
}

describe('SseParser: property', () => {
  it('any chunking yields the same events as one push, and loses no byte', () => {
    fc.assert(
      fc.property(streamArb, fc.array(fc.nat(), { maxLength: 12 }), (stream, cutSeeds) => {
        const eventTexts = serialise(stream);
        const input = enc.encode(eventTexts.join('') + stream.tail);
        const whole = run([input]);

        // Generated events come out as generated (the last one may be held if it ends in a CR).
        const complete = whole.events.length;
        expect(complete).toBeGreaterThanOrEqual(eventTexts.length - 1);
        whole.events.forEach((e, i) => {
          expect(dec.decode(e.raw)).toBe(eventTexts[i]);
          expect({ data: e.data, hasData: e.hasData }).toEqual(expected(stream.events[i]!.lines.map((l) => l.line)));
        });

        const cuts = [...new Set(cutSeeds.map((n) => n % (input.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let at = 0;
        for (const cut of [...cuts, input.length]) {
          chunks.push(input.subarray(at, cut));
          at = cut;
        }
        for (const split of [chunks, bytewise(input)]) {
          const got = run(split);
          expect(got.events.map(view)).toEqual(whole.events.map(view));
          expect(got.rest).toEqual(whole.rest);
          expect(concat([...got.events.map((e) => e.raw), got.rest])).toEqual(input);
        }
      }),
      { numRuns: 400 },
    );
  });
});
