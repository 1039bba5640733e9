// Prompt-injection and jailbreak detector: normalise, count weighted cues over the text and every
// decoded payload, and map the sum to a calibrated score in [0, 1]. Pure and synchronous; a few linear
// RE2 passes per text, so it fits in the per-message budget of the guard.
import { normalize, type NormalizedText } from './normalize.js';
import { logit, sigmoid, SIGNAL_WEIGHTS, type Trust } from './score.js';
import { emptyCounts, SIGNALS, type Counts, type SignalId } from './signals/ids.js';
import { countMatches, PERSONA_ACRONYM, scanView } from './signals/scan.js';
import { instructionsInTables, questionLines, taskLines } from './signals/data-anomaly.js';
import { bareSecret, characterSheet, completionBait, identityOpener } from './signals/persona.js';
import { discountCodeNoise, isCodeDocument } from './signals/code-document.js';
import { IMAGE_WITH_NAMED_SLOT } from './signals/exfil.js';
import { SUFFIX_DENSITY, suffixDensity } from './signals/suffix.js';

export type { Trust } from './score.js';

export interface InjectionResult {
  readonly score: number;
  /** Signal ids (kinds of evidence), never content. */
  readonly signals: readonly string[];
  readonly obfuscated: boolean;
}

/** Operating point for user messages. */
export const DEFAULT_THRESHOLD = 0.5;
/** Lower: instructions have no business in tool results or retrieved documents at all. */
export const DEFAULT_UNTRUSTED_THRESHOLD = 0.35;

/** Evidence in a decoded payload counts as if it were in the clear, plus the act of hiding it. */
function scanPayloads(norm: NormalizedText, counts: Counts, directives: boolean): void {
  for (const p of norm.payloads) {
    const inner = emptyCounts();
    scanView(p.view, inner, directives);
    inner.persona_acronym += countMatches(PERSONA_ACRONYM, p.plain, 2);
    let found = false;
    for (const id of SIGNALS) {
      if (inner[id] > 0 && SIGNAL_WEIGHTS[id].user > 0) found = true;
      counts[id] += inner[id];
    }
    if (found) counts.encoded_instructions += 1;
  }
}

/**
 * Log-odds past which more evidence cannot matter (score above 0.9975): the scan stops there. The score
 * stays calibrated for every decision a tenant threshold can make; the signal list may then be partial.
 */
const SETTLED_LOGIT = 6;

/** Counts every signal for already-normalised text (exposed for the eval and tests). */
export function collectEvidence(norm: NormalizedText, trust: Trust): Counts {
  const counts = emptyCounts();
  const directives = trust === 'untrusted';
  // A user message that is mostly code: the cues code produces by itself are dropped at the end (see
  // code-document.ts), so none of them may settle the verdict early.
  const code = trust === 'user' && isCodeDocument(norm.plain);
  const settled = (c: Counts): boolean => !code && logit(c, norm.signals, trust, norm.view.length) >= SETTLED_LOGIT;
  scanView(norm.view, counts, directives, settled);
  if (settled(counts)) return counts;
  counts.persona_acronym += countMatches(PERSONA_ACRONYM, norm.plain, 2);
  counts.exfil_image += countMatches(IMAGE_WITH_NAMED_SLOT, norm.plain, 2);
  counts.persona += identityOpener(norm.plain);
  // A rule sheet only matters next to a persona or the moves that come with one: skip the pass otherwise.
  if (counts.persona + counts.unrestricted + counts.refusal_suppression + counts.addressed_to_model + counts.context_switch > 0) {
    counts.persona_rules += characterSheet(norm.plain);
  }
  counts.extraction += completionBait(norm.view) + bareSecret(norm.view);
  if (directives) {
    counts.instruction_in_data += instructionsInTables(norm.view);
    counts.question_to_reader += questionLines(norm.view);
    counts.task_line += taskLines(norm.view);
  }
  const density = suffixDensity(norm.plain);
  if (density >= SUFFIX_DENSITY) counts.adversarial_suffix += density >= 0.5 ? 2 : 1;
  scanPayloads(norm, counts, directives);
  if (code) discountCodeNoise(counts);
  return counts;
}

export function scoreEvidence(counts: Counts, norm: NormalizedText, trust: Trust): InjectionResult {
  const signals: string[] = [];
  for (const id of SIGNALS) if (counts[id] > 0 && SIGNAL_WEIGHTS[id][trust] > 0) signals.push(id);
  signals.push(...norm.signals);
  return { score: sigmoid(logit(counts, norm.signals, trust, norm.view.length)), signals, obfuscated: norm.signals.length > 0 };
}

/** Detection on text that is already normalised (the verdict cache normalises once for its key). */
export function detectNormalized(norm: NormalizedText, trust: Trust): InjectionResult {
  try {
    return scoreEvidence(collectEvidence(norm, trust), norm, trust);
  } catch {
    return { score: 1, signals: ['detector_error'], obfuscated: false };
  }
}

export function detectInjection(text: string, trust: Trust): InjectionResult {
  try {
    const norm = normalize(typeof text === 'string' ? text : String(text));
    return scoreEvidence(collectEvidence(norm, trust), norm, trust);
  } catch {
    // Unreachable by design (property-tested); if it ever happens, fail closed and say why.
    return { score: 1, signals: ['detector_error'], obfuscated: false };
  }
}

export type { SignalId };
