// Cloud providers: AWS, Google Cloud, Azure, Alibaba, Tencent, IBM, DigitalOcean, Heroku,
// Cloudflare, Fly.io and friends. Formats with a fixed literal prefix match on their own; bare
// random strings (an AWS secret access key, an Alibaba secret) are only reported next to a word
// that names them, because forty random characters alone could be anything.
import type { Recognizer } from '../../types.js';
import { all, base64Decode, bodyAfter, charClasses, entropy, isFillerToken, isMaskedOrDocumented, looksLikeWords, pronounceable, secret, stripPadding } from './util.js';

// AWS access key ids: a four-letter type prefix (AKIA long-term user key, ASIA STS session key, ...)
// and sixteen upper-case characters. A3T* is the historical prefix of a few older key ids.
/**
 * Words (lower case, matched inside longer words: `apiKey`, `x-goog-api-key`, `googleapis`) that say a
 * Google API key is one: what it is, what it is for, where it goes.
 */
const GOOGLE_KEY_CONTEXT = [
  'key', 'api', 'token', 'secret', 'credential', 'auth', 'google', 'goog', 'gcp', 'gcloud', 'firebase',
  'gemini', 'genai', 'vertex', 'maps', 'places', 'youtube',
];

const AWS_KEY_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AGPA', 'AIDA', 'AIPA', 'ANPA', 'ANVA', 'AROA', 'APKA', 'ASCA', 'A3T[A-Z0-9]'];

/**
 * An AWS access key id's sixteen characters after the type prefix. Placeholders of the exact shape
 * (`AKIA` + sixteen `Z`, as detect-secrets' AWSKeyDetector flags) are reported: the upper-case
 * prefix and length are distinctive enough (see isMaskedOrDocumented); masked ids, documentation
 * ids (AKIAIOSFODNN7EXAMPLE), DNA (primers are 18-24 bases of A/C/G/T, and some start "ACCA") and
 * capitalised words are not.
 */
export function awsKeyIdValid(value: string): boolean {
  const body = value.slice(4);
  if (isMaskedOrDocumented(body)) return false;
  let dna = true, letters = true;
  for (const ch of body) {
    if (!'ACGTN'.includes(ch)) dna = false;
    if (ch < 'A' || ch > 'Z') letters = false;
  }
  return !dna && !(letters && pronounceable(body));
}

/** Names documentation uses in place of a Firebase project. */
const FIREBASE_TEMPLATE_NAMES = ['project-id', 'projectid', 'project_id', 'my-project', 'myproject', 'my-app', 'myapp', 'app-name', 'appname'];

function firebaseDomainValid(value: string): boolean {
  const name = value.slice(0, value.indexOf('.firebase')).toLowerCase();
  return !FIREBASE_TEMPLATE_NAMES.includes(name) && !isFillerToken(name) && !name.startsWith('your') && !name.includes('.your');
}

/** An AWS secret access key is 40 characters of base64; demand real mixing, not a word or a path. */
function awsSecretValid(value: string): boolean {
  const c = charClasses(value);
  return c.upper > 0 && c.lower > 0 && c.digit > 0 && entropy(value) >= 4.2 && !isFillerToken(value);
}

/** Azure AD client secrets: three characters, a version digit, `Q~`, then 31-34 characters. */
function azureAdSecretValid(value: string): boolean {
  const body = value.slice(value.indexOf('Q~') + 2);
  return body.length >= 31 && body.length <= 34 && !isFillerToken(body) && entropy(body) >= 3.5;
}

// Kubernetes Secret manifests: `kind: Secret` and a `data:` block whose values are base64. Only plain
// `Secret` counts (not ExternalSecret, SopsSecret, SecretStore: references or ciphertext), and only a
// value of ten or more base64 characters (`YmFyCg==` is a three-letter word). The kind may come before
// or after the data block, so there are two recognizers; each reports the first such value.
const K8S_KIND = `kind:[ \\t]*["']?(?i:secret)["']?[ \\t]*`;
/**
 * Lines between the kind and the data block (or back): metadata, type, labels. Never a YAML document
 * separator (a line starting `---`): what follows one is another manifest, a ConfigMap's data say.
 */
