// The prompt-injection guard's policy: its config schema (the lead mounts it as `guards.injection`) and
// the small contract the guard expects from the detector. Unknown keys are rejected like everywhere else
// in the config, so a misspelt knob cannot silently switch a defence off.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------------
// The detector contract. These mirror src/injection/detector.ts structurally (Trust, InjectionResult,
// detectInjection's signature); they are restated here so the guard, the RAG firewall and their tests
// depend on the shape only, and take the detector as an injected function.

export type Trust = 'user' | 'untrusted';

export interface DetectionResult {
  /** Calibrated risk in [0, 1]. */
  readonly score: number;
  /** Stable signal ids (rule names, never matched text). */
  readonly signals: readonly string[];
  readonly obfuscated: boolean;
}

/** detectInjection, or (in production) the same behind the verdict cache. */
export type DetectFn = (text: string, trust: Trust) => DetectionResult;

/** The detector's calibrated operating points, used when the config leaves a threshold out. */
export interface DetectorDefaults {
  readonly threshold: number;
  readonly untrustedThreshold: number;
}

// ---------------------------------------------------------------------------------------------------
// Config

const score = z.number().min(0).max(1);
const HTTP_PROTOCOLS = ['http:', 'https:'];

export const ragConfigSchema = z.strictObject({
  /**
   * Source prefixes whose `context` chunks may reach the model. A prefix matches a source equal to it or
   * continuing after a separator (`/`, `?`, `#`, `:`), so `https://kb.example.com` does not admit
   * `https://kb.example.com.evil.net/`. Absent: every source is admitted (chunks are still scored).
   * Sources are labels the client's retriever attaches; the guard cannot verify them.
   */
  allowSources: z.array(z.string().min(1).max(2048)).max(10_000).optional(),
  /** A chunk from a source not on the list: dropped silently, or the whole request denied. */
  onUnlisted: z.enum(['drop', 'deny']).default('drop'),
  /**
   * A retrieved chunk or tool result scoring at or above untrustedThreshold. Default `drop`: such text
   * carries instructions, which data has no business carrying, so removing it defeats the attack without
   * relying on the model to obey a marker (spotlighting lowers attack success but does not remove it),
   * and unlike `deny` it cannot be turned into a denial of service by one poisoned document in a
   * knowledge base. A false positive costs one chunk, visible in logs and metrics.
   */
  onRisk: z.enum(['deny', 'drop', 'spotlight']).default('drop'),
}).prefault({});

export const classifierConfigSchema = z.strictObject({
  /** POST endpoint of a text-classification model (e.g. a prompt-guard model). Absent: no classifier. */
  // zod runs the refinement even after url() failed, so it must not throw on a non-URL.
  url: z.string().url().refine((u) => URL.canParse(u) && HTTP_PROTOCOLS.includes(new URL(u).protocol), 'must be an http or https URL').optional(),
  /** Per call; well inside extproc.replyBudgetMs, which bounds the whole request-body reply. */
  timeoutMs: z.number().int().min(1).max(10_000).default(60),
  /** Labels (case-insensitive) whose scores count as injection. */
  positiveLabels: z.array(z.string().min(1).max(100)).min(1).max(100).default(['INJECTION', 'JAILBREAK', 'LABEL_1']),
  /**
   * How the classifier's score meets the heuristic's: `max` (a classifier can only add detections, never
   * hide a heuristic hit), or `blend` = weight * classifier + (1 - weight) * heuristic.
   */
  combine: z.enum(['max', 'blend']).default('max'),
  weight: score.default(0.5),
  /** On timeout, error or open circuit: `open` decides on the heuristic alone; `closed` denies (503). */
  failMode: z.enum(['open', 'closed']).default('open'),
  /** Results cached by text hash; 0 disables the cache. */
  cacheSize: z.number().int().min(0).max(1_000_000).default(10_000),
  /**
   * Texts sent per request, most recent first: older turns were classified when they were new and are
   * usually cached, and a long tool-calling history must not fan out into dozens of calls.
   */
  maxTextsPerRequest: z.number().int().min(1).max(1000).default(8),
  /** Longer texts are cut before sending (the heuristic still sees all of them). */
  maxInputChars: z.number().int().min(1).max(1_000_000).default(16_384),
  breaker: z.strictObject({
    /** Consecutive failures that open the circuit. */
    failures: z.number().int().min(1).max(1000).default(5),
    /** How long the circuit stays open before one half-open probe is let through. */
    cooldownMs: z.number().int().min(1).max(3_600_000).default(5_000),
  }).prefault({}),
}).prefault({});

export const injectionConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** shadow: decide, log and count, change nothing (the `context` field is still moved into the prompt). */
  mode: z.enum(['enforce', 'shadow']).default('enforce'),
  /** What a detection does: `block` (deny, or the rag.onRisk action) or `flag` (log and count only). */
  action: z.enum(['block', 'flag']).default('block'),
  /** User (and replayed assistant) text. Absent: the detector's DEFAULT_THRESHOLD. */
  threshold: score.optional(),
  /** Tool results and retrieved chunks, checked more strictly. Absent: DEFAULT_UNTRUSTED_THRESHOLD. */
  untrustedThreshold: score.optional(),
  /** Entries of the verdict cache (hash of normalised text -> result) shared by all requests. */
  cacheSize: z.number().int().min(0).max(1_000_000).default(10_000),
  rag: ragConfigSchema,
  classifier: classifierConfigSchema,
}).prefault({});

export type InjectionConfig = z.infer<typeof injectionConfigSchema>;
export type RagConfig = z.infer<typeof ragConfigSchema>;
export type ClassifierConfig = z.infer<typeof classifierConfigSchema>;

/** The thresholds in force: the config's, else the detector's calibrated defaults. */
export function thresholds(cfg: Pick<InjectionConfig, 'threshold' | 'untrustedThreshold'>, defaults: DetectorDefaults): DetectorDefaults {
  return {
    threshold: cfg.threshold ?? defaults.threshold,
    untrustedThreshold: cfg.untrustedThreshold ?? defaults.untrustedThreshold,
  };
}
