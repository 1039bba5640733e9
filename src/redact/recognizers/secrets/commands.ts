// Credentials in commands and protocol text: CLI flags (`--token x`), curl `-u user:pass`, HTTP
// `Authorization` headers, SQL `IDENTIFIED BY`, `mysql -p<pw>`, libcurl options, PowerShell
// SecureString literals, and `auth=("user", "pass")` tuples. Only the secret part is reported.
import type { Recognizer } from '../../types.js';
import { base64Decode, entropy, isFillerToken, secret, stripPadding } from './util.js';
import { isCodeReference, isPlaceholder, isStructuredNonSecret, isTemplateOrReference, passwordValueValid, tokenValueValid, trimValue } from './values.js';

/** A curl/basic-auth password: not a template or placeholder, and password- or token-like. */
function credentialPartValid(raw: string): boolean {
  if (raw.includes('<') || raw.includes('>') || isTemplateOrReference(raw)) return false;
  let v = trimValue(raw);
  if (v.startsWith('{') && v.endsWith('}')) v = v.slice(1, -1);
  if (v.length < 6 || isTemplateOrReference(v) || isPlaceholder(v)) return false;
  return passwordValueValid(v) || tokenValueValid(v);
}

/** Basic credentials decode to readable `user:password` text (not JSON, not binary). */
function basicCredentialValid(value: string): boolean {
  const raw = base64Decode(stripPadding(value));
  if (!raw) return false;
  const text = raw.toString('utf8');
  if (text.startsWith('{') || !text.includes(':')) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9) return false;
  }
  const password = text.slice(text.indexOf(':') + 1);
  return password.length === 0 || !(isTemplateOrReference(password) || isPlaceholder(password));
}

/** Bearer-style tokens: long enough, not a template, placeholder or mask. */
function bearerValid(raw: string): boolean {
  const v = trimValue(raw);
  if (v.length < 8 || isTemplateOrReference(v) || isPlaceholder(v) || isFillerToken(v) || isStructuredNonSecret(v) || isCodeReference(v)) return false;
  return entropy(v) >= 2.8;
}

/** Signature byte lengths: HMAC-SHA1/256/384/512 and RSA-1024..4096 (OAuth 1.0a signature methods). */
const OAUTH_SIGNATURE_BYTES = [20, 32, 48, 64, 128, 256, 384, 512];

/**
 * OAuth 1.0a `oauth_signature`: base64, usually percent-encoded (`%2F`, `%2B`, `%3D`). The decoded
 * signature must have the length of one of the signature methods, so words and references never pass.
 */
function oauthSignatureValid(raw: string): boolean {
  let v = raw;
  try {
    v = decodeURIComponent(raw);
  } catch {
    return false;
  }
  const bytes = base64Decode(stripPadding(v));
  return bytes !== null && OAUTH_SIGNATURE_BYTES.includes(bytes.length) && !isFillerToken(stripPadding(v));
}

/** Calls whose second argument is a password or secret key (see credential_call_second_arg). */
const CREDENTIAL_CALLS_2ND = [
  'NetworkCredential', 'UsernamePasswordCredentials?', 'PasswordAuthentication', 'HTTPDigestAuth', 'DigestAuth',
  'SetBasicAuth', '\\.login', '\\.(?:simple_)?bind_s', 'BasicAWSCredentials', 'NewStaticCredentials',
].join('|');

/** A quoted literal in a password position: anything but a template or a placeholder. */
function positionalPasswordValid(raw: string): boolean {
  const v = trimValue(raw);
  return v.length >= 4 && !isTemplateOrReference(v) && !isPlaceholder(v);
}

const SECRET_FLAG_WORDS = 'secret|token|api-?key|apikey|access-?key|auth-?token|bearer|credentials?|client-secret|private-key|auth-key|key';