const K8S_GAP = '(?:(?:[^\\-\\n][^\\n]*|-(?:[^\\-\\n][^\\n]*)?|--(?:[^\\-\\n][^\\n]*)?)?\\n){0,15}?';
/** `data:` (at a line start: see the patterns), then indented entries up to the first long base64 value (maybe a `|`/`>` block). */
const K8S_DATA = `data:[ \\t]*\\r?\\n(?:[ \\t]+[^\\n]*\\n){0,10}?[ \\t]+[\\w.-]{1,64}:[ \\t]*(?:[|>][-+]?[ \\t]*\\r?\\n[ \\t]+)?["']?([A-Za-z0-9+/]{10,}={0,3})["']?[ \\t]*`;

/** A Secret's data value: base64 of something that is not filler. */
function k8sDataValid(v: string): boolean {
  const raw = base64Decode(v);
  if (!raw || raw.length < 6) return false;
  return !isFillerToken(stripPadding(v)) && !isFillerToken(raw.toString('latin1'));
}

/** Alibaba/Tencent style secret next to its key id: thirty random alphanumerics. */
function randomAlnum(min: number) {
  return (value: string) => {
    const c = charClasses(value);
    return value.length >= min && c.upper > 0 && c.lower > 0 && c.digit > 0 && !isFillerToken(value) && entropy(value) >= 3.8;
  };
}

/** Heroku's legacy API key is a UUID: only worth reporting next to the word heroku. */
function isUuidLike(value: string): boolean {
  return value.length === 36 && !isFillerToken(value.replaceAll('-', ''));
}

