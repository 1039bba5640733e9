// Last resort: a long random-looking token next to a word that names a credential ("my staging
// token, 8fJ2...", "secret -> Q9x..."). Shapes the assignment recognizers do not parse still get
// caught, but only with a credential word within the context window, so random ids, hashes and
// base64 blobs in ordinary text stay untouched.
import type { Recognizer } from '../../types.js';
import { base64Decode, charClasses, entropy, isFillerToken, isHex, looksLikeWords, secret, stripPadding } from './util.js';
import { SEP, harmlessNames } from './assignments.js';
import { classSwitchRate, isCodeReference, isStructuredNonSecret, isUuid } from './values.js';

/** Context words; `key` only in forms that end a name, so "keyboard" or "monkey" do not count. */
const CREDENTIAL_WORDS = [
  'secret', 'token', 'credential', 'password', 'passwd', 'bearer', 'apikey', 'api_key', 'api key',
  'api-key', 'access key', 'access_key', 'private key', 'private_key', 'key:', 'key=', 'key"', "key'",
  'key ', 'key-', 'key_', 'auth',
];

/** The same harmless names the assignment recognizers skip (public_key, csrf-token, kms_key_id...). */
const NAME_WORDS = 'secret|token|credentials?|password|passwd|bearer|api[_ -]?key|apikey|access[_ -]?key|private[_ -]?key|key|auth';
// A vetoed name swallows the token that follows it (within 20 characters, or on the next line when
// the name ends its line: a YAML block scalar or list item), so it is not reported.
// In prose the harmless word may stand apart from the credential word ("Public key pin-sha256: ...").
// A PEM/PGP armor header ("-----BEGIN PUBLIC KEY-----") names a key, but the body lines after it are
// certificates and public keys, or a private key the key recognizers report as a whole: the header
// swallows the lines within the context window after it.
const VETO = `(?:${harmlessNames(NAME_WORDS, SEP, '[\\w .-]').join('|')})(?:[^\\n]{0,20}?|["']?[ \\t]{0,4}:?[ \\t]{0,4}(?:[>|][-+]?[ \\t]{0,4})?(?:\\r?\\n[ \\t]{0,40}(?:-[ \\t]{1,4})?(?:[>|][-+]?[ \\t]{0,4})?){1,2})[A-Za-z0-9+/_-]{24,}`
  + `|-----BEGIN [A-Z0-9 ]{1,40}-----(?:(?:\\r?\\n|\\\\{1,2}[rn])[^\\n\\\\]{0,100}){1,3}`;

/** Base64 whose decoded bytes are printable text with spaces: an encoded sentence. */
function decodesToText(value: string): boolean {
  const raw = base64Decode(stripPadding(value));
  if (!raw || raw.length < 8) return false;
  let spaces = 0;
  for (const b of raw) {
    if (b === 0x20) spaces++;
    else if (b < 0x20 || b > 0x7e) return false;
  }
  return spaces > 0;
}

function isLowerWord(s: string): boolean {
  for (const ch of s) if (!(ch >= 'a' && ch <= 'z')) return false;
  return s.length > 0;
}

function highEntropyToken(value: string): boolean {
  // UUIDs are identifiers far more often than secrets; under a secret name the assignment
  // recognizers report them.
  if (isFillerToken(value) || isStructuredNonSecret(value) || isUuid(value)) return false;
  // Hex runs near a credential word are mostly digests and commit ids (an explicitly named hex
  // secret is the assignment recognizers' job); paths are not tokens either.
  const compact = value.replaceAll('-', '').replaceAll('_', '');
  if (isHex(compact)) return false;
  // Object ids with a short type prefix (msg_..., cus_..., vlt_...): provider secrets with such
  // prefixes have their own recognizers; the unknown ones here are ids far more often.
  const underscore = value.indexOf('_');
  if (underscore >= 2 && underscore <= 8 && isLowerWord(value.slice(0, underscore))) return false;
  if (value.split('/').length > 2 && value.split('/').some((part) => part.length >= 3 && looksLikeWords(part))) return false;
  const c = charClasses(value);
  if (c.upper === 0 || c.lower === 0 || c.digit === 0 || looksLikeWords(value) || isCodeReference(value)) return false;
  // Identifiers with a few digits ("ED25519KeyPairObjectOptions") and base64 of plain text
  // ("QmFzZTY0IGVuY29kaW5n...": "Base64 encoding...") are not secrets.
  let alpha = '';
  for (const ch of value) if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) alpha += ch;
  if (c.digit * 4 <= value.length && looksLikeWords(alpha)) return false;
  if (decodesToText(value)) return false;
  if (classSwitchRate(value) < 0.35) return false;
  return entropy(value) >= (value.length >= 32 ? 4.3 : 4.0);
}

export const ENTROPY_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    id: 'high_entropy_token_with_context',
    entity: 'GENERIC_SECRET',
    pattern: `${VETO}|(?:^|[^A-Za-z0-9+/=_-])([A-Za-z0-9+/_-]{24,}={0,2})(?:[^A-Za-z0-9+/=_-]|$)`,
    group: 1,
    maxLength: 202,
    confidence: 0.6,
    validate: highEntropyToken,
    context: CREDENTIAL_WORDS,
    requireContext: true,
    contextWindow: 40,
    keywords: ['secret', 'token', 'credential', 'password', 'passwd', 'bearer', 'key', 'auth'],
  }),
];
