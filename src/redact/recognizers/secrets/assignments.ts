// `password = value`, `api_key: value`, `"token": "value"`, `<secret>value</secret>` in code,
// config, env files, JSON/YAML and prose. Only the value is reported (capture group 1).
//
// RE2 has no lookbehind, so names that must NOT count (public_key, csrf_token, secret_name, ...)
// are listed as leading alternatives without a capture group: RE2 prefers the leftmost match and,
// at one position, the earlier alternative; the scanner drops matches whose value group is empty.
// Such a "veto" match consumes the name, so the value after it is never reported either.
import type { Recognizer } from '../../types.js';
import { charClasses, entropy, isFillerToken, isHex, looksLikeWords, secret } from './util.js';
import { passwordValueValid, strongTokenValid, tokenValueValid } from './values.js';

// Key-name vocabulary --------------------------------------------------------------------------------

/** Password names, typos and abbreviations included (pwd, pswd, passwd, paswrd...), and a few languages. */
export const PASSWORD_WORDS = [
  'passwords?', 'pass', 'passwd', 'pwd', 'pw', 'paswo?r?d', 'ps{1,2}wo?r?d', 'passphrase', 'passcode',
  'passwort', 'contrase(?:ñ|n)a', 'senha', 'mot_?de_?passe', 'пароль', '비밀번호', '비번', '密码', '密碼', 'パスワード',
].join('|');

/** Password words for the whitespace-separated forms: not "pass"/"pw", which are ordinary words. */
const SPACED_PASSWORD_WORDS = [
  'passwords?', 'passwd', 'pwd', 'paswo?r?d', 'ps{1,2}wo?r?d', 'passphrase', 'passcode', 'passwort',
  'contrase(?:ñ|n)a', 'senha', 'пароль', '비밀번호', '비번', '密码', '密碼', 'パスワード',
].join('|');

/** Names of generated credentials. */
export const SECRET_WORDS = [
  'secret', 'token', 'credentials?', 'api[_ -]?key', 'access[_ -]?key', 'auth[_ -]?key', 'private[_ -]?key',
  'secret[_ -]?key', 'signing[_ -]?key', 'encryption[_ -]?key', 'master[_ -]?key', 'session[_ -]?key',
  'app[_ -]?key', 'auth', 'bearer', 'oauth_signature',
].join('|');

/** Name prefixes that make a secret-sounding word harmless: public keys, CSRF, pagination, counts. */
const HARMLESS_PREFIXES = [
  'public', 'pub', 'csrf', 'xsrf', 'authenticity', 'page', 'next', 'prev', 'previous', 'continuation',
  'cursor', 'sync', 'idempotency', 'correlation', 'request', 'trace', 'cache', 'etag', 'sort',
  'primary', 'foreign', 'partition', 'hash', 'range',
  'forgot', 'show', 'hide', 'toggle', 'verify_?ssl',
  // npm's `_authToken` is only meaningful in .npmrc syntax, which npmrc_auth_token parses exactly.
  '_auth',
].join('|');

/** Name endings after the secret word that describe metadata, not the secret itself. */
const HARMLESS_SUFFIXES = [
  'ids?', 'names?', 'types?', 'length', 'len', 'size', 'count', 'path', 'paths', 'files?', 'dir',
  'url', 'uri', 'urls', 'endpoint', 'ref', 'arn', 'version', 'prefix', 'suffix', 'field', 'label',
  'format', 'header', 'param', 'hint', 'policy', 'pattern', 'regex', 'template', 'env', 'var',
  'variable', 'expiry', 'expires', 'expires_?at', 'expiration', 'ttl', 'timeout', 'duration',
  'store', 'manager', 'provider', 'class', 'enabled', 'required', 'mode', 'method', 'algorithm',
  'algo', 'scheme', 'location', 'index', 'hash', 'rotation', 'id_?str', 'placeholder', 'prompt',
  'strength', 'rules?', 'min', 'max', 'reset', 'changed', 'updated', 'set', 'validator', 'encoder',
  'input', 'form', 'visible', 'visibility', 'toggle', 'limit', 'usage', 'used', 'count', 'budget',
].join('|');

// Syntax pieces ------------------------------------------------------------------------------------

