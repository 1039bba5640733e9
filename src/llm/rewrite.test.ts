import { describe, expect, it } from 'vitest';
import type { JsonPath, LlmRequest, TextPart } from './model.js';
import { parseLlmRequest } from './parse-request.js';
import { applyBodyEdits, applyTextEdits, InvalidEditError, type BodyEdit } from './rewrite.js';
import { encode, GENEROUS_LIMITS, VALID_CASES } from './testing/request-fixtures.js';

/** Reads the value at a path; test-only, so no validation beyond what the assertions need. */
function getAt(root: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

function setAt(root: unknown, path: JsonPath, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
}

interface Located {
  readonly label: string;
  readonly part: TextPart;
  /** The request with only this part's text replaced. */
  readonly withText: (text: string) => LlmRequest;
}

/** Every TextPart of a request (message parts and tool call arguments) with a way to rebuild it. */
function locateParts(request: LlmRequest): Located[] {
  const out: Located[] = [];
  request.messages.forEach((m, i) => {
    const replaceMessage = (next: typeof m): LlmRequest => ({ ...request, messages: request.messages.map((x, k) => (k === i ? next : x)) });
    m.parts.forEach((part, j) => out.push({
      label: `messages[${i}].parts[${j}]`,
      part,
      withText: (text) => replaceMessage({ ...m, parts: m.parts.map((p, k) => (k === j ? { ...p, text } : p)) }),
    }));
    m.toolCalls.forEach((tc, j) => out.push({
      label: `messages[${i}].toolCalls[${j}]`,
      part: tc.arguments,
      withText: (text) => replaceMessage({ ...m, toolCalls: m.toolCalls.map((c, k) => (k === j ? { ...c, arguments: { ...c.arguments, text } } : c)) }),
    }));
  });
  return out;
}

const ROUND_TRIPS = VALID_CASES.flatMap((c) => {
  const parsed = parseLlmRequest(c.api, encode(c.body), GENEROUS_LIMITS);
  if (!parsed.ok) throw new Error(`fixture ${c.name} does not parse`);
  return locateParts(parsed.request).map((loc) => [`${c.name} :: ${loc.label}`, c.api, parsed.body, loc] as const);
});

describe('paths round-trip through applyTextEdits', () => {
  it('covers every text part of every fixture', () => {
    expect(ROUND_TRIPS.length).toBeGreaterThan(40);
  });

  it.each(ROUND_TRIPS)('%s', (_name, api, body, loc) => {
    const original = getAt(body, loc.part.path);
    // A tool_use input is an object presented as JSON: its edit must be JSON too.
    const isObject = typeof original !== 'string';
    const replacement = isObject ? '{"x":"X"}' : 'X';
    const snapshot = JSON.stringify(body);

    const bytes = applyTextEdits(body, [{ path: loc.part.path, text: replacement }]);
    const reparsed = parseLlmRequest(api, bytes, GENEROUS_LIMITS);
    if (!reparsed.ok) throw new Error(`rewritten body does not parse: ${reparsed.detail}`);

    expect(reparsed.request).toEqual(loc.withText(replacement));
    const expectedBody = JSON.parse(snapshot) as unknown;
    setAt(expectedBody, loc.part.path, isObject ? { x: 'X' } : 'X');
    expect(reparsed.body).toEqual(expectedBody);
    expect(JSON.stringify(body)).toBe(snapshot); // the parsed body is not mutated
    if (isObject) expect(() => applyTextEdits(body, [{ path: loc.part.path, text: 'X' }])).toThrow(InvalidEditError);
  });
});

describe('applyTextEdits', () => {
  const body = { model: 'm', messages: [{ role: 'user', content: 'a' }, { role: 'user', content: [{ type: 'text', text: 'b' }] }] };

  it('applies several edits, later edits to the same path winning', () => {
    const out = applyTextEdits(body, [
      { path: ['messages', 0, 'content'], text: 'first' },
      { path: ['messages', 1, 'content', 0, 'text'], text: 'second' },
      { path: ['messages', 0, 'content'], text: 'again' },
    ]);
    expect(JSON.parse(new TextDecoder().decode(out))).toEqual({
      model: 'm', messages: [{ role: 'user', content: 'again' }, { role: 'user', content: [{ type: 'text', text: 'second' }] }],
    });
    expect(body.messages[0]?.content).toBe('a');
  });

  it('re-serialises unchanged with no edits', () => {
    expect(new TextDecoder().decode(applyTextEdits(body, []))).toBe(JSON.stringify(body));
  });

  it('keeps key order and non-ASCII text', () => {
    const out = applyTextEdits({ z: 1, a: 'é', m: '😀' }, [{ path: ['a'], text: '€' }]);
    expect(new TextDecoder().decode(out)).toBe('{"z":1,"a":"€","m":"😀"}');
  });

  it('writes an own __proto__ key without touching any prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":"no"},"x":"y"}') as unknown;
    const out = applyTextEdits(parsed, [{ path: ['__proto__', 'polluted'], text: 'yes' }]);
    expect(new TextDecoder().decode(out)).toBe('{"__proto__":{"polluted":"yes"},"x":"y"}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each<[string, unknown, JsonPath, string]>([
    ['empty path', body, [], 'x'],
    ['missing key', body, ['missing'], 'x'],
    ['index out of range', body, ['messages', 5, 'content'], 'x'],
    ['string key into an array', body, ['messages', '0', 'content'], 'x'],
    ['number key into an object', body, [0], 'x'],
    ['through a string', body, ['model', 0], 'x'],
    ['target is an array', body, ['messages'], 'x'],
    ['target is a number', { n: 1 }, ['n'], '2'],
    ['inherited property', body, ['constructor'], 'x'],
    ['object target, invalid JSON', { input: { a: 1 } }, ['input'], '{"a":'],
    ['object target, JSON array', { input: { a: 1 } }, ['input'], '[1]'],
    ['body is not a container', 'text', [0], 'x'],
  ])('rejects %s with InvalidEditError', (_name, target, path, text) => {
    expect(() => applyTextEdits(target, [{ path, text }])).toThrow(InvalidEditError);
  });
});

