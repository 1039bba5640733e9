// A self-contained recognizer set shaped like the real one (about 150 entries: provider-prefixed secrets
// with keywords, PII without keywords, context-gated formats, a multi-line PEM block), for tests and the
// benchmark. The shipped lists live in ../recognizers and are owned elsewhere; nothing here is shipped.
import { escapeRe2 } from '../../util/re2.js';
import type { Recognizer } from '../types.js';

function luhn(value: string): boolean {
  let sum = 0; let double = false; let n = 0;
  for (let i = value.length - 1; i >= 0; i--) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    let d = c;
    if (double) { d *= 2; if (d > 9) d -= 9; }
    sum += d; double = !double; n++;
  }
  return n >= 13 && n <= 19 && sum % 10 === 0;
}

function ibanValid(value: string): boolean {
  const s = value.replaceAll(' ', '').toUpperCase();
  if (s.length < 15 || s.length > 34) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const d of digits) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

function ssnValid(value: string): boolean {
  const [a, g, s] = value.split('-');
  return a !== '000' && a !== '666' && !(a ?? '9').startsWith('9') && g !== '00' && s !== '0000';
}

function ipv4Valid(value: string): boolean {
  return value.split('.').every((o) => Number(o) <= 255 && (o.length === 1 || !o.startsWith('0')));
}