/** Optional closing quote (maybe escaped) and `]`/`)` after a key, e.g. `"password"`, `ENV['PWD']`. */
export const KEY_CLOSE = '(?:\\\\{0,3}["\'`])?[\\])]?';

/** Assignment operators, typed declarations (`password: String =`), comparisons, URL-encoded `=`. */
const OPS = [
  ':[ \\t]{0,2}[A-Za-z_&][\\w.<>\\[\\]|?&]{0,30}[ \\t]{0,3}(?:=|:=)', // typed declaration
  '(?:string|\\[\\]byte)[ \\t]{0,3}=', // Go: var token string = "..."
  ':=', '=>', '->', '===', '!==', '==', '!=', '\\?=', '\\+=', '%3[Dd]', '=', ':',
  '：', '＝', // full-width forms, common in CJK text
].join('|');

/**
 * Between key and value: spaces, an operator, spaces. `(?:[ \t]|\\t)` also accepts a literal `\t`.
 * Formatters align operators in columns (`terraform fmt`, gofmt struct literals, Ruby hashes), so the
 * space before the operator may be long.
 */
export const SEP = `(?:[ \\t]|\\\\t){0,24}(?:${OPS})(?:[ \\t]|\\\\t){0,3}`;

/** Password-only separator: bare whitespace (`--password x`, `PASSWORD 'x'`), optionally "is". */
const SPACE_SEP = '(?:[ \\t]|\\\\t){1,4}(?:is[ \\t]{1,3})?';

/** Generic separators also accept "is" (`the token is ...`). */
const SECRET_SEP = `(?:${SEP}|[ \\t]{1,3}is[ \\t]{1,3})`;

/** Optional opening: `(`, a quote (maybe escaped), or an HTML-escaped quote. */
const OPEN = '(?:\\([ \\t]{0,2})?(?:\\\\{0,3}["\'`]|&quot;)?';

/** Password values: no whitespace, quotes or list/markup delimiters; symbols otherwise allowed. */
const PASSWORD_VALUE = '([^\\s"\'`,;<>\\\\]{4,128})';

/**
 * A quoted password runs to its closing quote: generated passwords use `,` `;` `<` `>` too, which end
 * an unquoted value. Still no whitespace or backslash (prose and escapes), and a closing quote is required.
 */
const QUOTED_PASSWORD_VALUE = `["']([^\\s"'\\\\]{4,128})["']`;

/** Token values: also stop at URL and call delimiters, so `x&y=` and `get(...)` end the value. */
const TOKEN_VALUE = '([^\\s"\'`,;<>\\\\&%(){}\\[\\]|]{6,})';

/** Anything after the secret word up to the end of the key name. */
const NAME_TAIL = '[\\w.-]{0,24}?';

/** Non-capturing alternatives that swallow harmless names (see the file comment). */
export function harmlessNames(words: string, sep: string, gap = '[\\w.-]'): string[] {
  return [
    `\\b(?i:${HARMLESS_PREFIXES})${gap}{0,20}?(?i:${words})`,
    // The same prefix as a camelCase or snake_case part: `SshPublicKeys`, `rsaPublicKey`,
    // `ssh_public_key` name public keys.
    `(?:[a-z]Public|[A-Za-z0-9]_(?i:public)_)${gap}{0,20}?(?i:${words})`,
    // File paths used as keys ("/src/app/credentials.ts": "<sha>") are not secret names.
    `[/\\\\][\\w.-]{1,40}[/\\\\][\\w./\\\\-]{0,80}?(?i:${words})[\\w.-]{0,24}?${KEY_CLOSE}${sep}`,
    `(?i:${words})${NAME_TAIL}[_.-]?(?i:${HARMLESS_SUFFIXES})${KEY_CLOSE}${sep}`,
  ];
}

const PASSWORD_KEYWORDS = ['pass', 'pwd', 'pw', 'psw', 'pssw', 'pasw', 'contrase', 'senha', 'mot', 'пароль', '비밀번호', '비번', '密码', '密碼', 'パスワード'];

function hasLetterAndDigit(v: string): boolean {
  const c = charClasses(v);
  return c.digit > 0 && c.lower + c.upper > 0;
}

