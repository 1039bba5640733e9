// Client for an optional external injection classifier: a text-classification model behind an HTTP
// model server (e.g. a prompt-guard model served by TEI, KServe or a Hugging Face pipeline).
//
// Request: POST {url} with {"inputs": "<text>"}. Accepted responses, the common pipeline shapes:
//   [{"label": "INJECTION", "score": 0.98}, ...]      one input, all or top-k labels
//   [[{"label": "INJECTION", "score": 0.98}, ...]]    a batch of one
//   {"label": "INJECTION", "score": 0.98}             top-1 only
// Score = the summed scores of the positive labels (capped at 1): for a softmax model with several attack
// classes (INJECTION, JAILBREAK) the attack probability is their sum, and taking only the largest would
// let a split 0.45/0.45 pass. With no positive label listed, 1 - the summed negative scores, an upper bound
// on what the missing labels could hold.
//
// The guard sits on the request path, so every call is bounded: a timeout well inside the per-message
// budget, a circuit breaker that stops calling a failing server (N consecutive failures open it for a
// cooldown, then one half-open probe decides), an LRU cache keyed by a hash of the text (retries and
// resent history cost nothing; the text itself is never kept), and one in-flight call per distinct text.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ClassifierConfig } from './policy.js';

export type ClassifierOutcome = 'ok' | 'timeout' | 'error' | 'circuit_open' | 'cache_hit';

/** The lead wires this to prom-client: a histogram of seconds labelled by outcome (a closed set). */
export interface ClassifierMetrics {
  observe(outcome: ClassifierOutcome, seconds: number): void;
}

export type ClassifierResult =
  | { readonly ok: true; readonly score: number }
  | { readonly ok: false; readonly outcome: 'timeout' | 'error' | 'circuit_open' };

export interface ClassifierDeps {
  readonly fetch?: typeof fetch;
  /** Milliseconds; the breaker's clock. */
  readonly now?: () => number;
  readonly metrics?: ClassifierMetrics;
}

// ---------------------------------------------------------------------------------------------------
// Response shapes

interface LabelScore {
  readonly label: string;
  readonly score: number;
}

function labelScore(value: unknown): LabelScore | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { label, score } = value as { label?: unknown; score?: unknown };
  if (typeof label !== 'string' || typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) return null;
  return { label, score };
}

/** The injection score in [0, 1] from a classification response, or null when the shape is not one we know. */
export function scoreFromResponse(json: unknown, positiveLabels: ReadonlySet<string>): number | null {
  let items: unknown[];
  if (Array.isArray(json)) items = json.length === 1 && Array.isArray(json[0]) ? (json[0] as unknown[]) : json;
  else items = [json];
  if (items.length === 0) return null;
  let positive = 0;
  let negative = 0;
  let sawPositive = false;
  for (const item of items) {
    const ls = labelScore(item);
    if (ls === null) return null;
    if (positiveLabels.has(ls.label.toUpperCase())) {
      positive += ls.score;
      sawPositive = true;
    } else negative += ls.score;
  }
  return sawPositive ? Math.min(1, positive) : Math.max(0, 1 - negative);
}

// ---------------------------------------------------------------------------------------------------
// Circuit breaker

export type CircuitState = 'closed' | 'open' | 'half_open';
type Ticket = 'call' | 'probe';

/**
 * closed -> (N consecutive failures) -> open -> (cooldown elapsed: the next call is the probe) ->
 * half_open -> probe succeeds: closed / probe fails: open again for a full cooldown. While the probe is
 * in flight every other call is refused, so a recovering server sees one request, not a stampede.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;

  constructor(private readonly threshold: number, private readonly cooldownMs: number, private readonly now: () => number) {}

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.probing ? 'half_open' : 'open';
  }

  /** A ticket to call, or null when the circuit refuses. */
  acquire(): Ticket | null {
    if (this.openedAt === null) return 'call';
    if (this.probing || this.now() - this.openedAt < this.cooldownMs) return null;
    this.probing = true;
    return 'probe';
  }

  settle(ticket: Ticket, ok: boolean): void {
    if (ticket === 'probe') {
      this.probing = false;
      if (ok) this.close();
      else this.openedAt = this.now();
      return;
    }
    // A call issued while closed: late results after the circuit opened do not move it.
    if (this.openedAt !== null) return;
    if (ok) this.failures = 0;
    else if (++this.failures >= this.threshold) this.openedAt = this.now();
  }

  private close(): void {
    this.failures = 0;
    this.openedAt = null;
  }
}

