// Adversarial suffixes (GCG and similar optimiser output) are token soup appended to a request:
// fragments of words glued to punctuation, case flips inside words, stray brackets and quotes, in a
// density that prose never reaches. We look for the densest window of such tokens. Code is also dense in
// symbols, so fenced code is skipped and identifier-like tokens (calls, paths, dotted names, key: value)
// do not count as soup.
import { re2 } from '../../util/re2.js';
import { opensStatement } from './code-document.js';

const WINDOW = 12;
/** Share of soup tokens in the densest window that marks an adversarial suffix. */
export const SUFFIX_DENSITY = 0.34;

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c > 0xbf;
}
function isUpper(c: number): boolean { return c >= 0x41 && c <= 0x5a; }
function isLower(c: number): boolean { return c >= 0x61 && c <= 0x7a; }
function isDigit(c: number): boolean { return c >= 0x30 && c <= 0x39; }

const EDGE_PUNCT = '.,!?;:"\'()[]{}<>*_`~';
/** Inside a word these are ordinary spelling or code: don't, well-known, e.g., snake_case. */
const WORD_JOINERS = "-'.,_";
/** Edge punctuation that prose and code never produce: a backslash, or brackets glued the wrong way. */
function oddEdges(edges: string): boolean {
  return edges.includes('\\') || edges.includes('](') || edges.includes(')[') || edges.includes('}{') || edges.includes(')(');
}

/**
 * Code-ish tokens are dense in symbols but regular: calls, URLs, paths, dotted names, assignments and
 * key: value pairs, tags and handles, numbers with units. Plain string checks, no regex per token.
 */
function codeLike(core: string): boolean {
  if (core.includes('://') || core.includes('(') || core.includes('=') || core.includes('/')) return true;
  const first = core.charCodeAt(0);
  if (first === 0x23 || first === 0x40 || first === 0x24) return true; // #tag @handle $var
  if (core.includes(':') && !core.startsWith(':')) return true; // key:value, host:port
  if (namedBracket(core, '[') || namedBracket(core, '<') || escapeLiteral(core)) return true;
  // dotted identifiers: letters, digits, underscores and dots only
  let dotted = core.includes('.');
  for (let i = 0; i < core.length && dotted; i++) {
    const c = core.charCodeAt(i);
    dotted = isLetter(c) || isDigit(c) || c === 0x2e || c === 0x5f;
  }
  return dotted;
}

/** Shortest run of base64/base64url/hex characters that is encoded data rather than words. */
const ENCODED_MIN = 20;

/**
 * Base64, base64url, hex and token runs: a line of an encoded file, a certificate, a key or an id.
 * Random base64 has `+` and case flips everywhere, yet it is data, not optimiser output, which is
 * made of word pieces and punctuation base64 never holds (`]( ** "\ !--`). Without this a pasted
 * base64 blob, wrapped at 76 columns, scored as an adversarial suffix (0.78 at 2 KB).
 */
function encodedRun(core: string): boolean {
  if (core.length < ENCODED_MIN) return false;
  for (let i = 0; i < core.length; i++) {
    const c = core.charCodeAt(i);
    if (!(isUpper(c) || isLower(c) || isDigit(c) || c === 0x2b || c === 0x2f || c === 0x3d || c === 0x5f || c === 0x2d)) return false;
  }
  return true;
}

/**
 * A name followed by `bracket`: an identifier indexed or sliced (`self[key]`, `data[0][i+1:]`,
 * `msg['Content-Type']`) or a generic type (`Promise<void>`, `Map<string, number[]>`). (`core` has lost
 * its edge punctuation: `self[key`, `Promise<void`.)
 */
function namedBracket(core: string, bracket: '[' | '<'): boolean {
  const open = core.indexOf(bracket);
  if (open < 1) return false;
  for (let i = 0; i < open; i++) {
    const c = core.charCodeAt(i);
    if (!(isLetter(c) || isDigit(c) || c === 0x5f || c === 0x24 || c === 0x2e)) return false;
  }
  return true;
}

/** Escape sequences only, the inside of a string literal such as `'\n'` or `"\r\n"` (quotes already stripped). */
function escapeLiteral(core: string): boolean {
  if (core.length < 2 || core.length % 2 !== 0) return false;
  for (let i = 0; i < core.length; i += 2) if (core[i] !== '\\') return false;
  return true;
}

/** A token is soup when symbols are wedged INSIDE it, or its case flips mid-word ("similarlyNow"). */
export function isSoupToken(tok: string): boolean {
  let a = 0, b = tok.length;
  while (a < b && EDGE_PUNCT.includes(tok[a] as string)) a++;
  while (b > a && EDGE_PUNCT.includes(tok[b - 1] as string)) b--;
  const core = tok.slice(a, b);
  // Punctuation-only tokens (">>>", "|1|", "+") are table, prompt and operator syntax, not soup.
  if (core.length === 0 || encodedRun(core)) return false;
  let letters = 0, symbols = 0, flips = 0;
  for (let i = 0; i < core.length; i++) {
    const c = core.charCodeAt(i);
    if (isLetter(c)) letters++;
    else if (!isDigit(c) && !WORD_JOINERS.includes(core[i] as string)) symbols++;
    // A case flip starting a new lower-case word inside a token ("similarlyNow"); "ChatGPT" is an acronym.
    if (i >= 2 && isUpper(c) && isLower(core.charCodeAt(i - 1)) && isLower(core.charCodeAt(i - 2)) && isLower(core.charCodeAt(i + 1))) flips++;
  }
  const edgeSymbols = a + (tok.length - b);
  if (letters === 0) return false;
  const odd = edgeSymbols >= 2 && oddEdges(tok.slice(0, a) + tok.slice(b));
  if (symbols === 0 && flips === 0 && !odd) return false;
  return !codeLike(core);
}

