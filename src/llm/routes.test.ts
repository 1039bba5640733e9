import { describe, expect, it } from 'vitest';
import type { ApiKind } from './model.js';
import { classifyRoute, LLM_ROUTES, type LlmRoute } from './routes.js';

describe('classifyRoute', () => {
  it.each<[string, string, ApiKind | null]>([
    ['POST', '/v1/chat/completions', 'openai-chat'],
    ['POST', '/v1/responses', 'openai-responses'],
    ['POST', '/v1/completions', 'openai-completions'],
    ['POST', '/v1/embeddings', 'openai-embeddings'],
    ['POST', '/v1/messages', 'anthropic-messages'],
    ['POST', '/v1/chat/completions/', 'openai-chat'],
    ['POST', '/v1/messages?beta=true', 'anthropic-messages'],
    ['POST', '/v1/messages/?beta=true', 'anthropic-messages'],
    ['POST', '/v1/responses#frag', 'openai-responses'],
    ['post', '/v1/chat/completions', 'openai-chat'],
    ['GET', '/v1/chat/completions', null],
    ['PUT', '/v1/messages', null],
    ['GET', '/v1/models', null],
    ['POST', '/v1/models', null],
    ['POST', '/v1/messages/count_tokens', null],
    ['POST', '/v1/responses/resp_123/cancel', null],
    ['POST', '/v1/chat/completions//', null],
    ['POST', '/V1/CHAT/COMPLETIONS', null],
    ['POST', '/api/v1/chat/completions', null],
    ['POST', '/v1/chat', null],
    ['POST', '', null],
    ['POST', '/', null],
    ['POST', '?/v1/messages', null],
  ])('%s %s -> %s', (method, path, expected) => {
    expect(classifyRoute(method, path)).toBe(expected);
  });

  it('covers every ApiKind exactly once in the built-in table', () => {
    const apis = LLM_ROUTES.map((r) => r.api);
    expect(new Set(apis).size).toBe(apis.length);
    expect(apis).toHaveLength(5);
  });

  it('the table is frozen and can be extended by passing a custom one', () => {
    expect(Object.isFrozen(LLM_ROUTES)).toBe(true);
    const routes: LlmRoute[] = [...LLM_ROUTES, { method: 'POST', path: '/openai/v1/chat/completions', api: 'openai-chat' }];
    expect(classifyRoute('POST', '/openai/v1/chat/completions', routes)).toBe('openai-chat');
    expect(classifyRoute('POST', '/openai/v1/chat/completions')).toBeNull();
  });
});
