// Test-only helpers shared by the adapter tests: build fixture events, and check that an adapter finds
// the expected texts and that its rebuild changes those texts and nothing else.
import { expect } from 'vitest';
import { SseParser, type SseEvent } from '../sse/parser.js';
import { parseJsonBytes } from './json.js';
import type { JsonAdapter, StreamAdapter } from './types.js';

export type Path = readonly (string | number)[];

/** One text an adapter must find: its channel, its value, and where it sits in the payload. */
export interface Want {
  readonly channel: string;
  readonly text: string;
  readonly path: Path;
}

const enc = new TextEncoder();

/** Parses bytes that must hold exactly one complete event. */
export function parseOne(bytes: Uint8Array): SseEvent {
  const parser = new SseParser();
  const events = parser.push(bytes);
  expect(parser.finish()).toHaveLength(0);
  expect(events).toHaveLength(1);
  return events[0]!;
}

/** A fixture event as a provider would send it: optional `event:` / `id:` lines, one data line. */
export function sseEvent(payload: unknown, opts: { event?: string; id?: string } = {}): SseEvent {
  let text = '';
  if (opts.event !== undefined) text += `event: ${opts.event}\n`;
  if (opts.id !== undefined) text += `id: ${opts.id}\n`;
  text += `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;
  return parseOne(enc.encode(text));
}

export function getPath(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

export function setPath(root: unknown, path: Path, value: unknown): void {
  const parent = getPath(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
}

/** A visibly different replacement, with characters JSON must escape and multi-byte ones. */
export function replacement(i: number): string {
  return `[redacted ${i}] "quoted"\n\\ é😀`;
}

function expectTexts(found: readonly { channel: string; text: string }[], payload: unknown, want: readonly Want[]) {
  expect(found).toEqual(want.map(({ channel, text }) => ({ channel, text })));
  for (const w of want) expect(getPath(payload, w.path)).toBe(w.text); // the fixture's own paths are right
}

/** The payload with the wanted texts replaced, as rebuild must produce it. */
function changed(payload: unknown, want: readonly Want[]): unknown {
  const copy = structuredClone(payload);
  want.forEach((w, i) => setPath(copy, w.path, replacement(i)));
  return copy;
}

export function checkStream(
  adapter: StreamAdapter,
  payload: unknown,
  want: readonly Want[],
  opts: { event?: string; id?: string } = {},
): void {
  const event = sseEvent(payload, opts);
  const parsed = adapter.parse(event);
  if (want.length === 0) {
    expect(parsed).toBeNull();
    return;
  }
  if (!parsed) throw new Error('expected a parsed event');
  expectTexts(parsed.deltas, payload, want);

  const same = parseOne(parsed.rebuild(parsed.deltas.map((d) => d.text)));
  expect(same.event).toBe(event.event);
  expect(same.id).toBe(event.id);
  expect(JSON.parse(same.data)).toEqual(payload);

  const rebuilt = parseOne(parsed.rebuild(want.map((_, i) => replacement(i))));
  expect(rebuilt.event).toBe(event.event);
  expect(rebuilt.id).toBe(event.id);
  expect(JSON.parse(rebuilt.data)).toEqual(changed(payload, want));
}

export function checkJson(adapter: JsonAdapter, payload: unknown, want: readonly Want[]): void {
  const parsed = adapter.fromPayload(parseJsonBytes(enc.encode(JSON.stringify(payload, null, 2))));
  if (!parsed) throw new Error('expected a parsed body');
  expectTexts(parsed.texts, payload, want);

  const same = parsed.rebuild(parsed.texts.map((t) => t.text));
  expect(JSON.parse(new TextDecoder().decode(same))).toEqual(payload);

  const rebuilt = parsed.rebuild(want.map((_, i) => replacement(i)));
  expect(JSON.parse(new TextDecoder().decode(rebuilt))).toEqual(changed(payload, want));
}

/** Inputs no adapter may choke on: each must give null. */
export const MALFORMED_DATA = ['[DONE]', '', 'not json', '{"truncated":', 'null', '42', '"str"', '[1,2]', '{}'];
