// Anthropic Messages requests into the normalised model. Content blocks are flattened: text blocks
// become parts, tool_use blocks become tool calls and each tool_result becomes its own 'tool' message,
// so guards see tool output the same way whichever provider carried it.
import type { JsonPath, LlmMessage, LlmRequest, TextPart, ToolCall } from './model.js';
import {
  asRecord, fail, field, isRecord, llmRequest, message, oneOf, optionalBoolean, requireArray,
  requireString, requireTokenCount, textAt, toolCall, type JsonRecord,
} from './shape.js';

// 'system' inside messages is accepted because the current SDK's MessageParam union includes it
// (SystemMessageParam); the top-level `system` field remains the usual place for it.
const ROLES = ['user', 'assistant', 'system'] as const;

/** Top-level system: a string, or text blocks (the only block type the API allows there). */
function systemMessage(body: JsonRecord): LlmMessage | null {
  const system = field(body, 'system');
  if (system === undefined || system === null) return null;
  if (typeof system === 'string') return message('system', [{ text: system, path: ['system'] }]);
  if (!Array.isArray(system)) fail(['system'], 'must be a string or an array of text blocks');
  if (system.length === 0) return null;
  return message('system', system.map((raw, j) => textBlock(raw, ['system', j])));
}

function textBlock(raw: unknown, path: JsonPath): TextPart {
  const block = asRecord(raw, path);
  if (requireString(block, 'type', path) !== 'text') fail([...path, 'type'], 'must be text');
  return textAt(block, 'text', path);
}

/** tool_result content: a string, or blocks of which only text is readable (images, documents skipped). */
function toolResultParts(block: JsonRecord, at: JsonPath): TextPart[] {
  const content = field(block, 'content');
  const path = [...at, 'content'];
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return [{ text: content, path }];
  if (!Array.isArray(content)) fail(path, 'must be a string or an array of content blocks');
  const parts: TextPart[] = [];
  content.forEach((raw, k) => {
    const innerPath = [...path, k];
    const inner = asRecord(raw, innerPath);
    if (requireString(inner, 'type', innerPath) === 'text') parts.push(textAt(inner, 'text', innerPath));
  });
  return parts;
}

/**
 * One API message may yield several LlmMessages: each tool_result first (the API requires them to lead a
 * user turn, so this is also their order of appearance), then the turn itself unless it held nothing but
 * tool results.
 */
function turn(raw: unknown, at: JsonPath): LlmMessage[] {
  const msg = asRecord(raw, at);
  const role = oneOf(requireString(msg, 'role', at), ROLES, [...at, 'role']);
  const content = field(msg, 'content');
  const contentPath = [...at, 'content'];
  if (typeof content === 'string') return [message(role, [{ text: content, path: contentPath }])];
  if (!Array.isArray(content)) fail(contentPath, 'must be a string or an array of content blocks');

  const results: LlmMessage[] = [];
  const parts: TextPart[] = [];
  const calls: ToolCall[] = [];
  let otherBlocks = 0;
  content.forEach((rawBlock, j) => {
    const path = [...contentPath, j];
    const block = asRecord(rawBlock, path);
    const type = requireString(block, 'type', path);
    if (type === 'tool_result') {
      results.push(message('tool', toolResultParts(block, path), [], requireString(block, 'tool_use_id', path)));
      return;
    }
    otherBlocks++;
    if (type === 'text') parts.push(textAt(block, 'text', path));
    else if (type === 'tool_use') {
      const input = field(block, 'input');
      if (!isRecord(input)) fail([...path, 'input'], 'must be an object');
      // The arguments are the serialised input; the path points at the object, which the rewriter
      // parses back from the edited text (see rewrite.ts).
      const args = { text: JSON.stringify(input), path: [...path, 'input'] };
      calls.push(toolCall(requireString(block, 'id', path), requireString(block, 'name', path), args));
    }
    // image, document, search_result, thinking, redacted_thinking, server tool blocks: not inspected.
  });
  if (otherBlocks > 0 || results.length === 0) results.push(message(role, parts, calls));
  return results;
}

export function parseAnthropicMessages(body: JsonRecord): LlmRequest {
  const model = requireString(body, 'model', []);
  // Required by the API: without it the provider rejects the call, and quotas need the bound.
  const maxTokens = requireTokenCount(body, 'max_tokens', []);
  const messages: LlmMessage[] = [];
  const system = systemMessage(body);
  if (system !== null) messages.push(system);
  requireArray(body, 'messages', []).forEach((raw, i) => messages.push(...turn(raw, ['messages', i])));
  return llmRequest('anthropic-messages', model, optionalBoolean(body, 'stream', []) ?? false, maxTokens, messages);
}