// [id, prefix, body class, body length {min,max}]: one token format per provider, prefix as a keyword.
const PREFIXED: readonly (readonly [string, string, string, number, number])[] = [
  ['github_pat_classic', 'ghp_', 'A-Za-z0-9', 36, 36], ['github_oauth', 'gho_', 'A-Za-z0-9', 36, 36],
  ['github_user_to_server', 'ghu_', 'A-Za-z0-9', 36, 36], ['github_server_to_server', 'ghs_', 'A-Za-z0-9', 36, 36],
  ['github_refresh', 'ghr_', 'A-Za-z0-9', 36, 76], ['github_fine_grained', 'github_pat_', 'A-Za-z0-9_', 82, 82],
  ['gitlab_pat', 'glpat-', 'A-Za-z0-9_-', 20, 20], ['gitlab_deploy', 'gldt-', 'A-Za-z0-9_-', 20, 20],
  ['gitlab_runner', 'glrt-', 'A-Za-z0-9_-', 20, 20], ['gitlab_pipeline', 'glptt-', 'a-f0-9', 40, 40],
  ['gitlab_feed', 'glft-', 'A-Za-z0-9_-', 20, 20], ['gitlab_oauth_secret', 'gloas-', 'A-Za-z0-9_-', 64, 64],
  ['openai_project', 'sk-proj-', 'A-Za-z0-9_-', 40, 200], ['openai_svcacct', 'sk-svcacct-', 'A-Za-z0-9_-', 40, 200],
  ['openai_admin', 'sk-admin-', 'A-Za-z0-9_-', 40, 200], ['anthropic_api', 'sk-ant-api03-', 'A-Za-z0-9_-', 80, 110],
  ['anthropic_admin', 'sk-ant-admin01-', 'A-Za-z0-9_-', 80, 110], ['huggingface', 'hf_', 'A-Za-z0-9', 34, 34],
  ['groq', 'gsk_', 'A-Za-z0-9', 52, 52], ['replicate', 'r8_', 'A-Za-z0-9', 37, 37],
  ['perplexity', 'pplx-', 'A-Za-z0-9', 48, 48], ['xai', 'xai-', 'A-Za-z0-9', 80, 80],
  ['stripe_secret_live', 'sk_live_', 'A-Za-z0-9', 24, 99], ['stripe_secret_test', 'sk_test_', 'A-Za-z0-9', 24, 99],
  ['stripe_restricted_live', 'rk_live_', 'A-Za-z0-9', 24, 99], ['stripe_restricted_test', 'rk_test_', 'A-Za-z0-9', 24, 99],
  ['stripe_webhook', 'whsec_', 'A-Za-z0-9', 32, 64], ['slack_bot', 'xoxb-', '0-9A-Za-z-', 40, 80],
  ['slack_user', 'xoxp-', '0-9A-Za-z-', 40, 80], ['slack_app', 'xapp-', '0-9A-Za-z-', 40, 120],
  ['slack_config', 'xoxe.xoxp-', '0-9A-Za-z-', 100, 200], ['slack_refresh', 'xoxe-', '0-9A-Za-z-', 100, 200],
  ['twilio_account', 'AC', 'a-f0-9', 32, 32], ['twilio_api_key', 'SK', 'a-f0-9', 32, 32],
  ['sendgrid', 'SG.', 'A-Za-z0-9_.-', 66, 66], ['mailgun', 'key-', 'a-f0-9', 32, 32],
  ['mailchimp', 'mc_', 'a-f0-9', 32, 32], ['npm', 'npm_', 'A-Za-z0-9', 36, 36],
  ['pypi', 'pypi-AgEIcHlwaS5vcmc', 'A-Za-z0-9_-', 50, 200], ['rubygems', 'rubygems_', 'a-f0-9', 48, 48],
  ['docker_pat', 'dckr_pat_', 'A-Za-z0-9_-', 27, 27], ['digitalocean_pat', 'dop_v1_', 'a-f0-9', 64, 64],
  ['digitalocean_oauth', 'doo_v1_', 'a-f0-9', 64, 64], ['digitalocean_refresh', 'dor_v1_', 'a-f0-9', 64, 64],
  ['shopify_access', 'shpat_', 'a-fA-F0-9', 32, 32], ['shopify_custom', 'shpca_', 'a-fA-F0-9', 32, 32],
  ['shopify_private', 'shppa_', 'a-fA-F0-9', 32, 32], ['shopify_secret', 'shpss_', 'a-fA-F0-9', 32, 32],
  ['atlassian', 'ATATT3', 'A-Za-z0-9_=-', 186, 186], ['linear', 'lin_api_', 'A-Za-z0-9', 40, 40],
  ['notion', 'secret_', 'A-Za-z0-9', 43, 43], ['notion_ntn', 'ntn_', 'A-Za-z0-9', 46, 46],
  ['postman', 'PMAK-', 'a-f0-9-', 59, 59], ['pulumi', 'pul-', 'a-f0-9', 40, 40],
  ['terraform_cloud', 'atlasv1.', 'A-Za-z0-9_-', 60, 70], ['doppler', 'dp.pt.', 'A-Za-z0-9', 43, 43],
  ['vault_service', 'hvs.', 'A-Za-z0-9_-', 90, 120], ['vault_batch', 'hvb.', 'A-Za-z0-9_-', 138, 300],
  ['new_relic_user', 'NRAK-', 'A-Z0-9', 27, 27], ['new_relic_insert', 'NRII-', 'A-Za-z0-9_-', 32, 32],
  ['datadog_app', 'ddapp_', 'A-Za-z0-9', 40, 40], ['grafana_cloud', 'glc_', 'A-Za-z0-9+/=', 32, 400],
  ['grafana_sa', 'glsa_', 'A-Za-z0-9', 32, 32], ['sentry_user', 'sntryu_', 'a-f0-9', 64, 64],
  ['sentry_org', 'sntrys_', 'A-Za-z0-9+/=_', 60, 200], ['dynatrace', 'dt0c01.', 'A-Z0-9.', 90, 90],
  ['planetscale_pwd', 'pscale_pw_', 'A-Za-z0-9_.-', 43, 43], ['planetscale_token', 'pscale_tkn_', 'A-Za-z0-9_.-', 43, 43],
  ['supabase_service', 'sbp_', 'a-f0-9', 40, 40], ['vercel', 'vcp_', 'A-Za-z0-9', 24, 60],
  ['netlify', 'nfp_', 'A-Za-z0-9', 36, 40], ['fly_io', 'fo1_', 'A-Za-z0-9_-', 43, 43],
  ['render', 'rnd_', 'A-Za-z0-9', 32, 32], ['railway', 'railway_', 'a-f0-9-', 36, 36],
  ['cloudflare_origin_ca', 'v1.0-', 'a-f0-9-', 140, 180], ['age_secret', 'AGE-SECRET-KEY-1', 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58, 58],
  ['square_access', 'EAAA', 'A-Za-z0-9_-', 60, 60], ['square_oauth', 'sq0csp-', 'A-Za-z0-9_-', 43, 43],
  ['paypal_braintree', 'access_token$production$', 'a-z0-9$', 40, 60], ['adyen', 'AQE', 'A-Za-z0-9+/=_-', 80, 200],
  ['flutterwave', 'FLWSECK-', 'a-f0-9', 32, 32], ['razorpay', 'rzp_live_', 'A-Za-z0-9', 14, 14],
  ['telegram_bot', 'tgbot', '0-9', 8, 10], ['discord_webhook', 'discord.com/api/webhooks/', '0-9A-Za-z/_-', 60, 120],
  ['mattermost', 'mmp_', 'A-Za-z0-9', 26, 26], ['intercom', 'dG9rOm', 'A-Za-z0-9+/=', 40, 80],
  ['zendesk', 'zdtk_', 'A-Za-z0-9', 40, 40], ['hubspot', 'pat-na1-', 'a-f0-9-', 36, 36],
  ['asana', 'asana_', '0-9:a-f', 40, 60], ['clickup', 'pk_', 'A-Z0-9_', 40, 60],
  ['figma', 'figd_', 'A-Za-z0-9_-', 40, 40], ['airtable', 'patk', 'A-Za-z0-9.', 70, 90],
  ['contentful', 'CFPAT-', 'A-Za-z0-9_-', 43, 43], ['prefect', 'pnu_', 'A-Za-z0-9', 36, 36],
  ['scalingo', 'tk-us-', 'A-Za-z0-9_-', 48, 48], ['readme', 'rdme_', 'a-z0-9', 70, 70],
  ['snyk', 'snyk_', 'A-Za-z0-9', 36, 40], ['sonar', 'squ_', 'a-f0-9', 40, 40],
  ['jfrog_identity', 'cmVmdGtuOjAxOj', 'A-Za-z0-9', 50, 60], ['octopus', 'API-', 'A-Z0-9', 26, 26],
  ['azure_ad_client_secret', 'Q~', 'A-Za-z0-9_.~-', 31, 34], ['gcp_api_key', 'AIza', 'A-Za-z0-9_-', 35, 35],
  ['gcp_oauth_client', 'GOCSPX-', 'A-Za-z0-9_-', 28, 28], ['aws_access_key_id', 'AKIA', 'A-Z2-7', 16, 16],
  ['aws_temp_key_id', 'ASIA', 'A-Z2-7', 16, 16], ['alibaba_key_id', 'LTAI', 'A-Za-z0-9', 20, 20],
  ['tencent_key_id', 'AKID', 'A-Za-z0-9', 32, 32], ['ibm_cloud', 'ibm_', 'A-Za-z0-9_-', 44, 44],
  ['oci_key', 'ocid1.', 'a-z0-9.', 60, 120], ['heroku', 'HRKU-', 'A-Za-z0-9_-', 60, 60],
  ['cohere', 'co_', 'A-Za-z0-9', 40, 40], ['mistral', 'mst_', 'A-Za-z0-9', 32, 32],
  ['langsmith', 'lsv2_pt_', 'a-f0-9_', 40, 60], ['pinecone', 'pcsk_', 'A-Za-z0-9_', 60, 80],
];

