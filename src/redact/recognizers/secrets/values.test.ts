// The value judges behind the assignment recognizers, and the entropy fallback.
import { describe, expect, it } from 'vitest';
import { ALNUM, HEX, prng, rand, scan } from './testing/tokens.js';
import { classSwitchRate, isCodeReference, isPlaceholder, isStructuredNonSecret, isTemplateOrReference, passwordValueValid, strongTokenValid, tokenValueValid, trimValue } from './values.js';

const next = prng(1111);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);

describe('reference, template and placeholder checks', () => {
  it.each([
    '$DB_PASSWORD', '${SECRET}', '$(cat /run/secrets/x)', '$1', '{{ vault_pw }}', '%s', '<password>', '[PASSWORD]',
    '{SumoAccessKey}', '`etcdctl get /x`', 'process.env.SECRET',
  ])('%j is a template or reference', (v) => {
    expect(isTemplateOrReference(v)).toBe(true);
  });

  it('a random value in braces is a filled-in value, not a slot', () => {
    expect(isTemplateOrReference('{ZqL5kVrX1n8tA2}')).toBe(false);
  });

  it.each(['%SMTP_PASSWORD%', '%DB_PASS%'])('%j is a Windows batch variable', (v) => {
    expect(isTemplateOrReference(v)).toBe(true);
  });

  it.each(['password', 'changeme', 'xxxxxxxx', '********', 'your_api_key', 'a-fake-api-key', 'insert_key_here', 'abcdef123456', 'ops_eyJzaWdu...', '1234-1234-1234-abcd'])('%j is a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });

  it.each([
    ['config.db.password', true], ['os.environ.get(', true], ['X25519.secret_length', true], ['n83.bat47Fy4', false], ['Tr0ub4dor&3', false],
  ])('isCodeReference(%j) = %s', (v, want) => {
    expect(isCodeReference(v)).toBe(want);
  });

  it.each([
    ['https://example.org/x', true], ['/var/run/secrets/token', true], ['alice@example.org', true], ['api.example.com', true],
    ['1.2.3', true], ['2024-01-02', true], ['cert.pem', true], ['bRLFnzd5@=-.a+/hgdS', false], [r(ALNUM, 30), false],
    ['svc-1.prod_eu.internal', true], ['10.0.12', true],
    // Dots among random text (an Azure client secret) do not make a host name: it ends in neither a TLD nor digits.
    ['8w__IGsaY.6g6jUxb1.pPGK262._pgX.q-', false],
  ])('isStructuredNonSecret(%j) = %s', (v, want) => {
    expect(isStructuredNonSecret(v)).toBe(want);
  });

  it('trimValue drops closing syntax', () => {
    expect(trimValue('abc123)')).toBe('abc123');
    expect(trimValue('abc123&quot')).toBe('abc123');
    expect(trimValue('abc123\\n')).toBe('abc123');
  });
});

describe('value judges', () => {
  it.each([
    ['Tr0ub4dor&3', true], ['cackle!', true], ['MYPSWRD!@#$%^&*', true], ['NsIdksKJdj', true],
    ['master', false], ['shorter-version', false], ['cmp2-qat-1208358310', false], ['MyPassword', false], ['123456789', false], ['abc', false],
  ])('passwordValueValid(%j) = %s', (v, want) => {
    expect(passwordValueValid(v)).toBe(want);
  });

  it.each([
    [r(ALNUM, 24), true], [r(HEX, 32), true], [`${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}`, true],
    ['SalesResults-1.2', false], ['NEXUS-GPT4-API-KEY', false], ['jjwt-jackson-0.11.2', false], ['Bearer', false],
    ['zpczok4kqgnw5prpfy3ehiylbqvgbjfkdiqkejsxqamy7qbkep7q', true], ['configurationmanager2024release', false],
    ['acdeFf05b1a6d4c890237bf08c5e6e8d2b4d0f2e', false], ['desc?.writable', false], ['$.green(F_DOT)', false],
    // Digits spread among the letters are random, even when the letters around them read like words.
    ['IdgwWnwiaBPlsr9n7FLuxhO5', true], ['Befaehigung_P2', false], ['ReleaseNotesSummary_v12', false],
    // A short prefix before a generated part is a token, not a slug; short words joined are still a slug.
    ['r8_nrljl8kwj60zzvh23pjkrwwiljc9gnxhy6pufoeq', true], ['gho_offi2vln-moq4_v66u695ih4w4uk065k74x4', true],
    ['prod-db-secret', false], ['my-app-config-2024', false], ['build-cache-v2-2024-11-24', false],
    ['8w__IGsaY.6g6jUxb1.pPGK262._pgX.q-', true], // an Azure AD client secret
  ])('tokenValueValid(%j) = %s', (v, want) => {
    expect(tokenValueValid(v)).toBe(want);
  });

  it('strongTokenValid wants length and mixing', () => {
    expect(strongTokenValid(r(ALNUM, 24))).toBe(true);
    expect(strongTokenValid('DOC_Vector_5_32')).toBe(false);
    expect(strongTokenValid(r(HEX, 16))).toBe(false);
  });

  it('classSwitchRate separates random text from words', () => {
    expect(classSwitchRate('SalesResults12')).toBeLessThan(0.4);
    expect(classSwitchRate('AIhq5Xyb1Gga9Q29')).toBeGreaterThan(0.5);
  });
});

describe('high-entropy tokens need a credential word nearby', () => {
  const token = r(ALNUM, 40);

  it('reported next to a credential word, in any syntax', () => {
    expect(scan(`here is the staging deploy credential -> ${token}`).map((f) => f.value)).toContain(token);
  });

  it.each([
    ['no credential word', `commit ${token} merged`],
    ['UUID ids', `my token request id is ${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}`],
    ['authenticity token in a form', `<input type="hidden" name="authenticity_token" value="${token}" />`],
    ['public key', `public_key = "${token}"`],
  ])('not reported: %s', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});