// ---------------------------------------------------------------------------------------------------
// LRU

/** A bounded LRU on Map's insertion order: a hit moves the key to the back, the front is evicted. */
export class LruCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    if (this.max <= 0) return;
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

// ---------------------------------------------------------------------------------------------------
// Client

export type ClassifierClientConfig = Omit<ClassifierConfig, 'url'> & { readonly url: string };

type Fetched = { ok: true; score: number } | { ok: false; outcome: 'timeout' | 'error' };

export class ClassifierClient {
  private readonly breaker: CircuitBreaker;
  private readonly cache: LruCache<number>;
  private readonly inflight = new Map<string, Promise<ClassifierResult>>();
  private readonly positive: ReadonlySet<string>;
  private readonly fetchFn: typeof fetch;
  private readonly metrics: ClassifierMetrics | undefined;

  constructor(private readonly cfg: ClassifierClientConfig, deps: ClassifierDeps = {}) {
    this.breaker = new CircuitBreaker(cfg.breaker.failures, cfg.breaker.cooldownMs, deps.now ?? Date.now);
    this.cache = new LruCache<number>(cfg.cacheSize);
    this.positive = new Set(cfg.positiveLabels.map((l) => l.toUpperCase()));
    this.fetchFn = deps.fetch ?? fetch;
    this.metrics = deps.metrics;
  }

  get circuit(): CircuitState {
    return this.breaker.state;
  }

  /** Never throws: failures come back as outcomes, for the caller's fail mode to judge. */
  async classify(text: string): Promise<ClassifierResult> {
    const started = performance.now();
    const input = text.length > this.cfg.maxInputChars ? text.slice(0, this.cfg.maxInputChars) : text;
    const key = createHash('sha256').update(input).digest('hex');
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.observe('cache_hit', started);
      return { ok: true, score: cached };
    }
    // Concurrent requests for the same text (retries, fan-out) share one call; only its owner is measured.
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const call = this.call(key, input, started).finally(() => this.inflight.delete(key));
    this.inflight.set(key, call);
    return call;
  }

  private async call(key: string, input: string, started: number): Promise<ClassifierResult> {
    const ticket = this.breaker.acquire();
    if (ticket === null) {
      this.observe('circuit_open', started);
      return { ok: false, outcome: 'circuit_open' };
    }
    const result = await this.fetchScore(input);
    this.breaker.settle(ticket, result.ok);
    this.observe(result.ok ? 'ok' : result.outcome, started);
    if (result.ok) this.cache.set(key, result.score);
    return result;
  }

  private async fetchScore(input: string): Promise<Fetched> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.cfg.timeoutMs);
    try {
      const res = await this.fetchFn(this.cfg.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ inputs: input }),
        signal: abort.signal,
      });
      // The body is read under the same timeout (a server that sends headers and then stalls is slow
      // too), and read even on an error status so the keep-alive connection can be reused.
      const raw = await res.text();
      if (!res.ok) return { ok: false, outcome: 'error' };
      const score = scoreFromResponse(JSON.parse(raw) as unknown, this.positive);
      return score === null ? { ok: false, outcome: 'error' } : { ok: true, score };
    } catch {
      return { ok: false, outcome: abort.signal.aborted ? 'timeout' : 'error' };
    } finally {
      clearTimeout(timer);
    }
  }

  private observe(outcome: ClassifierOutcome, started: number): void {
    this.metrics?.observe(outcome, (performance.now() - started) / 1000);
  }
}

/** How the classifier's score meets the heuristic's (see ClassifierConfig.combine). */
export function combineScores(heuristic: number, classifier: number, cfg: Pick<ClassifierConfig, 'combine' | 'weight'>): number {
  return cfg.combine === 'max' ? Math.max(heuristic, classifier) : cfg.weight * classifier + (1 - cfg.weight) * heuristic;
}
