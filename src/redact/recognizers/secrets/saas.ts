// SaaS platforms: observability (Sentry, Datadog, New Relic, Grafana, PostHog, Dynatrace, Honeycomb),
// productivity (Atlassian is in code-hosting; Linear, Notion, Figma, Postman, Asana, Airtable,
// Contentful, Intercom, Zendesk, Typeform, Dropbox), data (Databricks, PlanetScale, Supabase,
// Snowflake, Algolia, Mapbox, Okta). Prefixed formats stand alone; bare ones need the product name.
import type { Recognizer } from '../../types.js';
import { base64Decode, bodyAfter, charClasses, entropy, isFillerToken, secret, stripPadding } from './util.js';

/** `<product>...= "<value>"` with the product name in the key, for unprefixed random keys. */
function named(names: string, value: string): string {
  return `(?:^|[^A-Za-z])(?i:${names})(?:(?:[_.-]|[A-Z])[\\w.-]{0,30}?)?["']?[ \\t]{0,3}(?:[:=]|:=|=>)[ \\t]{0,3}["']?(${value})(?:[^A-Za-z0-9_-]|$)`;
}

function randomish(minEntropy: number) {
  return (v: string): boolean => !isFillerToken(v) && entropy(v) >= minEntropy;
}

/** Grafana's provisioned keys are base64 JSON {"k":...,"n":...,"id":...}. */
function grafanaKeyValid(value: string): boolean {
  const raw = base64Decode(stripPadding(value));
  return raw !== null && raw.toString('latin1').startsWith('{"k":"');
}

