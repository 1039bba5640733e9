// The matches of the IPv4 recognizer's pattern (DOTTED_RUN below), found without RE2. Logs and JSON
// carry hundreds of addresses per megabyte; RE2 found them at ~2 µs each (one native call per match,
// or a replace() copying the text), a byte loop that jumps from dot to dot (indexOf, native) at
// ~0.25 µs. Exact, not a prefilter: the same matches RE2 finds searching the same bytes from the same
// offset (leftmost-first, greedy), which scan-engine relies on and a property test checks against RE2.
//
// What the pattern takes: a whole dotted run of digit groups, with a letter or `_` glued to its start
// and up to 16 word characters glued to its end, so that a run glued to a word (`fw_v2.10.20.30.40`,
// `\n02.94.40.53.46`), a run with a long group (`12345.1.2.3.4`) or a run of many groups (an OID) is
// one candidate, which validation rejects, and never yields its last four groups as an address.

/** The IPv4 recognizer's pattern: up to 17 groups of 1-4 digits (more digits end a group's match). */
export const DOTTED_RUN = '(?:[A-Za-z_]\\d{1,4}|\\d{1,4})(?:\\.\\d{1,4}){3,16}\\w{0,16}';

/** Longest match of DOTTED_RUN. */
export const DOTTED_RUN_MAX = 5 + 16 * 5 + 16;

const DOT = 0x2e;
const MAX_REPS = 16;
const MAX_TAIL = 16;

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function isLetterOrUnderscore(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f);
}

/**
 * End of the match whose first dot is `d`, or -1: greedy `(?:\.\d{1,4}){3,16}` then `\w{0,16}`. A
 * repetition takes at most 4 digits; when more follow, the next repetition cannot start (a digit
 * where its dot must be), and the tail takes them. Fewer repetitions never help (each must be
 * followed by a dot), so the greedy count is the only one RE2 can find.
 */
function endFrom(b: Uint8Array, d: number): number {
  let p = d;
  let reps = 0;
  while (reps < MAX_REPS && b[p] === DOT && isDigit(b[p + 1])) {
    let n = 1;
    while (n < 4 && isDigit(b[p + 1 + n])) n++;
    p += 1 + n;
    reps += 1;
  }
  if (reps < 3) return -1;
  let tail = 0;
  while (tail < MAX_TAIL && (isDigit(b[p]) || isLetterOrUnderscore(b[p]))) { p++; tail++; }
  return p;
}

/**
 * Appends [start, end) of every match in `b` that starts at `from` or later, in order, each search
 * resuming where the previous match ended (RE2's global exec from lastIndex `from`). Each match has a
 * first dot; RE2's leftmost start for it is:
 *  - the letter or `_` right before a run of at most 4 digits ending at that dot (alternative one);
 *  - else the first of those digits, or the fourth digit before the dot when the run is longer (only
 *    the last 4 digits fit `\d{1,4}`), never before `from`.
 * A start before those fails for that dot (the dot would have to come sooner), and a dot whose match
 * fails gives no match at any later start before the next dot either (fewer groups follow).
 */
export function findDottedNumbers(b: Uint8Array, from: number, out: number[]): void {
  let at = from;
  let dot = b.indexOf(DOT, at);
  while (dot >= 0) {
    let f = dot;
    while (f > at && isDigit(b[f - 1])) f--;
    const run = dot - f;
    if (run >= 1) {
      let s = run > 4 ? dot - 4 : f;
      if (run <= 4 && f - 1 >= at && isLetterOrUnderscore(b[f - 1])) s = f - 1;
      const end = endFrom(b, dot);
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
