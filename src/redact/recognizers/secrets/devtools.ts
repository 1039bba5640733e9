// Developer tooling: package registries (npm, PyPI, RubyGems, NuGet, Clojars, Docker), deployment
// and infrastructure (Vercel, Netlify, Doppler, HashiCorp Vault/Terraform, Pulumi, Fly, Render,
// Tailscale, 1Password, Age), and code quality services. All carry a literal prefix.
import type { Recognizer } from '../../types.js';
import { bodyAfter, entropy, isFillerToken, isMaskedOrDocumented, secret } from './util.js';

/** Body after the first `_`, `-` or `.` separator must be random. */
function afterFirst(sep: string, minEntropy = 0) {
  return (value: string): boolean => {
    const body = value.slice(value.indexOf(sep) + 1);
    return !isFillerToken(body) && (minEntropy === 0 || entropy(body) >= minEntropy);
  };
}

/** get_random_secret_key(): 50 characters of lower case, digits and `!@#$%^&*(-_=+)`. */
const DJANGO_KEY = '[a-z0-9!@#$%^&*(_=+)-]{50}';

/** The 50 random characters of a Django key: not filler, and mixing letters with digits or symbols. */
function djangoKeyValid(key: string): boolean {
  let letters = 0;
  for (const ch of key) if (ch >= 'a' && ch <= 'z') letters++;
  return key.length === 50 && letters < 50 && !isFillerToken(key) && entropy(key) >= 4;
}