/** Long texts are read at both ends: where optimiser suffixes (and prefixes) are put. */
const HEAD = 2_048;
const TAIL = 6_144;

/**
 * A token that could be soup: a symbol code does not put between letters (* ^ ~ | " < > { } ! ; \\),
 * a lower-to-upper flip, or brackets glued the wrong way. One RE2 pass counts such tokens; a text needs several before the
 * (much slower, per character) window scan is worth running.
 */
const SOUP_HINT = re2('\\S*(?:[A-Za-z][*^~|"<>{}!;\\\\][A-Za-z]|[a-z][a-z][A-Z][a-z]|\\]\\(|\\)\\[|\\}\\{|\\\\)\\S*', 'gu');
const MIN_HINTS = Math.ceil(WINDOW * SUFFIX_DENSITY);

function enoughHints(text: string): boolean {
  SOUP_HINT.lastIndex = 0;
  let n = 0;
  while (n < MIN_HINTS && SOUP_HINT.exec(text)) n++;
  SOUP_HINT.lastIndex = 0;
  return n >= MIN_HINTS;
}

/** Highest share of soup tokens in any window of WINDOW consecutive tokens (0 for short texts). */
export function suffixDensity(plain: string): number {
  if (plain.length > HEAD + TAIL) {
    const head = plain.slice(0, HEAD), tail = plain.slice(-TAIL);
    return Math.max(enoughHints(head) ? density(head, 0, head.length) : 0, enoughHints(tail) ? density(tail, 0, tail.length) : 0);
  }
  return enoughHints(plain) ? density(plain, 0, plain.length) : 0;
}

/** Start of the next ``` fence at or after `from`, or `to`. */
function nextFence(text: string, from: number, to: number): number {
  const i = text.indexOf('```', from);
  return i < 0 || i >= to ? to : i;
}

/** A line opening with a statement keyword (`export`, `import`, `const`, `def`, ...). */
function codeStatement(text: string, i: number, to: number): boolean {
  let end = text.indexOf('\n', i);
  if (end < 0 || end > to) end = to;
  return opensStatement(text.slice(i, Math.min(end, i + 40)));
}

/** A line starting with two spaces or a tab: a code block's body, a nested list's continuation. */
function indented(text: string, i: number, to: number): boolean {
  const c = text.charCodeAt(i);
  return c === 9 || (c === 32 && i + 1 < to && text.charCodeAt(i + 1) === 32);
}

function density(text: string, from: number, to: number): number {
  // One pass over the code units. Per token we only track whether anything could make it soup (a
  // symbol wedged inside, or a lower-to-upper case flip); only such tokens are sliced and examined.
  const ring = new Uint8Array(WINDOW);
  let tokens = 0, sum = 0, best = 0;
  let start = -1, suspicious = false, lower = 0;
  let fence = nextFence(text, from, to);
  let lineStart = from;
  const push = (soup: number): void => {
    const slot = tokens % WINDOW;
    sum += soup - (ring[slot] as number);
    ring[slot] = soup;
    tokens++;
    if (sum > best) best = sum;
  };
  // Tokens of a statement line (`export { deepPartial, treeifyError } from ...`) count, as plain words.
  let statementLine = false;
  const endToken = (i: number): void => {
    push(suspicious && !statementLine && isSoupToken(text.slice(start, i)) ? 1 : 0);
    start = -1;
  };
  for (let i = from; i <= to; i++) {
    if (i === fence && i < to) {
      if (start >= 0) endToken(i); // fenced code is dense in symbols by nature: skipped
      const close = text.indexOf('```', i + 3);
      i = close < 0 || close + 3 >= to ? to : close + 2;
      fence = nextFence(text, i + 1, to);
      continue;
    }
    const c = i < to ? text.charCodeAt(i) : 32;
    if (i === lineStart) statementLine = codeStatement(text, i, to);
    if (i === lineStart && indented(text, i, to)) {
      // Indented lines are code (or quoted material), dense in symbols by nature: skipped like fences.
      if (start >= 0) endToken(i);
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl >= to ? to : nl;
      lineStart = i + 1;
      continue;
    }
    if (c === 10) lineStart = i + 1;
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      if (start >= 0) endToken(i);
      continue;
    }
    if (start < 0) { start = i; suspicious = false; lower = 0; }
    if (isLower(c)) { lower++; continue; }
    if (isUpper(c)) { if (lower >= 2) suspicious = true; lower = 0; continue; }
    lower = 0;
    if (isDigit(c) || c > 0xbf) continue;
    // Punctuation: ordinary only as a trailing mark or an in-word apostrophe/hyphen.
    const next = i + 1 < to ? text.charCodeAt(i + 1) : 32;
    const atEnd = next === 32 || next === 10 || next === 9 || next === 13;
    if ((c === 0x2e || c === 0x2c || c === 0x3f || c === 0x21 || c === 0x3a || c === 0x3b) && atEnd) continue;
    if ((c === 0x27 || c === 0x2d) && i > start && !atEnd) continue;
    suspicious = true;
  }
  if (tokens < WINDOW / 2) return 0;
  return best / Math.min(WINDOW, tokens);
}
