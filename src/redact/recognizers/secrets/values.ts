// Judging the value of a `password = ...` / `token: ...` assignment. The key name says "secret", but
// code and config are full of names that hold no secret: variable references, templates, function
// calls, documentation placeholders, file paths, identifiers. Each check below removes one family of
// those, so what is left looks like something a person or a provider actually typed or generated.
import { charClasses, entropy, isDigits, isFillerToken, isHex, longestSequence, looksLikeWords } from './util.js';

/** Values that stand for a secret instead of being one. Compared lower-case, exactly. */
const PLACEHOLDER_VALUES = new Set([
  'password', 'passwd', 'pass', 'pwd', 'secret', 'token', 'apikey', 'api_key', 'api-key', 'key',
  'null', 'nil', 'none', 'undefined', 'true', 'false', 'empty', 'blank', 'required', 'optional',
  'string', 'str', 'text', 'value', 'default', 'test', 'testing', 'demo', 'example', 'sample',
  'changeme', 'change_me', 'changeit', 'secret123', 'password123', 'password1', 'mypassword',
  'yourpassword', 'your_password', 'mysecret', 'yoursecret', 'your_secret', 'your_token',
  'your_api_key', 'yourapikey', 'my_api_key', 'api_token', 'access_token', 'auth_token', 'foobar',
  'qwerty', 'letmein', 'admin', 'root', 'user', 'username', 'hunter2', 'p@ssw0rd', 'p@ssword',
  'redacted', 'masked', 'hidden', 'removed', 'omitted', 'notset', 'not_set', 'unset', 'tbd', 'todo',
  'guest', 'secret1', 'pass123', 'pass1234', 'admin123', 'root123', 'welcome1', 'abc123', 'xyz',
]);

/** Substrings that mark documentation or generated filler. */
const PLACEHOLDER_PARTS = [
  'xxxx', '****', '####', '....', '••••', '<your', 'your_', 'your-', 'yourkey', 'yourtoken',
  'example', 'placeholder', 'changeme', 'insert_', 'insert-', 'replace_', 'replace-', 'fake',
  'dummy', 'redacted', '_here', '-here', 'put_', 'enter_', 'enter-',
];

/** Variable references and template syntax: `$VAR`, `${VAR}`, `{{ x }}`, `%s`, `<x>`, `[X]`, `` `cmd` ``. */
export function isTemplateOrReference(v: string): boolean {
  const first = v[0] ?? '';
  const last = v[v.length - 1] ?? '';
  if (first === '$' && v.length > 1) {
    // $VAR, ${VAR}, $(cmd), $1, $HOME/path: shell and template references.
    const second = v[1] ?? '';
    if (second === '{' || second === '(' || second === '_' || (second >= '0' && second <= '9')) return true;
    if ((second >= 'A' && second <= 'Z') || (second >= 'a' && second <= 'z')) return true;
  }
  if (v.includes('${') || v.includes('{{') || v.includes('}}') || v.includes('#{') || v.includes('%(')) return true;
  if (v.includes('%s') || v.includes('%d') || v.includes('%v')) return true;
  if ((first === '<' && last === '>') || (first === '[' && last === ']')) return true;
  // Windows batch variables: %PASSWORD%, %DB_PASS%.
  if (first === '%' && last === '%' && v.length > 2 && !v.slice(1, -1).includes('%')) return true;
  // {name} is a template slot; {Zq5kV1n8tA2} (random inside braces) is a value someone filled in.
  if (first === '{' && last === '}' && isIdentifier(v.slice(1, -1)) && charClasses(v).digit === 0) return true;
  if (first === '`' || v.startsWith('process.env') || v.startsWith('os.environ') || v.startsWith('env.')) return true;
  return false;
}

function isIdentifier(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (i > 0 && c >= 48 && c <= 57);
    if (!ok) return false;
  }
  return true;
}

/**
 * Code that reads a value rather than holding one: `config.db.password`, `getPassword(`,
 * `self.secret`, `X25519.secret_length`. Dotted identifiers whose last part has no digit, and calls.
 */