describe('applyBodyEdits', () => {
  const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));
  const body = () => ({
    model: 'm',
    context: [{ source: 's', chunks: ['c'] }],
    messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }],
  });

  it('with text edits only, matches applyTextEdits byte for byte', () => {
    const edits = [{ path: ['messages', 1, 'content'], text: 'A' }, { kind: 'text' as const, path: ['messages', 3, 'content'], text: 'C' }];
    expect(applyBodyEdits(body(), edits)).toStrictEqual(applyTextEdits(body(), edits));
  });

  it('removes a key and inserts an element, paths addressing the body as parsed', () => {
    const original = body();
    const snapshot = JSON.stringify(original);
    const out = applyBodyEdits(original, [
      { kind: 'remove', path: ['context'] },
      { kind: 'insert', path: ['messages', 3], value: { role: 'user', content: 'ctx' } },
      // Given after the insert, still addresses the original messages[3].
      { path: ['messages', 3, 'content'], text: 'C' },
    ]);
    expect(decode(out)).toStrictEqual({
      model: 'm',
      messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'ctx' }, { role: 'user', content: 'C' }],
    });
    expect(JSON.stringify(original)).toBe(snapshot); // not mutated
  });

  it('applies several structural edits to one array in an order that keeps every original index valid', () => {
    const out = applyBodyEdits({ xs: ['a', 'b', 'c', 'd'] }, [
      { kind: 'insert', path: ['xs', 1], value: 'X1' },
      { kind: 'remove', path: ['xs', 2] },
      { kind: 'insert', path: ['xs', 1], value: 'X2' },
      { kind: 'insert', path: ['xs', 4], value: 'END' },
      { kind: 'insert', path: ['xs', 3], value: 'Y' },
      { kind: 'remove', path: ['xs', 3] },
    ]);
    // Inserts at one point keep their given order; a remove and an insert at one index: the original goes.
    expect(decode(out)).toStrictEqual({ xs: ['a', 'X1', 'X2', 'b', 'Y', 'END'] });
  });

  it('wraps a value, keeping earlier text edits to it', () => {
    const out = applyBodyEdits({ input: 'question' }, [
      { kind: 'wrap', path: ['input'], value: [{ role: 'user', content: 'ctx' }, { role: 'user', content: '' }], at: [1, 'content'] },
      { path: ['input'], text: 'redacted question' },
    ]);
    expect(decode(out)).toStrictEqual({ input: [{ role: 'user', content: 'ctx' }, { role: 'user', content: 'redacted question' }] });
  });

  it('adds a key, and a remove plus insert of one key replaces it', () => {
    expect(decode(applyBodyEdits({ a: 1 }, [{ kind: 'insert', path: ['b'], value: [2] }]))).toStrictEqual({ a: 1, b: [2] });
    expect(decode(applyBodyEdits({ a: null, z: 0 }, [{ kind: 'insert', path: ['a'], value: [1] }, { kind: 'remove', path: ['a'] }]))).toStrictEqual({ z: 0, a: [1] });
  });

  it('does not share inserted values with the verdict that carried them', () => {
    const value = { role: 'user', content: 'x' };
    applyBodyEdits({ xs: [] }, [{ kind: 'insert', path: ['xs', 0], value }]);
    expect(value).toStrictEqual({ role: 'user', content: 'x' });
  });

  it('removes an own __proto__ key without touching any prototype', () => {
    const parsed = JSON.parse('{"__proto__":{"p":1},"x":"y"}') as unknown;
    expect(new TextDecoder().decode(applyBodyEdits(parsed, [{ kind: 'remove', path: ['__proto__'] }]))).toBe('{"x":"y"}');
    expect(({} as Record<string, unknown>)['p']).toBeUndefined();
  });

  it.each<[string, unknown, BodyEdit]>([
    ['remove a missing key', { a: 1 }, { kind: 'remove', path: ['b'] }],
    ['remove past the end', { xs: [1] }, { kind: 'remove', path: ['xs', 1] }],
    ['remove with an empty path', { a: 1 }, { kind: 'remove', path: [] }],
    ['insert beyond the end', { xs: [1] }, { kind: 'insert', path: ['xs', 2], value: 0 }],
    ['insert a negative index', { xs: [1] }, { kind: 'insert', path: ['xs', -1], value: 0 }],
    ['insert an existing key', { a: 1 }, { kind: 'insert', path: ['a'], value: 0 }],
    ['insert an inherited key', { a: 1 }, { kind: 'insert', path: ['constructor', 'x'], value: 0 }],
    ['insert a string key into an array', { xs: [] }, { kind: 'insert', path: ['xs', 'k'], value: 0 }],
    ['wrap a missing value', { a: 1 }, { kind: 'wrap', path: ['b'], value: [null], at: [0] }],
    ['wrap without a placeholder', { a: 1 }, { kind: 'wrap', path: ['a'], value: [], at: [0] }],
    ['wrap into a scalar', { a: 1 }, { kind: 'wrap', path: ['a'], value: 'x', at: [0] }],
    ['wrap with an empty slot path', { a: 1 }, { kind: 'wrap', path: ['a'], value: [null], at: [] }],
  ])('rejects %s with InvalidEditError', (_name, target, edit) => {
    expect(() => applyBodyEdits(target, [edit])).toThrow(InvalidEditError);
  });
});
