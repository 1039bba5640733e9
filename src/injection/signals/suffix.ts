// Adversarial suffixes (GCG and similar optimiser output) are token soup appended to a request:
// fragments of words glued to punctuation, case flips inside words, stray brackets and quotes, in a
// density that prose never reaches. We look for the densest window of such tokens. Code is also dense in
// symbols, so fenced code is skipped and identifier-like tokens (calls, paths, dotted names, key: value)
// do not count as soup.
import { re2 } from '../../util/re2.js';

const WINDOW = 12;
/** Share of soup tokens in the densest window that marks an adversarial suffix. */
export const SUFFIX_DENSITY = 0.34;

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c > 0xbf;
}
function isUpper(c: number): boolean { return c >= 0x41 && c <= 0x5a; }
function isLower(c: number): boolean { return c >= 0x61 && c <= 0x7a; }
function isDigit(c: number): boolean { return c >= 0x30 && c <= 0x39; }

/** Code-ish tokens are dense in symbols but regular: calls, paths, URLs, dotted names, assignments. */
const CODE_LIKE = re2('^(?:[\\w$.]+\\(.*|.*://.*|[\\w.-]*/[\\w./-]+|[\\w]+(?:\\.[\\w]+)+[,;:]?|[\\w"\']+ ?[:=]+.*|[#@$][\\w-]+|<\\/?[\\w-]+>?|[\\d.,:%$€£+-]+)$', 'u');
const EDGE_PUNCT = '.,!?;:"\'()[]{}<>*_`~';
/** Inside a word these are ordinary spelling or code: don't, well-known, e.g., snake_case. */
const WORD_JOINERS = "-'.,_";
/** Edge punctuation that prose and code never produce: a backslash, or brackets glued the wrong way. */
const ODD_EDGES = re2('\\\\|\\]\\(|\\)\\[|\\}\\{|\\)\\(', 'u');

/** A token is soup when symbols are wedged INSIDE it, or its case flips mid-word ("similarlyNow"). */
export function isSoupToken(tok: string): boolean {
  let a = 0, b = tok.length;
  while (a < b && EDGE_PUNCT.includes(tok[a] as string)) a++;
  while (b > a && EDGE_PUNCT.includes(tok[b - 1] as string)) b--;
  const core = tok.slice(a, b);
  // Punctuation-only tokens (">>>", "|1|", "+") are table, prompt and operator syntax, not soup.
  if (core.length === 0) return false;
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
  const oddEdges = edgeSymbols >= 2 && ODD_EDGES.test(tok.slice(0, a) + tok.slice(b));
  if (symbols === 0 && flips === 0 && !oddEdges) return false;
  // Only now pay for the regex: most prose tokens never get here.
  return !CODE_LIKE.test(core);
}

/** Cheap pre-check on a token's code units: could it be soup at all? Plain words never reach isSoupToken. */
function suspicious(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isLetter(c) || isDigit(c)) {
      if (i >= from + 2 && isUpper(c) && isLower(text.charCodeAt(i - 1)) && isLower(text.charCodeAt(i - 2))) return true;
      continue;
    }
    // Ordinary in-word and trailing punctuation: don't, well-known, "word," (end of token).
    if ((c === 0x27 || c === 0x2d) && i > from && i < to - 1) continue;
    if ((c === 0x2e || c === 0x2c || c === 0x3f || c === 0x21 || c === 0x3a || c === 0x3b) && i === to - 1) continue;
    return true;
  }
  return false;
}

/** Long texts are read at both ends: where optimiser suffixes (and prefixes) are put. */
const HEAD = 2_048;
const TAIL = 6_144;

/** Highest share of soup tokens in any window of WINDOW consecutive tokens (0 for short texts). */
export function suffixDensity(plain: string): number {
  if (plain.length > HEAD + TAIL) return Math.max(density(plain, 0, HEAD), density(plain, plain.length - TAIL, plain.length));
  return density(plain, 0, plain.length);
}

/** Start of the next ``` fence at or after `from`, or `to`. */
function nextFence(text: string, from: number, to: number): number {
  const i = text.indexOf('```', from);
  return i < 0 || i >= to ? to : i;
}

function density(text: string, from: number, to: number): number {
  const soup: number[] = [];
  let start = -1;
  let fence = nextFence(text, from, to);
  for (let i = from; i <= to; i++) {
    if (i === fence && i < to) {
      // Skip fenced code: dense in symbols by nature. The token before the fence ends here.
      if (start >= 0) soup.push(suspicious(text, start, i) && isSoupToken(text.slice(start, i)) ? 1 : 0);
      start = -1;
      const close = text.indexOf('```', i + 3);
      i = close < 0 || close + 3 >= to ? to : close + 2;
      fence = nextFence(text, i + 1, to);
      continue;
    }
    const c = i < to ? text.charCodeAt(i) : 32;
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && start < 0) start = i;
    else if (space && start >= 0) {
      soup.push(suspicious(text, start, i) && isSoupToken(text.slice(start, i)) ? 1 : 0);
      start = -1;
    }
  }
  if (soup.length < WINDOW / 2) return 0;
  let best = 0, sum = 0;
  for (let i = 0; i < soup.length; i++) {
    sum += soup[i] as number;
    if (i >= WINDOW) sum -= soup[i - WINDOW] as number;
    if (sum > best) best = sum;
  }
  return best / Math.min(WINDOW, soup.length);
}
