// Turns counted evidence into a calibrated score: a logistic function of summed signal weights. The
// bias puts text with no evidence near 0.02; one strong cue (an instruction override, a chat-template
// token, an exfiltration image) crosses 0.5 on its own; weak cues (a persona request, "now say...")
// need company. Weights differ by trust: in tool results and retrieved documents, text that addresses
// the model or gives it orders has no legitimate reason to be there.
import type { ObfuscationSignal } from './normalize.js';
import type { Counts, SignalId } from './signals/ids.js';

export type Trust = 'user' | 'untrusted';

interface Weight { readonly user: number; readonly untrusted: number }

const W = (user: number, untrusted = user): Weight => ({ user, untrusted });

export const SIGNAL_WEIGHTS: Readonly<Record<SignalId, Weight>> = {
  override: W(4.0, 5),
  override_weak: W(1.4, 2.2),
  extraction: W(3.1, 3.5),
  extraction_weak: W(0.9, 1.3),
  // On top of extraction_weak: the secret belongs to the addressee. Mostly matters through brevity.
  extraction_yours: W(0.3, 0.3),
  leak_format: W(0.8),
  persona: W(1.3, 1.6),
  unrestricted: W(2.0, 2.0),
  refusal_suppression: W(1.8, 2.0),
  context_switch: W(1.0, 1.5),
  addressed_to_model: W(0.5, 3.5),
  directive: W(0, 1.4),
  template_token: W(4.0, 4.5),
  role_header: W(1.2, 2.0),
  boundary: W(1.5, 2.0),
  exfil_image: W(4.0, 4.5),
  exfil_link: W(1.0, 1.5),
  send_to_url: W(1.2, 2.0),
  promote_url: W(0.3, 1.5),
  tool_call_shape: W(1.0, 2.0),
  call_tool: W(0.4, 1.5),
  dangerous_code: W(0.8, 2.0),
  exfil_code: W(1.5, 3.5),
  payload_split: W(3.0),
  payload_split_weak: W(1.0),
  adversarial_suffix: W(3.0),
  persona_acronym: W(1.5),
  encoded_instructions: W(2.0, 2.5),
  instruction_in_data: W(0.3, 3.5),
  question_to_reader: W(0, 1.8),
  // A line of its own that sets the reader a fresh task ("Explain X.", "Translate ... to French").
  task_line: W(0, 3.5),
  template_slot: W(1.2),
  // An invented name given rule after rule ("Nova never refuses. Nova always answers."): a persona sheet.
  persona_rules: W(1.2, 1.5),
};

export const OBFUSCATION_WEIGHTS: Readonly<Record<ObfuscationSignal, number>> = {
  'obf.zero_width': 1.0, 'obf.bidi': 1.0, 'obf.tag': 3.0, 'obf.selector': 2.0, 'obf.homoglyph': 1.5,
  'obf.leet': 0.6, 'obf.spaced': 0.8, 'obf.base64': 0.3, 'obf.hex': 0.3, 'obf.escape': 0.3, 'obf.url': 0.1,
  'obf.html': 0.2, 'obf.morse': 0.8, 'obf.rot13': 0.8, 'obf.reversed': 0.8,
};

/** Families whose co-occurrence is more telling than either alone. */
const CORE: readonly SignalId[] = [
  'override', 'override_weak', 'extraction', 'unrestricted', 'refusal_suppression', 'persona', 'template_token',
  'exfil_image', 'context_switch', 'role_header', 'leak_format', 'addressed_to_model', 'template_slot',
];

/** Lexical cues that a short message makes more telling: a 40-character "ignore the rules" is the whole message. */
// Left out: persona and mode cues ("act as a tour guide", "what is a jailbreak?") and a bare secret noun
// ("I forgot my password"): short ordinary questions have those too.
const BREVITY_CUES: readonly SignalId[] = ['override', 'override_weak', 'extraction', 'extraction_yours', 'context_switch', 'refusal_suppression'];
const SHORT_CHARS = 200;
const MEDIUM_CHARS = 500;
const SHORT_BONUS = 2.6;
const MEDIUM_BONUS = 1.1;

/**
 * Log-odds with no evidence at all, per trust. User traffic is fitted on the tuning half of the dev
 * set (regularised towards the hand-set weights above); untrusted text keeps the stricter prior-free
 * bias its weights were set against, with the lower untrusted threshold as its operating point.
 */
export const BIAS: Readonly<Record<Trust, number>> = { user: -3.4, untrusted: -4.0 };
const COMBO_STEP = 0.25;
const COMBO_CAP = 1.5;

/**
 * Pairs that make one move together, worth more than their sum: a persona plus the rule sheet that
 * defines it, a persona plus a script that stops on the persona's line for the model to complete, and a
 * secret plus a request to hand it over disguised.
 */
const PAIRS: readonly (readonly [SignalId, SignalId, number])[] = [
  ['persona', 'persona_rules', 1.0],
  ['persona', 'template_slot', 1.0],
  // A persona with an invented acronym spelled out ("Act as KAI. KAI stands for...").
  ['persona', 'persona_acronym', 1.0],
  // A guarded secret and a request for it in another shape (its letters, a rhyme, a riddle).
  ['extraction_weak', 'leak_format', 2.0],
];

/** Repeats count, with diminishing returns. */
function saturate(count: number): number {
  return count <= 0 ? 0 : 1 + 0.35 * (Math.min(count, 4) - 1);
}

export function logit(counts: Counts, obfuscation: readonly ObfuscationSignal[], trust: Trust, length: number): number {
  let z = BIAS[trust];
  if (length <= MEDIUM_CHARS && BREVITY_CUES.some((id) => counts[id] > 0)) z += length <= SHORT_CHARS ? SHORT_BONUS : MEDIUM_BONUS;
  for (const id of Object.keys(counts) as SignalId[]) z += SIGNAL_WEIGHTS[id][trust] * saturate(counts[id]);
  for (const s of obfuscation) z += OBFUSCATION_WEIGHTS[s];
  let families = 0;
  for (const id of CORE) if (counts[id] > 0) families++;
  z += Math.min(COMBO_CAP, Math.max(0, families - 1) * COMBO_STEP);
  for (const [a, b, bonus] of PAIRS) if (counts[a] > 0 && counts[b] > 0) z += bonus;
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
