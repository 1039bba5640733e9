// Registries, deployment and infrastructure tooling.
import { describe, expect, it } from 'vitest';
import { ALNUM, B64, B64URL, BASE32, DIGITS, HEX, LOWER, UPPER, prng, rand, scan } from './testing/tokens.js';

const next = prng(606);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
const DJANGO = r(LOWER + DIGITS + '!@#$%^&*(-_=+)', 50);

describe('devtools recognizers find valid values', () => {
  it.each([
    ['npm token', `//registry.npmjs.org/:_authToken=npm_${r(ALNUM, 36)}`, 'NPM_TOKEN', 'npm_'],
    ['.npmrc npm_ token of any length', `//npm.pkg.example.com/:_authToken=npm_${r(ALNUM, 12)}`, 'NPM_TOKEN', 'npm_'],
    ['.npmrc npm_ placeholder', `//registry.npmjs.org/:_authToken=npm_${'x'.repeat(20)}`, 'NPM_TOKEN', 'npm_'],
    ['legacy .npmrc token', `//registry.npmjs.org/:_authToken=${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}`, 'NPM_TOKEN', ''],
    ['PyPI token', `pypi-AgEIcHlwaS5vcmc${r(B64URL, 150)}`, 'PYPI_TOKEN', 'pypi-AgE'],
    ['PyPI token, 70 after the header', `pypi-AgEIcHlwaS5vcmc${r(B64URL, 70)}`, 'PYPI_TOKEN', 'pypi-AgE'],
    ['Clojars token, base36', `CLOJARS_${r(LOWER + DIGITS, 60)}`, 'CLOJARS_TOKEN', 'CLOJARS_'],
    ['Django insecure key', `SECRET_KEY = 'django-insecure-${DJANGO}'`, 'DJANGO_SECRET_KEY', 'django-insecure-'],
    ['Django key without the prefix', `SECRET_KEY = "${DJANGO}"`, 'DJANGO_SECRET_KEY', DJANGO],
    ['RubyGems key', `rubygems_${r(HEX, 48)}`, 'RUBYGEMS_API_KEY', 'rubygems_'],
    ['NuGet key', `oy2${r(LOWER + DIGITS, 43)}`, 'NUGET_API_KEY', 'oy2'],
    ['Docker Hub PAT', `docker login -p dckr_pat_${r(B64URL, 27)}`, 'DOCKER_TOKEN', 'dckr_pat_'],
    ['Docker swarm join token', `SWMTKN-1-${r(LOWER + DIGITS, 50)}-${r(LOWER + DIGITS, 25)}`, 'DOCKER_SWARM_TOKEN', 'SWMTKN-1-'],
    ['Vercel token', `vcp_${r(ALNUM, 56)}`, 'VERCEL_TOKEN', 'vcp_'],
    ['Netlify token', `nfp_${r(ALNUM, 36)}`, 'NETLIFY_TOKEN', 'nfp_'],
    ['Doppler token', `dp.pt.${r(ALNUM, 43)}`, 'DOPPLER_TOKEN', 'dp.pt.'],
    ['Vault service token', `VAULT_TOKEN=hvs.${r(B64URL, 90)}`, 'VAULT_TOKEN', 'hvs.'],
    ['Vault legacy token', `vault token: s.${r(ALNUM, 24)}`, 'VAULT_TOKEN', 's.'],
    ['Terraform Cloud token', `${r(ALNUM, 14)}.atlasv1.${r(B64URL, 67)}`, 'TERRAFORM_CLOUD_TOKEN', '.atlasv1.'],
    ['Pulumi token', `pul-${r(HEX, 40)}`, 'PULUMI_ACCESS_TOKEN', 'pul-'],
    ['Tailscale key', `tskey-auth-${r(ALNUM, 12)}-${r(ALNUM, 30)}`, 'TAILSCALE_KEY', 'tskey-'],
    ['Tailscale key, short secret part', `tskey-webhook-${r(LOWER + DIGITS, 12)}-${r(LOWER + DIGITS, 18)}`, 'TAILSCALE_KEY', 'tskey-'],
    ['1Password service account', `OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ${r(B64URL, 300)}`, 'ONEPASSWORD_TOKEN', 'ops_eyJ'],
    ['age secret key', `AGE-SECRET-KEY-1${rand(BECH32, 58, next)}`, 'AGE_SECRET_KEY', 'AGE-SECRET-KEY-1'],
    ['NATS nkey seed', `SU${r(BASE32, 56)}`, 'NATS_NKEY_SEED', 'SU'],
    ['SonarQube token', `-Dsonar.login=squ_${r(HEX, 40)}`, 'SONARQUBE_TOKEN', 'squ_'],
    ['Octopus Deploy key', `API-${r(UPPER, 13)}${r(DIGITS, 13)}`, 'OCTOPUS_DEPLOY_API_KEY', 'API-'],
    ['Defined Networking key', `dnkey-${r(UPPER + DIGITS, 26)}-${r(UPPER + DIGITS, 52)}`, 'DEFINED_NETWORKING_API_KEY', 'dnkey-'],
    ['Clojars token', `CLOJARS_${r(HEX, 60)}`, 'CLOJARS_TOKEN', 'CLOJARS_'],
    ['license key', `Activation key: ${r(UPPER + DIGITS, 5)}-${r(UPPER + DIGITS, 5)}-${r(UPPER + DIGITS, 5)}-${r(UPPER + DIGITS, 5)}`, 'LICENSE_KEY', '-'],
    ['Sidekiq gem credentials', `https://${r(HEX, 8)}:${r(HEX, 8)}@enterprise.contribsys.com/`, 'SIDEKIQ_CREDENTIALS', 'contribsys.com'],
    ['Swarm key', `SWMKEY-1-${r(B64, 43)}`, 'DOCKER_SWARM_TOKEN', 'SWMKEY-1-'],
    ['Scalingo token ending in a dash', `scalingo_api_token = "tk-us-${r(ALNUM + '_', 47)}-"`, 'SCALINGO_API_TOKEN', 'tk-us-'],
  ])('%s', (_label, text, entity, needle) => {
    const hit = scan(text).find((f) => f.entity === entity);
    expect(hit, `${entity} in ${text}`).toBeDefined();
    expect(hit?.value).toContain(needle);
  });
});

