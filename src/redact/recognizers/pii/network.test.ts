import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { ipv4Valid, ipv6Valid, IPV6_GATE, macValid } from './network.js';
import { valuesOf } from './testing/scan.js';

const ips = (text: string) => valuesOf(text, 'IP_ADDRESS');
const macs = (text: string) => valuesOf(text, 'MAC_ADDRESS');

describe('IP_ADDRESS end to end', () => {
  it.each([
    ['WHERE ip = ?|81.2.69.142|', '81.2.69.142'],
    ['from 10.44.7.201.', '10.44.7.201'],
    ['255.255.255.0', '255.255.255.0'],
    ['host 192.168.0.1:8080', '192.168.0.1'],
    ['net 10.0.0.0/8', '10.0.0.0'],
    ['fd3:a1b2:c3d4:e5f6:1:22:333:4444', 'fd3:a1b2:c3d4:e5f6:1:22:333:4444'],
    ['addr 2001:db8::8a2e:370:7334 up', '2001:db8::8a2e:370:7334'],
    ['2001:0DB8:0000:0000:0000:FF00:0042:8329', '2001:0DB8:0000:0000:0000:FF00:0042:8329'],
    ['link fe80::1', 'fe80::1'],
    ['mapped ::ffff:192.0.2.128', '::ffff:192.0.2.128'],
  ])('%j -> %j', (text, expected) => {
    expect(ips(text)).toEqual([expected]);
  });

  it.each([
    ['version 1.2.3'], ['1.2.3.4.5'], ['256.1.1.1'], ['01.02.03.04'], ['12.345.67.89'],
    ['loopback 127.0.0.1'], ['0.0.0.0'], ['::1'], ['::'],
    ['toolkit-win64-3.4.2.4'], ['[assembly: AssemblyVersion("1.0.0.0")]'], ['dns 8.8.8.8'],
    ['std::vector<int> a::b'], ['12:30:45'], ['slice x[1::2]'], ['1:2:3:4:5:6:7:8:9'],
    ['00:1a:2b:3c:4d:5e'], // a MAC, not an IPv6 address
  ])('no IP in %j', (text) => {
    expect(ips(text)).toEqual([]);
  });

  it('validators', () => {
    expect(ipv4Valid('81.2.69.160')).toBe(true);
    expect(ipv4Valid('8.8.8.8')).toBe(false);
    expect(ipv4Valid('8.8.8')).toBe(false);
    expect(ipv6Valid('2001:db8::1')).toBe(true);
    expect(ipv6Valid('a::b')).toBe(false);
  });

  it('property: every valid IPv6 address contains the gate (the scanner skips text without it)', () => {
    const gate = new RE2(IPV6_GATE, 'iu');
    fc.assert(fc.property(fc.ipV6(), (ip) => {
      if (ipv6Valid(ip)) expect(gate.test(ip), ip).toBe(true);
    }), { numRuns: 2000 });
    expect(gate.test('12:34:56.789')).toBe(false); // a clock time: IPv6-shaped, never valid
  });
});

describe('MAC_ADDRESS end to end', () => {
  it.each([
    ['mac 00:1A:2B:3C:4D:5E', '00:1A:2B:3C:4D:5E'],
    ['00-1a-2b-3c-4d-5e', '00-1a-2b-3c-4d-5e'],
    ['Cisco 001a.2b3c.4d5e', '001a.2b3c.4d5e'],
  ])('%j -> %j', (text, expected) => {
    expect(macs(text)).toEqual([expected]);
  });

  it.each([
    ['00:00:00:00:00:00'], ['ff:ff:ff:ff:ff:ff'], ['00:1a:2b:3c:4d'], ['00:1a:2b:3c:4d:5e:6f'],
    ['00:1a-2b:3c-4d:5e'], ['001a.2b3c'], ['x00:1a:2b:3c:4d:5e'],
  ])('no MAC in %j', (text) => {
    expect(macs(text)).toEqual([]);
  });

  it('macValid needs one separator kind', () => {
    expect(macValid('00:1a:2b:3c:4d:5e')).toBe(true);
    expect(macValid('00:1a:2b-3c:4d:5e')).toBe(false);
  });
});
