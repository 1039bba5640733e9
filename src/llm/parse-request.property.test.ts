import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiKind, JsonPath, LlmRequest } from './model.js';
import { parseLlmRequest, type ParseResult } from './parse-request.js';
import { applyTextEdits } from './rewrite.js';
import { GENEROUS_LIMITS } from './testing/request-fixtures.js';

const APIS: readonly ApiKind[] = ['openai-chat', 'openai-responses', 'openai-completions', 'openai-embeddings', 'anthropic-messages'];
const api = fc.constantFrom(...APIS);
const limits = fc.record({ maxBodyBytes: fc.integer({ min: 0, max: 1 << 16 }), maxJsonDepth: fc.integer({ min: 0, max: 40 }), maxMessages: fc.integer({ min: 0, max: 50 }) });
const utf8 = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

function getAt(root: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

/** Every text the parser reports must be exactly the value at its path (serialised, for tool_use input). */
function pathsAreExact(request: LlmRequest, body: unknown): void {
  for (const m of request.messages) {
    for (const part of [...m.parts, ...m.toolCalls.map((c) => c.arguments)]) {
      const value = getAt(body, part.path);
      expect(typeof value === 'string' ? value : JSON.stringify(value)).toBe(part.text);
    }
  }
}

function wellFormed(result: ParseResult): void {
  expect(typeof result.ok).toBe('boolean');
  if (result.ok) pathsAreExact(result.request, result.body);
  else expect(result.detail.length).toBeGreaterThan(0);
}

// Near-valid bodies reach far deeper into the shape code than arbitrary JSON, which almost always
// fails at the first field. Every field is usually well typed and occasionally anything at all, so
// both acceptance (with its paths) and each refusal branch get exercised.
const anyJson = fc.jsonValue({ maxDepth: 3 });
const mostly = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: anyJson, weight: 1 });
const text = fc.oneof(fc.string(), fc.constantFrom('', '[{"', '\\', '😀', '\u00e9'));
const textContent = fc.array(fc.record({ type: fc.constantFrom('text', 'input_text', 'image'), text }), { maxLength: 2 });
const part = fc.record({
  type: mostly(fc.constantFrom('text', 'input_text', 'output_text', 'refusal', 'image_url', 'tool_use', 'tool_result', 'thinking')),
  text: mostly(text),
  refusal: mostly(text),
  id: mostly(text),
  name: mostly(text),
  tool_use_id: mostly(text),
  input: mostly(fc.dictionary(fc.string(), anyJson, { maxKeys: 3 })),
  content: mostly(fc.oneof(text, textContent)),
});
const toolCall = fc.record({
  id: mostly(text),
  type: mostly(fc.constantFrom('function', 'custom', 'mystery')),
  function: mostly(fc.record({ name: mostly(text), arguments: mostly(text) })),
  custom: mostly(fc.record({ name: mostly(text), input: mostly(text) })),
});
const item = fc.record({
  role: mostly(fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool', 'function')),
  type: mostly(fc.constantFrom(undefined, 'message', 'function_call', 'function_call_output', 'custom_tool_call', 'custom_tool_call_output', 'reasoning')),
  content: mostly(fc.oneof(text, fc.constant(null), fc.array(part, { maxLength: 4 }))),
  tool_call_id: mostly(text),
  call_id: mostly(text),
  name: mostly(text),
  arguments: mostly(text),
  input: mostly(text),
  output: mostly(fc.oneof(text, textContent)),
  refusal: mostly(fc.oneof(text, fc.constant(null))),
  tool_calls: mostly(fc.array(toolCall, { maxLength: 3 })),
  function_call: mostly(fc.oneof(fc.constant(null), fc.record({ name: mostly(text), arguments: mostly(text) }))),
}, { requiredKeys: ['role', 'content', 'type'] });
const nearValidBody = fc.record({
  model: mostly(text),
  max_tokens: mostly(fc.nat()),
  max_completion_tokens: mostly(fc.oneof(fc.nat(), fc.constant(null))),
  max_output_tokens: mostly(fc.nat()),
  stream: mostly(fc.boolean()),
  messages: mostly(fc.array(item, { maxLength: 4 })),
  input: mostly(fc.oneof(text, fc.array(item, { maxLength: 4 }), fc.array(text), fc.array(fc.array(fc.nat())))),
  prompt: mostly(fc.oneof(text, fc.array(text), fc.constant(null))),
  suffix: mostly(text),
  instructions: mostly(fc.oneof(text, fc.constant(null))),
  system: mostly(fc.oneof(text, fc.array(fc.record({ type: mostly(fc.constant('text')), text: mostly(text) }), { maxLength: 2 }))),
}, { requiredKeys: ['model', 'max_tokens', 'messages'] });

describe('parseLlmRequest properties', () => {
  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(api, fc.uint8Array({ maxLength: 512 }), limits, (a, bytes, l) => {
      wellFormed(parseLlmRequest(a, bytes, l));
    }), { numRuns: 500 });
  });

  it('never throws on arbitrary UTF-8 text', () => {
    fc.assert(fc.property(api, fc.string({ unit: 'binary', maxLength: 200 }), (a, s) => {
      wellFormed(parseLlmRequest(a, new TextEncoder().encode(s), GENEROUS_LIMITS));
    }), { numRuns: 500 });
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(fc.property(api, fc.jsonValue(), limits, (a, value, l) => {
      wellFormed(parseLlmRequest(a, utf8(value), { ...l, maxBodyBytes: 1 << 20 }));
    }), { numRuns: 500 });
  });

  it('never throws on near-valid bodies, and reports exact paths when it accepts them', () => {
    fc.assert(fc.property(api, nearValidBody, (a, body) => {
      wellFormed(parseLlmRequest(a, utf8(body), GENEROUS_LIMITS));
    }), { numRuns: 1000 });
  });

  it('accepted bodies round-trip: rewriting every text part with itself reparses to the same request', () => {
    fc.assert(fc.property(api, nearValidBody, (a, value) => {
      const result = parseLlmRequest(a, utf8(value), GENEROUS_LIMITS);
      if (!result.ok) return;
      const edits = result.request.messages.flatMap((m) => [...m.parts, ...m.toolCalls.map((c) => c.arguments)]);
      const again = parseLlmRequest(a, applyTextEdits(result.body, edits), GENEROUS_LIMITS);
      expect(again).toEqual(result);
    }), { numRuns: 1000 });
  });
});
