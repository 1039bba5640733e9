// A linear pre-scan of JSON text, run before JSON.parse. JSON.parse is recursive, so a body of 100k
// opening brackets would exhaust the stack (or just burn CPU) before any shape check; counting nesting
// here first makes depth a cheap, bounded refusal. The same pass inspects \u escapes inside strings,
// because NUL and unpaired surrogates only become visible after unescaping: NUL truncates strings in
// C-based upstreams, and an unpaired surrogate cannot be encoded as UTF-8, so guards (RE2 works on UTF-8)
// would see different text from what the provider later decodes.
//
// The scan trusts nothing about validity: on malformed JSON it may report 'ok', and JSON.parse then
// rejects the text. On valid JSON it is exact, because strings are tracked with their escapes.

export type ScanResult = 'ok' | 'too_deep' | 'escaped_nul' | 'lone_surrogate';

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const LOWER_U = 0x75; // u
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30; // 0-9
  if (code >= 0x41 && code <= 0x46) return code - 0x37; // A-F
  if (code >= 0x61 && code <= 0x66) return code - 0x57; // a-f
  return -1;
}

/** The code unit of the four hex digits at `start`, or -1 if they are not four hex digits. */
function hex4(text: string, start: number): number {
  let unit = 0;
  for (let k = start; k < start + 4; k++) {
    const digit = hexValue(text.charCodeAt(k)); // NaN past the end maps to -1
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Scans the whole text (linear, no recursion). An encoding problem wins over depth wherever it occurs,
 * matching the documented check order (encoding before depth), so depth excess does not stop the scan.
 */
export function scanJson(text: string, maxDepth: number): ScanResult {
  let depth = 0;
  let tooDeep = false;
  let inString = false;
  // Set after an escaped high surrogate: the very next thing in the string must be an escaped low one.
  // Raw (unescaped) surrogates cannot appear unpaired, since the text came from a strict UTF-8 decode.
  let pendingHigh = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (!inString) {
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
        if (depth > maxDepth) tooDeep = true;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
      continue;
    }
    if (c !== BACKSLASH) {
      if (pendingHigh) return 'lone_surrogate';
      if (c === QUOTE) inString = false;
      continue;
    }
    // An escape: \" \\ \/ \b \f \n \r \t or \uXXXX. Skipping the escaped character keeps \" from
    // ending the string and \\ from escaping the quote after it.
    const unit = text.charCodeAt(i + 1) === LOWER_U ? hex4(text, i + 2) : -1;
    if (unit < 0) {
      if (pendingHigh) return 'lone_surrogate';
      i++;
      continue;
    }
    i += 5;
    if (unit === 0) return 'escaped_nul';
    if (pendingHigh) {
      if (!isLowSurrogate(unit)) return 'lone_surrogate';
      pendingHigh = false;
    } else if (isHighSurrogate(unit)) pendingHigh = true;
    else if (isLowSurrogate(unit)) return 'lone_surrogate';
  }
  return tooDeep ? 'too_deep' : 'ok';
}