export const COMMAND_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    // `oauth_signature="JgE...%3D"` in an OAuth 1.0a Authorization header or query string.
    id: 'oauth1_signature',
    entity: 'OAUTH_SIGNATURE',
    pattern: `\\boauth_signature\\\\{0,3}["']?[ \\t]{0,2}[=:][ \\t]{0,2}\\\\{0,3}["']?([A-Za-z0-9+/%=_-]{24,1000})`,
    group: 1,
    maxLength: 1000,
    confidence: 0.85,
    validate: oauthSignatureValid,
    keywords: ['oauth_signature'],
  }),
  secret({
    id: 'cli_secret_flag',
    entity: 'GENERIC_SECRET',
    pattern: `(?:^|[\\s"'])--?(?:[\\w-]{0,30}[_-])?(?i:${SECRET_FLAG_WORDS})(?:[ \\t]{1,8}|=)(?:\\\\?["'])?([^\\s"'\`]{6,})`,
    group: 1,
    maxLength: 512,
    confidence: 0.8,
    validate: tokenValueValid,
    keywords: ['-'],
  }),
  secret({
    id: 'curl_user_password',
    entity: 'PASSWORD',
    pattern: '(?:^|\\s)(?:-u|--user|--proxy-user|-U)(?:[ \\t]{1,8}|=)(?:\\\\?["\'])?[^\\s"\':]{0,128}(?:\\\\?["\'])?:(?:\\\\?["\'])?([^\\s"\']{1,})',
    group: 1,
    maxLength: 256,
    confidence: 0.85,
    validate: credentialPartValid,
    keywords: ['-u', '--user'],
  }),
  secret({
    // `curl -u sk_live_xxx:` style: the token is the user name and the password is empty.
    id: 'curl_user_token',
    entity: 'GENERIC_SECRET',
    pattern: '(?:^|\\s)(?:-u|--user)(?:[ \\t]{1,8}|=)(?:\\\\?["\'])?([^\\s"\':]{8,}):(?:\\\\?["\'])?(?:\\s|$)',
    group: 1,
    maxLength: 256,
    confidence: 0.8,
    validate: credentialPartValid,
    keywords: ['-u', '--user'],
  }),
  secret({
    id: 'http_basic_auth',
    entity: 'BASIC_AUTH_CREDENTIALS',
    pattern: '(?i:authorization)["\']?[ \\t]{0,8}[:=][ \\t]{0,8}["\']?(?i:basic)[ \\t]{1,8}([A-Za-z0-9+/]{4,}={0,2})',
    group: 1,
    maxLength: 2002,
    confidence: 0.9,
    validate: basicCredentialValid,
    keywords: ['basic'],
  }),
  secret({
    id: 'http_bearer_token',
    entity: 'BEARER_TOKEN',
    pattern: '(?i:authorization|auth)["\']?[ \\t]{0,8}[:=][ \\t]{0,8}["\']?(?i:bearer|token|api-?token|apikey|api-key|jwt|oauth|ntlm|negotiate|sso-key|key|gapi|splunk|dsn|klaviyo-api-key|ghost)[ \\t]{1,8}([A-Za-z0-9._~+/=:@-]{8,})',
    group: 1,
    maxLength: 4096,
    confidence: 0.9,
    validate: bearerValid,
    keywords: ['auth'],
  }),
  secret({
    // `-H "X-Api-Key: v"`, `X-Auth-Token: v`, `PRIVATE-TOKEN: v` style headers.
    id: 'http_api_key_header',
    entity: 'BEARER_TOKEN',
    pattern: '(?:^|[^\\w-])(?i:x-[\\w-]{0,30}(?:api|auth|access|secret|token)[\\w-]{0,20}|api-?key|api-token|private-token|x-jfrog-art-api)[ \\t]{0,8}:[ \\t]{0,8}([A-Za-z0-9._~+/=-]{8,})',
    group: 1,
    maxLength: 512,
    confidence: 0.85,
    validate: bearerValid,
    keywords: ['x-', 'api', 'private-token'],
  }),
  secret({
    // SQL: IDENTIFIED BY 'x', IDENTIFIED WITH plugin BY|AS 'x'.
    id: 'sql_identified_by',
    entity: 'PASSWORD',
    pattern: '(?i:identified)[ \\t]{1,8}(?i:with[ \\t]{1,8}["\'`]?\\w{1,64}["\'`]?[ \\t]{1,8})?(?i:by|as)(?:[ \\t]{1,8}(?i:password))?[ \\t]{1,8}["\'`]?([^\\s"\'`;]{4,128})',
    group: 1,
    maxLength: 128,
    confidence: 0.9,
    validate: (v) => passwordValueValid(v) || (v.startsWith('*') && v.length === 41),
    keywords: ['identified'],
  }),
  secret({
    // mysql -p<password> (no space): the password is glued to the flag.
    id: 'mysql_inline_password',
    entity: 'PASSWORD',
    pattern: '\\bmysql(?:dump|admin|import|sh|check)?\\b[^\\n]{0,120}?[ \\t]-p([^\\s"\'-][^\\s"\']{3,64})',
    group: 1,
    maxLength: 64,
    confidence: 0.85,
    validate: passwordValueValid,
    keywords: ['mysql'],
  }),
  secret({
    id: 'libcurl_password_option',
    entity: 'PASSWORD',
    pattern: 'CURLOPT_(?:PASSWORD|PROXYPASSWORD|KEYPASSWD|SSLKEYPASSWD|TLSAUTH_PASSWORD|PROXY_TLSAUTH_PASSWORD|XOAUTH2_BEARER)[ \\t]{0,8},[ \\t]{0,8}L?"([^"\\n]{4,256})"',
    group: 1,
    maxLength: 256,
    confidence: 0.9,
    validate: (v) => credentialPartValid(v) || bearerValid(v),
    keywords: ['curlopt_'],
  }),
  secret({
    // "user:password": only the part after the first colon.
    id: 'libcurl_userpwd_option',
    entity: 'PASSWORD',
    pattern: 'CURLOPT_(?:USERPWD|PROXYUSERPWD)[ \\t]{0,8},[ \\t]{0,8}L?"[^":\\n]{0,128}:([^"\\n]{1,256})"',
    group: 1,
    maxLength: 256,
    confidence: 0.9,
    validate: credentialPartValid,
    keywords: ['curlopt_'],
  }),
  secret({
    id: 'powershell_securestring',
    entity: 'PASSWORD',
    pattern: '(?i:ConvertTo-SecureString)(?:[ \\t]{1,8}-(?:String|AsPlainText|Force)\\b){0,3}[ \\t]{1,8}(?:\\\\?["\'])?([^\\s"\'\\\\]{4,128})',
    group: 1,
    maxLength: 128,
    confidence: 0.9,
    validate: (v) => !v.startsWith('$') && !v.startsWith('-') && passwordValueValid(v),
    keywords: ['convertto-securestring'],
  }),
  secret({
    // Python requests / httpx: auth=("user", "password"), HTTPBasicAuth("user", "password").
    id: 'basic_auth_tuple',
    entity: 'PASSWORD',
    pattern: '(?i:auth[ \\t]{0,8}=[ \\t]{0,8}\\(|BasicAuth\\()[ \\t]{0,8}["\'][^"\'\\n]{1,64}["\'][ \\t]{0,8},[ \\t]{0,8}["\']([^"\'\\n]{4,128})["\']',
    group: 1,
    maxLength: 128,
    confidence: 0.85,
    validate: credentialPartValid,
    keywords: ['auth'],
  }),
  secret({
    // Credential constructors and calls whose second argument is the password or secret key:
    // .NET NetworkCredential("user", "pw"), Java UsernamePasswordCredentials / PasswordAuthentication
    // / BasicAWSCredentials, Python HTTPDigestAuth / smtplib and ftplib login / ldap bind_s, Go
    // req.SetBasicAuth and credentials.NewStaticCredentials. Quoted literals only: variables are not
    // values. The position says "password", so any non-placeholder string counts.
    id: 'credential_call_second_arg',
    entity: 'PASSWORD',
    pattern: `(?:${CREDENTIAL_CALLS_2ND})[ \\t]{0,4}\\([ \\t]{0,4}["'][^"'\\n]{1,128}["'][ \\t]{0,4},\\s{0,16}["']([^"'\\s]{4,128})["']`,
    group: 1,
    maxLength: 128,
    confidence: 0.85,
    validate: positionalPasswordValid,
    keywords: ['networkcredential', 'passwordcredential', 'passwordauthentication', 'digestauth', 'basicauth', 'login(', 'bind_s', 'awscredentials', 'staticcredentials'],
  }),
  secret({
    // Third argument: .NET DirectoryEntry(path, user, password), Go smtp.PlainAuth(identity, user,
    // password, host).
    id: 'credential_call_third_arg',
    entity: 'PASSWORD',
    pattern: `(?:DirectoryEntry|PlainAuth)[ \\t]{0,4}\\((?:[ \\t]{0,4}["'][^"'\\n]{0,128}["'][ \\t]{0,4},\\s{0,16}){2}["']([^"'\\s]{4,128})["']`,
    group: 1,
    maxLength: 128,
    confidence: 0.85,
    validate: positionalPasswordValid,
    keywords: ['directoryentry', 'plainauth'],
  }),
  secret({
    // `pass:secret` argument syntax of openssl (-passin/-passout) and similar tools.
    id: 'openssl_pass_argument',
    entity: 'PASSWORD',
    pattern: '-pass(?:in|out)?[ \\t]{1,8}["\']?pass:([^\\s"\']{1,128})',
    group: 1,
    maxLength: 128,
    confidence: 0.9,
    validate: (v) => !isTemplateOrReference(v) && !isPlaceholder(v) && v.length >= 4,
    keywords: ['-pass'],
  }),
  secret({
    // Windows `net user NAME PASSWORD [/add]` and Apache `htpasswd -b FILE USER PASSWORD`.
    id: 'net_user_or_htpasswd_password',
    entity: 'PASSWORD',
    pattern: '(?i:\\bnet[ \\t]{1,8}user[ \\t]{1,8}[^\\s/*]{1,64}|\\bhtpasswd[ \\t]{1,8}(?:-[a-zA-Z]{1,4}[ \\t]{1,8}){1,3}[^\\s]{1,200}[ \\t]{1,8}[^\\s]{1,64})[ \\t]{1,8}["\']?([^\\s"\'/*][^\\s"\']{3,127})',
    group: 1,
    maxLength: 128,
    confidence: 0.85,
    validate: passwordValueValid,
    keywords: ['net user', 'htpasswd'],
  }),
  secret({
    // Sysinternals PsExec: `psexec \\\\host -u DOMAIN\\user -p password cmd`.
    id: 'psexec_password',
    entity: 'PASSWORD',
    pattern: '(?i:psexec)[^\\n]{0,120}?[ \\t]-u[ \\t]{1,8}\\S{1,128}[ \\t]{1,8}-p[ \\t]{1,8}["\']?([^\\s"\']{3,128})',
    group: 1,
    maxLength: 128,
    confidence: 0.85,
    validate: positionalPasswordValid,
    keywords: ['psexec'],
  }),
  secret({
    // SSH/sshpass and similar: sshpass -p 'x'.
    id: 'sshpass_password',
    entity: 'PASSWORD',
    pattern: `\\bsshpass[ \\t]{1,8}-p[ \\t]{0,8}["']?([^\\s"']{4,128})`,
    group: 1,
    maxLength: 128,
    confidence: 0.9,
    validate: passwordValueValid,
    keywords: ['sshpass'],
  }),
];
