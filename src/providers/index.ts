// Picks the response adapter for a request's API shape. Embeddings replies hold no generated text.
import type { ApiKind } from '../llm/model.js';
import type { JsonAdapter, StreamAdapter } from './types.js';
import { anthropicMessagesJson, anthropicMessagesStream } from './anthropic-messages.js';
import { openAiChatJson, openAiChatStream } from './openai-chat.js';
import { openAiResponsesJson, openAiResponsesStream } from './openai-responses.js';

export { FINAL_SUFFIX, isFinalChannel } from './slots.js';

export function streamAdapterFor(api: ApiKind): StreamAdapter | null {
  switch (api) {
    case 'openai-chat':
    case 'openai-completions': // legacy completions stream `choices[].text` in the same envelope
      return openAiChatStream;
    case 'openai-responses':
      return openAiResponsesStream;
    case 'anthropic-messages':
      return anthropicMessagesStream;
    case 'openai-embeddings':
      return null;
  }
}

export function jsonAdapterFor(api: ApiKind): JsonAdapter | null {
  switch (api) {
    case 'openai-chat':
    case 'openai-completions':
      return openAiChatJson;
    case 'openai-responses':
      return openAiResponsesJson;
    case 'anthropic-messages':
      return anthropicMessagesJson;
    case 'openai-embeddings':
      return null;
  }
}
