// Key material: PEM private key blocks (RSA, EC, DSA, OpenSSH, encrypted PKCS#8, PGP), lone lines of
// their base64 body, base64-wrapped PEM, JSON Web Tokens and JSON Web Keys. PEM blocks span lines;
// their maxLength (the streaming redactor's hold-back for them) is bounded at 10000 characters.
import type { Recognizer } from '../../types.js';
import { base64Decode, charClasses, entropy, isFillerToken, longestSequence, secret, stripPadding } from './util.js';

/** Longest PEM block we report as one finding: a 4096-bit RSA key is ~3.3k, ML-KEM-1024 ~6.5k. */
export const PEM_MAX_LENGTH = 10_000;

// The body between the markers is matched lazily and open-ended (RE2 refuses counted repetition
// above 1000, and a block is up to ~10k characters); the factory's validator refuses anything longer
// than maxLength, so a block finding never exceeds PEM_MAX_LENGTH.
const PEM_LABEL = '[A-Z0-9]{1,12}(?: [A-Z0-9]{1,12}){0,4}';
const PEM_BEGIN = `-----BEGIN (?:${PEM_LABEL} )?PRIVATE KEY(?: BLOCK)?-----`;
const PEM_END = `-----END (?:${PEM_LABEL} )?PRIVATE KEY(?: BLOCK)?-----`;

/**
 * Armored blocks that hold public material: certificates (and their requests and CRLs), public keys
 * (SPKI, PKCS#1, PGP), signatures and PGP messages. Their body lines look exactly like a private key's
 * (base64 of DER, "MII..."), so the body-line recognizers swallow a whole such block in a leading
 * alternative without a capture group (the scanner drops matches whose value group is empty) and its
 * lines are never reported. Only complete blocks are swallowed: the lazy body stops at the first END
 * marker, and a block without one (cut off) is judged line by line as before.
 */
const PUBLIC_LABEL = '(?:[A-Z0-9]{1,12} ){0,3}(?:CERTIFICATE(?: REQUEST)?|CRL|PUBLIC KEY(?: BLOCK)?|SIGNATURE|(?:SIGNED )?MESSAGE|PKCS7|CMS|PARAMETERS)';
const PUBLIC_BLOCK = `-----BEGIN ${PUBLIC_LABEL}-----[\\s\\S]*?-----END [A-Z0-9 ]{1,40}-----`;

/**
 * Base64 lines right under a name that says public key (`SshPublicKeys:` then a YAML list item or a
 * `>-` / `|` block scalar, `public_key:` then an indented line) are that public key. Swallowed like a
 * public armored block: the name and up to eight such lines, without a capture group.
 */
const PUBLIC_NAME_LINES = '(?i:public[_ -]?keys?)["\']?[ \\t]{0,4}:[ \\t]{0,4}(?:[>|][-+]?[ \\t]{0,4})?'
  + '(?:(?:\\r?\\n[ \\t]{0,40}(?:-[ \\t]{1,4})?(?:[>|][-+]?[ \\t]{0,4})?){1,2}[A-Za-z0-9+/]{50,100}={0,2}[ \\t]{0,4}){1,8}';

/** Base64 characters in a PEM body once line breaks, escapes, quotes and string glue are removed. */
function pemBodyLength(block: string): number {
  const start = block.indexOf('-----', 10) + 5;
  const end = block.lastIndexOf('-----END');
  let n = 0;
  const body = block.slice(start, end < 0 ? block.length : end);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47) n++;
  }
  return n;
}

/** A closed block must contain real key material; "anything" between the markers is an example. */
function pemBlockValid(block: string): boolean {
  return pemBodyLength(block) >= 40;
}

/**
 * A header with no END marker within reach is a truncated or still-streaming key: the lines after it
 * are key material even if the rest has not arrived. When an END marker does follow, the block
 * recognizer decides, so the header alone is not reported twice (or at all, for example blocks).
 */
function pemHeaderOnly(value: string): boolean {
  return !value.includes('-----END');
}

/** Base64 characters of a captured body line, escaped line breaks (`\\n`, `\\r\\n`) removed. */
function bodyRun(value: string): string {
  let out = '';
  for (const ch of value) {
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch === '+' || ch === '/') out += ch;
  }
  return out;
}

/**
 * Lines of PEM or OpenSSH body: 50-130 base64 characters (PEM wraps at 64, OpenSSH at 70, MIME at
 * 76), high entropy, mixed case, and not a hex digest, a counting run or a word.
 */