export const DEVTOOLS_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    id: 'npm_access_token',
    entity: 'NPM_TOKEN',
    pattern: '\\bnpm_[A-Za-z0-9]{36}\\b',
    maxLength: 40,
    confidence: 0.95,
    validate: bodyAfter(4),
    keywords: ['npm_'],
  }),
  secret({
    // Legacy .npmrc auth tokens (UUIDs) only after the registry's _authToken key. An `npm_` token
    // there is reported at any length (detect-secrets' NpmDetector): the .npmrc line itself says
    // what the value is, so only masked and documentation values are refused.
    id: 'npmrc_auth_token',
    entity: 'NPM_TOKEN',
    pattern: '//[A-Za-z0-9.-]{1,100}(?::\\d{1,5})?/[^\\s:]{0,100}:_authToken=[ \\t]{0,3}(npm_[A-Za-z0-9_-]{4,96}|[A-Za-z0-9_-]{20,100})',
    group: 1,
    maxLength: 100,
    validate: (v) => (v.startsWith('npm_') ? !isMaskedOrDocumented(v.slice(4)) : !isFillerToken(v.replaceAll('-', ''))),
    keywords: [':_authtoken='],
  }),
  secret({
    id: 'pypi_upload_token',
    entity: 'PYPI_TOKEN',
    pattern: '\\bpypi-AgE[A-Za-z0-9_-]{50,}',
    maxLength: 1010,
    confidence: 0.95,
    // The macaroon's first bytes encode "pypi.org" / "test.pypi.org". Issued tokens are ~180
    // characters; like detect-secrets, at least 70 after that header (shorter is an elided example).
    validate: (v) => v.length >= 90 && entropy(v) >= 4.3,
    keywords: ['pypi-age'],
  }),
  secret({
    id: 'rubygems_api_key',
    entity: 'RUBYGEMS_API_KEY',
    pattern: '\\brubygems_[a-f0-9]{48}\\b',
    maxLength: 57,
    validate: bodyAfter(9),
    keywords: ['rubygems_'],
  }),
  secret({
    id: 'nuget_api_key',
    entity: 'NUGET_API_KEY',
    pattern: '\\boy2[a-z0-9]{43}\\b',
    maxLength: 46,
    validate: bodyAfter(3, 3.8),
    keywords: ['oy2'],
  }),
  secret({
    id: 'clojars_deploy_token',
    entity: 'CLOJARS_TOKEN',
    pattern: '\\bCLOJARS_[A-Za-z0-9]{60}\\b',
    maxLength: 68,
    validate: bodyAfter(8),
    keywords: ['clojars_'],
  }),
  secret({
    id: 'docker_hub_token',
    entity: 'DOCKER_TOKEN',
    pattern: '\\bdckr_(?:pat|oat)_[A-Za-z0-9_-]{27,40}',
    maxLength: 49,
    validate: bodyAfter(9),
    keywords: ['dckr_'],
  }),
  secret({
    id: 'docker_swarm_token',
    entity: 'DOCKER_SWARM_TOKEN',
    pattern: '\\bSWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25}\\b|\\bSWMKEY-1-[A-Za-z0-9+/]{43}',
    maxLength: 90,
    validate: bodyAfter(9),
    keywords: ['swmtkn-1-', 'swmkey-1-'],
  }),
  secret({
    id: 'vercel_token',
    entity: 'VERCEL_TOKEN',
    pattern: '\\bvc[pkarui]_[A-Za-z0-9]{24,64}\\b',
    maxLength: 68,
    validate: bodyAfter(4, 3.8),
    keywords: ['vcp_', 'vck_', 'vca_', 'vcr_', 'vcu_', 'vci_'],
  }),
  secret({
    id: 'netlify_token',
    entity: 'NETLIFY_TOKEN',
    pattern: '\\bnf[pcu]_[A-Za-z0-9]{36,40}\\b',
    maxLength: 44,
    validate: bodyAfter(4),
    keywords: ['nfp_', 'nfc_', 'nfu_'],
  }),
  secret({
    id: 'doppler_token',
    entity: 'DOPPLER_TOKEN',
    pattern: '\\bdp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9_-]{40,44}\\b',
    maxLength: 54,
    validate: afterFirst('.', 0),
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
  }),
  secret({
    id: 'vault_token',
    entity: 'VAULT_TOKEN',
    pattern: '\\bhv[sbr]\\.[A-Za-z0-9_-]{24,}',
    maxLength: 404,
    confidence: 0.95,
    validate: (v) => !isFillerToken(v.slice(4)) && entropy(v) >= 3.8,
    keywords: ['hvs.', 'hvb.', 'hvr.'],
  }),
  secret({
    // Pre-1.10 service tokens: "s." + 24 characters; random ones mix digits and both cases.
    id: 'vault_legacy_token',
    entity: 'VAULT_TOKEN',
    pattern: '\\bs\\.[A-Za-z0-9]{24}\\b',
    maxLength: 26,
    confidence: 0.7,
    validate: (v) => {
      const body = v.slice(2);
      let upper = 0, lower = 0, digit = 0;
      for (const ch of body) {
        if (ch >= 'A' && ch <= 'Z') upper++;
        else if (ch >= 'a' && ch <= 'z') lower++;
        else digit++;
      }
      return upper > 1 && lower > 1 && digit > 0 && !isFillerToken(body);
    },
    context: ['vault', 'token'],
    keywords: ['s.'],
  }),
  secret({
    id: 'terraform_cloud_token',
    entity: 'TERRAFORM_CLOUD_TOKEN',
    pattern: '\\b[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}\\b',
    maxLength: 94,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('.atlasv1.') + 9)),
    keywords: ['.atlasv1.'],
  }),
  secret({
    id: 'pulumi_access_token',
    entity: 'PULUMI_ACCESS_TOKEN',
    pattern: '\\bpul-[a-f0-9]{40}\\b',
    maxLength: 44,
    validate: bodyAfter(4),
    keywords: ['pul-'],
  }),
  secret({
    id: 'render_api_key',
    entity: 'RENDER_API_KEY',
    pattern: '\\brnd_[A-Za-z0-9]{32}\\b',
    maxLength: 36,
    validate: bodyAfter(4, 3.8),
    keywords: ['rnd_'],
  }),
  secret({
    id: 'tailscale_key',
    entity: 'TAILSCALE_KEY',
    // The secret part is 18 characters in gitleaks' samples, so 16+ is accepted; the tskey- prefix identifies the format.
    pattern: '\\btskey-(?:api|auth|client|scim|webhook)?-?[A-Za-z0-9]{6,20}-[A-Za-z0-9]{16,64}\\b',
    maxLength: 100,
    validate: (v) => !isFillerToken(v.slice(v.lastIndexOf('-') + 1)),
    keywords: ['tskey-'],
  }),
  secret({
    id: 'onepassword_service_account_token',
    entity: 'ONEPASSWORD_TOKEN',
    pattern: '\\bops_eyJ[A-Za-z0-9+/=_-]{250,}',
    maxLength: 2010,
    validate: (v) => !isFillerToken(v.slice(4)),
    keywords: ['ops_eyj'],
  }),
  secret({
    id: 'onepassword_secret_key',
    entity: 'ONEPASSWORD_SECRET_KEY',
    pattern: '\\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\\b',
    maxLength: 40,
    validate: (v) => !isFillerToken(v.slice(3).replaceAll('-', '')),
    keywords: ['a3-'],
  }),
  secret({
    id: 'age_secret_key',
    entity: 'AGE_SECRET_KEY',
    pattern: '\\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\\b',
    maxLength: 74,
    confidence: 0.99,
    keywords: ['age-secret-key-1'],
  }),
  secret({
    id: 'nkey_seed',
    entity: 'NATS_NKEY_SEED',
    pattern: '\\bS[UOANCPX][A-Z2-7]{54,56}\\b',
    maxLength: 58,
    // No keywords: the two-letter prefixes occur in almost any text, so they would filter nothing.
    validate: (v) => !isFillerToken(v.slice(2)) && entropy(v) >= 4,
  }),
  secret({
    id: 'sonarqube_token',
    entity: 'SONARQUBE_TOKEN',
    pattern: '\\bsq[uapb]_[a-f0-9]{40}\\b',
    maxLength: 44,
    validate: bodyAfter(4),
    keywords: ['squ_', 'sqa_', 'sqp_', 'sqb_'],
  }),
  secret({
    id: 'octopus_deploy_api_key',
    entity: 'OCTOPUS_DEPLOY_API_KEY',
    pattern: '\\bAPI-[A-Z0-9]{26,32}\\b',
    maxLength: 36,
    validate: (v) => {
      const body = v.slice(4);
      let digits = 0;
      for (const ch of body) if (ch >= '0' && ch <= '9') digits++;
      return body.length === 26 && digits > 0 && digits < 26 && !isFillerToken(body);
    },
    keywords: ['api-'],
  }),
  secret({
    id: 'circleci_token',
    entity: 'CIRCLECI_TOKEN',
    pattern: '\\bCCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}\\b',
    maxLength: 70,
    keywords: ['ccipat_'],
  }),
  secret({
    id: 'buildkite_token',
    entity: 'BUILDKITE_TOKEN',
    pattern: '\\bbkua_[a-f0-9]{40}\\b',
    maxLength: 45,
    validate: bodyAfter(5),
    keywords: ['bkua_'],
  }),
  secret({
    id: 'defined_networking_api_key',
    entity: 'DEFINED_NETWORKING_API_KEY',
    pattern: '\\bdnkey-[A-Z0-9]{26}-[A-Z0-9]{52}\\b',
    maxLength: 86,
    validate: bodyAfter(6),
    keywords: ['dnkey-'],
  }),
  secret({
    id: 'prefect_api_key',
    entity: 'PREFECT_API_KEY',
    pattern: '\\bpnu_[A-Za-z0-9]{36}\\b',
    maxLength: 40,
    validate: bodyAfter(4),
    keywords: ['pnu_'],
  }),
  secret({
    id: 'readme_api_key',
    entity: 'README_API_KEY',
    pattern: '\\brdme_[a-z0-9]{70}\\b',
    maxLength: 75,
    validate: bodyAfter(5),
    keywords: ['rdme_'],
  }),
  secret({
    id: 'infracost_api_key',
    entity: 'INFRACOST_API_KEY',
    pattern: '\\bico-[A-Za-z0-9]{32}\\b',
    maxLength: 36,
    validate: bodyAfter(4, 3.8),
    keywords: ['ico-'],
  }),
  secret({
    id: 'scalingo_api_token',
    entity: 'SCALINGO_API_TOKEN',
    // The body may end in `-` or `_`, where `\\b` would fail before a closing quote.
    pattern: '\\b(tk-us-[A-Za-z0-9_-]{48})(?:[^A-Za-z0-9_-]|$)',
    group: 1,
    maxLength: 54,
    validate: bodyAfter(6),
    keywords: ['tk-us-'],
  }),
  secret({
    id: 'wundergraph_cosmo_key',
    entity: 'WUNDERGRAPH_API_KEY',
    pattern: '\\bcosmo_[a-f0-9]{32}\\b',
    maxLength: 38,
    validate: bodyAfter(6),
    keywords: ['cosmo_'],
  }),
  secret({
    id: 'intra42_client_secret',
    entity: 'INTRA42_CLIENT_SECRET',
    pattern: '\\bs-s4t2(?:ud|af)-[a-f0-9]{64}\\b',
    maxLength: 73,
    validate: bodyAfter(9),
    keywords: ['s-s4t2'],
  }),
  secret({
    // Product / activation keys: dash-separated upper-case groups under a license-key name.
    id: 'license_key',
    entity: 'LICENSE_KEY',
    pattern: '(?:^|[^A-Za-z])(?i:activation|license|licence|product|serial|registration|cd)[ _-]?(?i:key|code)[ \\t]{0,8}[:=][ \\t]{0,8}["\']?([A-Z0-9]{4,8}(?:-[A-Z0-9]{4,8}){2,7})\\b',
    group: 1,
    maxLength: 72,
    confidence: 0.8,
    validate: (v) => !isFillerToken(v.replaceAll('-', '')),
    keywords: ['activation', 'license', 'licence', 'product', 'serial', 'registration', 'cd'],
  }),
  secret({
    // Django's SECRET_KEY as `startproject` writes it: 50 characters from get_random_secret_key()'s
    // alphabet (lower case, digits, `!@#$%^&*(-_=+)`), since Django 3.1 behind "django-insecure-".
    id: 'django_insecure_secret_key',
    entity: 'DJANGO_SECRET_KEY',
    pattern: `\\bdjango-insecure-${DJANGO_KEY}`,
    maxLength: 66,
    confidence: 0.9,
    validate: (v) => djangoKeyValid(v.slice(16)),
    keywords: ['django-insecure-'],
  }),
  secret({
    // Older projects: the same 50 characters without the prefix, under the setting's own name.
    id: 'django_secret_key',
    entity: 'DJANGO_SECRET_KEY',
    pattern: `SECRET_KEY[ \\t]{0,8}=[ \\t]{0,8}r?["'](${DJANGO_KEY})["']`,
    group: 1,
    maxLength: 50,
    confidence: 0.85,
    validate: djangoKeyValid,
    keywords: ['secret_key'],
  }),
  secret({
    id: 'sidekiq_credentials',
    entity: 'SIDEKIQ_CREDENTIALS',
    // Sidekiq Pro/Enterprise gem-server credentials: user:pass in the URL or the bundler variable.
    pattern: '(?i:https?://)?[a-z0-9]{8}:[a-z0-9]{8}@(?:gems|enterprise)\\.contribsys\\.com|(?i:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM)[ \\t]{0,3}[:=][ \\t]{0,3}["\']?[a-z0-9]{8}:[a-z0-9]{8}',
    maxLength: 80,
    confidence: 0.95,
    keywords: ['contribsys'],
  }),
];
