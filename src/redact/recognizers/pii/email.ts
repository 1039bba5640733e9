// Email addresses. The pattern consumes the character before the local part (capture group 1
// holds the address) so that an address can never start in the middle of another token: a
// URL's `user:password@host` or `scheme://user@host` is not an email (URL_CREDENTIALS and the
// connection-string secrets own those), while `mailto:` and `Email:` are allowed explicitly.
import type { Recognizer } from '../../types.js';
import { LITERAL_ESCAPE } from './literal-escape.js';

// ASCII classes only: RE2 runs Unicode classes (\p{L}) some 60x slower, and internationalised
// addresses are rare in practice (an ASCII address right after a non-ASCII letter still matches
// from the first ASCII character, so most of it is covered).
//
// Local part: letters, digits and the symbols that occur in real addresses. The rarer RFC 5322
// specials (! # $ & ' * / = ? ^ ` { | } ~) are left out so quotes, query strings and paths
// around an address are not swallowed into it. Lengths are left unbounded in the pattern and
// checked in validation (64 for the local part, 63 per label, 254 in all): counted repetitions
// compile to much larger automata.
const LOCAL_CHAR = '[A-Za-z0-9_%+\\-]';
const LOCAL = `${LOCAL_CHAR}(?:[A-Za-z0-9_%+.\\-]*${LOCAL_CHAR})?`;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?';
// Up to four labels before the TLD; the TLD is letters (or punycode), never digits, which keeps
// `pkg@1.2.3` and `name@192.168.0.1` out.
const DOMAIN = `(?:${LABEL}\\.){1,4}(?:[A-Za-z]{2,24}|xn--[a-z0-9\\-]{1,59})`;
// A colon right before the address is allowed only after a header-like label ("Email:", "To:"),
// never after a URL's user name.
const BEFORE = `(?:^|${LITERAL_ESCAPE}|[^A-Za-z0-9_%+.\\-:/@]|(?i:mailto|e-?mail|mail|to|from|cc|bcc|reply-to|sender|contact):)`;

const MAX_LOCAL = 64;
const MAX_LABEL = 63;
const MAX_EMAIL = 254;

export function emailValid(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > MAX_LOCAL || value.length > MAX_EMAIL) return false;
  if (local.includes('..')) return false;
  if (domain.split('.').some((label) => label.length > MAX_LABEL)) return false;
  // `icon@2x.png`: the high-DPI asset naming convention, not an address.
  const first = domain.split('.')[0] ?? '';
  if (first.length >= 2 && first.endsWith('x') && [...first.slice(0, -1)].every((c) => c >= '0' && c <= '9')) return false;
  return true;
}

export const EMAIL_RECOGNIZERS: readonly Recognizer[] = [
  {
    id: 'email',
    entity: 'EMAIL_ADDRESS',
    kind: 'pii',
    pattern: `${BEFORE}(${LOCAL}@${DOMAIN})`,
    group: 1,
    // Validation rejects anything longer, so no finding exceeds the RFC 5321 limit.
    maxLength: MAX_EMAIL,
    confidence: 0.9,
    validate: emailValid,
    context: ['email', 'e-mail', 'mail', 'contact'],
    keywords: ['@'],
  },
];
