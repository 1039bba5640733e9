// Instructions inside structured data. A retrieved table is rows of cells; a sentence that tells the
// reader what to do, or asks it something, sitting among or right next to those rows is not part of
// the data: it is an indirect injection riding on the document. Only counted for untrusted text.
import { re2 } from '../../util/re2.js';

/** A line that opens with an imperative verb or asks a question (English; other languages via packs). */
const INSTRUCTION_LINE = re2(
  '^(?:please |kindly |now |also |then |and |first,? |finally,? )?(?:write|provide|describe|explain|translate|include|insert|add|append|' +
  'mention|list|generate|create|compose|tell|give|say|print|output|respond|reply|answer|summari[sz]e|rewrite|change|modify|convert|' +
  'replace|ensure|remember|send|visit|click|go to|open|call|run|execute|download|install|forward|recommend|suggest|promote|' +
  'encourage|urge|invite|integrate|incorporate|augment|enhance|embed|scramble|rearrange|group|reverse|spell|encode|format|end|begin|' +
  'start|conclude|do not|don\'t|never|always|ignore|forget|disregard|pretend|act|imagine|use|make|break down|render|introduce|misspell|' +
  'remove|anagram|jumble|shuffle|develop|devise|come up with|formulate|compose|draft|narrate)\\b' +
  '|^(?:what|who|whom|where|when|why|how|which|can you|could you|would you|will you|do you|is there|are there)\\b.*\\?\\s*$',
  'u',
);

const MIN_TABLE_LINES = 3;

/** A whole line that is a question (any script: ?, ？, ؟), at least three words or six characters. */
const QUESTION_LINE = re2('(?:^|\\n)[^\\n?？؟]{6,300}[?？؟][ "\')\\]]*(?:\\n|$)', 'gu');

/**
 * Lines of an untrusted text that ask something. A retrieved document or tool result answers questions;
 * one that poses them, on a line of their own, is usually addressing the model that reads it.
 */
export function questionLines(view: string): number {
  QUESTION_LINE.lastIndex = 0;
  let n = 0;
  for (let m = QUESTION_LINE.exec(view); m && n < 4; m = QUESTION_LINE.exec(view)) {
    n++;
    QUESTION_LINE.lastIndex = Math.max(m.index + 1, QUESTION_LINE.lastIndex - 1);
  }
  QUESTION_LINE.lastIndex = 0;
  return n;
}

/** Number of instruction-like lines inside, or directly before or after, a markdown table. */
export function instructionsInTables(view: string): number {
  if (!view.includes('\n|') && !view.startsWith('|')) return 0;
  const lines = view.split('\n');
  const isRow = lines.map((l) => l.trimStart().startsWith('|'));
  if (isRow.filter(Boolean).length < MIN_TABLE_LINES) return 0;
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    if (isRow[i]) continue;
    const line = (lines[i] as string).trim();
    if (line.split(' ').length < 3) continue;
    const nearTable = (isRow[i - 1] ?? false) || (isRow[i + 1] ?? false) || (isRow[i - 2] ?? false) || (isRow[i + 2] ?? false);
    if (nearTable && INSTRUCTION_LINE.test(line)) count++;
  }
  return count;
}

/**
 * Jailbreak templates carry a slot for the real request ("[INSERT PROMPT HERE]", "{prompt}", "<your
 * question>"), and role-play set-ups end on a speaker label waiting to be completed ("...\nJohn:").
 * Read on the lower-cased view, as members of the structural gate (see scan.ts).
 */
export const PLACEHOLDER = re2('[\\[{<(]\\s*(?:insert |your |the |put |enter |add |write )?(?:prompt|question|request|query|input|topic|role|message|text|instruction|task)s?(?: here| goes here)?\\s*[\\]}>)]', 'gu');
export const TRAILING_SPEAKER = re2('\\n[a-z][a-z0-9 .\'-]{0,30}:\\s*$', 'gu');

/**
 * A line of its own that opens with a verb setting a fresh piece of work (explain, translate, write,
 * summarise...) or asks an open question. Mails, tickets and web pages tell their human reader to click,
 * view, reply or contact; they do not ask for an essay. Verbs in the imperative of several languages.
 */
const TASK_LINE = re2(
  '^(?:(?:please|kindly|now|also|then|first|finally|bitte|por favor|s\'il vous plaît|per favore)[,:]? )?' +
  '(?:(?:write|explain|describe|translate|summari[sz]e|compose|generate|list|name|define|calculate|compute|compare|outline|' +
  'draft|suggest|recommend|provide|give me|tell me|show me|teach me|analy[sz]e|classify|rewrite|paraphrase|convert|solve|' +
  'brainstorm|craft|elaborate|discuss|evaluate|predict|proofread|break down|develop|devise|come up with|formulate|narrate|invent|' +
  'erkläre|erklären sie|beschreibe|übersetze|schreibe|fasse|nenne|formuliere|generiere|vergleiche|berechne|' +
  'explica|describe|traduce|escribe|resume|genera|enumera|calcula|compara|' +
  'explique[sz]?|décri[st]|traduis|traduisez|écri[st]|écrivez|résume[sz]?|génère[sz]?|' +
  'spiega|descrivi|traduci|scrivi|riassumi|elenca|explique|descreva|traduza|escreva|resuma|' +
  'объясни|опиши|переведи|напиши|перечисли|придумай)\\b[^\\n]{8,}' +
  '|(?:what|who|whom|where|when|why|how|which|can you|could you|would you|do you know|wer|was|wie|warum|wo|welche[rsnm]?|qué|quién|cómo|por qué|cuál|' +
  'quel(?:le)?s?|qui|comment|pourquoi|che cosa|chi|come|perché|o que|quem|como|что|кто|как|почему)(?: [^ \\n]+){4,}[?？؟])\\s*$',
  'u',
);

/** Lines of an untrusted text that set the reader a task of their own (at most 3 counted). */
export function taskLines(view: string): number {
  let n = 0;
  for (const raw of view.split('\n')) {
    const line = raw.trim();
    if (line.length < 12 || line.length > 400) continue;
    if (TASK_LINE.test(line) && ++n >= 3) break;
  }
  return n;
}
