// Further providers: formats with a published shape, and keys that are only recognisable by the
// provider's name in the key name.
import { describe, expect, it } from 'vitest';
import { ALNUM, B64URL, HEX, LOWER, prng, rand, scan } from './testing/tokens.js';

const next = prng(909);
const r = (alphabet: string, n: number) => rand(alphabet, n, next);

describe('Cisco Meraki API keys', () => {
  it.each([
    ['env assignment', `MERAKI_DASHBOARD_API_KEY=${r(HEX, 40)}`],
    ['YAML', `meraki_api_key: "${r(HEX, 40)}"`],
    ['code', `merakiKey := "${r(HEX, 40)}"`],
  ])('%s', (_label, text) => {
    const hit = scan(text).find((f) => f.recognizer === 'meraki_api_key');
    expect(hit?.value).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each([
    ['too short', `meraki_key = ${r(HEX, 32)}`],
    ['too long', `meraki_key = ${r(HEX, 48)}`],
    ['not after a name', `the meraki dashboard ${r(HEX, 40)}`],
    ['inside another word', `ReactNativeCameraKit: ${r(HEX, 40)}`],
    ['filler', `meraki: ${'a'.repeat(10)}${'1'.repeat(10)}${'b'.repeat(10)}${'2'.repeat(10)}`],
  ])('%s is not a Meraki key', (_label, text) => {
    expect(scan(text).filter((f) => f.recognizer === 'meraki_api_key')).toEqual([]);
  });
});

describe('prefixed formats', () => {
  it.each([
    ['Harness PAT', `pat.${r(B64URL, 22)}.${r(HEX, 24)}.${r(ALNUM, 20)}`, 'HARNESS_TOKEN'],
    ['Harness SAT, alphanumeric token id', `sat.${r(B64URL, 22)}.${r(ALNUM, 24)}.${r(ALNUM, 20)}`, 'HARNESS_TOKEN'],
    ['Authress key, mixed case', `authress_${r(ALNUM, 12)}.${r(ALNUM, 5)}.acc_${r(LOWER, 14)}.${r(ALNUM + '+/', 60)}`, 'AUTHRESS_KEY'],
  ])('%s', (_label, text, entity) => {
    expect(scan(text).map((f) => f.entity)).toContain(entity);
  });

  it.each([
    ['Harness-shaped with a short secret', `pat.${r(B64URL, 22)}.${r(HEX, 24)}.${r(ALNUM, 12)}`],
  ])('%s is not reported', (_label, text) => {
    expect(scan(text).filter((f) => f.entity === 'HARNESS_TOKEN')).toEqual([]);
  });
});
