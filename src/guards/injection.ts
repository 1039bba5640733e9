// Prompt-injection guard: role-aware scoring of every text the model will read, the RAG context firewall
// for tool results and the `context` extension field, and an optional external classifier.
//
// Who is trusted (why: instructions are legitimate only where the application speaks):
//   system, developer           trusted context, not scored: the application wrote them
//   user, assistant             scored with trust 'user' and `threshold`; assistant turns are history the
//                               client replays, so a forged one is as client-controlled as a user turn
//   tool results, function      scored with trust 'untrusted' and the stricter `untrustedThreshold`:
//   outputs, `context` chunks   data from elsewhere has no business carrying instructions at all
// Tool-call arguments are not scored: they are the model's own output, read by the tool, not by the model.
//
// What a detection does (action `block`): a user or assistant turn denies the request with
// prompt_injection_detected; an untrusted text gets rag.onRisk (deny, drop or spotlight; see rag.ts for
// the exact renderings). Action `flag` logs and counts instead. Mode `shadow` decides the same way but
// changes nothing, except that the `context` field is still moved into the prompt, since providers
// reject it. The source allowlist is policy, not detection: it applies under `flag` too.
// Deny reasons and logs name roles, positions, signal ids and scores; never text.
import type { LlmMessage, LlmRequest } from '../llm/model.js';
import { describePath } from '../llm/shape.js';
import { ClassifierClient, combineScores, type ClassifierMetrics, type ClassifierResult } from '../injection/classifier-client.js';
import { thresholds, type DetectFn, type DetectionResult, type DetectorDefaults, type InjectionConfig, type Trust } from '../injection/policy.js';
import {
  contextEdits, CONTEXT_APIS, parseContextField, renderContext, sourceAllowed, toolResultEdits, type ContextChunk, type Fate,
} from '../injection/rag.js';
import type { ErrorCode } from '../pipeline/catalogue.js';
import type { RequestContext } from '../pipeline/context.js';
import type { Guard, GuardMode } from '../pipeline/guard.js';
import { CONTINUE, continueWith, deny, type TextEdit, type Verdict } from '../pipeline/verdict.js';
import { andThen, type MaybePromise } from '../util/maybe-promise.js';

export type InjectionSource = 'user' | 'assistant' | 'tool' | 'context';
export type InjectionOutcome = 'deny' | 'drop' | 'spotlight' | 'flag' | 'shadow';

/** Counters for the lead to wire to prom-client; every label comes from a closed set. */
export interface InjectionMetrics {
  record(source: InjectionSource, kind: 'injection' | 'unlisted_source', outcome: InjectionOutcome): void;
}

export interface InjectionGuardDeps {
  /**
   * The detector. In production, detectInjection behind the shared verdict cache:
   * `(text, trust) => cachedDetect(verdictCache, text, trust)`, so resent history and retries cost nothing.
   */
  readonly detect: DetectFn;
  /** DEFAULT_THRESHOLD / DEFAULT_UNTRUSTED_THRESHOLD, used where the config leaves a threshold out. */
  readonly defaults: DetectorDefaults;
  /** Replaces the client built from `classifier.url` (tests, or a shared instance). */
  readonly classifier?: { classify(text: string): Promise<ClassifierResult> };
  readonly classifierMetrics?: ClassifierMetrics;
  readonly metrics?: InjectionMetrics;
}

/**
 * The guard reads the parsed body for the `context` field, which the normalised model does not carry.
 * `body` is optional so this is the plain RequestContext once the pipeline sets it there.
 */
export type InjectionContext = RequestContext & { readonly body?: unknown };

interface Target {
  readonly source: InjectionSource;
  readonly trust: Trust;
  readonly text: string;
  /** A position for logs and reasons, e.g. messages[3].content or context[0].chunks[2]. */
  readonly at: string;
  readonly message?: LlmMessage;
  readonly chunkIndex?: number;
}

interface Scored extends Target {
  readonly score: number;
  readonly signals: readonly string[];
  readonly risky: boolean;
}

interface Event {
  readonly source: InjectionSource;
  readonly kind: 'injection' | 'unlisted_source';
  readonly at: string;
  readonly outcome: Exclude<InjectionOutcome, 'shadow'>;
  readonly score?: number;
  readonly signals?: readonly string[];
}

type Scoring = { ok: true; scored: Scored[] } | { ok: false; outcome: string };

/** Classifier scores by target index (undefined: not asked), and the first failure if any call failed. */
interface Classified { scores: (number | undefined)[]; failure?: string }

const MAX_REASON_SIGNALS = 8;

export class InjectionGuard implements Guard {
  readonly name = 'injection';
  readonly mode: GuardMode;
  private readonly limits: DetectorDefaults;
  private readonly classifier: InjectionGuardDeps['classifier'];