export function isCodeReference(v: string): boolean {
  // Type names in annotations: `BinaryLike`, `DetectionPass[]`, `Map<string`, `RegExp |`.
  let bare = v;
  while (bare.length > 0 && '[]<>|?'.includes(bare[bare.length - 1] as string)) bare = bare.slice(0, -1);
  const lt = bare.indexOf('<');
  if (lt > 0) bare = bare.slice(0, lt);
  if (bare.length > 0 && bare !== v && isIdentifier(bare) && charClasses(bare).digit === 0) return true;
  if (isIdentifier(bare) && charClasses(bare).digit === 0 && (looksLikeWords(bare) || isCamelWords(bare))) return true;
  // PascalCase type names with a width or version ("Uint8Array", "Float32Array", "Base64Url").
  if (isIdentifier(bare) && isPascalTypeName(bare)) return true;
  // JavaScript member chains: optional chaining (`desc?.writable`) and `$`-named objects (`$.green(x)`).
  if (v.includes('?.') || v.startsWith('$.')) {
    const js = v.replaceAll('?.', '.').replace('$.', '_.');
    if (isCodeReference(js)) return true;
  }
  const paren = v.indexOf('(');
  if (paren > 0 && isDottedIdentifier(v.slice(0, paren))) return true;
  if (!v.includes('.')) return false;
  if (!isDottedIdentifier(v)) return false;
  // `kVK_Return.u16`-style members still read as code; `n83.bat47Fy4` does not.
  const lastPart = v.slice(v.lastIndexOf('.') + 1);
  return charClasses(lastPart).digit === 0;
}

/** camelCase / PascalCase made of capitalised parts of two or more letters: "nextApiKey", "FindByType". */
function isCamelWords(s: string): boolean {
  const parts: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (ch >= 'A' && ch <= 'Z' && cur.length > 0) { parts.push(cur); cur = ''; }
    cur += ch;
  }
  parts.push(cur);
  if (parts.length < 2) return false;
  return parts.every((p) => {
    if (p.length < 2) return false;
    for (let j = 1; j < p.length; j++) if (!((p[j] as string) >= 'a' && (p[j] as string) <= 'z') && p[j] !== '_') return false;
    return true;
  });
}

function isPascalTypeName(s: string): boolean {
  const first = s[0] ?? '';
  if (!(first >= 'A' && first <= 'Z')) return false;
  const c = charClasses(s);
  if (c.digit === 0 || c.digit > 2 || c.lower === 0) return false;
  let letters = '';
  for (const ch of s) if (!(ch >= '0' && ch <= '9')) letters += ch;
  if (!isCamelWords(letters)) return false;
  // Word-length parts ("Uint", "Array"), not two-letter fragments ("Ihq", "Sb", "Gg").
  let parts = 0;
  for (const ch of letters) if (ch >= 'A' && ch <= 'Z') parts++;
  return letters.length / Math.max(1, parts) >= 4;
}

function isDottedIdentifier(s: string): boolean {
  return s.length > 0 && s.split('.').every((part) => isIdentifier(part));
}

/** URLs, paths, e-mail addresses, host names, versions, dates, numbers: values that are not secrets. */
export function isStructuredNonSecret(v: string): boolean {
  const lower = v.toLowerCase();
  if (lower.includes('://') || lower.startsWith('www.')) return true;
  // SOPS ciphertext (`ENC[AES256_GCM,data:…]`): encrypted, its key lives elsewhere.
  if (v.startsWith('ENC[')) return true;
  if (v.startsWith('/') || v.startsWith('./') || v.startsWith('../') || v.startsWith('~/') || v.includes(':\\')) {
    // A leading slash alone is fine for base64 secrets; a path has several separators and words.
    const slashes = v.split('/').length - 1;
    if (slashes >= 2 || v.includes(':\\') || v.startsWith('.')) return true;
  }
  if (isEmail(v)) return true;
  // Host names and dotted versions: letters/digits separated by dots, ending in a letter TLD or digits
  // (`api.example.com`, `1.2.3`). Random text with dots among its symbols (an Azure client secret,
  // `8w__IGsaY.6g6jUxb1.pPGK262._pgX.q-`) ends otherwise.
  const parts = v.split('.');
  const last = parts[parts.length - 1] ?? '';
  if (parts.length >= 3 && parts.every((p) => p.length > 0 && p.length <= 24 && isIdentifierish(p)) && (isLetters(last) || isDigits(last))) return true;
  let digitsOnly = true;
  for (const ch of v) if (!((ch >= '0' && ch <= '9') || ch === '.' || ch === '-' || ch === ':' || ch === '/' || ch === ' ')) digitsOnly = false;
  if (digitsOnly) return true;
  // File names with a known extension.
  const dot = v.lastIndexOf('.');
  if (dot > 0 && dot >= v.length - 5) {
    const ext = lower.slice(dot + 1);
    if (['pem', 'key', 'crt', 'cer', 'p12', 'pfx', 'jks', 'json', 'yaml', 'yml', 'txt', 'env', 'conf', 'cfg', 'ini', 'xml', 'js', 'ts', 'py', 'rb', 'go', 'sh', 'png', 'jpg', 'gif', 'svg', 'html', 'keytab', 'gpg', 'asc', 'pub'].includes(ext)) return true;
  }
  return false;
}

