// Homoglyph folding for Latin-script words. Attackers write "іgnоrе" with Cyrillic і/о/е so that a
// keyword matcher sees a different string while a reader (and the model) sees "ignore". Real Russian or
// Greek words are written in one script, so we only fold a token that MIXES Latin with Cyrillic, Greek or
// Armenian letters; whole Cyrillic/Greek words keep their identity and are matched by their own language
// cues. Fullwidth forms and mathematical alphanumerics are already folded by NFKC before this runs.
import { re2 } from '../../util/re2.js';

/** Lower-case look-alikes (the input is already lower-cased) mapped to the Latin letter they imitate. */
const LOOKALIKE: Readonly<Record<string, string>> = {
  // Cyrillic
  'а': 'a', 'в': 'b', 'с': 'c', 'ԁ': 'd', 'е': 'e', 'ё': 'e', 'һ': 'h', 'н': 'h', 'і': 'i', 'ї': 'i', 'ј': 'j',
  'к': 'k', 'ӏ': 'l', 'м': 'm', 'п': 'n', 'о': 'o', 'р': 'p', 'ԛ': 'q', 'г': 'r', 'ѕ': 's', 'т': 't', 'ц': 'u',
  'ѵ': 'v', 'ԝ': 'w', 'ш': 'w', 'х': 'x', 'у': 'y', 'ү': 'y', 'з': '3', 'ь': 'b',
  // Greek
  'α': 'a', 'β': 'b', 'ϲ': 'c', 'δ': 'd', 'ε': 'e', 'η': 'n', 'ι': 'i', 'ϳ': 'j', 'κ': 'k', 'ν': 'v', 'ο': 'o',
  'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'γ': 'y', 'ω': 'w', 'μ': 'u', 'ς': 'c', 'ɩ': 'i',
  // Armenian
  'օ': 'o', 'ս': 'u', 'ց': 'g', 'հ': 'h', 'ո': 'n', 'ք': 'q', 'ա': 'w', 'զ': 'q',
};

// Explicit block ranges rather than \\p{Script} classes: same letters here, a much smaller automaton.
const FOREIGN = '\\x{0370}-\\x{03FF}\\x{0400}-\\x{052F}\\x{0530}-\\x{058F}';
const LATIN = 'a-z\\x{00DF}-\\x{024F}\\x{1E00}-\\x{1EFF}';
const LETTER = `${LATIN}${FOREIGN}\\x{0300}-\\x{036F}`;
/** A letter run holding at least one Latin letter and at least one look-alike-script letter. */
const MIXED_TOKEN = re2(`[${LETTER}]*(?:[${LATIN}][${LETTER}]*[${FOREIGN}]|[${FOREIGN}][${LETTER}]*[${LATIN}])[${LETTER}]*`, 'gu');
/** Exported for the normaliser's combined gate. */
export const HAS_FOREIGN = re2(`[${FOREIGN}]`, 'u');

export interface FoldResult { readonly text: string; readonly folded: number }

export function foldConfusables(lower: string): FoldResult {
  if (!HAS_FOREIGN.test(lower)) return { text: lower, folded: 0 };
  let folded = 0;
  const text = lower.replace(MIXED_TOKEN, (token: string) => {
    folded++;
    let out = '';
    for (const ch of token) out += LOOKALIKE[ch] ?? ch;
    return out;
  });
  return { text, folded };
}
