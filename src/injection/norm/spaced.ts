// Letter-spacing obfuscation: "i g n o r e", "i.g.n.o.r.e", "p-a-s-s-w-o-r-d". Runs of single letters
// joined by one separator are glued back into a word for matching. Four letters minimum, so initials and
// abbreviations ("e.g.", "u.s.a.") are left as they are. Runs after whitespace collapse, so "i  g  n" counts.
import { re2 } from '../../util/re2.js';

// Alphabetic scripts only (Latin, Greek, Cyrillic): spelling a word out letter by letter is a thing
// there. Narrow explicit ranges keep the automaton small (\\p{L} is several times slower).
const L = 'a-z\\x{00C0}-\\x{024F}\\x{0370}-\\x{03FF}\\x{0400}-\\x{04FF}';
const RUN = re2(`(?:^|[^${L}0-9])((?:[${L}][ ._*·~|/+-]){3,}[${L}])(?:[^${L}0-9]|$)`, 'gu');
/** Exported for the normaliser's combined gate. */
export const ANY_RUN = re2(RUN.source, 'u');
const SEPARATORS = re2('[ ._*·~|/+-]', 'gu');

export interface SpacedResult { readonly text: string; readonly joined: number }

export function joinSpacedLetters(text: string): SpacedResult {
  if (!ANY_RUN.test(text)) return { text, joined: 0 };
  let joined = 0;
  const out = text.replace(RUN, (match: string, run: string) => {
    const word = run.replace(SEPARATORS, '');
    if (word.length >= 5) joined++;
    return match.replace(run, word);
  });
  return { text: out, joined };
}
