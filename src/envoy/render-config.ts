// Renders envoy/envoy.yaml: fills ${NAME} placeholders and keeps `#@if NAME` blocks only when enabled.
// One template serves the demo, the stack, the tests, the benchmark and containers
// (`envoy-llm-guard render-envoy-config`), so what is tested is what ships.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** envoy/envoy.yaml, found above this module whether it runs from src/ or dist/src/. */
export function envoyTemplatePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, 'envoy', 'envoy.yaml');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('envoy/envoy.yaml not found');
}

function substitute(line: string, vars: Readonly<Record<string, string>>): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const start = line.indexOf('${', pos);
    if (start === -1) return out + line.slice(pos);
    const end = line.indexOf('}', start);
    if (end === -1) throw new Error(`envoy template: unclosed placeholder in: ${line.trim()}`);
    const name = line.slice(start + 2, end);
    const value = vars[name];
    if (value === undefined) throw new Error(`envoy template: no value for \${${name}}`);
    out += line.slice(pos, start) + value;
    pos = end + 1;
  }
}

export function renderTemplate(template: string, vars: Readonly<Record<string, string>>, flags: Readonly<Record<string, boolean>>): string {
  const out: string[] = [];
  const stack: boolean[] = [];
  for (const line of template.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#@if ')) { stack.push(flags[trimmed.slice(5).trim()] === true); continue; }
    if (trimmed === '#@end') { if (stack.pop() === undefined) throw new Error('envoy template: unbalanced #@end'); continue; }
    if (!stack.every(Boolean)) continue;
    // Comment lines are documentation: they may mention placeholders and are left as they are.
    out.push(trimmed.startsWith('#') ? line : substitute(line, vars));
  }
  if (stack.length > 0) throw new Error('envoy template: unclosed #@if');
  return out.join('\n');
}

export function renderEnvoyConfig(p: EnvoyParams): string {
  const upstream = new URL(p.upstreamUrl);
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:') throw new Error('upstream URL must be http or https');
  const upstreamTls = upstream.protocol === 'https:';
  const host = upstream.hostname.startsWith('[') ? upstream.hostname.slice(1, -1) : upstream.hostname;
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
    UPSTREAM_HOST: host,
    UPSTREAM_PORT: upstream.port || (upstreamTls ? '443' : '80'),
    METADATA_NAMESPACE: p.metadataNamespace ?? 'envoy-llm-guard',
    MESSAGE_TIMEOUT: p.messageTimeout ?? '1s',
    BUFFER_LIMIT_BYTES: String(p.bufferLimitBytes ?? 8 * 1024 * 1024),
    EDGE_RL_MAX_TOKENS: String(p.edgeRateLimit?.maxTokens ?? 1000),
    EDGE_RL_TOKENS_PER_FILL: String(p.edgeRateLimit?.tokensPerFill ?? 1000),
  };
  return renderTemplate(readFileSync(envoyTemplatePath(), 'utf8'), vars, { tls: p.tls !== undefined, upstream_tls: upstreamTls });
}

/** CLI flags of `render-envoy-config`, e.g. --upstream https://api.openai.com --guard-host guard. */
export function paramsFromArgs(args: readonly string[]): EnvoyParams {
  const get = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i === -1 ? undefined : args[i + 1];
  };
  const num = (flag: string, fallback: number): number => {
    const raw = get(flag);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} must be a port number`);
    return n;
  };
  const tlsPort = get('--tls-port');
  return {
    listenHost: get('--listen-host') ?? '0.0.0.0',
    listenPort: num('--listen-port', 8080),
    adminPort: num('--admin-port', 9901),
    guardHost: get('--guard-host') ?? '127.0.0.1',
    guardPort: num('--guard-port', 9001),
    upstreamUrl: get('--upstream') ?? 'http://127.0.0.1:11434',
    metadataNamespace: get('--metadata-namespace'),
    tls: tlsPort === undefined ? undefined : { port: num('--tls-port', 8443), certPath: get('--tls-cert') ?? '/etc/envoy/certs/server.crt', keyPath: get('--tls-key') ?? '/etc/envoy/certs/server.key' },
  };
}
