// Text pasted from JSON or a log keeps its escapes as two characters: `Phone:\n555-0100`. The escape's
// letter (n, t, r) touches the value and hides the word boundary before it, so the recognizers that
// consume the character before a value (capture group 1 is the value) also accept a literal escape
// there. Listed first in their alternations, so it is preferred over consuming the backslash alone
// (which would leave the letter to start an e-mail address's local part).
export const LITERAL_ESCAPE = '\\\\[ntr]';

/**
 * A leading `\b` before a value that starts with a word character, consumed instead of asserted so a
 * literal escape can stand in for it (the value is capture group 1).
 */
export const WORD_START = `(?:^|${LITERAL_ESCAPE}|[^A-Za-z0-9_])`;
