// Spelling variants that a reader treats as the same word, folded so that one cue matches all of them:
// Turkish dotted capital I lower-cases to "i" + U+0307 in JavaScript; Arabic is written with or without
// short vowels and tatweel, and with several alef forms; Hindi words appear with or without nukta and with
// chandrabindu or anusvara; Russian ё is usually typed as е.
import { re2 } from '../../util/re2.js';

// Also typographic apostrophes and quotes, folded to ASCII so cues can be written with ' and ".
const VARIANT = re2(
  'i\\x{0307}|[\\x{0640}\\x{064B}-\\x{065F}\\x{0670}\\x{0623}\\x{0625}\\x{0622}\\x{0671}\\x{0649}\\x{093C}\\x{0901}\\x{0451}' +
  '\\x{2018}\\x{2019}\\x{201B}\\x{2032}\\x{02BC}\\x{201C}\\x{201D}\\x{201E}\\x{201F}\\x{2033}\\x{00AB}\\x{00BB}]',
  'gu',
);

/** Exported for the normaliser's combined gate. */
export const ANY_VARIANT = re2(VARIANT.source, 'u');

function fold(ch: string): string {
  switch (ch) {
    case 'i\u0307': return 'i';
    case '\u0623': case '\u0625': case '\u0622': case '\u0671': return '\u0627'; // alef forms -> bare alef
    case '\u0649': return '\u064A'; // alef maqsura -> ya
    case '\u0901': return '\u0902'; // chandrabindu -> anusvara
    case '\u0451': return '\u0435'; // ё -> е
    case '\u2018': case '\u2019': case '\u201B': case '\u2032': case '\u02BC': return "'";
    case '\u201C': case '\u201D': case '\u201E': case '\u201F': case '\u2033': case '\u00AB': case '\u00BB': return '"';
    default: return ''; // harakat, tatweel, nukta
  }
}

export function foldScriptVariants(lower: string): string {
  // One test pass; the replacement (with its per-match callback) only runs when there is something to fold.
  return ANY_VARIANT.test(lower) ? lower.replace(VARIANT, fold) : lower;
}