  constructor(private readonly cfg: InjectionConfig, private readonly deps: InjectionGuardDeps) {
    this.mode = cfg.mode;
    this.limits = thresholds(cfg, deps.defaults);
    const url = cfg.classifier.url;
    this.classifier = deps.classifier ?? (url === undefined ? undefined : new ClassifierClient({ ...cfg.classifier, url }, { metrics: deps.classifierMetrics }));
  }

  /** Synchronous unless the external classifier is called. */
  checkRequest(ctx: InjectionContext, request: LlmRequest): MaybePromise<Verdict> {
    const field = parseContextField(ctx.body);
    if (!field.ok) return deny('invalid_request_shape', field.detail);
    if (field.present && !CONTEXT_APIS.includes(request.api)) return deny('invalid_request_shape', `the context extension is not supported on ${request.api}`);
    return andThen(this.enforce(ctx, request, field.present, field.chunks), (enforced) => {
      if (this.mode === 'enforce') return enforced;
      // Shadow: the request as it would be without this guard, plus the translation providers require.
      const passthrough = moveContext(request, ctx.body, field.present, field.chunks, field.chunks.map(() => 'keep'), []);
      if (enforced.action === 'continue') return passthrough;
      return passthrough.action === 'continue' && passthrough !== CONTINUE ? { ...enforced, shadow: passthrough } : enforced;
    });
  }

  /** The verdict in enforce mode (shadow mode computes it too, to log and count what it would do). */
  private enforce(ctx: InjectionContext, request: LlmRequest, present: boolean, chunks: readonly ContextChunk[]): MaybePromise<Verdict> {
    const listed = chunks.map((c) => sourceAllowed(c.source, this.cfg.rag.allowSources));
    return andThen(this.score(ctx, targets(request, chunks, listed)), (scoring) => {
      if (!scoring.ok) return deny('guard_unavailable', `injection classifier ${scoring.outcome} (fail closed)`);
      const { denial, events, toolEdits, fates } = this.decide(scoring.scored, chunks, listed);
      this.report(ctx, events);
      return denial ? deny(denial.code, denial.reason) : moveContext(request, ctx.body, present, chunks, fates, toolEdits);
    });
  }

  private threshold(trust: Trust): number {
    return trust === 'user' ? this.limits.threshold : this.limits.untrustedThreshold;
  }

  private score(ctx: RequestContext, all: readonly Target[]): MaybePromise<Scoring> {
    // Identical texts in one request (a tool result quoted twice, the same chunk from two sources) are
    // scored once; across requests the verdict cache behind `detect` does the same.
    // Keyed by the text itself, per trust level: a `${trust}${text}` key would copy and hash every
    // prompt once more on each request.
    const memo: Partial<Record<Trust, Map<string, DetectionResult>>> = {};
    const heuristic = all.map((t) => {
      const seen = (memo[t.trust] ??= new Map<string, DetectionResult>());
      let result = seen.get(t.text);
      if (result === undefined) {
        result = this.deps.detect(t.text, t.trust);
        seen.set(t.text, result);
      }
      return result;
    });
    return andThen(this.classify(all, heuristic), (classified) => this.combine(ctx, all, heuristic, classified));
  }

  private combine(ctx: RequestContext, all: readonly Target[], heuristic: readonly DetectionResult[], classified: Classified): Scoring {
    if (classified.failure !== undefined) {
      ctx.log.warn({ guard: this.name, outcome: classified.failure, failMode: this.cfg.classifier.failMode }, 'injection classifier failed');
      if (this.cfg.classifier.failMode === 'closed') return { ok: false, outcome: classified.failure };
    }
    const scored = all.map((t, i): Scored => {
      const h = heuristic[i] as DetectionResult;
      const c = classified.scores[i];
      const score = c === undefined ? h.score : combineScores(h.score, c, this.cfg.classifier);
      const threshold = this.threshold(t.trust);
      const signals = c !== undefined && c >= threshold ? [...h.signals, 'classifier'] : h.signals;
      return { ...t, score, signals, risky: score >= threshold };
    });
    return { ok: true, scored };
  }

  /** Classifier scores by target index, for the most recent texts (context chunks come last). */
  /** Synchronous (no scores) without a classifier. */
  private classify(all: readonly Target[], heuristic: readonly DetectionResult[]): MaybePromise<Classified> {
    const client = this.classifier;
    if (!client) return { scores: [] };
    return this.callClassifier(client, all, heuristic);
  }

  private async callClassifier(client: NonNullable<InjectionGuardDeps['classifier']>, all: readonly Target[], heuristic: readonly DetectionResult[]): Promise<Classified> {
    const scores: (number | undefined)[] = [];
    const picked: number[] = [];
    for (let i = all.length - 1; i >= 0 && picked.length < this.cfg.classifier.maxTextsPerRequest; i--) {
      const t = all[i] as Target;
      // Under `max` a text the heuristic already flags cannot come out lower: no call needed.
      if (this.cfg.classifier.combine === 'max' && (heuristic[i] as DetectionResult).score >= this.threshold(t.trust)) continue;
      picked.push(i);
    }
    const results = await Promise.all(picked.map((i) => client.classify((all[i] as Target).text)));
    let failure: string | undefined;
    results.forEach((r, k) => {
      if (r.ok) scores[picked[k] as number] = r.score;
      else failure ??= r.outcome;
    });
    return failure === undefined ? { scores } : { scores, failure };
  }