export const SAAS_RECOGNIZERS: readonly Recognizer[] = [
  // Observability --------------------------------------------------------------------------------
  secret({
    id: 'sentry_org_token',
    entity: 'SENTRY_TOKEN',
    pattern: '\\bsntrys_eyJ[A-Za-z0-9+/=_-]{60,}',
    maxLength: 610,
    confidence: 0.95,
    keywords: ['sntrys_'],
  }),
  secret({
    id: 'sentry_user_token',
    entity: 'SENTRY_TOKEN',
    pattern: '\\bsntryu_[a-f0-9]{64}\\b',
    maxLength: 71,
    validate: bodyAfter(7),
    keywords: ['sntryu_'],
  }),
  secret({
    id: 'datadog_api_key',
    entity: 'DATADOG_API_KEY',
    pattern: named('datadog|dd_api|dd_app|ddog|dd-api|dd-app', '[a-f0-9]{32}|[a-f0-9]{40}'),
    group: 1,
    maxLength: 40,
    validate: randomish(3.2),
    keywords: ['datadog', 'dd_api', 'dd_app', 'ddog', 'dd-api', 'dd-app'],
  }),
  secret({
    id: 'newrelic_key',
    entity: 'NEW_RELIC_KEY',
    pattern: '\\bNR(?:AK|II|JS|BR|AA)-[A-Za-z0-9_-]{19,32}\\b',
    maxLength: 37,
    validate: (v) => !isFillerToken(v.slice(5)),
    keywords: ['nrak-', 'nrii-', 'nrjs-', 'nrbr-', 'nraa-'],
  }),
  secret({
    // License / ingest keys: 36 hex (optionally region-prefixed) ending in NRAL.
    id: 'newrelic_license_key',
    entity: 'NEW_RELIC_KEY',
    pattern: '\\b(?:[a-z]{2}[0-9]{2}x)?[a-f0-9]{30,40}NRAL\\b',
    maxLength: 49,
    validate: (v) => !isFillerToken(v.slice(0, -4)),
    keywords: ['nral'],
  }),
  secret({
    id: 'grafana_cloud_token',
    entity: 'GRAFANA_TOKEN',
    pattern: '\\bglc_[A-Za-z0-9+/]{32,}={0,2}',
    maxLength: 405,
    validate: bodyAfter(4, 3.5),
    keywords: ['glc_'],
  }),
  secret({
    id: 'grafana_service_account_token',
    entity: 'GRAFANA_TOKEN',
    pattern: '\\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\\b',
    maxLength: 46,
    validate: bodyAfter(5),
    keywords: ['glsa_'],
  }),
  secret({
    id: 'grafana_api_key',
    entity: 'GRAFANA_TOKEN',
    pattern: '\\beyJrIjoi[A-Za-z0-9+/]{50,}={0,2}',
    maxLength: 210,
    validate: grafanaKeyValid,
    keywords: ['eyjrijoi'],
  }),
  secret({
    id: 'posthog_key',
    entity: 'POSTHOG_KEY',
    pattern: '\\bph[cxsra]_[A-Za-z0-9]{40,64}\\b',
    maxLength: 68,
    validate: bodyAfter(4),
    keywords: ['phc_', 'phx_', 'phs_', 'phr_', 'pha_'],
  }),
  secret({
    id: 'dynatrace_token',
    entity: 'DYNATRACE_TOKEN',
    pattern: '\\bdt0[a-z][0-9]{2}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}\\b',
    maxLength: 96,
    validate: (v) => !isFillerToken(v.slice(-64)),
    keywords: ['dt0'],
  }),
  secret({
    id: 'honeycomb_key',
    entity: 'HONEYCOMB_API_KEY',
    pattern: '\\bhc[ai]k_[a-z0-9]{58}\\b',
    maxLength: 63,
    validate: bodyAfter(5),
    keywords: ['hcak_', 'hcik_'],
  }),
  secret({
    // EdgeGrid client/access tokens: akab- + two 16-character groups.
    id: 'akamai_edgegrid_token',
    entity: 'AKAMAI_TOKEN',
    pattern: '\\bakab-[a-z0-9]{16}-[a-z0-9]{16}\\b',
    maxLength: 38,
    validate: bodyAfter(5),
    keywords: ['akab-'],
  }),
  secret({
    id: 'sumologic_access_key',
    entity: 'SUMO_LOGIC_KEY',
    pattern: named('sumo', '[A-Za-z0-9]{64}'),
    group: 1,
    maxLength: 64,
    validate: randomish(4.2),
    keywords: ['sumo'],
  }),

  // Productivity ---------------------------------------------------------------------------------
  secret({
    id: 'linear_api_key',
    entity: 'LINEAR_API_KEY',
    pattern: '\\blin_(?:api|oauth)_[A-Za-z0-9]{40}\\b',
    maxLength: 50,
    validate: bodyAfter(8),
    keywords: ['lin_api_', 'lin_oauth_'],
  }),
  secret({
    id: 'notion_token',
    entity: 'NOTION_TOKEN',
    pattern: '\\b(?:ntn_[0-9A-Za-z]{46}|secret_[A-Za-z0-9]{43})\\b',
    maxLength: 50,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('_') + 1)),
    keywords: ['ntn_', 'secret_'],
  }),
  secret({
    id: 'figma_token',
    entity: 'FIGMA_TOKEN',
    pattern: '\\bfig[dou]_[A-Za-z0-9_-]{40,44}',
    maxLength: 49,
    validate: bodyAfter(5),
    keywords: ['figd_', 'figo_', 'figu_'],
  }),
  secret({
    id: 'postman_api_key',
    entity: 'POSTMAN_API_KEY',
    pattern: '\\bPMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}\\b|\\bPMAT-[A-Z0-9]{26}\\b',
    maxLength: 64,
    validate: bodyAfter(5),
    keywords: ['pmak-', 'pmat-'],
  }),
  secret({
    // A format version digit (0, 1 and 2 so far; any digit, so the next one is not missed), one or two
    // numeric ids, a 32-character secret.
    id: 'asana_pat',
    entity: 'ASANA_TOKEN',
    pattern: '\\b[0-9]/[0-9]{12,20}(?:/[0-9]{12,20})?:[A-Za-z0-9]{32}\\b',
    maxLength: 80,
    validate: (v) => !isFillerToken(v.slice(-32)),
    keywords: ['/'],
  }),
  secret({
    id: 'airtable_pat',
    entity: 'AIRTABLE_TOKEN',
    pattern: '\\bpat[A-Za-z0-9]{14}\\.[a-f0-9]{64}\\b',
    maxLength: 82,
    validate: (v) => !isFillerToken(v.slice(-64)),
    keywords: ['pat'],
  }),
  secret({
    id: 'contentful_token',
    entity: 'CONTENTFUL_TOKEN',
    pattern: '\\bCFPAT-[A-Za-z0-9_-]{43}\\b',
    maxLength: 49,
    validate: bodyAfter(6),
    keywords: ['cfpat-'],
  }),
  secret({
    id: 'intercom_token',
    entity: 'INTERCOM_TOKEN',
    pattern: '\\bdG9rO[A-Za-z0-9+/]{40,80}={0,2}',
    maxLength: 90,
    validate: (v) => base64Decode(v)?.subarray(0, 4).toString('latin1') === 'tok:',
    keywords: ['dg9ro'],
  }),
  secret({
    id: 'zendesk_token',
    entity: 'ZENDESK_TOKEN',
    pattern: named('zendesk', '[A-Za-z0-9]{40}'),
    group: 1,
    maxLength: 40,
    validate: randomish(4),
    keywords: ['zendesk'],
  }),
  secret({
    id: 'typeform_token',
    entity: 'TYPEFORM_TOKEN',
    pattern: '\\btfp_[A-Za-z0-9_.=-]{40,70}',
    maxLength: 74,
    validate: bodyAfter(4),
    keywords: ['tfp_'],
  }),
  secret({
    id: 'dropbox_short_lived_token',
    entity: 'DROPBOX_TOKEN',
    pattern: '\\bsl\\.(?:u\\.)?[A-Za-z0-9_-]{130,}',
    maxLength: 1510,
    validate: bodyAfter(3, 4.5),
    keywords: ['sl.'],
  }),
  secret({
    // Long-lived tokens: 11 characters, ten A's, 43 characters (the A's are format, not filler).
    id: 'dropbox_long_lived_token',
    entity: 'DROPBOX_TOKEN',
    pattern: '\\b[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_-]{43}\\b',
    maxLength: 64,
    validate: (v) => entropy(v.slice(21)) >= 4,
    keywords: ['aaaaaaaaaa'],
  }),
  secret({
    id: 'dropbox_app_secret',
    entity: 'DROPBOX_TOKEN',
    pattern: named('dropbox', '[a-z0-9]{15}'),
    group: 1,
    maxLength: 15,
    validate: (v) => charClasses(v).digit > 0 && randomish(3.2)(v),
    keywords: ['dropbox'],
  }),
  secret({
    id: 'slack_like_atlassian_statuspage',
    entity: 'STATUSPAGE_API_KEY',
    pattern: named('statuspage', '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}'),
    group: 1,
    maxLength: 36,
    keywords: ['statuspage'],
  }),

  // Data platforms -------------------------------------------------------------------------------
  secret({
    id: 'databricks_token',
    entity: 'DATABRICKS_TOKEN',
    pattern: '\\bdapi[a-f0-9]{32}(?:-[0-9])?\\b',
    maxLength: 38,
    validate: (v) => !isFillerToken(v.slice(4, 36)),
    keywords: ['dapi'],
  }),
  secret({
    id: 'planetscale_token',
    entity: 'PLANETSCALE_TOKEN',
    pattern: '\\bpscale_(?:pw|tkn|oauth)_[A-Za-z0-9_.=-]{32,64}',
    maxLength: 78,
    validate: (v) => !isFillerToken(v.slice(v.indexOf('_', 7) + 1)),
    keywords: ['pscale_'],
  }),
  secret({
    id: 'supabase_token',
    entity: 'SUPABASE_TOKEN',
    pattern: '\\bsb(?:p|_secret)_(?:v0_)?[a-zA-Z0-9_-]{40,64}\\b',
    maxLength: 80,
    validate: (v) => !isFillerToken(v.slice(-40)),
    keywords: ['sbp_', 'sb_secret_'],
  }),
  secret({
    id: 'algolia_api_key',
    entity: 'ALGOLIA_API_KEY',
    pattern: named('algolia', '[a-f0-9]{32}'),
    group: 1,
    maxLength: 32,
    validate: randomish(3.2),
    keywords: ['algolia'],
  }),
  secret({
    // Secret (sk.) tokens only: public (pk.) tokens ship in web pages by design.
    id: 'mapbox_secret_token',
    entity: 'MAPBOX_TOKEN',
    pattern: '\\bsk\\.eyJ[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,40}\\b',
    maxLength: 350,
    keywords: ['sk.eyj'],
  }),
  secret({
    id: 'okta_api_token',
    entity: 'OKTA_API_TOKEN',
    pattern: named('okta', '00[A-Za-z0-9_-]{40}'),
    group: 1,
    maxLength: 42,
    validate: (v) => randomish(4)(v.slice(2)),
    keywords: ['okta'],
  }),
  secret({
    id: 'snowflake_password',
    entity: 'SNOWFLAKE_CREDENTIALS',
    pattern: 'snowflake://[^\\s:/@\'"]{1,64}:([^\\s@/\'"]{3,128})@',
    group: 1,
    maxLength: 128,
    validate: randomish(2),
    keywords: ['snowflake://'],
  }),
  secret({
    id: 'salesforce_access_token',
    entity: 'SALESFORCE_TOKEN',
    pattern: '\\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,110}',
    maxLength: 130,
    keywords: ['00d'],
  }),
  secret({
    id: 'salesforce_consumer_key',
    entity: 'SALESFORCE_CONSUMER_KEY',
    pattern: '\\b3MVG[A-Za-z0-9._]{70,90}\\b',
    maxLength: 95,
    confidence: 0.7,
    validate: (v) => entropy(v) >= 4.5,
    keywords: ['3mvg'],
  }),
  secret({
    id: 'hubspot_token',
    entity: 'HUBSPOT_TOKEN',
    pattern: '\\bpat-(?:na|eu)[0-9]-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\\b',
    maxLength: 48,
    keywords: ['pat-na', 'pat-eu'],
  }),
  secret({
    id: 'mongodb_atlas_key',
    entity: 'MONGODB_ATLAS_KEY',
    pattern: named('atlas|mongodb_?api|mongo_?api', '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}'),
    group: 1,
    maxLength: 36,
    keywords: ['atlas', 'mongodb', 'mongo_'],
  }),
];
