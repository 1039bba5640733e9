// Leetspeak folding ("1gn0r3 pr3v10us", "p@ssw0rd") for matching only: the folded text is never shown to
// anyone. A token is folded only when a digit or symbol sits BETWEEN letters and every non-letter in it is
// a leet substitute, so ordinary alphanumerics keep their meaning: "4th", "mp3", "covid19", "sha256",
// "x86" and "user@example.com" are left alone.
import { re2 } from '../../util/re2.js';

const SUBST: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's' };

/** Letters and leet substitutes, with at least one substitute flanked by letters. */
const CANDIDATE = re2('[a-z013457@$]*[a-z][013457@$]+[a-z][a-z013457@$]*', 'g');
/** Exported for the normaliser's combined gate. */
export const HAS_SUBST = re2('[a-z][013457@$]+[a-z]');

export interface LeetResult { readonly text: string; readonly folded: number; readonly strong: boolean }

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '_' || c.charCodeAt(0) > 0x7f);
}

export function foldLeet(lower: string): LeetResult {
  if (!HAS_SUBST.test(lower)) return { text: lower, folded: 0, strong: false };
  let folded = 0;
  let strong = false;
  const text = lower.replace(CANDIDATE, (token: string, offset: number, whole: string) => {
    // Part of a longer alphanumeric token ("a1b2c3", "v1.4x"): an identifier, not a disguised word.
    if (isWordChar(whole[offset - 1]) || isWordChar(whole[offset + token.length])) return token;
    // user@example.com, handles: the '@' is an address separator, not an 'a'.
    if (token.includes('@') && whole[offset + token.length] === '.') return token;
    let out = '';
    let subs = 0;
    for (const ch of token) {
      const s = SUBST[ch];
      if (s) { out += s; subs++; } else out += ch;
    }
    folded++;
    if (subs >= 2) strong = true;
    return out;
  });
  return { text, folded, strong: strong || folded >= 2 };
}
