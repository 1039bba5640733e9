// URLs that carry a password in their userinfo: scheme://user:password@host. Only generic
// application schemes are claimed here; database and broker connection strings (postgres://,
// mongodb://, redis://, amqp://, ...) belong to the secrets recognizers.
import type { Recognizer } from '../../types.js';

const SCHEMES = [
  'https?', 'ftps?', 'sftp', 'ssh', 'wss?', 'smb', 'ldaps?', 'git', 'svn', 'rsync', 'webdavs?',
  'imaps?', 'pop3s?', 'smtps?', 'sips?', 'xmpp', 'nntp', 'telnet', 'rtsp', 'socks[45]h?',
];
// No whitespace, quotes, angle brackets or URL delimiters inside user and password.
const USER = `[^\\s:/?#@'"<>\\[\\]]{1,128}`;
const PASSWORD = `[^\\s/?#@'"<>\\[\\]]{1,256}`;
const HOST = `[^\\s/?#@'"<>]{1,253}`;

/**
 * Rejects template placeholders that carry no secret: `${PASS}`, `{{password}}`, `%s`,
 * `$PASSWORD`, masks like `****` or `xxxx`.
 */
export function urlCredentialValid(value: string): boolean {
  const afterScheme = value.slice(value.indexOf('://') + 3);
  const at = afterScheme.lastIndexOf('@');
  const userinfo = afterScheme.slice(0, at);
  const password = userinfo.slice(userinfo.indexOf(':') + 1);
  if (password.length === 0) return false;
  if (password.startsWith('${') || password.startsWith('{{') || password.startsWith('$') || password === '%s') return false;
  const lower = password.toLowerCase();
  return !(lower.split('').every((c) => c === '*' || c === 'x') || lower === '<password>');
}

export const URL_CREDENTIAL_RECOGNIZERS: readonly Recognizer[] = [
  {
    id: 'url_credentials',
    entity: 'URL_CREDENTIALS',
    kind: 'pii',
    pattern: `\\b(?:${SCHEMES.join('|')})://${USER}:${PASSWORD}@${HOST}`,
    caseInsensitive: true,
    maxLength: 12 + 3 + 128 + 1 + 256 + 1 + 253,
    // Below the secrets recognizers' confidence: where a provider-specific secret pattern covers
    // the same URL, the overlap goes to it (kind 'secret').
    confidence: 0.8,
    validate: urlCredentialValid,
    keywords: ['://'],
  },
];
