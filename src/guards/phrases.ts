// A configurable phrase list: the first real deny path. Request side: any configured phrase in any text
// of the request (any case, any run of whitespace between words) denies it. Response side: configured
// phrases are masked in generated text. A phrase list is just a set of literal recognizers, so the
// streaming redactor applies it over each channel's whole text: a phrase split across events is masked
// too (in the event where it starts; the rest of it is removed from the following ones).
import type { LlmRequest } from '../llm/model.js';
import type { RequestContext } from '../pipeline/context.js';
import type { Guard, GuardMode, ResponseTextFilter } from '../pipeline/guard.js';
import { CONTINUE, deny, type Verdict } from '../pipeline/verdict.js';
import { createScanner, type Scanner } from '../redact/scanner.js';
import type { Recognizer } from '../redact/types.js';
import { escapeRe2, re2, type Regex } from '../util/re2.js';

export interface PhraseGuardConfig {
  readonly enabled: boolean;
  readonly mode: GuardMode;
  readonly deny: readonly string[];
  readonly mask: readonly string[];
  readonly maskWith: string;
}

function words(phrase: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of phrase) {
    if (ch.trim() === '') { if (word) out.push(word); word = ''; } else word += ch;
  }
  if (word) out.push(word);
  return out;
}

/**
 * Exactly the characters `words()` splits on (JS White_Space: String#trim). RE2's `\s` is ASCII
 * [\t\n\f\r ] only; \p{Z} adds NBSP, U+1680, U+2000-200A, U+2028/9, U+202F, U+205F, U+3000.
 */
const WHITESPACE_RUN = '[\\s\\x{0B}\\x{FEFF}\\p{Z}]+';

/** One RE2 alternation for a phrase list; whitespace in a phrase matches any whitespace run. */
export function compilePhrases(phrases: readonly string[], flags: string): Regex | null {
  const alternatives = phrases
    .map((p) => words(p).map(escapeRe2).join(WHITESPACE_RUN))
    .filter((p) => p.length > 0);
  if (alternatives.length === 0) return null;
  return re2(`(?:${alternatives.join('|')})`, flags);
}

/**
 * Whitespace between the words of a masked phrase: any run up to this long. Streaming needs a bound
 * (it is the hold-back); the request-side deny list, scanned whole, keeps `\s+`.
 */
const MAX_GAP = 64;

/** The mask list as recognizers: case-insensitive literals, the first word as the prefilter keyword. */
export function phraseRecognizers(phrases: readonly string[]): Recognizer[] {
  return phrases.map((p) => words(p)).filter((w) => w.length > 0).map((w, i) => ({
    id: `phrase_${i}`, entity: 'PHRASE', kind: 'pii', caseInsensitive: true, confidence: 1,
    pattern: w.map(escapeRe2).join(`\\s{1,${MAX_GAP}}`),
    maxLength: w.reduce((n, x) => n + x.length, 0) + MAX_GAP * (w.length - 1),
    keywords: [w[0]!.toLowerCase()],
  }));
}

const isAscii = (s: string): boolean => Buffer.byteLength(s, 'utf8') === s.length;

/**
 * A cheap exact pre-check for the deny list: when the text and every phrase's first word are ASCII,
 * RE2's case-insensitive match implies the lower-cased first word occurs in the lower-cased text. So a
 * text containing none of them cannot match, and the RE2 call (a UTF-8 copy plus a DFA walk, a visible
 * per-request cost in `npm run bench`) is skipped. Non-ASCII text always goes to RE2: Unicode case
 * folding (ſ ~ s, K ~ k) is not what toLowerCase does.
 */
export class FirstWordFilter {
  private readonly words: readonly string[] | null;

  constructor(phrases: readonly string[]) {
    const first = phrases.map((p) => words(p)[0]).filter((w): w is string => w !== undefined).map((w) => w.toLowerCase());
    this.words = first.length > 0 && first.every(isAscii) ? [...new Set(first)] : null;
  }

  /** False only when the text cannot match any phrase. */
  mayMatch(text: string): boolean {
    if (!this.words || !isAscii(text)) return true;
    const lower = text.toLowerCase();
    return this.words.some((w) => lower.includes(w));
  }
}

export class PhraseGuard implements Guard {
  readonly name = 'phrases';
  readonly mode: GuardMode;
  private readonly denyRe: Regex | null;
  private readonly denyFilter: FirstWordFilter;
  private readonly maskScanner: Scanner | null;

  constructor(private readonly cfg: PhraseGuardConfig) {
    this.mode = cfg.mode;
    this.denyRe = compilePhrases(cfg.deny, 'iu');
    this.denyFilter = new FirstWordFilter(cfg.deny);
    const recognizers = phraseRecognizers(cfg.mask);
    this.maskScanner = recognizers.length > 0 ? createScanner(recognizers) : null;
  }

  checkRequest(_ctx: RequestContext, request: LlmRequest): Verdict {
    const re = this.denyRe;
    if (!re) return CONTINUE;
    const hit = (text: string): boolean => this.denyFilter.mayMatch(text) && re.test(text);
    for (const message of request.messages) {
      for (const part of message.parts) if (hit(part.text)) return deny('content_policy_violation', `phrase in ${message.role} message`);
      for (const call of message.toolCalls) if (hit(call.arguments.text)) return deny('content_policy_violation', 'phrase in tool call');
    }
    return CONTINUE;
  }

  responseTextFilter(): ResponseTextFilter | undefined {
    const scanner = this.maskScanner;
    if (!scanner) return undefined;
    const maskWith = this.cfg.maskWith;
    return { scanner, replace: () => maskWith };
  }
}
