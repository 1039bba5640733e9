// SaaS platforms and the catch-all for providers with unprefixed keys.
import { describe, expect, it } from 'vitest';
import { ALNUM, B64, B64URL, DIGITS, HEX, LOWER, UPPER, b64url, prng, rand, scan } from './testing/tokens.js';

const next = prng(707);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);
const grafanaKey = Buffer.from(JSON.stringify({ k: r(ALNUM, 32), n: 'ci', id: 4242 })).toString('base64');

describe('SaaS recognizers find valid values', () => {
  it.each([
    ['Sentry org token', `sntrys_${b64url({ iat: 1, url: 'https://sentry.io', org: 'acme' })}_${r(B64URL, 43)}`, 'SENTRY_TOKEN', 'sntrys_'],
    ['Sentry user token', `sntryu_${r(HEX, 64)}`, 'SENTRY_TOKEN', 'sntryu_'],
    ['Datadog key by name', `DD_API_KEY=${r(HEX, 32)}`, 'DATADOG_API_KEY', ''],
    ['New Relic user key', `NRAK-${r(UPPER + DIGITS, 27)}`, 'NEW_RELIC_KEY', 'NRAK-'],
    ['New Relic license key', `eu01x${r(HEX, 31)}NRAL`, 'NEW_RELIC_KEY', 'NRAL'],
    ['Grafana cloud token', `glc_${r(B64, 80)}=`, 'GRAFANA_TOKEN', 'glc_'],
    ['Grafana service account', `glsa_${r(ALNUM, 32)}_${r(HEX, 8)}`, 'GRAFANA_TOKEN', 'glsa_'],
    ['Grafana API key', `Bearer ${grafanaKey}`, 'GRAFANA_TOKEN', 'eyJrIjoi'],
    ['PostHog personal key', `phx_${r(ALNUM, 47)}`, 'POSTHOG_KEY', 'phx_'],
    ['Dynatrace token', `dt0c01.${r(UPPER + DIGITS, 24)}.${r(UPPER + DIGITS, 64)}`, 'DYNATRACE_TOKEN', 'dt0c01.'],
    ['Dynatrace token, mixed case', `dt0c01.${r(ALNUM, 24)}.${r(ALNUM, 64)}`, 'DYNATRACE_TOKEN', 'dt0c01.'],
    ['Akamai token', `akab-${r(LOWER + DIGITS, 16)}-${r(LOWER + DIGITS, 16)}`, 'AKAMAI_TOKEN', 'akab-'],
    ['Linear key', `lin_api_${r(ALNUM, 40)}`, 'LINEAR_API_KEY', 'lin_api_'],
    ['Notion token', `NOTION_TOKEN=ntn_${r(DIGITS, 11)}${r(ALNUM, 35)}`, 'NOTION_TOKEN', 'ntn_'],
    ['Figma token', `figd_${r(B64URL, 40)}`, 'FIGMA_TOKEN', 'figd_'],
    ['Postman key', `PMAK-${r(HEX, 24)}-${r(HEX, 34)}`, 'POSTMAN_API_KEY', 'PMAK-'],
    ['Postman key, upper-case hex', `PMAK-${r(HEX.toUpperCase(), 24)}-${r(HEX.toUpperCase(), 34)}`, 'POSTMAN_API_KEY', 'PMAK-'],
    ['Airtable PAT', `pat${r(ALNUM, 14)}.${r(HEX, 64)}`, 'AIRTABLE_TOKEN', 'pat'],
    ['Asana PAT, v1', `1/${r(DIGITS, 16)}:${r(HEX, 32)}`, 'ASANA_TOKEN', '1/'],
    ['Asana PAT, v2', `2/${r(DIGITS, 16)}/${r(DIGITS, 16)}:${r(HEX, 32)}`, 'ASANA_TOKEN', '2/'],
    ['Asana PAT, a later version digit', `asana_token: 7/${r(DIGITS, 16)}/${r(DIGITS, 16)}:${r(HEX, 32)}`, 'ASANA_TOKEN', '7/'],
    ['Contentful token', `CFPAT-${r(B64URL, 43)}`, 'CONTENTFUL_TOKEN', 'CFPAT-'],
    ['Intercom token', `Bearer dG9rO${Buffer.from(`:${r(ALNUM, 40)}`).toString('base64').slice(1)}`, 'INTERCOM_TOKEN', 'dG9rO'],
    ['Typeform token', `tfp_${r(B64URL, 59)}`, 'TYPEFORM_TOKEN', 'tfp_'],
    ['Dropbox short-lived token', `sl.${r(B64URL, 140)}`, 'DROPBOX_TOKEN', 'sl.'],
    ['Dropbox long-lived token', `${r(ALNUM, 11)}AAAAAAAAAA${r(ALNUM, 43)}`, 'DROPBOX_TOKEN', 'AAAAAAAAAA'],
    ['Databricks token', `dapi${r(HEX, 32)}`, 'DATABRICKS_TOKEN', 'dapi'],
    ['PlanetScale password', `pscale_pw_${r(B64URL, 43)}`, 'PLANETSCALE_TOKEN', 'pscale_pw_'],
    ['Supabase token', `sbp_${r(HEX, 40)}`, 'SUPABASE_TOKEN', 'sbp_'],
    ['Algolia admin key by name', `ALGOLIA_ADMIN_KEY="${r(HEX, 32)}"`, 'ALGOLIA_API_KEY', ''],
    ['Mapbox secret token', `sk.eyJ${r(B64URL, 60)}.${r(B64URL, 22)}`, 'MAPBOX_TOKEN', 'sk.eyJ'],
    ['Okta token by name', `OKTA_API_TOKEN=00${r(B64URL, 40)}`, 'OKTA_API_TOKEN', '00'],
    ['Salesforce access token', `00D${r(ALNUM, 12)}!${r(ALNUM + '._', 96)}`, 'SALESFORCE_TOKEN', '00D'],
    ['HubSpot PAT', `pat-na1-${r(HEX, 8)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 4)}-${r(HEX, 12)}`, 'HUBSPOT_TOKEN', 'pat-na1-'],
    ['named third-party key', `FASTLY_API_TOKEN=${r(ALNUM, 32)}`, 'THIRD_PARTY_API_KEY', ''],
    ['Adobe client secret', `p8e-${r(ALNUM, 32)}`, 'ADOBE_CLIENT_SECRET', 'p8e-'],
    ['MaxMind license key', `${r(ALNUM, 6)}_${r(ALNUM, 29)}_mmk`, 'MAXMIND_LICENSE_KEY', '_mmk'],
  ])('%s', (_label, text, entity, needle) => {
    const hit = scan(text).find((f) => f.entity === entity);
    expect(hit, `${entity} in ${text}`).toBeDefined();
    expect(hit?.value).toContain(needle);
  });
});

describe('SaaS recognizers need the product name where keys are bare', () => {
  it.each([
    ['Okta-shaped value under an unrelated name (the letters "okta" inside "rookTable")', `rookTable = 00${'23452Lllk2KqjLBvaxANWEgTd7bqjsxjo8aZj0wd'}`],
    ['Sumo-shaped value under "sumOfExposures"', `sumOfExposures = ${'3Kof2VffNQ0QgYIhXUPJosVlCaQKm2hfpWE6F1fT9YGY74blQBIPsrkCcf1TwKE5'};`],
    ['Datadog name with a masked value', 'DD_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['Notion counting filler', 'ntn_123456789012345678901234567890123456789012345678901234567890'],
    ['Grafana function names', 'static void GLC_CreateLightmapTextureArray(void);'],
    ['Grafana masked', '   API_KEY="glc_111111111111111111111111111111111111111111="'],
    ['Databricks with a non-hex letter', 'DATABRICKS_TOKEN=dapi123456789012345678a9bc01234defg5'],
  ])('%s', (_label, text) => {
    expect(scan(text)).toEqual([]);
  });
});