/**
 * Salt/nonce values: the token rules, or a long single-case alphanumeric string (generated salts are
 * often lower-case base36 or hex, whose class switches are rare) that is random rather than words.
 */
function saltValueValid(v: string): boolean {
  if (tokenValueValid(v)) return true;
  const c = charClasses(v);
  return v.length >= 16 && v.length <= 128 && c.digit >= 2 && c.lower + c.upper >= 2 && c.symbol === 0
    && !isFillerToken(v) && !looksLikeWords(v) && entropy(v) >= 3.8;
}

/** A byte escape in a string literal: `\\xHH`, `\\uHHHH`, or octal/NUL `\\0`-`\\7`. */
const ESCAPE_GATE = '\\\\(?:[xX][0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|[0-7])';

/**
 * The content of an escaped salt literal: at least one byte escape, at least eight characters once
 * escapes are decoded, and not one value repeated (`\\x00\\x00...` is a zero IV, not a secret).
 */
function escapedLiteralValid(raw: string): boolean {
  const decoded: string[] = [];
  let escapes = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch !== '\\' || i + 1 >= raw.length) { decoded.push(ch); continue; }
    const next = raw[i + 1] as string;
    const hex = next === 'x' || next === 'X' ? 2 : next === 'u' ? 4 : 0;
    if (hex > 0 && isHex(raw.slice(i + 2, i + 2 + hex)) && raw.length >= i + 2 + hex) {
      decoded.push(String.fromCharCode(Number.parseInt(raw.slice(i + 2, i + 2 + hex), 16)));
      escapes++;
      i += 1 + hex;
    } else if (next >= '0' && next <= '7') {
      let j = i + 1;
      while (j < raw.length && j < i + 4 && (raw[j] as string) >= '0' && (raw[j] as string) <= '7') j++;
      decoded.push(String.fromCharCode(Number.parseInt(raw.slice(i + 1, j), 8)));
      escapes++;
      i = j - 1;
    } else {
      decoded.push(next);
      i += 1;
    }
  }
  return escapes > 0 && decoded.length >= 8 && new Set(decoded).size >= 4;
}

/**
 * Byte-array keys (`{0x35, 0x9b, 023, ...}`): at least eight byte values that look random: several
 * distinct values, not a sorted list (key codes, lookup tables) and not one value repeated.
 */
function byteArrayValid(raw: string): boolean {
  const nums: number[] = [];
  for (const part of raw.split(',')) {
    const t = part.trim();
    if (t === '' || t === '\\') continue;
    const n = t.startsWith('0x') || t.startsWith('0X') ? Number.parseInt(t.slice(2), 16)
      : t.length > 1 && t.startsWith('0') ? Number.parseInt(t.slice(1), 8) : Number.parseInt(t, 10);
    if (Number.isNaN(n)) return false;
    nums.push(n);
  }
  if (nums.length < 8 || new Set(nums).size < 6) return false;
  let up = true, down = true;
  for (let i = 1; i < nums.length; i++) {
    if ((nums[i] as number) < (nums[i - 1] as number)) up = false;
    if ((nums[i] as number) > (nums[i - 1] as number)) down = false;
  }
  return !up && !down;
}

function assignment(words: string, sep: string, value: string): string {
  return `(?:${harmlessNames(words, sep).join('|')}|(?i:${words})${NAME_TAIL}${KEY_CLOSE}${sep}${OPEN}${value})`;
}

/** Quoted names that are harmless ("nextPageToken", "secret_name"): swallowed, never reported. */
const QUOTED_HARMLESS = `["'](?i:[\\w.-]{0,10}?(?:${HARMLESS_PREFIXES})[\\w.-]{0,20}?(?:${PASSWORD_WORDS}|${SECRET_WORDS})[\\w.-]{0,20}|[\\w.-]{0,30}(?:${PASSWORD_WORDS}|${SECRET_WORDS})[_.-]?(?:${HARMLESS_SUFFIXES}))["']`;

/** A .NET appSettings entry whose key names a secret: `<add key="SmtpPassword" value="x" />`. */
const APP_SETTING = `<add[ \\t]+key[ \\t]*=[ \\t]*(?:${QUOTED_HARMLESS}|"(?i:[\\w.:-]{0,30}(?:${PASSWORD_WORDS}|${SECRET_WORDS})[\\w.:-]{0,20})"[ \\t]+value[ \\t]*=[ \\t]*"([^"\\n]{4,256})")`;

