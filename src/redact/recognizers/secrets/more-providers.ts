// Further SaaS and API providers with published token formats (prefix + fixed-length random part),
// and one catch-all for providers whose keys are bare random strings: those are reported only when
// the provider's name is part of the key name (`FASTLY_API_TOKEN=...`, `snyk: ...`).
import type { Recognizer } from '../../types.js';
import { bodyAfter, charClasses, entropy, isFillerToken, secret } from './util.js';

/** Providers with unprefixed keys; the name must start the key name (`etsy_key`, not `betsy`). */
const NAMED_PROVIDERS = [
  'adafruit', 'bittrex', 'codecov', 'confluent', 'droneci', 'drone', 'etsy', 'fastly', 'finicity',
  'finnhub', 'flickr', 'freshbooks', 'gitter', 'kraken', 'kucoin', 'launchdarkly', 'mattermost',
  'messagebird', 'nytimes', 'rapidapi', 'sendbird', 'snyk', 'squarespace', 'travis', 'yandex',
  'beamer', 'looker', 'privateai', 'bitbucket', 'circleci', 'newrelic', 'pagerduty',
  'opsgenie', 'rollbar', 'bugsnag', 'logdna', 'loggly', 'segment', 'mixpanel', 'amplitude',
  'hubspot', 'zoho', 'freshdesk', 'trello', 'clickup', 'monday', 'jira', 'confluence', 'smartsheet',
  'twitch', 'spotify', 'discogs', 'vimeo', 'youtube', 'openweather', 'weatherstack', 'ipinfo',
  'ipstack', 'abstractapi', 'shodan', 'virustotal', 'censys', 'securitytrails', 'hunter', 'clearbit',
].join('|');

function randomKey(value: string): boolean {
  const c = charClasses(value);
  return c.digit > 0 && c.lower + c.upper > 0 && !isFillerToken(value) && entropy(value) >= 3.4;
}

