// Loads the configuration once: YAML file (optional) -> environment overrides -> schema validation ->
// cross-field checks -> deep freeze. Every problem is reported together, so one run fixes them all.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { configSchema, type GuardConfig } from './schema.js';
import { re2 } from '../util/re2.js';
import { deepFreeze } from '../util/deep-freeze.js';

const INTEGER = re2('^-?[0-9]{1,15}$');

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Environment variables that override config keys. `NAME_FILE` reads the value from a file (secrets). */
export const ENV_OVERRIDES: Readonly<Record<string, { path: readonly string[]; type: 'int' | 'bool' | 'string' }>> = {
  GUARD_HOST: { path: ['server', 'host'], type: 'string' },
  GUARD_GRPC_PORT: { path: ['server', 'grpcPort'], type: 'int' },
  GUARD_ADMIN_HOST: { path: ['server', 'adminHost'], type: 'string' },
  GUARD_ADMIN_PORT: { path: ['server', 'adminPort'], type: 'int' },
  GUARD_DRAIN_DELAY_MS: { path: ['server', 'drainDelayMs'], type: 'int' },
  GUARD_DRAIN_TIMEOUT_MS: { path: ['server', 'drainTimeoutMs'], type: 'int' },
  GUARD_METADATA_NAMESPACE: { path: ['extproc', 'metadataNamespace'], type: 'string' },
  GUARD_REPLY_BUDGET_MS: { path: ['extproc', 'replyBudgetMs'], type: 'int' },
  GUARD_MAX_BODY_BYTES: { path: ['limits', 'maxBodyBytes'], type: 'int' },
  GUARD_SCAN_BUDGET_MS: { path: ['guards', 'redaction', 'scanBudgetMs'], type: 'int' },
  GUARD_REDIS_URL: { path: ['redis', 'url'], type: 'string' },
  GUARD_LOG_LEVEL: { path: ['logging', 'level'], type: 'string' },
  GUARD_TRACING_ENABLED: { path: ['tracing', 'enabled'], type: 'bool' },
  GUARD_OTLP_ENDPOINT: { path: ['tracing', 'otlpEndpoint'], type: 'string' },
};

function readEnvValue(env: Env, name: string, problems: string[]): string | undefined {
  const fileVar = env[`${name}_FILE`];
  if (fileVar !== undefined) {
    if (env[name] !== undefined) problems.push(`${name} and ${name}_FILE are both set; set one`);
    try {
      return readFileSync(fileVar, 'utf8').trim();
    } catch (err) {
      problems.push(`${name}_FILE: cannot read ${fileVar}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
      return undefined;
    }
  }
  return env[name];
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) node[key] = {};
    // A section the file mistyped stays as it is: the schema reports it (an override must not hide it).
    else if (typeof next !== 'object' || next === null || Array.isArray(next)) return;
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function applyEnv(raw: Record<string, unknown>, env: Env, problems: string[]): void {
  for (const [name, spec] of Object.entries(ENV_OVERRIDES)) {
    const text = readEnvValue(env, name, problems);
    if (text === undefined || text === '') continue;
    let value: unknown = text;
    if (spec.type === 'int') {
      if (!INTEGER.test(text)) { problems.push(`${name}: expected an integer`); continue; }
      value = Number(text);
    } else if (spec.type === 'bool') {
      if (!['true', 'false', '1', '0'].includes(text)) { problems.push(`${name}: expected true or false`); continue; }
      value = text === 'true' || text === '1';
    }
    setPath(raw, spec.path, value);
  }
}

function phraseChecks(guards: GuardConfig['guards'], problems: string[]): void {
  for (const list of ['deny', 'mask'] as const) {
    guards.phrases[list].forEach((phrase, i) => {
      if (phrase.trim() === '') problems.push(`guards.phrases.${list}[${i}]: blank phrase`);
    });
  }
}

function tracingChecks(tracing: GuardConfig['tracing'], problems: string[]): void {
  if (tracing.enabled && !tracing.otlpEndpoint) problems.push('tracing.enabled requires tracing.otlpEndpoint');
}

export interface LoadOptions { path?: string; env?: Env }

/** Loads, validates and freezes the configuration; throws ConfigError listing every problem. */
export function loadConfig(opts: LoadOptions = {}): Readonly<GuardConfig> {
  const env = opts.env ?? process.env;
  const problems: string[] = [];
  let raw: Record<string, unknown> = {};
  const path = opts.path ?? env.GUARD_CONFIG;
  if (path) {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new ConfigError([`cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`]);
    }
    try {
      const parsed: unknown = parseYaml(text) ?? {};
      if (typeof parsed !== 'object' || Array.isArray(parsed)) problems.push(`${path}: top level must be a mapping`);
      else raw = parsed as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError([`${path}: invalid YAML: ${err instanceof Error ? err.message.split('\n')[0] : 'parse error'}`]);
    }
  }
  applyEnv(raw, env, problems);
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    // Cross-field checks on the sections that did parse, so one run reports every problem.
    const guards = configSchema.shape.guards.safeParse(raw.guards);
    if (guards.success) phraseChecks(guards.data, problems);
    const tracing = configSchema.shape.tracing.safeParse(raw.tracing);
    if (tracing.success) tracingChecks(tracing.data, problems);
    throw new ConfigError(problems);
  }
  phraseChecks(result.data.guards, problems);
  tracingChecks(result.data.tracing, problems);
  if (result.data.guards.redaction.tokenStore.kind === 'redis' && !result.data.redis.url) {
    problems.push('guards.redaction.tokenStore.kind: redis requires redis.url (or GUARD_REDIS_URL)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(result.data);
}