describe('devtools recognizers reject placeholders and look-alikes', () => {
  it.each([
    ['npm masked', 'NPM_TOKEN=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['.npmrc with a variable', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
    ['.npmrc npm_ masked', `//registry.npmjs.org/:_authToken=npm_${'X'.repeat(36)}`],
    ['.npmrc npm_ documentation', '//registry.npmjs.org/:_authToken=npm_your_token_here'],
    ['Vault masked', 'hvs.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['Vault-like member access', 's.AcceptanceTimeoutSeconds = 5'],
    ['Vault-like upper case', 's.THISSTRINGISALLUPPERCASE'],
    ['Terraform masked', 'token = "xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
    ['Pulumi inside a file name', '<img src="./assets/vipul-f0eb1acf0da84c06a50c5b2c59932001997786b176dec02bd16128ee9ea83628.png">'],
    ['Octopus-like words', 'msgstr "GSSAPI-VIRHEKAPSELOINTIMERKKIJONO."'],
    ['Octopus-like hex id', 'https://fog-ringer-f42.notion.site/API-BD80F56CDC1441E6BF6011AB6D852875'],
    ['1Password elided', 'export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6...'],
    ['1Password secret key masked', 'A3-XXXXXX-XXXXXXXXXXX-XXXXX-XXXXX-XXXXX'],
    ['PyPI token cut short', 'pypi-AgEIcHlwaS5vcmcCJDU3OTM1MjliLWIyYTYtNDEwOC05NzRkLTM0MjNiNmEwNWIzYgACF1sxLFsibWluaW1h'],
    ['Django key of letters only', `SECRET_KEY = '${'abcdefghij'.repeat(5)}'`],
    ['Django key too short', `SECRET_KEY = 'django-insecure-${r(LOWER + DIGITS, 20)}'`],
    ['Scalingo token too long', `tk-us-${r(ALNUM, 52)}`],
    ['Scalingo token masked', `tk-us-${'x'.repeat(48)}`],
  ])('%s', (_label, text) => {
    expect(scan(text).filter((f) => f.entity !== 'GENERIC_SECRET')).toEqual([]);
  });
});
