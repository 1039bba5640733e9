import { describe, expect, it } from 'vitest';
import { urlCredentialValid } from './url-credentials.js';
import { scanPii, valuesOf } from './testing/scan.js';

const creds = (text: string) => valuesOf(text, 'URL_CREDENTIALS');

describe('URL_CREDENTIALS end to end', () => {
  it.each([
    ['clone https://alice:s3cr3t@git.example.com/repo.git', 'https://alice:s3cr3t@git.example.com'],
    ['ftp://bob:pa%24%24@files.example.org:21/x', 'ftp://bob:pa%24%24@files.example.org:21'],
    ['HTTP://u:p@h', 'HTTP://u:p@h'],
    ['proxy socks5://me:pw@10.0.0.1:1080', 'socks5://me:pw@10.0.0.1:1080'],
  ])('%j -> %j', (text, expected) => {
    expect(creds(text)).toEqual([expected]);
  });

  it('reports the whole URL, not an email inside it', () => {
    expect(scanPii('https://user:pass@mail.example.com/').map((f) => f.entity)).toEqual(['URL_CREDENTIALS']);
  });

  it.each([
    ['no password', 'https://alice@example.com/'],
    ['empty password', 'https://alice:@example.com/'],
    ['port, not a password', 'https://example.com:8080/a@b'],
    ['template', 'https://${USER}:${PASSWORD}@example.com'],
    ['mustache', 'https://user:{{password}}@example.com'],
    ['masked', 'https://user:****@example.com'],
    ['database URL (a secret, not ours)', 'postgres://user:pass@db.example.com/app'],
  ])('rejects %s: %j', (_why, text) => {
    expect(creds(text)).toEqual([]);
  });

  it('validator', () => {
    expect(urlCredentialValid('https://a:b@c')).toBe(true);
    expect(urlCredentialValid('https://a:$PASS@c')).toBe(false);
  });
});
