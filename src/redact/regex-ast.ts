// A small parser for RE2 pattern syntax, as far as regex-prefix.ts needs it: structure (sequence,
// alternation, groups, repetition, laziness) over atoms copied verbatim (literals, escapes, classes),
// so RE2 itself stays the authority on what an atom means. Zero-width assertions are kept as such;
// inline flag setters are reported for the caller to apply.
import { escapeRe2 } from '../util/re2.js';

export type Node =
  | { readonly t: 'atom'; readonly src: string; readonly width: number }
  | { readonly t: 'assert' }
  | { readonly t: 'empty' }
  | { readonly t: 'seq'; readonly items: readonly Node[] }
  | { readonly t: 'alt'; readonly items: readonly Node[] }
  | { readonly t: 'group'; readonly flags: string; readonly body: Node; readonly capture: boolean }
  | { readonly t: 'repeat'; readonly body: Node; readonly min: number; readonly max: number; readonly lazy: boolean };

export class PatternSyntaxError extends Error {
  override name = 'PatternSyntaxError';
}

const HEX = '0123456789abcdefABCDEF';
const ASSERT_ESCAPES = 'bBAz';
const ASCII_SET_ESCAPES = 'dws';

class Parser {
  private i = 0;
  /** Widening flags found in `(?flags)` setters; applied to the whole prefix regex. */
  inlineFlags = '';

  constructor(private readonly s: string) {}

  parse(): Node {
    const node = this.alt();
    if (this.i < this.s.length) throw new PatternSyntaxError(`unbalanced ')' at ${this.i}`);
    return node;
  }

