import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { mixedCorpus } from '../../testing/corpus.js';
import { findDottedNumbers } from './dotted-numbers.js';
import { NETWORK_RECOGNIZERS } from './network.js';

const IPV4 = NETWORK_RECOGNIZERS.find((r) => r.id === 'ipv4')!;

/** What RE2 finds: global exec over the bytes from lastIndex `from`, as the scan engine runs it. */
function re2Matches(bytes: Buffer, from: number): number[] {
  const re = new RE2(IPV4.pattern, 'gu');
  re.lastIndex = from;
  const out: number[] = [];
  for (let m = re.exec(bytes); m !== null; m = re.exec(bytes)) out.push(m.index, m.index + m[0].length);
  return out;
}

function found(bytes: Buffer, from: number): number[] {
  const out: number[] = [];
  findDottedNumbers(bytes, from, out);
  return out;
}

// Digit groups and dots mostly (groups of 1-5 digits once adjacent pieces merge), with the characters
// that decide word boundaries around them.
const piece = fc.oneof(
  { arbitrary: fc.constantFrom('0', '7', '25', '255', '1234'), weight: 5 },
  { arbitrary: fc.constantFrom('1.', '10.0.'), weight: 2 },
  { arbitrary: fc.constant('.'), weight: 5 },
  { arbitrary: fc.constantFrom('..', 'a', 'Z', '_', ' ', '-', ':', '/', 'é', '日'), weight: 2 },
);

describe('findDottedNumbers: exactly the IPv4 pattern\'s matches (DOTTED_RUN)', () => {
  it('is the recognizer\'s finder', () => {
    expect(IPV4.find).toBe(findDottedNumbers);
  });

  it.each([
    ['1.2.3.4', [0, 7]],
    ['ip 10.0.0.1, 10.0.0.2.', [3, 11, 13, 21]],
    // A whole run is one candidate (validation rejects it), never its last four groups.
    ['1.2.3.4.5.6.7.8.9', [0, 17]],
    ['1.2.3.4.5.6.7.8.9.10.11', [0, 23]],
    ['1.3.6.1.4.1.311.21.20.3.1.2.3.4.5.6.7.8.9', [0, 37]], // 17 groups at most; 8.9 alone is too short
    ['1.2.3.4.12345', [0, 13]], // a long last group: the tail takes the rest of it
    ['x 1.2.3.12345', [2, 13]],
    ['12345.1.2.3', [1, 11]], // a long first group: its last four digits start the match
    // Glued to a word on either side: the word's letter (or up to 16 trailing word characters) is
    // part of the candidate, so validation rejects it.
    ['1.2.3.4.5a', [0, 10]],
    ['1.2.3.4a', [0, 8]],
    ['v1.2.3.4', [0, 8]],
    ['_1.2.3.4', [0, 8]],
    ['fw_v2.10.20.30.40', [3, 17]],
    ['\\n02.94.40.53.46 office', [1, 16]],
    ['ip 10.0.0.1 and x10.0.0.2 y', [3, 11, 16, 25]],
    ['é1.2.3.4', [2, 9]], // bytes >= 0x80 are not word characters
    ['..1..2.3.4.5', [5, 12]],
  ])('%j', (text, expected) => {
    const bytes = Buffer.from(text);
    expect(found(bytes, 0)).toEqual(expected);
    expect(re2Matches(bytes, 0)).toEqual(expected);
  });

  it('agrees with RE2 on random text, from any offset', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 60, size: 'max' }), fc.nat(), (parts, at) => {
      const bytes = Buffer.from(parts.join(''));
      const from = bytes.length === 0 ? 0 : at % (bytes.length + 1);
      expect(found(bytes, from)).toEqual(re2Matches(bytes, from));
    }), { numRuns: 20000 });
  });

  it('agrees with RE2 on the benchmark corpus', () => {
    const bytes = Buffer.from(mixedCorpus(1 << 20));
    const expected = re2Matches(bytes, 0);
    expect(expected.length).toBeGreaterThan(1000);
    expect(found(bytes, 0)).toEqual(expected);
  });
});