export const CLOUD_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    id: 'aws_access_key_id',
    entity: 'AWS_ACCESS_KEY_ID',
    pattern: `\\b(?:${AWS_KEY_PREFIXES.join('|')})[A-Z0-9]{16}\\b`,
    maxLength: 20,
    confidence: 0.9,
    validate: awsKeyIdValid,
    context: ['aws', 'access', 'key'],
    keywords: ['akia', 'asia', 'abia', 'acca', 'agpa', 'aida', 'aipa', 'anpa', 'anva', 'aroa', 'apka', 'asca', 'a3t'],
  }),
  secret({
    // Only next to a name: `aws_secret_access_key = ...`, `"SecretAccessKey": "..."`.
    id: 'aws_secret_access_key',
    entity: 'AWS_SECRET_ACCESS_KEY',
    pattern: '(?:^|[^A-Za-z])(?i:aws|secret)[\\w.-]{0,30}?(?i:key)["\']?[ \\t]{0,3}(?:[:=]|:=|=>|,)[ \\t]{0,3}["\']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)',
    group: 1,
    maxLength: 40,
    confidence: 0.9,
    validate: awsSecretValid,
    keywords: ['aws', 'secret'],
  }),
  secret({
    // STS session tokens: base64 that always starts with the serialised "origin" or "...er/aws" header.
    id: 'aws_session_token',
    entity: 'AWS_SESSION_TOKEN',
    pattern: '\\b(?:IQoJb3JpZ2lu|FwoGZXIvYXdz)[A-Za-z0-9/+]{100,}={0,2}',
    maxLength: 2100,
    keywords: ['iqojb3jpz2lu', 'fwogzxivyxdz'],
  }),
  secret({
    id: 'aws_mws_key',
    entity: 'AWS_MWS_KEY',
    pattern: '\\bamzn\\.mws\\.[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}\\b',
    maxLength: 45,
    validate: bodyAfter(9),
    keywords: ['amzn.mws.'],
  }),
  secret({
    // Bedrock long-term API keys: "ABSK" + base64 of "BedrockAPIKey-..." and the secret.
    id: 'aws_bedrock_api_key',
    entity: 'AWS_BEDROCK_API_KEY',
    pattern: '\\bABSK[A-Za-z0-9+/]{100,}={0,2}',
    maxLength: 310,
    validate: bodyAfter(4, 4.5),
    keywords: ['absk'],
  }),
  secret({
    // Bedrock short-term keys: "bedrock-api-key-" + base64 of a presigned request.
    id: 'aws_bedrock_short_term_key',
    entity: 'AWS_BEDROCK_API_KEY',
    pattern: '\\bbedrock-api-key-[A-Za-z0-9+/]{32,}={0,2}',
    maxLength: 4020,
    validate: bodyAfter(16, 4),
    keywords: ['bedrock-api-key-'],
  }),
  secret({
    id: 'aws_appsync_api_key',
    entity: 'AWS_APPSYNC_API_KEY',
    pattern: '\\bda2-[a-z0-9]{26}\\b',
    maxLength: 30,
    validate: bodyAfter(4),
    keywords: ['da2-'],
  }),

  // Google Cloud / Firebase / Gemini -----------------------------------------------------------
  secret({
    // Matched one longer than a key can be, so a 39-character prefix of a longer word is refused.
    // The prefix fixes the format, not that the key is being handed over: Firebase and Maps keys ship
    // inside every web and mobile app built on them, and published sample keys sit bare in SDK tests
    // and docs. A key is reported when the text around it says what it is, a word from
    // GOOGLE_KEY_CONTEXT within 64 characters before or after it (`key=AIza…`, `"apiKey": "AIza…"`,
    // `GEMINI_API_KEY=AIza…`, `AIza… # Google API key`); a bare key with no such word is not (a tenant
    // that wants those too adds a custom pattern).
    id: 'google_api_key',
    entity: 'GOOGLE_API_KEY',
    pattern: '\\bAIza[0-9A-Za-z_-]{35,36}',
    maxLength: 40,
    confidence: 0.9,
    validate: (v) => v.length === 39 && !isFillerToken(v.slice(4)),
    keywords: ['aiza'],
    context: GOOGLE_KEY_CONTEXT,
    requireContext: true,
    contextWindow: 64,
    contextAfter: 64,
  }),
  secret({
    id: 'google_oauth_client_secret',
    entity: 'GOOGLE_OAUTH_CLIENT_SECRET',
    pattern: '\\bGOCSPX-[A-Za-z0-9_-]{28}\\b',
    maxLength: 35,
    validate: bodyAfter(7),
    keywords: ['gocspx-'],
  }),
  secret({
    // OAuth client IDs (`<project number>-<32 base36>.apps.googleusercontent.com`): paired with the
    // client secret they authorize an app; secret scanners report them so a pasted OAuth config is
    // redacted as a whole. The random part must not be filler.
    id: 'google_oauth_client_id',
    entity: 'GOOGLE_OAUTH_CLIENT_ID',
    pattern: '\\b\\d{6,14}-[a-z0-9]{32}\\.apps\\.googleusercontent\\.com\\b',
    maxLength: 80,
    confidence: 0.8,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('-') + 1, v.indexOf('.'))),
    keywords: ['googleusercontent'],
  }),
  secret({
    id: 'google_oauth_access_token',
    entity: 'GOOGLE_OAUTH_ACCESS_TOKEN',
    pattern: '\\bya29\\.[A-Za-z0-9_-]{22,}',
    maxLength: 1005,
    validate: bodyAfter(5),
    keywords: ['ya29.'],
  }),
  secret({
    id: 'google_oauth_refresh_token',
    entity: 'GOOGLE_OAUTH_REFRESH_TOKEN',
    pattern: '(?:^|[^A-Za-z0-9/:])(1//0[A-Za-z0-9_-]{40,})',
    group: 1,
    maxLength: 505,
    validate: bodyAfter(4),
    keywords: ['1//0'],
  }),
  secret({
    // A service-account key file announces itself with its type and the key-file fields that follow;
    // a bare {"type": "service_account"} in API docs is a credential type, not a key file.
    id: 'gcp_service_account_file',
    entity: 'GCP_SERVICE_ACCOUNT',
    pattern: '"type"[ \\t]{0,3}:[ \\t]{0,3}"service_account"[\\s,]{1,20}"(?:project_id|private_key_id|private_key|client_email|client_id)"',
    maxLength: 40,
    confidence: 0.7,
    keywords: ['service_account'],
  }),
  secret({
    id: 'gcp_private_key_id',
    entity: 'GCP_SERVICE_ACCOUNT',
    pattern: '"private_key_id"[ \\t]{0,3}:[ \\t]{0,3}"([a-f0-9]{40})"',
    group: 1,
    maxLength: 40,
    validate: (v) => !isFillerToken(v),
    keywords: ['private_key_id'],
  }),
  secret({
    // Firebase Cloud Messaging legacy server keys.
    id: 'firebase_fcm_server_key',
    entity: 'FIREBASE_FCM_SERVER_KEY',
    pattern: '\\bAAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}\\b',
    maxLength: 152,
    keywords: ['apa91b'],
  }),
  secret({
    // A Firebase project's Realtime Database or Hosting domain (CredSweeper's "Firebase Domain"): it
    // names the project whose database rules decide who reads it, so it is worth hiding. Template
    // names (`your-project`, `project-id`) are not a project.
    id: 'firebase_domain',
    entity: 'FIREBASE_DOMAIN',
    pattern: '\\b[a-z0-9][a-z0-9.-]{0,80}\\.(?:firebaseio|firebaseapp)\\.com\\b',
    maxLength: 100,
    confidence: 0.6,
    validate: firebaseDomainValid,
    keywords: ['.firebaseio.com', '.firebaseapp.com'],
  }),

  // Azure ----------------------------------------------------------------------------------------
  secret({
    id: 'azure_storage_account_key',
    entity: 'AZURE_STORAGE_ACCOUNT_KEY',
    pattern: '(?:^|[^A-Za-z])(?i:AccountKey|SharedAccessKey|AZURE_STORAGE_KEY|storage_?account_?key)["\']?[ \\t]{0,3}[=:][ \\t]{0,3}["\']?([A-Za-z0-9+/]{40,86}={0,2})',
    group: 1,
    maxLength: 88,
    validate: (v) => !isFillerToken(v) && entropy(v) >= 4,
    keywords: ['accountkey', 'sharedaccesskey', 'storage_key', 'storagekey', 'storage_account_key', 'storageaccountkey'],
  }),
  secret({
    // Azure "identifiable" keys (2023+) carry the fixed signature JQQJ99 (or JQQJ9D) at a known
    // offset, followed by a service tag such as AzSt or ASAZ and base64 padding.
    id: 'azure_identifiable_key',
    entity: 'AZURE_KEY',
    pattern: '(?:^|[^A-Za-z0-9+/])([A-Za-z0-9+/]{40,60}JQQJ9[9D][A-Za-z0-9+/]{18,40}={0,2})',
    group: 1,
    maxLength: 110,
    keywords: ['jqqj9'],
  }),
  secret({
    id: 'azure_ad_client_secret',
    entity: 'AZURE_AD_CLIENT_SECRET',
    pattern: '(?:^|[\\\\\'"`\\s>=:(,)])([A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,40})',
    group: 1,
    maxLength: 46,
    validate: azureAdSecretValid,
    keywords: ['q~'],
  }),
  secret({
    // Shared access signature query strings: the signature is the secret part.
    id: 'azure_sas_token',
    entity: 'AZURE_SAS_TOKEN',
    pattern: '\\bsv=\\d{4}-\\d{2}-\\d{2}[^\\s\'"<>]{0,}?[?&]sig=([A-Za-z0-9%+/]{30,120}(?:=|%3[Dd]){0,2})',
    group: 1,
    maxLength: 130,
    keywords: ['sig='],
  }),
  secret({
    // Azure DevOps personal access tokens: 52 lower-case base32 characters, only next to a name.
    id: 'azure_devops_pat',
    entity: 'AZURE_DEVOPS_PAT',
    pattern: '(?:^|[^A-Za-z])(?i:azure|devops|ado|vsts)[\\w.-]{0,30}?(?i:pat|token)["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([a-z2-7]{52})\\b',
    group: 1,
    maxLength: 52,
    validate: (v) => !isFillerToken(v),
    keywords: ['azure', 'devops', 'ado', 'vsts'],
  }),

  secret({
    // Azure Data Factory self-hosted integration runtime auth key (gitleaks' datafactory-shir-token):
    // IR@{GUID}@{factory name}@{region}@{base64 of 32 bytes}.
    id: 'azure_data_factory_shir_key',
    entity: 'AZURE_DATA_FACTORY_KEY',
    pattern: '\\bIR@[0-9A-Za-z-]{36}@[A-Za-z0-9_.-]{1,90}@[0-9A-Za-z=-]{0,40}@[A-Za-z0-9+/]{42,43}={1,2}',
    maxLength: 220,
    validate: (v) => {
      const key = v.slice(v.lastIndexOf('@') + 1);
      return !isFillerToken(key) && entropy(key) >= 4;
    },
    keywords: ['ir@'],
  }),

  // Other clouds ---------------------------------------------------------------------------------
  secret({
    id: 'alibaba_access_key_id',
    entity: 'ALIBABA_ACCESS_KEY_ID',
    pattern: '\\bLTAI[A-Za-z0-9]{12,20}\\b',
    maxLength: 24,
    // Random base62: a digit, or (a 3% chance for twenty characters) mixed case that reads as no words.
    validate: all(bodyAfter(4), (v) => {
      const body = v.slice(4);
      const c = charClasses(body);
      return c.digit > 0 || (c.upper > 0 && c.lower > 0 && !looksLikeWords(body));
    }),
    keywords: ['ltai'],
  }),
  secret({
    // The secret travels next to its LTAI id or under an AccessKeySecret name.
    id: 'alibaba_access_key_secret',
    entity: 'ALIBABA_ACCESS_KEY_SECRET',
    pattern: '\\b[A-Za-z0-9]{30}\\b',
    maxLength: 30,
    validate: randomAlnum(30),
    context: ['ltai', 'alibaba', 'aliyun', 'accesskeysecret', 'access_key_secret'],
    requireContext: true,
    contextWindow: 64,
    keywords: ['ltai', 'alibaba', 'aliyun', 'accesskeysecret', 'access_key_secret'],
  }),
  secret({
    id: 'tencent_secret_id',
    entity: 'TENCENT_SECRET_ID',
    pattern: '\\bAKID[A-Za-z0-9]{32}\\b',
    maxLength: 36,
    validate: bodyAfter(4),
    keywords: ['akid'],
  }),
  secret({
    // WeChat (Weixin) official-account and mini-program AppIDs: "wx" and sixteen lower-case hex
    // digits (CredSweeper's "Tencent WeChat API App ID", also a GitHub secret-scanning type). With
    // the AppSecret it gets access tokens.
    id: 'wechat_app_id',
    entity: 'WECHAT_APP_ID',
    pattern: '\\bwx[0-9a-f]{16}\\b',
    maxLength: 18,
    confidence: 0.7,
    validate: (v) => {
      const c = charClasses(v.slice(2));
      return c.digit > 0 && c.lower > 0 && !isFillerToken(v.slice(2));
    },
    keywords: ['wx'],
  }),
  secret({
    id: 'ibm_cloud_api_key',
    entity: 'IBM_CLOUD_API_KEY',
    pattern: '(?:^|[^A-Za-z])(?i:ibm|bluemix|softlayer|cloudant)[\\w.-]{0,30}?(?i:key|token|secret|pwd|password)["\']?[ \\t]{0,3}(?:[:=]|:=)[ \\t]{0,3}["\']?([A-Za-z0-9_-]{44})\\b',
    group: 1,
    maxLength: 44,
    validate: (v) => !isFillerToken(v) && entropy(v) >= 4,
    keywords: ['ibm', 'bluemix', 'softlayer', 'cloudant'],
  }),
  secret({
    id: 'digitalocean_token',
    entity: 'DIGITALOCEAN_TOKEN',
    pattern: '\\bdo[opr]_v1_[a-f0-9]{64}\\b',
    maxLength: 71,
    validate: bodyAfter(7),
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
  }),
  secret({
    // CAST AI (Kubernetes cost automation) API keys: castai_v1_, 64 alphanumerics, `_`, 8 more
    // (gitleaks' castai-api-key).
    id: 'castai_api_key',
    entity: 'CASTAI_API_KEY',
    pattern: '\\bcastai_v1_[A-Za-z0-9]{64}_[A-Za-z0-9]{8}\\b',
    maxLength: 83,
    validate: (v) => !isFillerToken(v.slice(10, 74)) && entropy(v.slice(10, 74)) >= 3.5,
    keywords: ['castai_v1_'],
  }),
  secret({
    id: 'heroku_api_key',
    entity: 'HEROKU_API_KEY',
    pattern: '\\bHRKU-(?:AA[A-Za-z0-9_-]{58}|[A-Za-z0-9_-]{36,64})\\b',
    maxLength: 69,
    validate: bodyAfter(5),
    keywords: ['hrku-'],
  }),
  secret({
    id: 'heroku_legacy_api_key',
    entity: 'HEROKU_API_KEY',
    pattern: '(?:^|[^A-Za-z])(?i:heroku)[\\w.-]{0,30}?["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\b',
    group: 1,
    maxLength: 36,
    validate: isUuidLike,
    keywords: ['heroku'],
  }),
  secret({
    // Origin CA keys (the legacy "user service key" for the Origin CA API).
    id: 'cloudflare_origin_ca_key',
    entity: 'CLOUDFLARE_API_KEY',
    pattern: '\\bv1\\.0-[a-f0-9]{24}-[a-f0-9]{146}\\b',
    maxLength: 176,
    validate: bodyAfter(5, 3.5),
    keywords: ['v1.0-'],
  }),
  secret({
    // Cloudflare's prefixed tokens (2025): account, user and API key tokens.
    id: 'cloudflare_token',
    entity: 'CLOUDFLARE_API_TOKEN',
    pattern: '\\bcf(?:at|ut|k)_[A-Za-z0-9]{40,50}\\b',
    maxLength: 55,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('_') + 1)),
    keywords: ['cfat_', 'cfut_', 'cfk_'],
  }),
  secret({
    id: 'cloudflare_legacy_key',
    entity: 'CLOUDFLARE_API_KEY',
    pattern: '(?:^|[^A-Za-z])(?i:cloudflare|cf_api|cf_auth)[\\w.-]{0,30}?["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([A-Za-z0-9_-]{40}|[a-f0-9]{37})\\b',
    group: 1,
    maxLength: 40,
    validate: (v) => !isFillerToken(v) && entropy(v) >= 3.5,
    keywords: ['cloudflare', 'cf_api', 'cf_auth'],
  }),
  secret({
    id: 'flyio_token',
    entity: 'FLYIO_ACCESS_TOKEN',
    pattern: '\\b(?:fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})',
    maxLength: 1010,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('_') + 1)),
    keywords: ['fo1_', 'fm1', 'fm2'],
  }),
  secret({
    id: 'scaleway_secret_key',
    entity: 'SCALEWAY_SECRET_KEY',
    pattern: '(?:^|[^A-Za-z])(?i:scw|scaleway)[\\w.-]{0,30}?["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b',
    group: 1,
    maxLength: 36,
    validate: isUuidLike,
    keywords: ['scw', 'scaleway'],
  }),
  secret({
    id: 'linode_token',
    entity: 'LINODE_TOKEN',
    pattern: '(?:^|[^A-Za-z])(?i:linode)[\\w.-]{0,30}?["\']?[ \\t]{0,3}[:=][ \\t]{0,3}["\']?([a-f0-9]{64})\\b',
    group: 1,
    maxLength: 64,
    validate: (v) => !isFillerToken(v),
    keywords: ['linode'],
  }),
  secret({
    id: 'openshift_user_token',
    entity: 'OPENSHIFT_TOKEN',
    pattern: '\\bsha256~[A-Za-z0-9_-]{43}\\b',
    maxLength: 50,
    validate: bodyAfter(7),
    keywords: ['sha256~'],
  }),
  secret({
    id: 'kubernetes_sa_token_b64',
    entity: 'JWT',
    // A service-account token stored base64-encoded in a Secret manifest: base64("eyJhbGci").
    pattern: '\\bZXlKaGJHY2lPaU[A-Za-z0-9+/]{100,}={0,2}',
    maxLength: 3010,
    validate: (v) => base64Decode(v) !== null,
    keywords: ['zxlkagjhy2lpau'],
  }),
  secret({
    id: 'kubernetes_secret_data',
    entity: 'KUBERNETES_SECRET',
    pattern: `\\b${K8S_KIND}\\r?\\n${K8S_GAP}[ \\t]*${K8S_DATA}(?:\\r?\\n|$)`,
    group: 1,
    maxLength: 8192,
    confidence: 0.8,
    validate: k8sDataValid,
    keywords: ['kind:'],
  }),
  secret({
    id: 'kubernetes_secret_data_before_kind',
    entity: 'KUBERNETES_SECRET',
    // `\bdata:` rather than a line start: a pattern that starts with a literal keeps the streaming
    // redactor from holding text back after every line end.
    pattern: `\\b${K8S_DATA}\\r?\\n${K8S_GAP}[ \\t]*${K8S_KIND}(?:\\r?\\n|$)`,
    group: 1,
    maxLength: 8192,
    confidence: 0.8,
    validate: k8sDataValid,
    keywords: ['kind:'],
  }),
];
