// Which HTTP requests are LLM API calls, and in which shape. Matching is exact on the path: Envoy's
// normalize_path and merge_slashes are expected to have canonicalised it before ext_proc sees it, and
// anything unmatched is for the caller's default policy to decide, not for this table to guess at.
import type { ApiKind } from './model.js';

export interface LlmRoute {
  readonly method: string;
  readonly path: string;
  readonly api: ApiKind;
}

/** The built-in routes, exported so configuration can extend or replace the table. */
export const LLM_ROUTES: readonly LlmRoute[] = Object.freeze([
  { method: 'POST', path: '/v1/chat/completions', api: 'openai-chat' },
  { method: 'POST', path: '/v1/responses', api: 'openai-responses' },
  { method: 'POST', path: '/v1/completions', api: 'openai-completions' },
  { method: 'POST', path: '/v1/embeddings', api: 'openai-embeddings' },
  { method: 'POST', path: '/v1/messages', api: 'anthropic-messages' },
] as const);

function stripQuery(path: string): string {
  const q = path.indexOf('?');
  const cut = q === -1 ? path : path.slice(0, q);
  // A fragment never reaches a server from a conforming client, but tolerate it like the query.
  const h = cut.indexOf('#');
  return h === -1 ? cut : cut.slice(0, h);
}

/** Classifies an HTTP method + path (query string ignored, trailing slash tolerated) into an ApiKind, or null. */
export function classifyRoute(method: string, path: string, routes: readonly LlmRoute[] = LLM_ROUTES): ApiKind | null {
  // Methods are case-sensitive in HTTP, but comparing case-insensitively costs nothing and means a
  // lower-case `post` that some upstream might accept can never slip past as "not an LLM route".
  const m = method.toUpperCase();
  let p = stripQuery(path);
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  for (const route of routes) {
    if (route.method.toUpperCase() === m && route.path === p) return route.api;
  }
  return null;
}
