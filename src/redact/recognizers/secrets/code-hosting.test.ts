// GitHub (with its CRC32 checksum), GitLab (exact lengths per prefix), Atlassian, Sourcegraph, JFrog.
import { describe, expect, it } from 'vitest';
import { githubChecksumValid } from './code-hosting.js';
import { ALNUM, B64URL, DIGITS, HEX, LOWER, githubToken, prng, rand, scan } from './testing/tokens.js';
import { base62, crc32 } from './util.js';

const next = prng(202);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);

describe('GitHub checksum', () => {
  it.each(['ghp', 'gho', 'ghu', 'ghs', 'ghr'] as const)('a generated %s_ token verifies', (prefix) => {
    const token = githubToken(prefix, prefix.charCodeAt(2));
    expect(token).toHaveLength(40);
    expect(githubChecksumValid(token)).toBe(true);
  });

  it('a checksum of all-zero payload still verifies (the checksum, not the filler check, decides)', () => {
    const payload = '0'.repeat(30);
    const token = `ghp_${payload}${base62(crc32(payload), 6)}`;
    expect(githubChecksumValid(token)).toBe(true);
    expect(scan(`token: ${token}`).map((f) => f.value)).toContain(token);
  });

  it('any single-character change breaks the checksum', () => {
    const token = githubToken('ghp', 11);
    for (let i = 4; i < token.length; i++) {
      const ch = token[i] === 'a' ? 'b' : 'a';
      expect(githubChecksumValid(token.slice(0, i) + ch + token.slice(i + 1))).toBe(false);
    }
  });

  it('reports checksum-valid tokens, and refuses masked ones whatever their shape', () => {
    const token = githubToken('gho', 5);
    const hit = scan(`export GITHUB_TOKEN=${token}`).find((f) => f.entity === 'GITHUB_TOKEN');
    expect(hit?.value).toBe(token);
    expect(hit?.confidence).toBeGreaterThanOrEqual(0.95);
    expect(scan('ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toEqual([]);
  });
});

describe('code hosting recognizers find valid values', () => {
  it.each([
    ['GitHub fine-grained PAT', `github_pat_11${r(ALNUM, 20)}_${r(ALNUM, 59)}`, 'GITHUB_TOKEN', 'github_pat_'],
    ['GitHub fine-grained PAT, any 82 word characters', `github_pat_${r(ALNUM + '_', 82)}`, 'GITHUB_TOKEN', 'github_pat_'],
    ['GitLab session cookie', `Cookie: _gitlab_session=${r(LOWER + DIGITS, 32)}`, 'GITLAB_SESSION', '_gitlab_session='],
    ['GitLab PAT', `glpat-${r(ALNUM + '_-', 20)}`, 'GITLAB_TOKEN', 'glpat-'],
    ['GitLab routable PAT', `glpat-${r(ALNUM, 20)}.01.${r(ALNUM, 9)}`, 'GITLAB_TOKEN', '.01.'],
    ['GitLab deploy token', `gldt-${r(ALNUM, 20)}`, 'GITLAB_TOKEN', 'gldt-'],
    ['GitLab runner token', `glrt-${r(ALNUM, 20)}`, 'GITLAB_TOKEN', 'glrt-'],
    ['GitLab trigger token', `glptt-${r(HEX, 40)}`, 'GITLAB_TOKEN', 'glptt-'],
    ['GitLab incoming mail token', `glimt-${r(ALNUM, 25)}`, 'GITLAB_TOKEN', 'glimt-'],
    ['GitLab OAuth secret', `gloas-${r(HEX, 64)}`, 'GITLAB_TOKEN', 'gloas-'],
    ['GitLab agent token', `glagent-${r(ALNUM, 50)}`, 'GITLAB_TOKEN', 'glagent-'],
    ['GitLab CI job token', `glcbt-64_${r(ALNUM, 20)}`, 'GITLAB_TOKEN', 'glcbt-'],
    ['GitLab runner registration', `GR1348941${r(ALNUM, 20)}`, 'GITLAB_TOKEN', 'GR1348941'],
    ['Atlassian API token', `ATATT3${r(B64URL, 180)}=${r('ABCDEF' + DIGITS, 8)}`, 'ATLASSIAN_API_TOKEN', 'ATATT3'],
    ['Atlassian API token with = inside', `ATATT3${r(B64URL, 90)}=${r(B64URL, 95)}`, 'ATLASSIAN_API_TOKEN', 'ATATT3'],
    ['Bitbucket app password', `ATBB${r(ALNUM, 32)}`, 'ATLASSIAN_API_TOKEN', 'ATBB'],
    ['Jira DC PAT', `Bearer ${Buffer.concat([Buffer.from('926607655526:'), Buffer.from(r(ALNUM, 20))]).toString('base64')}`, 'ATLASSIAN_PAT', ''],
    ['Sourcegraph token', `sgp_${r(HEX, 16)}_${r(HEX, 40)}`, 'SOURCEGRAPH_TOKEN', 'sgp_'],
    ['Artifactory API key', `X-JFrog-Art-Api: AKCp${r(ALNUM, 69)}`, 'ARTIFACTORY_TOKEN', 'AKCp'],
    ['Artifactory encrypted password, no name near', `AP${r('0123456789ABCDEF', 1)}${r(ALNUM, 30)}q`, 'ARTIFACTORY_TOKEN', 'AP'],
    ['Artifactory encrypted password in .npmrc', `//art.example.com/api/npm/:_password=AP9${r(ALNUM, 20)}z`, 'ARTIFACTORY_TOKEN', 'AP9'],
    ['Artifactory key in quotes', `"AKC${r(ALNUM, 12)}a"`, 'ARTIFACTORY_TOKEN', 'AKC'],
    ['Artifactory placeholder of the detect-secrets shape', `jfrog_password: AP4${'x'.repeat(12)}`, 'ARTIFACTORY_TOKEN', 'AP4'],
    ['GitLab SCIM token, 20', `glsoat-${r(ALNUM, 20)}`, 'GITLAB_TOKEN', 'glsoat-'],
    ['GitLab SCIM token, 50', `glsoat-${r(ALNUM + '_-', 49)}a`, 'GITLAB_TOKEN', 'glsoat-'],
  ])('%s', (_label, text, entity, needle) => {
    const hit = scan(text).find((f) => f.entity === entity);
    expect(hit, `${entity} in ${text}`).toBeDefined();
    expect(hit?.value).toContain(needle);
  });
});

describe('code hosting recognizers reject near misses', () => {
  it.each([
    ['GitLab PAT too short', 'glpat-hellOWorld380 testin'],
    ['GitLab PAT wrong separator', 'glpat_hellOworld380_testin'],
    ['GitLab masked', 'glpat-XXXXXXXXXXX-XXXXXXXX'],
    ['GitLab trigger wrong length', `glptt-${'a1B2c3'.repeat(7)}`],
    ['GitLab OAuth secret too long', `gloas-${'a1B2c3d4'.repeat(9)}`],
    ['runner registration counting', 'GR134894112312312312312312312'],
    ['fine-grained PAT masked', 'github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['Sourcegraph non-hex', 'sgp_local_d45b6G86aBb0F2Cee943902dbaDBCFCFDD1dA089'],
    ['Sourcegraph filler', 'sgp_5555555dAAAAA7777777CcccCFaaaaaaaaaaaaaa'],
    ['Sourcegraph bare hex without the product name', 'BcAeb6640ad7DAD46AD73687946Ce85047d5C9Bb'],
    ['Artifactory masked', 'lowEntropy := AKCpXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    ['Artifactory prefix inside a word', `myAKC${r(LOWER, 14)}`],
    ['Artifactory password too short', 'artifactory_password=AP7xxxxx'],
    ['accounts-payable number', 'Invoice AP20240001234 is due'],
    ['part number in capitals', 'order APB3LG4GLT0X today'],
    ['Objective-C class with an AP prefix', 'APAddressBook *book = [[APAddressBook alloc] init];'],
    ['word after an AP prefix', 'APFollowers list'],
    ['Artifactory documentation word', `AKC${'sample'.repeat(3)}`],
    ['GitLab SCIM token too long', `glsoat-${r(ALNUM, 51)}`],
  ])('%s', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});

describe('CredSweeper formats (code hosting, messaging, Google)', () => {
  const legacy = r(LOWER + DIGITS, 40);
  const legacyHex = r(HEX, 40);
  const mailgun = `key-${r(ALNUM, 16)}7${r(ALNUM, 15)}`;
  const ya29 = `ya29.${r(ALNUM + '_-', 24)}`;

  it.each([
    ['legacy GitHub token in an env assignment', `GITHUB_ACCESS_TOKEN = "${legacy}"`, legacy, 'GITHUB_TOKEN'],
    ['legacy GitHub hex token in YAML', `github_api_key: ${legacyHex}`, legacyHex, 'GITHUB_TOKEN'],
    ['legacy GitHub token with := (Go)', `githubToken := "${legacy}"`, legacy, 'GITHUB_TOKEN'],
    ['Mailgun key with mixed case', `MAILGUN = "${mailgun}"`, mailgun, 'MAILGUN_API_KEY'],
    ['short Google OAuth access token', `google_oauth_key = "${ya29}"`, ya29, 'GOOGLE_OAUTH_ACCESS_TOKEN'],
  ])('%s', (_label, text, value, entity) => {
    expect(scan(text)).toContainEqual(expect.objectContaining({ value, entity }));
  });

  it.each([
    ['legacy GitHub token too short', `GITHUB_TOKEN = "${r(LOWER + DIGITS, 39)}"`],
    ['legacy GitHub token with capitals', `GITHUB_TOKEN = "${r(LOWER, 20)}Q${r(LOWER + DIGITS, 19)}"`],
    ['40 characters without a github name', `COMMIT_KEY = "${legacy}"`],
    ['github name without token/key/api', `github_sha = "${legacyHex}"`],
    ['legacy GitHub filler', `GITHUB_TOKEN = "${'0123456789'.repeat(4)}"`],
    ['Mailgun key with no digit', `key-${r('abcdefghijABCDEFGHIJ', 32)}`],
    ['Mailgun key too long', `key-${r(ALNUM, 33)}`],
    ['Google OAuth token body too short', `ya29.${r(ALNUM, 21)}`],
  ])('%s', (_label, text) => {
    expect(scan(text).filter((f) => ['GITHUB_TOKEN', 'MAILGUN_API_KEY', 'GOOGLE_OAUTH_ACCESS_TOKEN'].includes(f.entity))).toEqual([]);
  });
});
