// Source code pasted whole into a user message (a file to review) is dense in what the weak cues look
// for: string assignments and concatenation (payload splitting), `{name}` slots, subprocess and
// environment reads, "reversed(", "in binary". Measured on Python's standard library (first 20 KB of
// each file, as user messages): one file in eight scored as an injection. In a user message that is
// mostly code those cues say nothing; the strong ones (an override, an extraction request, a
// chat-template token, a fake role header, an exfiltration image) still count wherever they are,
// comments and strings included. Tool results and retrieved documents keep every cue: there, code that
// reads the environment and posts it somewhere is the attack (BIPIA's code tasks), and discounting it
// cost 3.4 points of recall on the dev set.
import { re2 } from '../../util/re2.js';
import type { Counts, SignalId } from './ids.js';

/** Cues that code produces by itself: not counted in a code document. */
export const CODE_NOISE: readonly SignalId[] = [
  'override_weak', 'extraction_weak', 'extraction_yours', 'leak_format', 'unrestricted', 'context_switch', 'addressed_to_model',
  'directive', 'promote_url', 'tool_call_shape', 'call_tool', 'dangerous_code', 'exfil_code', 'payload_split', 'payload_split_weak',
  'adversarial_suffix', 'persona_acronym', 'instruction_in_data', 'question_to_reader', 'task_line', 'template_slot',
];

/**
 * Fewer non-blank lines than this: too short to call a code document. Jailbreaks written as code (a
 * 20-30 line program whose output is the attack) stay below it; pasted files are mostly longer.
 */
const MIN_LINES = 32;
/** Share of non-blank lines that must be code or comments, and share that must be statements. */
const MIN_CODE_SHARE = 0.6;
const MIN_STATEMENT_SHARE = 0.3;

/** Words that open a statement in common languages (followed by a space, `(`, `:`, `;`, `{` or the line's end). */
const KEYWORDS = new Set([
  'def', 'class', 'import', 'from', 'return', 'if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'raise',
  'const', 'let', 'var', 'function', 'export', 'public', 'private', 'protected', 'static', 'fn', 'func', 'package', 'async',
  'await', 'yield', 'pass', 'break', 'continue', 'switch', 'case', 'namespace', 'using', 'struct', 'enum', 'interface', 'impl',
  'pub', 'use', 'mod', '#include', '#define', '#if', '#endif', 'declare', 'type',
]);

/**
 * An assignment to an identifier (`x = 1`, `self.a[k] += v`, `let` aside) or a call statement
 * (`obj.run(a, b);`). Structured prompt sheets (`+: (HEADER)=[...]`, `Character Name: <name>`) are neither.
 */
const ASSIGNMENT_OR_CALL = re2(
  '^(?:[A-Za-z_$][\\w$.]*(?:\\[[^\\]]*\\])* ?(?:[-+*/%|&^]|<<|>>|\\?\\?)?:?= ?[^=]' +
  '|(?:[A-Za-z_$][\\w$]*\\.)*[A-Za-z_$][\\w$]*\\(.*\\)[;:,{]?$)',
);

function firstWord(line: string): string {
  let end = 0;
  while (end < line.length && ' (:;{'.indexOf(line[end] as string) < 0) end++;
  return line.slice(0, end);
}

/** The line opens with a statement keyword of a common language (`export {`, `def `, `const `). */
export function opensStatement(line: string): boolean {
  return KEYWORDS.has(firstWord(line));
}

function statement(line: string): boolean {
  if (opensStatement(line) || line.startsWith('@')) return true;
  // (Most prose lines hold neither character: no regex for them.)
  return (line.includes('=') || line.includes('(')) && ASSIGNMENT_OR_CALL.test(line);
}

/** Comments and lone brackets: part of a code file, but not evidence of one on their own. */
function scaffolding(line: string): boolean {
  if (line.startsWith('#') || line.startsWith('//') || line.startsWith('/*') || line.startsWith('*') || line.startsWith('--')) return true;
  for (let i = 0; i < line.length; i++) if (')]};,({['.indexOf(line[i] as string) < 0) return false;
  return true;
}

/** How many triple quotes (`"""` or `'''`) the line holds. */
function tripleQuotes(line: string): number {
  let n = 0;
  for (const q of ['"""', "'''"]) for (let i = line.indexOf(q); i >= 0; i = line.indexOf(q, i + 3)) n++;
  return n;
}

/** Whether `plain` (cased text, line breaks kept) is mostly source code. */
export function isCodeDocument(plain: string): boolean {
  let total = 1;
  for (let i = plain.indexOf('\n'); i >= 0; i = plain.indexOf('\n', i + 1)) total++;
  if (total < MIN_LINES) return false;
  let lines = 0, statements = 0, scaffold = 0, seen = 0;
  let docstring = false;
  for (let from = 0; from <= plain.length; seen++) {
    // Sound early exit: even if every line left were code, the share could not be reached.
    if (statements + scaffold - MIN_CODE_SHARE * lines + (1 - MIN_CODE_SHARE) * (total - seen) < 0) return false;
    let to = plain.indexOf('\n', from);
    if (to < 0) to = plain.length;
    const line = plain.slice(from, to).trim();
    from = to + 1;
    if (line.length === 0 || line.startsWith('```')) continue;
    lines++;
    // Python docstrings are prose inside code: their lines count as comments.
    const quotes = tripleQuotes(line);
    if (docstring || quotes > 0) scaffold++;
    else if (statement(line)) statements++;
    else if (scaffolding(line)) scaffold++;
    if (quotes % 2 === 1) docstring = !docstring;
  }
  return lines >= MIN_LINES && statements >= MIN_STATEMENT_SHARE * lines && statements + scaffold >= MIN_CODE_SHARE * lines;
}

/** Drops the cues code produces by itself (see CODE_NOISE). */
export function discountCodeNoise(counts: Counts): void {
  for (const id of CODE_NOISE) counts[id] = 0;
}
