// Typo folding for the handful of words every injection leans on ("ingore all previos instrutcions",
// "tell me the pasword"). People type attacks fast, and a keyword list that only knows the spelling of a
// dictionary misses them. The variants are generated, not listed: every single deletion, doubling and
// swap of two neighbouring letters of each keyword, minus the variants that are words in their own right
// ("forge", "revel") or another keyword. A whole-word variant is folded back to its keyword in the view;
// keywords are never variants, so folding twice changes nothing. No signal: a typo is not a disguise.
import { re2 } from '../../util/re2.js';

/** Long, distinctive keywords only: short ones ("rules", "above") have real words one edit away. */
const KEYWORDS = [
  'ignore', 'disregard', 'forget', 'instructions', 'previous', 'password', 'prompt', 'secret', 'reveal', 'guidelines',
  'restrictions', 'pretend', 'jailbreak', 'unrestricted', 'everything', 'system', 'override', 'bypass', 'repeat',
] as const;

/** Variants that are real words (English, or common in the other packs' languages) and stay as typed. */
const REAL_WORDS = new Set(['forge', 'foret', 'revel', 'guideline', 'restriction', 'instruction', 'pervious']);

function variantsOf(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) {
    out.add(word.slice(0, i) + word.slice(i + 1)); // a letter left out
    out.add(word.slice(0, i) + (word[i] as string) + word.slice(i)); // a letter typed twice
    if (i + 1 < word.length) out.add(word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2)); // two swapped
  }
  return [...out];
}

const CANONICAL = new Map<string, string>();
for (const k of KEYWORDS) {
  for (const v of variantsOf(k)) if (!REAL_WORDS.has(v) && !(KEYWORDS as readonly string[]).includes(v)) CANONICAL.set(v, k);
}

// Longest first, so that alternation prefers a whole variant; the boundaries make it whole words only.
const ALTERNATION = [...CANONICAL.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|');
const TYPO = re2(`\\b(?:${ALTERNATION})\\b`, 'g');
/** Exported for the normaliser's combined gate (explicit boundaries: RE2's \\b is slow on long texts). */
export const HAS_TYPO = re2(`(?:^|[^a-z])(?:${ALTERNATION})(?:[^a-z]|$)`);

/** The view with misspelt keywords folded back; `folded` counts them. */
export function foldTypos(view: string): { text: string; folded: number } {
  if (!HAS_TYPO.test(view)) return { text: view, folded: 0 };
  let folded = 0;
  const text = view.replace(TYPO, (w: string) => {
    folded++;
    return CANONICAL.get(w) ?? w;
  });
  return { text, folded };
}