export const MORE_PROVIDER_RECOGNIZERS: readonly Recognizer[] = [
  secret({
    id: 'third_party_named_key',
    entity: 'THIRD_PARTY_API_KEY',
    pattern: `(?:^|[^A-Za-z])(?i:${NAMED_PROVIDERS})(?:(?:[_.-]|[A-Z])[\\w.-]{0,30}?)?["']?[ \\t]{0,3}(?:[:=]|:=|=>)[ \\t]{0,3}["']?([A-Za-z0-9_=+/.-]{16,100})(?:[^A-Za-z0-9_=+/.-]|$)`,
    group: 1,
    maxLength: 100,
    // Above the generic assignment recognizers, so the provider-named entity wins the overlap.
    confidence: 0.85,
    validate: randomKey,
    // No keyword list: sixty-odd substring checks cost more than RE2's single pass over the names.
  }),
  secret({
    // Cisco Meraki dashboard API keys are 40 lower-case hex characters, named in the key.
    id: 'meraki_api_key',
    entity: 'THIRD_PARTY_API_KEY',
    pattern: `(?:^|[^A-Za-z])(?i:meraki)[\\w.-]{0,30}?["']?[ \\t]{0,3}(?:[:=]|:=|=>)[ \\t]{0,3}["']?([0-9a-f]{40})(?:[^0-9A-Za-z_]|$)`,
    group: 1,
    maxLength: 40,
    confidence: 0.85,
    validate: (v) => !isFillerToken(v) && entropy(v) >= 3,
    keywords: ['meraki'],
  }),
  secret({
    id: 'adobe_client_secret',
    entity: 'ADOBE_CLIENT_SECRET',
    pattern: '\\bp8e-[A-Za-z0-9]{32}\\b',
    maxLength: 36,
    validate: bodyAfter(4),
    keywords: ['p8e-'],
  }),
  secret({
    id: 'clickhouse_cloud_secret',
    entity: 'CLICKHOUSE_API_SECRET',
    pattern: '\\b4b1d[A-Za-z0-9]{38}\\b',
    maxLength: 42,
    validate: bodyAfter(4, 4),
    keywords: ['4b1d'],
  }),
  secret({
    id: 'duffel_api_token',
    entity: 'DUFFEL_API_TOKEN',
    pattern: '\\bduffel_(?:test|live)_[A-Za-z0-9_=-]{43}\\b',
    maxLength: 55,
    validate: (v) => !isFillerToken(v.slice(12)),
    keywords: ['duffel_'],
  }),
  secret({
    id: 'frameio_token',
    entity: 'FRAMEIO_TOKEN',
    pattern: '\\bfio-u-[A-Za-z0-9_=-]{64}\\b',
    maxLength: 70,
    validate: bodyAfter(6),
    keywords: ['fio-u-'],
  }),
  secret({
    id: 'harness_pat',
    entity: 'HARNESS_TOKEN',
    pattern: '\\b(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}\\b',
    maxLength: 72,
    keywords: ['pat.', 'sat.'],
  }),
  secret({
    id: 'maxmind_license_key',
    entity: 'MAXMIND_LICENSE_KEY',
    pattern: '\\b[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk\\b',
    maxLength: 40,
    validate: (v) => !isFillerToken(v.slice(7, 36)),
    keywords: ['_mmk'],
  }),
  secret({
    id: 'settlemint_token',
    entity: 'SETTLEMINT_TOKEN',
    pattern: '\\bsm_(?:pat|aat|sat)_[A-Za-z0-9]{16}\\b',
    maxLength: 23,
    validate: bodyAfter(7),
    keywords: ['sm_pat_', 'sm_aat_', 'sm_sat_'],
  }),
  secret({
    id: 'authress_key',
    entity: 'AUTHRESS_KEY',
    pattern: '\\b(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\\.[A-Za-z0-9]{4,6}\\.acc[_-][A-Za-z0-9-]{10,32}\\.[A-Za-z0-9+/_=-]{30,120}',
    maxLength: 200,
    keywords: ['.acc_', '.acc-'],
  }),
  secret({
    id: 'yandex_token',
    entity: 'YANDEX_TOKEN',
    pattern: '\\b(?:y[0-3]_[A-Za-z0-9_-]{55,70}|AQVN[A-Za-z0-9_-]{35,38}|t1\\.[A-Z0-9a-z_-]{20,}[=]{0,2}\\.[A-Z0-9a-z_-]{86}[=]{0,2})\\b',
    maxLength: 400,
    validate: (v) => !isFillerToken(v.slice(4)) && entropy(v) >= 4,
    keywords: ['y0_', 'y1_', 'y2_', 'y3_', 'aqvn', 't1.'],
  }),
  secret({
    id: 'lob_api_key',
    entity: 'LOB_API_KEY',
    pattern: '\\b(?:live|test)_(?:pub_)?[a-f0-9]{31,35}\\b',
    maxLength: 45,
    validate: (v) => !isFillerToken(v.slice(v.lastIndexOf('_') + 1)),
    context: ['lob'],
    requireContext: true,
    keywords: ['lob'],
  }),
  secret({
    id: 'launchdarkly_key',
    entity: 'LAUNCHDARKLY_KEY',
    pattern: '\\b(?:api|sdk|mob)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\\b',
    maxLength: 40,
    confidence: 0.8,
    keywords: ['api-', 'sdk-', 'mob-'],
  }),
  secret({
    id: 'pagerduty_or_opsgenie_key',
    entity: 'THIRD_PARTY_API_KEY',
    pattern: '\\bu\\+[A-Za-z0-9_+-]{18}\\b',
    maxLength: 20,
    validate: (v) => randomKey(v.slice(2)),
    context: ['pagerduty', 'pd_', 'token'],
    requireContext: true,
    keywords: ['u+'],
  }),
  secret({
    id: 'mattermost_or_gitea_token',
    entity: 'THIRD_PARTY_API_KEY',
    pattern: '\\b(?:gta_[a-f0-9]{40}|mmauthtoken=[a-z0-9]{26})\\b',
    maxLength: 44,
    validate: (v) => !isFillerToken(v.slice(v.indexOf(v.startsWith('gta_') ? '_' : '=') + 1)),
    keywords: ['gta_', 'mmauthtoken='],
  }),
];