  private alt(): Node {
    const items = [this.seq()];
    while (this.s[this.i] === '|') { this.i++; items.push(this.seq()); }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private seq(): Node {
    const items: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      if (atom === null) continue;
      items.push(this.quantified(atom));
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private quantified(node: Node): Node {
    let out = node;
    for (;;) {
      const c = this.s[this.i];
      let min: number; let max: number;
      if (c === '*') { min = 0; max = Infinity; this.i++; }
      else if (c === '+') { min = 1; max = Infinity; this.i++; }
      else if (c === '?') { min = 0; max = 1; this.i++; }
      else if (c === '{') {
        const m = this.braces();
        if (!m) return out;
        [min, max] = m;
      } else return out;
      const lazy = this.s[this.i] === '?'; // same language; matters only for terminators()
      if (lazy) this.i++;
      out = { t: 'repeat', body: out, min, max, lazy };
    }
  }

  /** `{n}`, `{n,}`, `{n,m}`; anything else is a literal '{' (RE2's rule). */
  private braces(): [number, number] | null {
    let j = this.i + 1;
    let a = '';
    while (j < this.s.length && this.s[j]! >= '0' && this.s[j]! <= '9') a += this.s[j++];
    if (a === '') return null;
    let b: string | null = a;
    if (this.s[j] === ',') {
      j++; b = '';
      while (j < this.s.length && this.s[j]! >= '0' && this.s[j]! <= '9') b += this.s[j++];
    }
    if (this.s[j] !== '}') return null;
    this.i = j + 1;
    return [Number(a), b === '' ? Infinity : Number(b)];
  }

  private atom(): Node | null {
    const s = this.s;
    const c = s[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    if (c === '^' || c === '$') { this.i++; return { t: 'assert' }; }
    if (c === '.') { this.i++; return { t: 'atom', src: '.', width: 2 }; }
    const cp = s.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return { t: 'atom', src: ch, width: ch.length };
  }

  private group(): Node | null {
    const s = this.s;
    this.i++; // (
    let flags = '';
    let capture = true;
    if (s[this.i] === '?') {
      this.i++;
      if (s[this.i] === 'P' && s[this.i + 1] === '<') this.skipName(this.i + 2);
      else if (s[this.i] === '<' && s[this.i + 1] !== '=' && s[this.i + 1] !== '!') this.skipName(this.i + 1);
      else {
        capture = false;
        let raw = '';
        while (this.i < s.length && s[this.i] !== ':' && s[this.i] !== ')') raw += s[this.i++];
        if (![...raw].every((f) => 'imsU-'.includes(f))) throw new PatternSyntaxError(`unsupported group (?${raw}`);
        flags = widening(raw);
        if (s[this.i] === ')') { // flag setter for the rest of the enclosing group: widen globally
          this.i++;
          this.inlineFlags += flags;
          return null;
        }
        this.i++; // ':'
      }
    }
    const body = this.alt();
    if (s[this.i] !== ')') throw new PatternSyntaxError('missing )');
    this.i++;
    return { t: 'group', flags, body, capture };
  }

  private skipName(from: number): void {
    const end = this.s.indexOf('>', from);
    if (end < 0) throw new PatternSyntaxError('unterminated group name');
    this.i = end + 1;
  }

  private charClass(): Node {
    const s = this.s;
    const start = this.i;
    let j = this.i + 1;
    let ascii = true;
    if (s[j] === '^') { ascii = false; j++; }
    if (s[j] === ']') j++; // a leading ']' is literal
    while (j < s.length && s[j] !== ']') {
      if (s[j] === '[' && s[j + 1] === ':') {
        const end = s.indexOf(':]', j + 2);
        if (end < 0) throw new PatternSyntaxError('unterminated [:class:]');
        j = end + 2;
      } else if (s[j] === '\\') {
        const e = escapeEnd(s, j);
        if ('pPSDW'.includes(s[j + 1] ?? '')) ascii = false;
        j = e;
      } else {
        if (s.charCodeAt(j) > 0x7f) ascii = false;
        j++;
      }
    }
    if (j >= s.length) throw new PatternSyntaxError('unterminated [class]');
    this.i = j + 1;
    return { t: 'atom', src: s.slice(start, this.i), width: ascii ? 1 : 2 };
  }

  private escape(): Node {
    const s = this.s;
    const k = s[this.i + 1];
    if (k === undefined) throw new PatternSyntaxError('trailing backslash');
    if (k === 'Q') return this.quoted();
    const end = escapeEnd(s, this.i);
    const src = s.slice(this.i, end);
    this.i = end;
    if (ASSERT_ESCAPES.includes(k)) return { t: 'assert' };
    const width = ASCII_SET_ESCAPES.includes(k) || (src.length === 2 && !'pPSDWxuC'.includes(k)) ? 1 : 2;
    return { t: 'atom', src, width };
  }

  /** `\Q...\E`: every character is its own atom, so partial literals stay viable prefixes. */
  private quoted(): Node {
    const s = this.s;
    const start = this.i + 2;
    let end = s.indexOf('\\E', start);
    if (end < 0) end = s.length;
    this.i = end < s.length ? end + 2 : end;
    const items: Node[] = [];
    for (const ch of s.slice(start, end)) {
      items.push({ t: 'atom', src: escapeRe2(ch), width: ch.length });
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }
}

function widening(raw: string): string {
  const on = raw.split('-')[0] ?? '';
  return [...on].filter((f) => f === 'i' || f === 's').join('');
}

/** Index just past the escape sequence starting at `s[i] === '\\'`. */
function escapeEnd(s: string, i: number): number {
  const k = s[i + 1];
  if ((k === 'p' || k === 'P' || k === 'x' || k === 'u') && s[i + 2] === '{') {
    const close = s.indexOf('}', i + 3);
    if (close < 0) throw new PatternSyntaxError('unterminated \\' + k + '{');
    return close + 1;
  }
  if (k === 'x') return i + 2 + countWhile(s, i + 2, 2, (c) => HEX.includes(c));
  if (k === 'u') return i + 2 + countWhile(s, i + 2, 4, (c) => HEX.includes(c));
  if (k === 'c') return i + 3;
  if (k === 'p' || k === 'P') return i + 3;
  if (k !== undefined && k >= '0' && k <= '7') return i + 1 + countWhile(s, i + 1, 3, (c) => c >= '0' && c <= '7');
  const cp = s.codePointAt(i + 1);
  return i + 1 + (cp !== undefined && cp > 0xffff ? 2 : 1);
}

function countWhile(s: string, from: number, max: number, ok: (c: string) => boolean): number {
  let n = 0;
  while (n < max && from + n < s.length && ok(s[from + n]!)) n++;
  return n;
}

/** How many capture groups the node holds (RE2 numbers them by their opening parenthesis). */
export function captures(n: Node): number {
  switch (n.t) {
    case 'seq':
    case 'alt': return n.items.reduce((a, x) => a + captures(x), 0);
    case 'group': return (n.capture ? 1 : 0) + captures(n.body);
    case 'repeat': return captures(n.body);
    default: return 0;
  }
}

/** Parses a pattern; `inlineFlags` are the widening flags of `(?i)`-style setters found in it. */
export function parsePattern(pattern: string): { ast: Node; inlineFlags: string } {
  const parser = new Parser(pattern);
  const ast = parser.parse();
  return { ast, inlineFlags: parser.inlineFlags };
}