function isLetters(s: string): boolean {
  if (s.length === 0) return false;
  for (const ch of s) if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return false;
  return true;
}

/** local@domain.tld with the usual character sets; `bRLFnzd5@=-.a+/x` is not an address. */
function isEmail(v: string): boolean {
  const at = v.indexOf('@');
  if (at < 1 || at !== v.lastIndexOf('@')) return false;
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || tld.length < 2 || !labels.every((l) => l.length > 0 && isIdentifierish(l))) return false;
  for (const ch of tld) if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return false;
  for (const ch of local) if (!(isIdentifierish(ch) || ch === '.' || ch === '+' || ch === '%')) return false;
  return true;
}

function isIdentifierish(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
    if (!ok) return false;
  }
  return true;
}

/**
 * What documentation leaves in place of a value: elisions (`ab..yz`), masks (`****`, `xxxx`) and
 * filler words (`your_password`, `<your-key>`, `placeholder`, `redacted`). Never a value anyone logs
 * in with, unlike the weak, default and descriptive values isPlaceholder also rejects.
 */
export function isMaskOrFiller(v: string): boolean {
  const lower = v.toLowerCase();
  // Elided values ("ops_eyJzaWdu...", "abc..[Redacted]") are documentation, not credentials.
  if (v.includes('..')) return true;
  if (new Set(lower).size === 1) return true;
  return PLACEHOLDER_PARTS.some((p) => lower.includes(p));
}

/** Documentation filler, and also common, default or descriptive values that stand in for a real one. */
export function isPlaceholder(v: string): boolean {
  const lower = v.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower) || isMaskOrFiller(v)) return true;
  // Words that only describe a password ("authpassword", "MyPassword"), without digits.
  if ((lower.includes('password') || lower.includes('passwd')) && charClasses(v).digit === 0) return true;
  // A counting run end to end ("xyz", "123", "abcd") is an example.
  if (longestSequence(lower) === v.length) return true;
  // Globs and patterns ("secrets.*", "*.pem") name sets of things.
  if (v.includes('*.') || v.endsWith('.*')) return true;
  // The same group repeated ("1234-1234-1234-...") is a template.
  const groups = v.split('-');
  if (groups.length >= 4 && groups.length - new Set(groups).size >= 2) return true;
  if (new Set(lower).size <= 2) return true;
  return longestSequence(lower) >= 6 || /* masks like x-x-x */ isFillerToken(v.replaceAll('-', '').replaceAll('_', '')) && v.length >= 12;
}

/** Share of adjacent alphanumeric pairs that switch class (lower/upper/digit): ~0.6 random, <0.3 words. */
export function classSwitchRate(v: string): number {
  let prev = -1, switches = 0, pairs = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const cls = c >= 97 && c <= 122 ? 0 : c >= 65 && c <= 90 ? 1 : c >= 48 && c <= 57 ? 2 : -1;
    if (cls < 0) continue;
    if (prev >= 0) {
      pairs++;
      if (cls !== prev) switches++;
    }
    prev = cls;
  }
  return pairs === 0 ? 0 : switches / pairs;
}

/** Trailing characters that close the surrounding syntax rather than belong to the value. */
export function trimValue(raw: string): string {
  let v = raw;
  for (const tail of ['&quot', '\\n', '\\r', '\\']) if (v.endsWith(tail)) v = v.slice(0, -tail.length);
  while (v.length > 0 && ')]}.:'.includes(v[v.length - 1] as string)) v = v.slice(0, -1);
  return v;
}

export function rejectedAsNonSecret(v: string): boolean {
  return isTemplateOrReference(v) || isPlaceholder(v) || isCodeReference(v) || isStructuredNonSecret(v);
}

/**
 * A password a person typed: at least six characters, letters plus a digit or symbol (or both cases
 * without reading as words), and not a reference, template, placeholder or structured value.
 */
/** Identifiers joined by `-` `@` `.` `/` `:` without any digit ("asyncify-imports@env.await"). */
function isJoinedNames(v: string): boolean {
  const c = charClasses(v);
  if (c.digit > 0) return false;
  let parts = 0, cur = 0;
  for (const ch of v) {
    const letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_';
    if (letter) cur++;
    else if ('-@./:'.includes(ch)) { if (cur > 0) parts++; cur = 0; }
    else return false;
  }
  if (cur > 0) parts++;
  return parts >= 2;
}

