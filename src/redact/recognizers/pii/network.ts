// Network identifiers: IPv4, IPv6 and MAC addresses. Candidates are matched loosely and
// over-captured (a whole dotted run with whatever word it is glued to, a colon run of up to ten),
// then the value is validated whole, so `1.2.3.4.5`, `fw_v2.10.20.30.40`, a version string or a
// longer colon run never yields a match in part. node:net's isIP is the authority for IP syntax.
import { isIP } from 'node:net';
import type { Recognizer } from '../../types.js';
import { DOTTED_RUN, DOTTED_RUN_MAX, findDottedNumbers } from './dotted-numbers.js';

/**
 * IPv4: exactly four decimal octets (0-255, no leading zeros), per node:net. Loopback
 * (127/8), "this network" (0.0.0.0) and broadcast identify no one and are skipped; private
 * ranges are kept, since they still identify a host inside an organisation. Four single-digit
 * octets (1.0.0.0, 3.4.2.4) are version numbers far more often than hosts, and the few real
 * ones are public resolvers (1.1.1.1, 8.8.8.8, 9.9.9.9) that identify no one: skipped too.
 */
export function ipv4Valid(value: string): boolean {
  if (isIP(value) !== 4 || value.length === 7) return false;
  return !value.startsWith('127.') && value !== '0.0.0.0' && value !== '255.255.255.255';
}

/**
 * IPv6 (full, `::`-compressed or IPv4-mapped), per node:net, with enough substance to not be
 * a C++ scope (`a::b`) or a slice (`1::2`): three or more groups, or two where one has 3+ digits
 * (`fe80::1`). The unspecified and loopback addresses carry nothing personal and are skipped.
 */
export function ipv6Valid(value: string): boolean {
  if (isIP(value) !== 6) return false;
  const groups = value.split(':').filter((g) => g.length > 0);
  if (groups.length >= 3) return true;
  return groups.length === 2 && groups.some((g) => g.length >= 3);
}

const HEX_PAIR = '[0-9a-f]{2}';
/** What every valid IPv6 address contains (see the recognizer), case-insensitive. */
export const IPV6_GATE = '::|(?::[0-9a-f]{1,4}){5}:';

/** MAC-48: six octets with one consistent separator (colon, dash) or Cisco's 3 dotted quads. */
export function macValid(value: string): boolean {
  const lower = value.toLowerCase();
  let hex: string;
  if (lower.includes('.')) {
    const parts = lower.split('.');
    if (parts.length !== 3 || parts.some((p) => p.length !== 4)) return false;
    hex = parts.join('');
  } else {
    const sep = lower[2];
    const parts = lower.split(sep ?? ':');
    if (parts.length !== 6 || parts.some((p) => p.length !== 2)) return false;
    hex = parts.join('');
  }
  // All-zero and broadcast addresses identify no device.
  return hex !== '000000000000' && hex !== 'ffffffffffff';
}

export const NETWORK_RECOGNIZERS: readonly Recognizer[] = [
  {
    id: 'ipv4',
    entity: 'IP_ADDRESS',
    kind: 'pii',
    pattern: DOTTED_RUN,
    maxLength: DOTTED_RUN_MAX,
    confidence: 0.75,
    validate: ipv4Valid,
    // Logs carry hundreds of addresses per MB: found by hand (exactly the pattern's matches), not RE2.
    find: findDottedNumbers,
    context: ['ip', 'address', 'host', 'server', 'client', 'from'],
  },
  {
    id: 'ipv6',
    entity: 'IP_ADDRESS',
    kind: 'pii',
    pattern: '(?:\\b[0-9a-f]{1,4})?(?::[0-9a-f]{0,4}){2,10}(?:\\.\\d{1,3}){0,3}',
    caseInsensitive: true,
    maxLength: 4 + 10 * 5 + 12,
    confidence: 0.8,
    validate: ipv6Valid,
    // A valid address is `::`-compressed or has six groups or more (eight, or six and an IPv4 tail),
    // so five colon-separated groups in a row; clock times (12:34:56) have neither.
    gate: IPV6_GATE,
    context: ['ip', 'address', 'host', 'server', 'client', 'ipv6'],
  },
  {
    id: 'mac_address',
    entity: 'MAC_ADDRESS',
    kind: 'pii',
    // Colon or dash form, over-capturing up to 8 octets; or Cisco dotted form.
    pattern: `\\b(?:${HEX_PAIR}(?:[:\\-]${HEX_PAIR}){5,7}|[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4})\\b`,
    caseInsensitive: true,
    maxLength: 8 * 3,
    confidence: 0.8,
    validate: macValid,
    context: ['mac', 'ether', 'hwaddr', 'bssid', 'device', 'wifi', 'adapter'],
  },
];
