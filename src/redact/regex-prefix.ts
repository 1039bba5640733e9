// What the streaming redactor must hold back: a suffix of the text seen so far that could still be the
// beginning of a match once more text arrives. For a recognizer pattern R this is the prefix closure of
// its language, prefix(L(R)), which is regular too; this module parses an RE2 pattern just enough to
// build a regex for it, so "is this suffix a possible start?" is one RE2 search and no recognizer needs
// a hand-written "partial" form.
//
// The result may accept MORE than prefix(L(R)) (that only holds back more text), never less:
//  - zero-width assertions (^ $ \b \B \A \z) are dropped: at the end of the text seen so far they would
//    be judged without the character that comes next;
//  - inline flag setters `(?i)` / `(?s)` are applied to the whole pattern (only widening flags are kept).
// Atoms (literals, escapes, classes, `.`) are copied verbatim, so RE2's own syntax stays authoritative.
import { captures, parsePattern, type Node } from './regex-ast.js';

export { PatternSyntaxError } from './regex-ast.js';

/**
 * Counted repetitions above this become `*` in the prefix regex: `x{0,999}` compiles to 999 NFA
 * states, enough to overflow RE2's DFA budget and fall back to its slow NFA on every search. The
 * superset is harmless: how far back to look is bounded by the recognizer's length bound anyway.
 */
const RELAX_ABOVE = 16;

/**
 * How `full` writes counted repetitions: `relax` turns those above RELAX_ABOVE into `*`, `keepMin` into
 * `{min,}` (`x{50,100}` becomes `x{50,}`, not `x*`), `exact` keeps them as written.
 */
type Bounds = 'relax' | 'keepMin' | 'exact';

function relaxed(n: { readonly min: number; readonly max: number }, bounds: Bounds = 'relax'): { min: number; max: number } {
  if (bounds === 'exact' || n.max <= RELAX_ABOVE) return n;
  return { min: bounds === 'keepMin' ? n.min : 0, max: Infinity };
}

/** The node's own language, assertions dropped (a superset, which is all the prefix needs). */
function full(n: Node, bounds: Bounds = 'relax'): string {
  switch (n.t) {
    case 'atom': return n.src;
    case 'assert':
    case 'empty': return '';
    case 'seq': return n.items.map((x) => full(x, bounds)).join('');
    case 'alt': return `(?:${n.items.map((x) => full(x, bounds)).join('|')})`;
    case 'group': return `(?${n.flags}:${full(n.body, bounds)})`;
    case 'repeat': {
      const { min, max } = relaxed(n, bounds);
      return `(?:${full(n.body, bounds)})${quantifier(min, max)}`;
    }
  }
}