/** `salt =`, `nonce:`, `iv2 =`, `initialization_vector =`: the name and separator before a salt-like value. */
const SALT_NAME = `(?:^|[^A-Za-z])(?i:salt|nonce|iv|init(?:ialization)?_?vector)\\d{0,2}${KEY_CLOSE}${SEP}`;
/**
 * SOPS-encrypted values, `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`: the IV is stored in the open
 * beside its ciphertext by design. Swallowed (no value group), so the `iv:` inside is never reported.
 */
const SOPS_FIELDS = 'ENC\\[AES256_GCM,data:[A-Za-z0-9+/=]*,iv:';
const SALT_KEYWORDS = ['salt', 'nonce', 'iv', 'vector'];

export const ASSIGNMENT_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    id: 'password_assignment',
    entity: 'PASSWORD',
    pattern: assignment(PASSWORD_WORDS, SEP, PASSWORD_VALUE),
    group: 1,
    maxLength: 128,
    confidence: 0.8,
    validate: passwordValueValid,
    keywords: PASSWORD_KEYWORDS,
  }),
  secret({
    // The same, quoted, with the delimiters an unquoted value cannot hold: `DB_PASSWORD = "KM7o,5;q"`.
    id: 'password_assignment_quoted',
    entity: 'PASSWORD',
    pattern: assignment(PASSWORD_WORDS, SEP, QUOTED_PASSWORD_VALUE),
    group: 1,
    maxLength: 128,
    confidence: 0.8,
    validate: passwordValueValid,
    keywords: PASSWORD_KEYWORDS,
  }),
  secret({
    // `--password x`, `PASSWORD 'x'` (SQL), `#define PASSWORD "x"`: whitespace instead of an operator.
    // The word must stand alone (not "bypass"); a quoted value is as good as an assignment.
    id: 'password_spaced_quoted',
    entity: 'PASSWORD',
    pattern: `(?:^|[^A-Za-z]|\\\\t)(?i:${SPACED_PASSWORD_WORDS})["']?${SPACE_SEP}(?:\\\\?["'\`]|&quot;)${PASSWORD_VALUE}`,
    group: 1,
    maxLength: 128,
    confidence: 0.8,
    validate: passwordValueValid,
    keywords: PASSWORD_KEYWORDS,
  }),
  secret({
    // Unquoted after whitespace reads like prose ("the password mentioned?"): letters and digits required.
    id: 'password_spaced_bare',
    entity: 'PASSWORD',
    pattern: `(?:^|[^A-Za-z])(?i:${SPACED_PASSWORD_WORDS})${SPACE_SEP}${PASSWORD_VALUE}`,
    group: 1,
    maxLength: 128,
    confidence: 0.75,
    validate: (v) => passwordValueValid(v) && hasLetterAndDigit(v),
    keywords: PASSWORD_KEYWORDS,
  }),
  secret({
    // Prose: `password for admin: x`, `the password for user root is x`. One or two words name the
    // account; the value after the separator must read as a password.
    id: 'password_for_account',
    entity: 'PASSWORD',
    pattern: `(?:^|[^A-Za-z])(?i:${SPACED_PASSWORD_WORDS})[ \\t]{1,3}(?i:for|of)[ \\t]{1,3}(?:[\\w.@-]{1,40}[ \\t]{1,3}){0,2}?[\\w.@-]{1,40}${SECRET_SEP}${OPEN}${PASSWORD_VALUE}`,
    group: 1,
    maxLength: 128,
    confidence: 0.8,
    validate: passwordValueValid,
    keywords: PASSWORD_KEYWORDS,
  }),
  secret({
    // Hard-coded salts, nonces and IVs (`salt = "..."`, `__NONCE: ...`): key material for hashing or
    // encryption; a fixed random one in source weakens or breaks the scheme, so it is redacted when it
    // is a generated value (token rules: length, class mix, entropy), never for words or counters.
    id: 'salt_nonce_assignment',
    entity: 'GENERIC_SECRET',
    pattern: `${SOPS_FIELDS}|${SALT_NAME}${OPEN}${TOKEN_VALUE}`,
    group: 1,
    maxLength: 1024,
    confidence: 0.7,
    validate: saltValueValid,
    keywords: SALT_KEYWORDS,
  }),
  secret({
    // Salts, nonces and IVs written as string literals with byte escapes (`salt = b"\\x23!\\xae..."`,
    // `iv = "\\u0007..."`, CredSweeper's Salt rule): binary key material typed into source. The token
    // rules above never see these (a backslash ends a token value). A Python string prefix (b, u, r)
    // and triple quotes are allowed; only the literal's content is reported.
    id: 'salt_escaped_literal',
    entity: 'GENERIC_SECRET',
    pattern: `${SALT_NAME}(?:[bBuUrR]{1,2})?(?:"{1,3}|'{1,3})((?:[^"'\\\\\\n]|\\\\[^\\n]){2,256}?)["']`,
    group: 1,
    maxLength: 256,
    confidence: 0.7,
    validate: escapedLiteralValid,
    keywords: SALT_KEYWORDS,
    gate: ESCAPE_GATE,
  }),
  secret({
    // Keys written as byte arrays in C, Go, Java, C#: `#define AESKEY {0x35, ...}`,
    // `Secret: []byte{12, 200, ...}`, `byte[] key = new byte[] {...}`. Only the element list is reported.
    id: 'byte_array_key',
    entity: 'GENERIC_SECRET',
    pattern: '(?i:key|secret|salt|nonce)\\w{0,20}[^\\n{};]{0,30}\\{[ \\t]{0,4}((?:(?:0[xX][0-9A-Fa-f]{1,2}|\\d{1,3})[ \\t]{0,8},[ \\t]{0,8}){7,64}(?:0[xX][0-9A-Fa-f]{1,2}|\\d{1,3})?)',
    group: 1,
    maxLength: 1024,
    confidence: 0.7,
    validate: byteArrayValid,
    keywords: ['key', 'secret', 'salt', 'nonce'],
  }),
  secret({
    id: 'secret_assignment',
    entity: 'GENERIC_SECRET',
    pattern: assignment(SECRET_WORDS, SECRET_SEP, TOKEN_VALUE),
    group: 1,
    // Long credentials (signed blobs, service tokens) exist; the PEM bound (10000) is larger anyway.
    maxLength: 8192,
    confidence: 0.75,
    validate: tokenValueValid,
    keywords: ['secret', 'token', 'credential', 'key', 'auth', 'bearer'],
  }),
  secret({
    // `%define token <value>`, `secret <value>`: whitespace instead of an operator, so the name must
    // stand alone and the value must be long and random.
    id: 'secret_spaced',
    entity: 'GENERIC_SECRET',
    pattern: `(?:^|[^A-Za-z])(?i:secret|token|api[_-]?key|apikey|access[_-]?key|credential|bearer)[ \\t]{1,4}${OPEN}${TOKEN_VALUE}`,
    group: 1,
    maxLength: 8192,
    confidence: 0.7,
    validate: strongTokenValid,
    keywords: ['secret', 'token', 'key', 'credential', 'bearer'],
  }),
  secret({
    // Weak names (`key`, `api`) only with a long random value.
    id: 'key_assignment',
    entity: 'GENERIC_SECRET',
    pattern: assignment('key|api', SEP, TOKEN_VALUE),
    group: 1,
    maxLength: 1024,
    confidence: 0.65,
    validate: strongTokenValid,
    keywords: ['key', 'api'],
  }),
  secret({
    id: 'xml_secret_element',
    entity: 'GENERIC_SECRET',
    pattern: `<[\\w:.-]{0,40}(?i:${PASSWORD_WORDS}|${SECRET_WORDS}|key)>[ \\t]{0,8}([^<\\s]{6,})[ \\t]{0,8}</`,
    group: 1,
    maxLength: 1024,
    confidence: 0.75,
    validate: (v) => passwordValueValid(v) || tokenValueValid(v),
    keywords: ['</'],
  }),
  secret({
    // web.config / app.config: the key attribute names the setting, the value attribute holds it.
    id: 'app_setting_secret',
    entity: 'GENERIC_SECRET',
    pattern: APP_SETTING,
    group: 1,
    maxLength: 256,
    confidence: 0.8,
    validate: (v) => passwordValueValid(v) || tokenValueValid(v),
    keywords: ['<add'],
  }),
  secret({
    // PHP/Python/JSON style: ['api_key' => 'x'], {"token": "x"}.
    id: 'quoted_key_secret_pair',
    entity: 'GENERIC_SECRET',
    pattern: `${QUOTED_HARMLESS}|["'](?i:[\\w.-]{0,30}(?:${PASSWORD_WORDS}|${SECRET_WORDS}))["'][ \\t]{0,3}(?:=>|:)[ \\t]{0,3}["']([^"'\\s]{4,256})["']`,
    group: 1,
    maxLength: 256,
    confidence: 0.8,
    validate: (v) => passwordValueValid(v) || tokenValueValid(v),
    keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'credential', 'auth'],
  }),
  secret({
    // define('DB_PASSWORD', 'x'), setenv("TOKEN", "x"): a comma only right after an opening
    // parenthesis, since ['password', 'secrets.*'] is a list of names.
    id: 'quoted_key_call_pair',
    entity: 'GENERIC_SECRET',
    pattern: `\\([ \\t]{0,2}(?:${QUOTED_HARMLESS}|["'](?i:[\\w.-]{0,30}(?:${PASSWORD_WORDS}|${SECRET_WORDS}))["'][ \\t]{0,3},[ \\t]{0,3}["']([^"'\\s]{4,256})["'])`,
    group: 1,
    maxLength: 256,
    confidence: 0.8,
    validate: (v) => passwordValueValid(v) || tokenValueValid(v),
    keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'credential', 'auth'],
  }),
  secret({
    // Defaults in code: os.environ.get("PASSWORD") or "x", env.PWD ?? "x".
    id: 'secret_env_default',
    entity: 'PASSWORD',
    pattern: `(?i:${PASSWORD_WORDS}|${SECRET_WORDS})\\w{0,20}["']?\\)?[ \\t]{0,3}(?:\\bor\\b|\\|\\||\\?\\?|\\?:)[ \\t]{0,3}["']([^"'\\n]{4,128})["']`,
    group: 1,
    maxLength: 128,
    confidence: 0.8,
    validate: (v) => passwordValueValid(v) || tokenValueValid(v),
    keywords: ['pass', 'pwd', 'secret', 'token', 'key', 'credential'],
  }),
  secret({
    // getenv("DB_PASSWORD", "x"), config.get('api_token', 'x'): the name is the first argument.
    id: 'secret_lookup_default',
    entity: 'PASSWORD',
    pattern: `(?i:getenv|environ\\.get|env\\.get|ENV\\.fetch|getProperty|getOrDefault|\\.get)\\([ \\t]{0,2}["'][\\w.-]{0,30}(?i:${PASSWORD_WORDS}|${SECRET_WORDS})[\\w.-]{0,20}["'][ \\t]{0,2},[ \\t]{0,2}["']([^"'\\n]{4,128})["']`,
    group: 1,
    maxLength: 128,
    confidence: 0.8,
    validate: (v) => passwordValueValid(v) || tokenValueValid(v),
    keywords: ['get', 'fetch('],
  }),
  secret({
    // SECRET := getenv("OTHER_NAME", "x"): the name is on the left, the default is the secret.
    id: 'secret_getenv_default',
    entity: 'PASSWORD',
    pattern: `(?i:${PASSWORD_WORDS}|${SECRET_WORDS})\\w{0,20}[ \\t]{0,3}(?::=|=)[ \\t]{0,3}[\\w.]{0,30}(?i:getenv|get|fetch|getOrDefault|environ\\.get)\\([ \\t]{0,2}["'][^"'\\n]{1,64}["'][ \\t]{0,2},[ \\t]{0,2}["']([^"'\\n]{4,128})["']`,
    group: 1,
    maxLength: 128,
    confidence: 0.8,
    validate: (v) => passwordValueValid(v) || tokenValueValid(v),
    keywords: ['getenv', 'get(', 'fetch(', 'getordefault(', 'environ'],
  }),
];