function prefixed([id, prefix, cls, min, max]: readonly [string, string, string, number, number]): Recognizer {
  const escaped = escapeRe2(prefix);
  return {
    id, entity: id.startsWith('aws') || id.startsWith('gcp') || id.startsWith('azure') ? 'CLOUD_CREDENTIAL' : 'API_KEY',
    kind: 'secret', pattern: `\\b${escaped}[${cls}]{${min},${max}}\\b`, maxLength: prefix.length + max,
    confidence: 0.9, keywords: [prefix.toLowerCase()],
  };
}

const PII: readonly Recognizer[] = [
  { id: 'email', entity: 'EMAIL_ADDRESS', kind: 'pii', pattern: '[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}', maxLength: 254, confidence: 0.9, keywords: ['@'] },
  { id: 'phone_intl', entity: 'PHONE_NUMBER', kind: 'pii', pattern: '\\+[1-9]\\d{0,2}[ .-]?\\(?\\d{1,4}\\)?(?:[ .-]?\\d{2,4}){2,4}\\b', maxLength: 24, confidence: 0.6 },
  { id: 'phone_us', entity: 'PHONE_NUMBER', kind: 'pii', pattern: '\\(?\\b[2-9]\\d{2}\\)?[ .-]\\d{3}[ .-]\\d{4}\\b', maxLength: 16, confidence: 0.5, context: ['phone', 'call', 'tel', 'mobile'] },
  { id: 'credit_card', entity: 'CREDIT_CARD', kind: 'pii', pattern: '\\b(?:4\\d{3}|5[1-5]\\d{2}|3[47]\\d{2}|6011)(?:[ -]?\\d{4}){2}[ -]?\\d{1,7}\\b', maxLength: 23, confidence: 0.9, validate: luhn },
  { id: 'iban', entity: 'IBAN_CODE', kind: 'pii', pattern: '\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b', maxLength: 42, confidence: 0.9, validate: ibanValid },
  { id: 'us_ssn', entity: 'US_SSN', kind: 'pii', pattern: '\\b\\d{3}-\\d{2}-\\d{4}\\b', maxLength: 11, confidence: 0.8, validate: ssnValid },
  { id: 'ipv4', entity: 'IP_ADDRESS', kind: 'pii', pattern: '\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b', maxLength: 15, confidence: 0.6, validate: ipv4Valid },
  { id: 'ipv6', entity: 'IP_ADDRESS', kind: 'pii', pattern: '\\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\\b', maxLength: 39, confidence: 0.6 },
  { id: 'mac', entity: 'MAC_ADDRESS', kind: 'pii', pattern: '\\b(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\\b', maxLength: 17, confidence: 0.7 },
  { id: 'eth_address', entity: 'CRYPTO', kind: 'pii', pattern: '\\b0x[a-fA-F0-9]{40}\\b', maxLength: 42, confidence: 0.8, keywords: ['0x'] },
  { id: 'btc_bech32', entity: 'CRYPTO', kind: 'pii', pattern: '\\bbc1[ac-hj-np-z02-9]{11,71}\\b', maxLength: 74, confidence: 0.8, keywords: ['bc1'] },
  { id: 'uk_nino', entity: 'UK_NINO', kind: 'pii', pattern: '\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b', maxLength: 13, confidence: 0.7 },
  { id: 'url_credentials', entity: 'URL_CREDENTIALS', kind: 'secret', pattern: '\\b[a-z][a-z0-9+.-]{1,20}://[^\\s:/@]{1,64}:([^\\s:/@]{1,128})@', group: 1, maxLength: 128, confidence: 0.9, keywords: ['://'] },
];