export function passwordValueValid(raw: string): boolean {
  const v = trimValue(raw);
  if (isJoinedNames(v)) return false;
  if (v.length < 6 || v.length > 128 || rejectedAsNonSecret(v) || isTemplateOrReference(raw) || raw.includes('..')) return false;
  const c = charClasses(v);
  const letters = c.lower + c.upper;
  if (letters === 0) return c.symbol > 0 && c.digit > 0 && v.length >= 8;
  if (c.digit > 0 || c.symbol > 0) return !(c.symbol === 0 && isSlug(v));
  // Letters only: long enough and mixed the way typed or generated passwords are, not a word.
  return v.length >= 8 && c.upper > 0 && c.lower > 0 && !looksLikeWords(v);
}

/** Lower-case words joined by `-`/`_` ("prod-db-secret", "cmp2-qat-1208") name things, not secrets. */
function isSlug(v: string): boolean {
  const c = charClasses(v);
  if (c.upper > 0 && c.lower > 0) return false;
  const parts = v.split(/* separators */ '-').flatMap((p) => p.split('_'));
  if (parts.length < 2) return false;
  const uuidShape = parts.length === 5 && parts.every((p) => p.length >= 4);
  if (uuidShape) return false;
  // A long part with digits spread among its letters was generated, not written: a prefixed token
  // ("r8_nrljl8kwj60zzvh23pjkrwwiljc9gnxhy6pufoeq"), not a name.
  if (parts.some((p) => p.length >= 16 && !digitsTogether(p))) return false;
  return parts.some((p) => p.length < 4);
}

/**
 * A generated token or key under a secret-ish name: ten or more characters that mix classes the way
 * random text does, with enough entropy for their length.
 */
export function tokenValueValid(raw: string): boolean {
  const v = trimValue(raw);
  if (v.length < 10 || rejectedAsNonSecret(v) || isTemplateOrReference(raw) || raw.includes('..')) return false;
  // Hex keys and UUIDs: their class mix is narrow by construction, so judge them on their own.
  const prefix = v.startsWith('0x') ? 2 : 0; // 0x-prefixed hex (keys, and EIP-55 addresses below)
  const compact = v.slice(prefix).replaceAll('-', '');
  if (compact.length >= 16 && isHex(compact) && (v.length === compact.length + prefix || isUuid(v))) {
    const h = charClasses(compact);
    // Hex encoders emit one case; mixed-case hex is an EIP-55 checksummed address (public) or an
    // edited example, and random base62 text never stays within the hex letters for this long.
    if (h.upper > 0 && h.lower > 0) return false;
    return h.digit > 0 && h.digit < compact.length && entropy(compact) >= 2.7;
  }
  const c = charClasses(v);
  const letters = c.lower + c.upper;
  if (letters === 0 || (c.digit === 0 && (c.upper === 0 || c.lower === 0) && c.symbol === 0)) return false;
  if (isSlug(v) || looksLikeWords(v)) return false;
  // Words plus a version or counter ("SalesResults-1.2", "Befaehigung_P2") name things. Only when
  // the digits stand together: spread among the letters ("IdgwWnwiaBPlsr9n7FLuxhO5") they are
  // random, and dropping them would join the letters around them into word-like runs.
  let alpha = '';
  for (const ch of v) if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) alpha += ch;
  if (c.digit <= 3 && alpha.length >= 6 && digitsTogether(v) && looksLikeWords(alpha)) return false;
  // Single-case base32/base36 tokens (Azure DevOps PATs, many API keys): digits are a minority of
  // their alphabet, so their class switches are few; length, entropy and unpronounceable letters
  // (looksLikeWords above) mark them as generated.
  if ((c.upper === 0 || c.lower === 0) && v.length >= 24 && entropy(v) >= 4) return true;
  if (classSwitchRate(v) < 0.25) return false;
  return entropy(v) >= (v.length >= 20 ? 3.3 : 2.9);
}

/** No letter between the first and the last digit ("v1.2", "P2", "2024_report"; not "a9b7c"). */
function digitsTogether(v: string): boolean {
  let first = -1, last = -1;
  for (let i = 0; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    if (ch >= 48 && ch <= 57) { if (first < 0) first = i; last = i; }
  }
  for (let i = first + 1; i < last; i++) {
    const ch = v.charCodeAt(i) | 0x20;
    if (ch >= 97 && ch <= 122) return false;
  }
  return true;
}

export function isUuid(v: string): boolean {
  const parts = v.split('-');
  return parts.length === 5 && [8, 4, 4, 4, 12].every((n, i) => parts[i]?.length === n);
}

/** Stricter form for weak names (`key`, `api`): long, random, several classes. */
export function strongTokenValid(raw: string): boolean {
  const v = trimValue(raw);
  if (v.length < 16 || !tokenValueValid(v)) return false;
  const compact = v.replaceAll('-', '');
  if (isHex(compact)) return compact.length >= 32;
  return classSwitchRate(v) >= 0.4 && entropy(v) >= 3.5;
}