function keyBodyLineValid(value: string): boolean {
  // 50+ characters: a block's full-width lines. Shorter base64 (a 44-character digest, a test
  // vector) is too common in code to call key material on its own.
  const run = bodyRun(stripPadding(value));
  if (run.length < 50) return false;
  const c = charClasses(run);
  if (c.upper < 3 || c.lower < 3) return false;
  const h = entropy(run);
  // Random base64 has digits; some key encodings (lattice keys) have none but are then very mixed.
  if (c.digit === 0 && !(run.length >= 56 && h >= 4.5)) return false;
  let hexLetters = 0;
  for (const ch of run) if ((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')) hexLetters++;
  if (hexLetters === c.upper + c.lower) return false;
  if (longestSequence(run) >= 8) return false;
  return h >= (run.length >= 56 ? 4.1 : 3.9);
}

/** Decoration before a body line: indentation, quotes, comment marks, string glue, log prefixes. */
const BODY_PREFIX = '(?:#\\d{1,4} [0-9.]{1,10} |\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d:\\d\\d\\S{0,12} )?[ \\t"\'`*#/+(,;-]{0,16}';
/** An escaped line break inside a source string literal: \\n, \\r, \\\\n (one to four backslashes). */
const ESC = '\\\\{1,4}[rn]';

/** JWT: header and payload are base64url JSON; the header names an algorithm. */
export function jwtValid(token: string): boolean {
  const [header = '', payload = ''] = token.split('.');
  const h = base64Decode(header);
  const p = base64Decode(payload);
  if (!h || !p) return false;
  try {
    const hj: unknown = JSON.parse(h.toString('utf8'));
    if (typeof hj !== 'object' || hj === null || !('alg' in hj || 'typ' in hj || 'kid' in hj)) return false;
    const text = p.toString('utf8').trim();
    return text.startsWith('{') || text.startsWith('[');
  } catch {
    return false;
  }
}

/**
 * A base64 blob that decodes to text containing a PEM private key: a Kubernetes secret's `tls.key`
 * (base64 of the PEM file), or a whole config file (Helm values, YAML) base64-encoded with a key inside.
 */
function base64PemValid(value: string): boolean {
  const raw = base64Decode(value.slice(0, Math.floor(value.length / 4) * 4));
  if (raw === null) return false;
  const text = raw.toString('latin1');
  const at = text.indexOf('PRIVATE KEY');
  return at >= 0 && (text.startsWith('-----', at + 11) || text.startsWith(' BLOCK-----', at + 11));
}

/**
 * "PRIVATE KEY" in base64 at each of the three byte alignments (the characters that depend on its
 * bytes alone), and base64 of "-----BEGIN " at the start of a blob: one must occur in the blob.
 */
const BASE64_PEM_KEYWORDS = ['ls0tls1crudjti', 'ufjjvkfursblrv', 'bssvzbveugs0vz', 'quklwqvrfietfw'];

export const KEY_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    id: 'pem_private_key_block',
    entity: 'PRIVATE_KEY',
    pattern: `${PEM_BEGIN}[\\s\\S]*?${PEM_END}`,
    maxLength: PEM_MAX_LENGTH,
    confidence: 0.99,
    validate: pemBlockValid,
    keywords: ['private key'],
  }),
  secret({
    // Greedy optional tail: when an END marker is reachable the match includes it and is refused.
    id: 'pem_private_key_header',
    entity: 'PRIVATE_KEY',
    pattern: `${PEM_BEGIN}(?:[\\s\\S]*?${PEM_END})?`,
    maxLength: PEM_MAX_LENGTH,
    confidence: 0.9,
    validate: pemHeaderOnly,
    keywords: ['private key'],
  }),
  secret({
    // A closing marker whose block started earlier (a previous message or chunk, or cut off): the
    // lines before it were key material. Whole blocks are swallowed by the first, capture-less
    // alternative so their END marker is not reported again here.
    id: 'pem_private_key_footer',
    entity: 'PRIVATE_KEY',
    pattern: `${PEM_BEGIN}[\\s\\S]*?${PEM_END}|(${PEM_END})`,
    group: 1,
    maxLength: 60,
    confidence: 0.7,
    keywords: ['private key'],
  }),
  secret({
    // Putty's own key file format.
    id: 'putty_private_key',
    entity: 'PRIVATE_KEY',
    pattern: 'PuTTY-User-Key-File-[23]: [\\s\\S]{1,}?Private-(?:Lines|MAC): [\\s\\S]{1,}?(?:Private-MAC: [0-9a-f]{40,64}|$)',
    maxLength: PEM_MAX_LENGTH,
    confidence: 0.95,
    keywords: ['putty-user-key-file-'],
  }),
  secret({
    // A bare line of key body (markers elsewhere or cut off): decoration, one base64 run of 50-100
    // characters, optional closing decoration, end of line.
    id: 'private_key_body_line',
    entity: 'PRIVATE_KEY',
    pattern: `(?m)${PUBLIC_BLOCK}|${PUBLIC_NAME_LINES}|^${BODY_PREFIX}([A-Za-z0-9+/]{50,100}={0,2})(?:[ \\t"'\`*/+),;]|\\\\{1,4}[rn]?){0,16}$`,
    group: 1,
    // The value is at most 102 characters; the bound covers a swallowed public block, so the streaming
    // redactor holds an open certificate back until its END line decides it.
    maxLength: PEM_MAX_LENGTH,
    confidence: 0.75,
    validate: keyBodyLineValid,
  }),
  secret({
    // The same inside a source string literal, where authors do not wrap at 64 and several lines
    // may share one physical line joined by escaped line breaks ("...\\n" + "...\\n").
    id: 'private_key_body_string',
    entity: 'PRIVATE_KEY',
    pattern: `(?m)${PUBLIC_BLOCK}|^${BODY_PREFIX}([A-Za-z0-9+/]{16,130}(?:${ESC}[A-Za-z0-9+/]{16,130}){0,3}={0,2})[ \\t]{0,4}\\\\{1,4}[rn]?(?:[ \\t"'\`*/+),;]|\\\\{1,4}[rn]?){0,16}$`,
    group: 1,
    maxLength: PEM_MAX_LENGTH,
    confidence: 0.75,
    validate: keyBodyLineValid,
    keywords: ['\\'],
  }),
  secret({
    id: 'pem_private_key_base64',
    entity: 'PRIVATE_KEY',
    // The whole blob is the value; the decoded text must hold a private key's PEM marker.
    pattern: '(?:^|[^A-Za-z0-9+/=])([A-Za-z0-9+/]{32,}={0,2})',
    group: 1,
    maxLength: PEM_MAX_LENGTH,
    confidence: 0.95,
    validate: base64PemValid,
    keywords: BASE64_PEM_KEYWORDS,
  }),
  secret({
    id: 'jwt',
    entity: 'JWT',
    pattern: 'eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{2,}(?:\\.[A-Za-z0-9_-]{0,})?',
    maxLength: 8192,
    confidence: 0.9,
    validate: jwtValid,
    keywords: ['eyj'],
  }),
  secret({
    // JWK private members: "d" (EC/RSA private exponent), "k" (symmetric key), RSA primes.
    id: 'jwk_private_member',
    entity: 'JSON_WEB_KEY',
    pattern: '"(?:d|k|p|q|dp|dq|qi)"[ \\t]{0,3}:[ \\t]{0,3}"([A-Za-z0-9_-]{20,})"',
    group: 1,
    maxLength: 1000,
    confidence: 0.8,
    validate: (v) => !isFillerToken(v) && entropy(v) >= 3.8,
    context: ['kty', 'jwk', 'keys', '"d"', '"k"'],
    keywords: ['"d"', '"k"', '"p"', '"q"', '"dp"', '"dq"', '"qi"'],
  }),
  secret({
    // A whole JWK set / key serialised as base64 ("[{" or "{" + "kty"...).
    id: 'jwk_base64',
    entity: 'JSON_WEB_KEY',
    pattern: '\\b(?:eyJrdHkiOi|ewogI|WwogI|W3sia3R5Ijo)[A-Za-z0-9+/]{40,}={0,2}',
    maxLength: 8010,
    confidence: 0.8,
    validate: (v) => {
      const raw = base64Decode(v.slice(0, Math.floor(v.length / 4) * 4));
      return raw !== null && raw.toString('latin1').includes('"kty"');
    },
    keywords: ['eyjrdhkioi', 'ewogi', 'wwogi', 'w3sia3r5ijo'],
  }),
  secret({
    // OpenSSH / PuTTY encrypted key passphrase is elsewhere; this is an SSH private key in one-line form.
    id: 'openssh_private_key_inline',
    entity: 'PRIVATE_KEY',
    pattern: '\\bb3BlbnNzaC1rZXktdjE[A-Za-z0-9+/]{100,}={0,2}',
    maxLength: 6020,
    confidence: 0.95,
    keywords: ['b3blbnnzac1rzxktdje'],
  }),
  secret({
    // NTLM authenticate messages carry a password hash response: "NTLMSSP\0" + type 3.
    id: 'ntlm_authenticate_message',
    entity: 'NTLM_TOKEN',
    pattern: '\\bTlRMTVNTUAAD[A-Za-z0-9+/]{40,}={0,2}',
    maxLength: 4010,
    keywords: ['tlrmtvntuaad'],
  }),
];