function quantifier(min: number, max: number): string {
  if (max === Infinity) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** Prefix closure: every prefix of every string of the node's language (always accepts ''). */
function pre(n: Node): string {
  switch (n.t) {
    case 'atom': return `(?:${n.src})?`;
    case 'assert':
    case 'empty': return '';
    case 'seq': return preSeq(n.items, 0);
    case 'alt': return `(?:${n.items.map(pre).join('|')})`;
    case 'group': return `(?${n.flags}:${pre(n.body)})`;
    case 'repeat': {
      const { max } = relaxed(n);
      if (max === 0) return '';
      const body = full(n.body);
      if (max === Infinity) return `(?:${body})*${pre(n.body)}`;
      return max === 1 ? pre(n.body) : `(?:${body}){0,${max - 1}}${pre(n.body)}`;
    }
  }
}

function preSeq(items: readonly Node[], k: number): string {
  if (k >= items.length) return '';
  const head = items[k]!;
  const rest = preSeq(items, k + 1);
  if (head.t === 'assert' || head.t === 'empty') return rest;
  // For a one-character atom, prefix(a·Y) = '' | a·prefix(Y): one nested optional keeps literals linear.
  if (head.t === 'atom') return `(?:${head.src}${rest})?`;
  return `(?:${pre(head)}|${full(head)}${rest})`;
}

/**
 * Non-empty prefixes only (null: there are none). The hold-back search asks "does some non-empty
 * suffix start a match?"; without the empty string most recognizers answer no at once, which is what
 * keeps that search cheap (a match costs RE2 far more than a quick no).
 */
function ne(n: Node): string | null {
  switch (n.t) {
    case 'atom': return n.src;
    case 'assert':
    case 'empty': return null;
    case 'seq': return neSeq(n.items, 0);
    case 'alt': {
      const parts = n.items.map(ne).filter((x): x is string => x !== null);
      return parts.length > 0 ? `(?:${parts.join('|')})` : null;
    }
    case 'group': {
      const body = ne(n.body);
      return body === null ? null : `(?${n.flags}:${body})`;
    }
    case 'repeat': {
      const { max } = relaxed(n);
      const body = ne(n.body);
      if (max === 0 || body === null) return null;
      if (max === Infinity) return `(?:${full(n.body)})*${body}`;
      return max === 1 ? body : `(?:${full(n.body)}){0,${max - 1}}${body}`;
    }
  }
}

function neSeq(items: readonly Node[], k: number): string | null {
  if (k >= items.length) return null;
  const head = items[k]!;
  if (head.t === 'assert' || head.t === 'empty') return neSeq(items, k + 1);
  if (head.t === 'atom') return `(?:${head.src}${preSeq(items, k + 1)})`;
  // A non-empty prefix ends inside the head, or takes the whole head and a non-empty prefix of the rest.
  const parts: string[] = [];
  const inHead = ne(head);
  if (inHead !== null) parts.push(inHead);
  const inRest = neSeq(items, k + 1);
  if (inRest !== null) parts.push(`${full(head)}${inRest}`);
  return parts.length > 0 ? `(?:${parts.join('|')})` : null;
}

/** Longest match in UTF-16 units (Infinity when unbounded); '.', \S, negated classes count 2 (astral). */
function width(n: Node): number {
  switch (n.t) {
    case 'atom': return n.width;
    case 'assert':
    case 'empty': return 0;
    case 'seq': return n.items.reduce((a, x) => a + width(x), 0);
    case 'alt': return n.items.reduce((a, x) => Math.max(a, width(x)), 0);
    case 'group': return width(n.body);
    case 'repeat': return n.max === 0 ? 0 : width(n.body) * n.max;
  }
}

/** Bounded and free of repetition: a terminator the match cannot run past. */
function fixedShape(n: Node): boolean {
  switch (n.t) {
    case 'atom':
    case 'assert':
    case 'empty': return true;
    case 'seq':
    case 'alt': return n.items.every(fixedShape);
    case 'group': return fixedShape(n.body);
    case 'repeat': return n.max <= 1 && fixedShape(n.body);
  }
}

/**
 * Terminators of a lazily delimited pattern (`BEGIN[\s\S]*?END`): RE2 source of the `END` parts. Once
 * the match at a position ends with one (before the end of the text seen), that match is final: a
 * lazy repeat never prefers a longer match, so more text cannot change it, even though the language
 * (which has no laziness) still allows longer strings. Empty when the pattern has no such tail, or when
 * something after it could still extend the match (a greedy repeat, a trailing optional part).
 */
function terminators(n: Node): string[] {
  switch (n.t) {
    case 'alt': return n.items.flatMap(terminators);
    case 'group': return terminators(n.body).map((t) => `(?${n.flags}:${t})`);
    case 'repeat': return n.max === 1 ? terminators(n.body) : [];
    case 'seq': {
      const items = n.items.filter((x) => x.t !== 'assert');
      const last = items[items.length - 1];
      if (!last) return [];
      if (last.t === 'group' || last.t === 'alt' || (last.t === 'repeat' && last.max === 1)) {
        const inner = terminators(last);
        if (inner.length > 0) return inner;
      }
      let k = items.length - 1;
      while (k >= 0 && fixedShape(items[k]!)) k--;
      const lazy = items[k];
      const tail = items.slice(k + 1);
      if (!lazy || lazy.t !== 'repeat' || !lazy.lazy || lazy.max !== Infinity || tail.length === 0) return [];
      return [tail.map((x) => full(x)).join('')];
    }
    default: return [];
  }
}

export interface PatternPrefix {
  /**
   * RE2 source accepting (a superset of) every non-empty prefix of a match, flags inlined; null when
   * the pattern has no non-empty match at all.
   */
  readonly source: string | null;
  /** Longest possible match in UTF-16 units, Infinity when the pattern is unbounded. */
  readonly maxWidth: number;
  /** RE2 source matching a complete terminator at the end of a match (see terminators()); null: none. */
  readonly terminator: string | null;
}

/**
 * With `trailing` > 0, `source` and `terminator` are those of a match followed by up to `trailing`
 * characters of any kind (a recognizer that reads context words after its value: a suffix is still
 * undecided while that text is incomplete); `maxWidth` stays the match's own.
 * Throws PatternSyntaxError (regex-ast.ts) on syntax it does not know; callers then hold back conservatively.
 */
export function patternPrefix(pattern: string, caseInsensitive = false, trailing = 0): PatternPrefix {
  const { ast, inlineFlags } = parsePattern(pattern);
  let flags = inlineFlags + (caseInsensitive ? 'i' : '');
  flags = [...new Set(flags)].join('');
  const held: Node = trailing > 0 ? { t: 'seq', items: [ast, parsePattern(`[\\s\\S]{0,${trailing}}`).ast] } : ast;
  const body = ne(held);
  const wrap = (x: string): string => (flags ? `(?${flags}:${x})` : `(?:${x})`);
  const source = body === null ? null : wrap(body);
  const ends = terminators(held);
  return { source, maxWidth: width(ast), terminator: ends.length > 0 ? wrap(ends.join('|')) : null };
}

/**
 * What every match of the node starts with, at most `budget` UTF-16 units long: RE2 source (assertions
 * dropped) that matches a prefix of each match, or '' when nothing is certain. Whole items while they
 * fit, then as many repetitions of a repeat as every match has, or the head of a group. Large
 * repetitions keep their minimum: `[A-Za-z0-9+/]{50,100}` relaxed to `*` would match anywhere.
 */
function head(n: Node, budget: number): string {
  if (width(n) <= budget) return full(n, 'keepMin');
  switch (n.t) {
    case 'atom':
    case 'assert':
    case 'empty': return '';
    case 'group': {
      const body = head(n.body, budget);
      return body === '' ? '' : `(?${n.flags}:${body})`;
    }
    case 'alt': {
      const parts = n.items.map((x) => head(x, budget));
      return parts.includes('') ? '' : `(?:${parts.join('|')})`;
    }
    case 'repeat': {
      if (n.min === 0) return '';
      const w = width(n.body);
      const times = Math.min(n.min, Math.floor(budget / w));
      if (times === 0) return head(n.body, budget);
      return times === 1 ? `(?:${full(n.body, 'keepMin')})` : `(?:${full(n.body, 'keepMin')}){${times}}`;
    }
    case 'seq': {
      let out = '';
      let left = budget;
      for (const item of n.items) {
        const w = width(item);
        if (w > left) return out + head(item, left);
        out += full(item, 'keepMin');
        left -= w;
      }
      return out;
    }
  }
}

/**
 * RE2 source (flags inlined) matching the first `maxWidth` UTF-16 units (at most) of every match of
 * `pattern`: wherever a match starts, this matches from there too. The engine's Set uses it for a
 * recognizer whose matches may be longer than the text its Set pass sees past a segment (see
 * scan-engine.ts). Null when the pattern's start is not certain enough to say anything.
 */
export function patternHead(pattern: string, caseInsensitive: boolean, maxWidth: number): string | null {
  const { ast, inlineFlags } = parsePattern(pattern);
  const body = head(ast, maxWidth);
  if (body === '') return null;
  const flags = [...new Set(inlineFlags + (caseInsensitive ? 'i' : ''))].join('');
  return flags ? `(?${flags}:${body})` : `(?:${body})`;
}

/**
 * The top-level alternatives of `pattern` that can hold capture group `group`, as RE2 source (flags
 * inlined); null when there is nothing to leave out. A recognizer that reports a group may have
 * alternatives without it: vetoes, which swallow harmless text (`public_key = ...`, a file path used as
 * a key) so that the reporting alternatives cannot match there. They never report anything, so where
 * the only question is "can a finding start here?" (the engine's Set pass over whole texts) they can
 * be left out: a reported match is a match of its own alternative, at the same place. Assertions are
 * dropped (a superset, which such a question allows); repetitions keep their bounds (patternHead
 * measures widths by them).
 */
export function reportingAlternatives(pattern: string, group: number): string | null {
  if (group <= 0) return null;
  const { ast, inlineFlags } = parsePattern(pattern);
  let node = ast;
  let flags = inlineFlags;
  while (node.t === 'group' && !node.capture) {
    flags += node.flags;
    node = node.body;
  }
  if (node.t !== 'alt') return null;
  const kept: Node[] = [];
  let before = 0;
  for (const item of node.items) {
    const n = captures(item);
    if (before < group && group <= before + n) kept.push(item);
    before += n;
  }
  if (kept.length === 0 || kept.length === node.items.length) return null;
  const body = kept.map((x) => full(x, 'exact')).join('|');
  const set = [...new Set(flags)].join('');
  return set ? `(?${set}:${body})` : `(?:${body})`;
}
