import { describe, expect, it } from 'vitest';
import type { ApiKind } from '../llm/model.js';
import { jsonAdapterFor, streamAdapterFor } from './index.js';
import { anthropicMessagesJson, anthropicMessagesStream } from './anthropic-messages.js';
import { openAiChatJson, openAiChatStream } from './openai-chat.js';
import { openAiResponsesJson, openAiResponsesStream } from './openai-responses.js';

describe('adapter lookup', () => {
  const table: [ApiKind, unknown, unknown][] = [
    ['openai-chat', openAiChatStream, openAiChatJson],
    ['openai-completions', openAiChatStream, openAiChatJson],
    ['openai-responses', openAiResponsesStream, openAiResponsesJson],
    ['anthropic-messages', anthropicMessagesStream, anthropicMessagesJson],
    ['openai-embeddings', null, null],
  ];
  for (const [api, stream, json] of table) {
    it(api, () => {
      expect(streamAdapterFor(api)).toBe(stream);
      expect(jsonAdapterFor(api)).toBe(json);
    });
  }
});
