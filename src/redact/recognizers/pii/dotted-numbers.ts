// The matches of the IPv4 recognizer's pattern, `\b(?:\d{1,4}\.){3,6}\d{1,4}\b`, found without RE2.
// Logs and JSON carry hundreds of addresses per megabyte; RE2 found them at ~2 µs each (one native
// call per match, or a replace() copying the text), a byte loop that jumps from dot to dot (indexOf,
// native) at ~0.25 µs. Exact, not a prefilter: the same matches RE2 finds searching the same bytes
// from the same offset (leftmost-first, greedy), which scan-engine relies on and a property test
// checks against RE2 itself.
//
// Why the greedy search reduces to counting groups: each `\d{1,4}\.` repetition must consume a whole
// run of digits (stopping early leaves a digit where the dot must be), so from a start the repetitions
// are the consecutive groups of 1-4 digits each followed by a dot, m of them. With m >= 3, RE2 takes
// min(m, 6) of them, then the next group must be 1-4 digits ending at a word boundary; when it is not,
// one repetition fewer (m - 1 >= 3) always succeeds: the group then ending the match is followed by a
// dot. A match starts at a word boundary, so only at the start of a digit run that follows a non-word
// byte (`\b` and `\d` are ASCII in RE2: every byte >= 0x80 is a non-word byte).

const DOT = 0x2e;

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function isWord(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f);
}

/** Digits at `p` (at most 5 counted: more than 4 never make a group). */
function digitsAt(b: Uint8Array, p: number): number {
  let n = 0;
  while (n < 5 && isDigit(b[p + n])) n++;
  return n;
}

/** End of the match starting at `s` (a word boundary before a digit), or -1. */
function matchAt(b: Uint8Array, s: number): number {
  let p = s;
  let groups = 0; // groups of 1-4 digits followed by a dot, from s
  let lastGroupEnd = -1;
  for (;;) {
    const n = digitsAt(b, p);
    if (n === 0 || n > 4 || b[p + n] !== DOT) break;
    groups += 1;
    lastGroupEnd = p + n;
    p += n + 1;
    if (groups === 7) return lastGroupEnd; // six repetitions, then the seventh group (a dot follows: a boundary)
  }
  if (groups < 3) return -1;
  const n = digitsAt(b, p);
  if (n >= 1 && n <= 4 && !isWord(b[p + n])) return p + n;
  return groups > 3 ? lastGroupEnd : -1;
}

/**
 * Appends [start, end) of every match in `b` that starts at `from` or later, in order, each search
 * resuming where the previous match ended (RE2's global exec from lastIndex `from`; the bytes before
 * `from` are context for the first `\b`).
 */
export function findDottedNumbers(b: Uint8Array, from: number, out: number[]): void {
  let at = from;
  let dot = b.indexOf(DOT, at);
  while (dot >= 0) {
    // The candidate start: the digit run ending at this dot, if it starts at or after `at` at a word
    // boundary (a digit before it would make it part of a longer run).
    const n = Math.min(5, dot - at);
    let s = dot;
    while (dot - s < n && isDigit(b[s - 1])) s--;
    const len = dot - s;
    if (len >= 1 && len <= 4 && !isWord(b[s - 1])) {
      const end = matchAt(b, s);
      if (end >= 0) {
        out.push(s, end);
        at = end;
        dot = b.indexOf(DOT, end);
        continue;
      }
    }
    dot = b.indexOf(DOT, dot + 1);
  }
}