const CONTEXTUAL: readonly Recognizer[] = [
  { id: 'password_assignment', entity: 'PASSWORD', kind: 'secret', caseInsensitive: true, pattern: '\\b(?:password|passwd|pwd|secret|api[_-]?key|token)["\']?\\s{0,3}[:=]\\s{0,3}["\']?([^\\s"\']{6,128})', group: 1, maxLength: 128, confidence: 0.7, keywords: ['password', 'passwd', 'pwd', 'secret', 'api_key', 'api-key', 'apikey', 'token'] },
  { id: 'aws_secret_key', entity: 'CLOUD_CREDENTIAL', kind: 'secret', pattern: '\\b[A-Za-z0-9/+]{40}\\b', maxLength: 40, confidence: 0.6, context: ['aws_secret', 'secret_access_key', 'aws secret'], requireContext: true, contextWindow: 64, keywords: ['aws', 'secret_access'] },
  { id: 'jwt', entity: 'JWT', kind: 'secret', pattern: '\\beyJ[A-Za-z0-9_-]{8,1000}\\.eyJ[A-Za-z0-9_-]{8,1000}\\.[A-Za-z0-9_-]{8,600}', maxLength: 2700, confidence: 0.9, keywords: ['eyj'] },
  { id: 'pem_private_key', entity: 'PRIVATE_KEY', kind: 'secret', pattern: '-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----[A-Za-z0-9+/=\\s:,-]{16,}?-----END (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----', maxLength: 8100, confidence: 1, keywords: ['-----begin'] },
  { id: 'postgres_url', entity: 'CONNECTION_STRING', kind: 'secret', pattern: '\\b(?:postgres(?:ql)?|mysql|mongodb(?:\\+srv)?|redis|amqp)://[^\\s:@/]{1,64}:[^\\s@/]{1,128}@[^\\s/]{1,255}', maxLength: 480, confidence: 0.95, keywords: ['postgres', 'mysql', 'mongodb', 'redis', 'amqp'] },
  { id: 'generic_hex_secret', entity: 'SECRET', kind: 'secret', pattern: '\\b[a-f0-9]{32,64}\\b', maxLength: 64, confidence: 0.5, context: ['secret', 'token', 'key'], requireContext: true },
  { id: 'azure_storage_key', entity: 'CLOUD_CREDENTIAL', kind: 'secret', pattern: 'AccountKey=([A-Za-z0-9+/]{86}==)', group: 1, maxLength: 88, confidence: 0.95, keywords: ['accountkey='] },
  { id: 'azure_sas', entity: 'CLOUD_CREDENTIAL', kind: 'secret', pattern: '[?&]sig=([A-Za-z0-9%+/]{40,100})', group: 1, maxLength: 100, confidence: 0.8, keywords: ['sig='] },
  { id: 'bearer_header', entity: 'SECRET', kind: 'secret', caseInsensitive: true, pattern: '\\bauthorization:\\s{0,3}bearer\\s{1,3}([A-Za-z0-9._~+/-]{20,500}=*)', group: 1, maxLength: 520, confidence: 0.85, keywords: ['bearer'] },
];

export const SAMPLE_RECOGNIZERS: readonly Recognizer[] = [...PII, ...CONTEXTUAL, ...PREFIXED.map(prefixed)];
