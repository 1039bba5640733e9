// Key material: multi-line PEM blocks (whole, truncated, escaped in code), lone body lines, base64
// PEM, JWTs (JSON header with an algorithm) and JWK private members.
import { describe, expect, it } from 'vitest';
import { PEM_MAX_LENGTH, jwtValid } from './keys.js';
import { B64, B64URL, b64url, jwt, pemBlock, prng, rand, scan } from './testing/tokens.js';

const next = prng(808);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);

describe('PEM private key blocks', () => {
  it.each([
    'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PRIVATE KEY',
    'ENCRYPTED PRIVATE KEY', 'PGP PRIVATE KEY BLOCK',
  ])('a whole %s block across lines is one finding', (label) => {
    const block = pemBlock(label, 8);
    const text = `key file:\n${block}\nend of file`;
    const found = scan(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.entity).toBe('PRIVATE_KEY');
    expect(found[0]?.value).toBe(block);
  });

  it('handles CRLF line breaks and escaped blocks inside code strings', () => {
    expect(scan(pemBlock('EC PRIVATE KEY', 4, '\r\n'))[0]?.value.startsWith('-----BEGIN EC PRIVATE KEY-----')).toBe(true);
    const escaped = `const key = "${pemBlock('RSA PRIVATE KEY', 4, '\\n')}";`;
    expect(scan(escaped)[0]?.value.endsWith('-----END RSA PRIVATE KEY-----')).toBe(true);
  });

  it('a JSON service-account private_key field is a block', () => {
    const json = `{"type": "service_account", "private_key": "${pemBlock('PRIVATE KEY', 10, '\\n')}\\n"}`;
    expect(scan(json).map((f) => f.entity)).toEqual(['GCP_SERVICE_ACCOUNT', 'PRIVATE_KEY']);
  });

  it('a header whose block has not arrived (truncated or still streaming) is reported', () => {
    const text = `-----BEGIN OPENSSH PRIVATE KEY-----\n${r(B64, 70)}\n${r(B64, 70)}`;
    const found = scan(text);
    expect(found[0]?.value).toBe('-----BEGIN OPENSSH PRIVATE KEY-----');
    expect(found.every((f) => f.entity === 'PRIVATE_KEY')).toBe(true);
  });

  it('a footer whose block started elsewhere is reported', () => {
    expect(scan(`${r(B64, 30)}==\n-----END RSA PRIVATE KEY-----`).map((f) => f.entity)).toContain('PRIVATE_KEY');
  });

  it.each([
    ['example body', '-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----'],
    ['empty body', '-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----'],
    ['public key block', `-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----`],
    ['certificate header alone', '-----BEGIN CERTIFICATE-----'],
  ])('%s is not a private key', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('maxLength bounds a block (the streaming hold-back)', () => {
    expect(PEM_MAX_LENGTH).toBe(10_000);
    const huge = pemBlock('RSA PRIVATE KEY', 200);
    expect(huge.length).toBeGreaterThan(PEM_MAX_LENGTH);
    expect(scan(huge).some((f) => f.value === huge)).toBe(false);
  });
});

describe('lines of key body without their markers', () => {
  it.each([
    ['a bare 64-character line', r(B64, 64)],
    ['a commented line', `  *  ${r(B64, 64)}`],
    ['a string-literal line with an escaped newline', ` +   "${r(B64, 64)}\\n"`],
    ['a long code-string line', `"${r(B64, 100)}  \\n"`],
    ['a build-log line', `#6 0.245 ${r(B64, 64)}`],
    ['an OpenSSH-width line', r(B64, 70)],
  ])('%s', (_label, line) => {
    expect(scan(line).map((f) => f.entity)).toEqual(['PRIVATE_KEY']);
  });

  it.each([
    ['a hex digest', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a camelCase identifier', 'requiredCharacteristicTypesForDisplayMetadataAndMore'],
    ['base64 inside an assignment', `sumOfExposures = ${r(B64URL.replace('-', '').replace('_', ''), 64)};`],
    ['a short bare token', 'AIzaTesb6Tscfcni8vIpWZqNCXFDFslJtVSvFDqabcd123'],
    ['a base64 digest in a test', `    "${r(B64, 43)}="`],
    ['a prose line', 'The quick brown fox jumps over the lazy dog and keeps running'],
  ])('%s is not', (_label, line) => {
    expect(scan(line).filter((f) => f.entity === 'PRIVATE_KEY')).toEqual([]);
  });
});

describe('public armored blocks are not key material', () => {
  it.each([
    'CERTIFICATE', 'TRUSTED CERTIFICATE', 'CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST', 'X509 CRL',
    'PUBLIC KEY', 'RSA PUBLIC KEY', 'PGP PUBLIC KEY BLOCK', 'PGP SIGNATURE', 'PGP MESSAGE', 'PKCS7',
  ])('the body lines of a %s block are not reported', (label) => {
    const text = `Here it is:\n${pemBlock(label, 8)}\nDone.`;
    expect(scan(text)).toEqual([]);
  });

  it('a PGP public key with armor headers, indented, in a code string', () => {
    const lines = Array.from({ length: 6 }, () => r(B64, 64));
    const armored = `-----BEGIN PGP PUBLIC KEY BLOCK-----\nVersion: GnuPG v2\nComment: test\n\n${lines.join('\n')}\n=${r(B64, 4)}\n-----END PGP PUBLIC KEY BLOCK-----`;
    expect(scan(armored)).toEqual([]);
    expect(scan(armored.replaceAll('\n', '\n    '))).toEqual([]);
    const quoted = `const cert = "${pemBlock('CERTIFICATE', 4, '\\n')}";`;
    expect(scan(quoted)).toEqual([]);
  });

  it('a private key next to a certificate is still found, and only it', () => {
    const key = pemBlock('EC PRIVATE KEY', 4);
    const found = scan(`${pemBlock('CERTIFICATE', 6)}\n${key}\n${pemBlock('CERTIFICATE', 6)}`);
    expect(found.map((f) => f.value)).toEqual([key]);
  });

  it.each([
    ['a YAML list under a camelCase public-key name', (b: string) => `hostKeys:\n  rsaPublicKeys:\n    - ${b}\n`],
    ['a folded block scalar in a list item', (b: string) => `SshPublicKeys:\n  - >-\n    ${b}\n`],
    ['a literal block scalar', (b: string) => `ssh_public_key: |\n  ${b}\n  ${r(B64, 64)}\n`],
    ['an indented line under a quoted name', (b: string) => `"public-key":\n      ${b}==`],
  ])('base64 lines under %s are that public key', (_label, make) => {
    expect(scan(make(r(B64, 86))).filter((f) => f.entity === 'PRIVATE_KEY')).toEqual([]);
  });

  it('a key body line under a private key name next to a public one is still reported', () => {
    const text = `public_key:\n  ${r(B64, 64)}\nprivate_key:\n  ${r(B64, 64)}\n`;
    const body = (t: string) => scan(t).filter((f) => f.entity === 'PRIVATE_KEY').map((f) => f.recognizer);
    expect(body(text)).toEqual(['private_key_body_line']);
    expect(body(`PublicKeyId: 42\n${r(B64, 64)}`)).toEqual(['private_key_body_line']);
  });

  it('lines after a certificate that was cut off are judged on their own', () => {
    const text = `-----BEGIN CERTIFICATE-----\n${r(B64, 64)}\n${r(B64, 64)}`;
    expect(scan(text).map((f) => f.recognizer)).toEqual(['private_key_body_line', 'private_key_body_line']);
  });
});

describe('base64-wrapped PEM and inline OpenSSH keys', () => {
  it('base64 of a PEM private key header', () => {
    const wrapped = Buffer.from(`-----BEGIN PRIVATE KEY-----\n${r(B64, 64)}\n`).toString('base64');
    expect(scan(`tls.key: ${wrapped}`).map((f) => f.entity)).toContain('PRIVATE_KEY');
  });

  it.each([
    ['a PEM file with a leading comment', `# issued 2024\n-----BEGIN RSA PRIVATE KEY-----\n${r(B64, 64)}\n-----END RSA PRIVATE KEY-----\n`],
    ['YAML with an indented key', `tls:\n  cert: |\n    x\n  key: |\n    -----BEGIN EC PRIVATE KEY-----\n    ${r(B64, 64)}\n`],
    ['a PGP private key block', `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${r(B64, 64)}\n`],
  ])('base64 of %s (the marker at any byte offset) is one finding over the whole blob', (_label, text) => {
    for (const pad of ['', 'a', 'ab']) {
      const wrapped = Buffer.from(pad + text).toString('base64');
      const found = scan(`value: ${wrapped}\n`).filter((f) => f.recognizer === 'pem_private_key_base64');
      expect(found.map((f) => f.value)).toEqual([wrapped]);
    }
  });

  it.each([
    ['base64 prose mentioning keys', 'Rotate the private key every year and keep the public key in the repo.'],
    ['base64 of a public key', `-----BEGIN PUBLIC KEY-----\n${r(B64, 64)}\n-----END PUBLIC KEY-----`],
  ])('%s is not a base64 PEM private key', (_label, text) => {
    const wrapped = Buffer.from(text).toString('base64');
    expect(scan(wrapped).filter((f) => f.recognizer === 'pem_private_key_base64')).toEqual([]);
  });

  it('base64 of a certificate is not a private key', () => {
    const wrapped = Buffer.from(`-----BEGIN CERTIFICATE-----\n${r(B64, 64)}\n`).toString('base64');
    expect(scan(`tls.crt: ${wrapped}`).filter((f) => f.recognizer === 'pem_private_key_base64')).toEqual([]);
  });
});

describe('JWT', () => {
  it.each([
    ['HS256 with signature', jwt()],
    ['RS256 with kid', jwt({ alg: 'RS256', kid: 'k1', typ: 'JWT' }, { iss: 'https://issuer', exp: 1900000000 })],
    ['unsigned (two segments)', `${b64url({ alg: 'none' })}.${b64url({ sub: 'x' })}`],
  ])('%s is found', (_label, token) => {
    expect(jwtValid(token.split('.').slice(0, 2).join('.'))).toBe(true);
    const hit = scan(`Authorization: Bearer ${token}`).find((f) => f.value.includes(token.slice(0, 30)));
    expect(hit).toBeDefined();
  });

  it.each([
    ['single segment', b64url({ alg: 'HS256', typ: 'JWT' })],
    ['header not JSON', `eyJBB.eyJCC.eyJDDDD`],
    ['header cut short', `${b64url({ alg: 'HS256', typ: 'JWT' }).slice(0, -1)}.${b64url({ sub: 1 })}.sig`],
    ['header without alg/typ/kid', `${b64url({ foo: 'bar' })}.${b64url({ sub: 1 })}.${r(B64URL, 20)}`],
  ])('%s is not', (_label, text) => {
    expect(scan(text).filter((f) => f.entity === 'JWT')).toEqual([]);
  });
});

describe('JWK private members', () => {
  it('the private exponent "d" is reported, the public "kty" is not', () => {
    const d = r(B64URL, 43);
    const found = scan(`{"kty": "EC", "crv": "P-256", "d": "${d}"}`);
    expect(found.map((f) => f.value)).toEqual([d]);
    expect(found[0]?.entity).toBe('JSON_WEB_KEY');
  });
});
