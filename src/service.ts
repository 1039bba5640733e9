// The composition root: builds the guards, pipeline and servers from one frozen config snapshot.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { trace, type Tracer } from '@opentelemetry/api';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GuardConfig } from './config/schema.js';
import { startAdminServer, type AdminServer } from './admin/server.js';
import type { StreamDeps } from './extproc/deps.js';
import { startExtProcServer, type ExtProcServer } from './extproc/server.js';
import { ConfigError } from './config/load.js';
import { InjectionGuard } from './guards/injection.js';
import { RedactionGuard } from './guards/redaction.js';
import { PolicyError } from './redact/errors.js';
import { compileRedactionPolicy, type CompiledPolicy } from './redact/policy.js';
import { DEFAULT_RECOGNIZERS } from './redact/recognizers/index.js';
import { RedisTokenStore } from './redact/redis-token-store.js';
import { MemoryTokenStore } from './redact/token-store.js';
import { PhraseGuard } from './guards/phrases.js';
import { DEFAULT_THRESHOLD, DEFAULT_UNTRUSTED_THRESHOLD } from './injection/detector.js';
import { cachedDetect, VerdictCache } from './injection/verdict-cache.js';
import { RequestShapeGuard } from './guards/request-shape.js';
import type { ApiKind } from './llm/model.js';
import { classifyRoute, LLM_ROUTES } from './llm/routes.js';
import type { Guard } from './pipeline/guard.js';
import { Pipeline } from './pipeline/pipeline.js';
import type { GuardMetrics } from './telemetry/metrics.js';

/** The HMAC service secret for hash/tokenize pseudonyms: from the environment or a file, never config. */
function redactionSecret(envName: string, log: Logger): string | Buffer {
  const file = process.env[`${envName}_FILE`];
  const value = file ? readFileSync(file, 'utf8').trim() : process.env[envName];
  if (value) return value;
  // Without one, pseudonyms are stable only within this process; masking (the default) is unaffected.
  log.warn({ env: envName }, 'no redaction secret set: hash and tokenize pseudonyms change on restart');
  return randomBytes(32);
}

/** Compiles every redaction policy once; a pattern RE2 refuses is a configuration error, reported here. */
function redactionPolicies(cfg: GuardConfig['guards']['redaction']): (tenant: string) => CompiledPolicy {
  const problems: string[] = [];
  const compile = (name: string, raw: unknown): CompiledPolicy | undefined => {
    try {
      return compileRedactionPolicy(raw, DEFAULT_RECOGNIZERS);
    } catch (err) {
      if (err instanceof PolicyError) problems.push(...err.problems.map((p) => `guards.redaction.${name}: ${p}`));
      else throw err;
      return undefined;
    }
  };
  const fallback = compile('policy', cfg.policy);
  const tenants = new Map<string, CompiledPolicy | undefined>(Object.entries(cfg.tenants).map(([t, raw]) => [t, compile(`tenants.${t}`, raw)]));
  if (problems.length > 0 || !fallback) throw new ConfigError(problems);
  return (tenant) => tenants.get(tenant) ?? fallback;
}

/** Built at config load: a pattern RE2 refuses fails here, before the server accepts a stream. */
export function buildDeps(config: Readonly<GuardConfig>, log: Logger, metrics: GuardMetrics, tracer: Tracer = trace.getTracer('envoy-llm-guard'), redis?: Redis): StreamDeps {
  const shape = new RequestShapeGuard(config.limits);
  const guards: Guard[] = [shape];
  if (config.guards.phrases.enabled) guards.push(new PhraseGuard(config.guards.phrases));
  const injection = config.guards.injection;
  if (injection.enabled) {
    // Repeated system prompts, resent history and retries are scored once (bounded LRU).
    const cache = new VerdictCache(injection.cacheSize);
    guards.push(new InjectionGuard(injection, {
      detect: (text, trust) => cachedDetect(cache, text, trust),
      defaults: { threshold: DEFAULT_THRESHOLD, untrustedThreshold: DEFAULT_UNTRUSTED_THRESHOLD },
      classifierMetrics: { observe: (outcome, seconds) => metrics.injectionClassifierSeconds.observe({ outcome }, seconds) },
      metrics: { record: (source, kind, outcome) => metrics.injectionDetections.inc({ source, kind, outcome }) },
    }));
  }
  const redaction = config.guards.redaction;
  if (redaction.enabled) {
    // Last among content guards: the others judge the original text, then values are redacted.
    guards.push(new RedactionGuard({
      mode: redaction.mode,
      policyFor: redactionPolicies(redaction),
      secret: redactionSecret(redaction.secretEnv, log),
      store: redaction.tokenStore.kind === 'redis' && redis
        ? new RedisTokenStore(redis, { prefix: `${config.redis.keyPrefix}:tok` })
        : new MemoryTokenStore({ maxEntries: redaction.tokenStore.maxEntries }),
      storeFailMode: redaction.tokenStore.failMode,
      onFinding: (side, f) => metrics.redactions.inc({ side, entity: f.entity, action: f.action }),
      scanBudgetMs: redaction.scanBudgetMs,
    }));
  }
  const table = [...LLM_ROUTES, ...config.extproc.routes.map((r) => ({ method: 'POST', path: r.path, api: r.api }))];
  const routes = (method: string, path: string): ApiKind | null => classifyRoute(method, path, table);
  return { config, pipeline: new Pipeline(guards, metrics), shape, metrics, log, tracer, routes };
}

export interface RunningService {
  readonly grpc: ExtProcServer;
  readonly admin: AdminServer;
  /** Drain and stop; resolves when both servers are closed. */
  stop(): Promise<void>;
}

export async function startService(config: Readonly<GuardConfig>, log: Logger, metrics: GuardMetrics, tracer?: Tracer): Promise<RunningService> {
  // Redis only when something uses it; fail fast on a bad URL, reconnect in the background after that.
  const redis = config.redis.url && config.guards.redaction.tokenStore.kind === 'redis'
    ? new Redis(config.redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, lazyConnect: true })
    : undefined;
  if (redis) {
    redis.on('error', (err: Error) => log.warn({ err: { name: err.name, code: (err as NodeJS.ErrnoException).code } }, 'redis error'));
    await redis.connect();
  }
  const deps = buildDeps(config, log, metrics, tracer, redis);
  const grpc = await startExtProcServer(config.server.host, config.server.grpcPort, deps);
  const admin = await startAdminServer(config.server.adminHost, config.server.adminPort, metrics, () => grpc.serving);
  return {
    grpc, admin,
    async stop() {
      const { cancelled } = await grpc.drain(config.server.drainDelayMs, config.server.drainTimeoutMs);
      if (cancelled > 0) log.warn({ cancelled }, 'drain deadline passed; cancelled in-flight streams');
      await admin.close();
      redis?.disconnect();
    },
  };
}