  /** The enforce-mode decision: one denial at most, and each untrusted text's fate. */
  private decide(scored: readonly Scored[], chunks: readonly ContextChunk[], listed: readonly boolean[]) {
    const block = this.cfg.action === 'block';
    const { onRisk, onUnlisted } = this.cfg.rag;
    const events: Event[] = [];
    const toolEdits: TextEdit[] = [];
    const fates: Fate[] = listed.map((ok) => (ok ? 'keep' : 'drop'));
    let injection: { code: ErrorCode; reason: string } | undefined;
    let unlisted: { code: ErrorCode; reason: string } | undefined;

    chunks.forEach((c, i) => {
      if (listed[i]) return;
      const at = chunkAt(c);
      events.push({ source: 'context', kind: 'unlisted_source', at, outcome: onUnlisted });
      if (onUnlisted === 'deny') unlisted ??= { code: 'content_policy_violation', reason: `context source not allowlisted: ${at}` };
    });
    for (const t of scored) {
      if (!t.risky) continue;
      const outcome = !block ? 'flag' : t.trust === 'user' ? 'deny' : onRisk;
      events.push({ source: t.source, kind: 'injection', at: t.at, outcome, score: t.score, signals: t.signals });
      if (outcome === 'deny') injection ??= { code: 'prompt_injection_detected', reason: reasonFor(t) };
      else if (outcome === 'drop' || outcome === 'spotlight') {
        if (t.message) toolEdits.push(...toolResultEdits(t.message, outcome));
        if (t.chunkIndex !== undefined) fates[t.chunkIndex] = outcome;
      }
    }
    // A detected injection is the more useful answer to give (and to count) than a policy miss.
    return { denial: injection ?? unlisted, events, toolEdits, fates };
  }

  private report(ctx: RequestContext, events: readonly Event[]): void {
    for (const e of events) {
      this.deps.metrics?.record(e.source, e.kind, this.mode === 'shadow' ? 'shadow' : e.outcome);
      const score = e.score === undefined ? undefined : Math.round(e.score * 1000) / 1000;
      ctx.log.info({ guard: this.name, mode: this.mode, source: e.source, at: e.at, outcome: e.outcome, score, signals: e.signals },
        e.kind === 'injection' ? 'prompt injection detected' : 'context source not allowlisted');
    }
  }
}

/** Every text to score, in conversation order, then the admitted context chunks (the newest material). */
function targets(request: LlmRequest, chunks: readonly ContextChunk[], listed: readonly boolean[]): Target[] {
  const out: Target[] = [];
  for (const m of request.messages) {
    if (m.role === 'system' || m.role === 'developer') continue;
    const first = m.parts[0];
    // Parts are joined: an instruction split across parts of one turn is still one instruction.
    const text = m.parts.map((p) => p.text).join('\n');
    if (first === undefined || text.trim() === '') continue;
    const at = describePath(first.path);
    if (m.role === 'tool') out.push({ source: 'tool', trust: 'untrusted', text, at, message: m });
    else out.push({ source: m.role, trust: 'user', text, at });
  }
  chunks.forEach((c, i) => {
    // A chunk that is dropped or denied for its source anyway needs no score.
    if (listed[i] && c.text.trim() !== '') out.push({ source: 'context', trust: 'untrusted', text: c.text, at: chunkAt(c), chunkIndex: i });
  });
  return out;
}

function chunkAt(c: ContextChunk): string {
  return `context[${c.sourceIndex}].chunks[${c.chunkIndex}]`;
}

function reasonFor(t: Scored): string {
  const where = t.source === 'tool' ? 'tool result' : t.source === 'context' ? 'context chunk' : `${t.source} message`;
  const signals = t.signals.length === 0 ? 'none' : t.signals.slice(0, MAX_REASON_SIGNALS).join(',');
  return `prompt injection in ${where} at ${t.at}: signals ${signals}; score ${t.score.toFixed(2)}`;
}

/** Tool-result edits plus, when the body carries `context`, its removal and the rendered chunks. */
function moveContext(
  request: LlmRequest, body: unknown, present: boolean, chunks: readonly ContextChunk[], fates: readonly Fate[], edits: readonly TextEdit[],
): Verdict {
  if (!present) return continueWith(edits);
  const rendered = renderContext(chunks.map((chunk, i) => ({ chunk, fate: fates[i] ?? 'keep' })));
  const placed = contextEdits(request.api, body, rendered);
  if (!placed.ok) return deny('invalid_request_shape', placed.detail);
  return continueWith(edits, placed.edits);
}
