// Renders envoy/envoy.yaml: fills ${NAME} placeholders and keeps `#@if NAME` blocks only when enabled.
// The same template serves the demo, the stack, the tests and the benchmark, so they test what ships.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export interface EnvoyParams {
  listenHost?: string;
  listenPort: number;
  adminPort: number;
  guardHost?: string;
  guardPort: number;
  /** e.g. http://127.0.0.1:11434 or https://api.openai.com */
  upstreamUrl: string;
  tls?: { port: number; certPath: string; keyPath: string };
  metadataNamespace?: string;
  messageTimeout?: string;
  bufferLimitBytes?: number;
  edgeRateLimit?: { maxTokens: number; tokensPerFill: number };
}

export function renderTemplate(template: string, vars: Record<string, string>, flags: Record<string, boolean>): string {
  const out: string[] = [];
  const stack: boolean[] = [];
  for (const line of template.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#@if ')) { stack.push(flags[trimmed.slice(5).trim()] === true); continue; }
    if (trimmed === '#@end') { if (stack.pop() === undefined) throw new Error('unbalanced #@end'); continue; }
    if (stack.every(Boolean)) out.push(line);
  }
  if (stack.length > 0) throw new Error('unclosed #@if');
  // Comment lines are documentation: they may mention placeholders and are left as they are.
  return out.map((line) => (line.trimStart().startsWith('#') ? line : line.replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`envoy template: no value for \${${name}}`);
    return value;
  }))).join('\n');
}

export function renderEnvoyConfig(p: EnvoyParams): string {
  const upstream = new URL(p.upstreamUrl);
  const upstreamTls = upstream.protocol === 'https:';
  const vars: Record<string, string> = {
    ENVOY_ADMIN_HOST: '127.0.0.1',
    ENVOY_ADMIN_PORT: String(p.adminPort),
    LISTEN_HOST: p.listenHost ?? '127.0.0.1',
    LISTEN_PORT: String(p.listenPort),
    TLS_PORT: String(p.tls?.port ?? 0),
    TLS_CERT_PATH: p.tls?.certPath ?? '',
    TLS_KEY_PATH: p.tls?.keyPath ?? '',
    GUARD_HOST: p.guardHost ?? '127.0.0.1',
    GUARD_PORT: String(p.guardPort),
    UPSTREAM_HOST: upstream.hostname.replace(/^\[|\]$/g, ''),
    UPSTREAM_PORT: upstream.port || (upstreamTls ? '443' : '80'),
    METADATA_NAMESPACE: p.metadataNamespace ?? 'envoy-llm-guard',
    MESSAGE_TIMEOUT: p.messageTimeout ?? '1s',
    BUFFER_LIMIT_BYTES: String(p.bufferLimitBytes ?? 8 * 1024 * 1024),
    EDGE_RL_MAX_TOKENS: String(p.edgeRateLimit?.maxTokens ?? 1000),
    EDGE_RL_TOKENS_PER_FILL: String(p.edgeRateLimit?.tokensPerFill ?? 1000),
  };
  const template = readFileSync(join(repoRoot(), 'envoy', 'envoy.yaml'), 'utf8');
  return renderTemplate(template, vars, { tls: p.tls !== undefined, upstream_tls: upstreamTls });
}
