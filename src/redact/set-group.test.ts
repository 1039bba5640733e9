// SetGroup answers from one combined RE2.Set or, while that is slow, from split Sets (the literals
// together, every other pattern alone). Which Sets answer must never change the answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOGNIZERS } from './recognizers/index.js';
import { SetGroup } from './scan-engine.js';
import { createScanner } from './scanner.js';
import { prng } from './testing/corpus.js';

/** Keywords (plain and case-insensitive literals) and patterns with counters, like the engine's Set. */
const SOURCES = [
  '(?i:password)', '(?i:api_key)', 'ghp_', '(?i:s\\.i\\.n)', '(?i:\\(home\\))', '@',
  '\\b(?:\\d{1,4}\\.){3,6}\\d{1,4}\\b', '[A-Za-z0-9+/]{24,40}={0,2}', '\\bAKIA[A-Z0-9]{16}\\b',
  '(?i:secret|token)[\\w.-]{0,20}?[ \\t]{0,3}[:=][ \\t]{0,3}[A-Za-z0-9]{12,}', '\\d{3}-\\d{2}-\\d{4}',
];

const ALPHABET = 'aAkKiIpPsSwWoOrRdD0123456789+/=_-.:@ \n()ghtenAKIZ';

describe('SetGroup', () => {
  it('answers the same from the split Sets as from the combined Set, in increasing order', () => {
    const combined = new SetGroup(SOURCES);
    const split = new SetGroup(SOURCES);
    split.forceSplit();
    fc.assert(fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 300 }), (chars) => {
      const view = Buffer.from(chars.join(''));
      const a = combined.match(view);
      expect(split.match(view)).toEqual(a);
      expect([...a].sort((x, y) => x - y)).toEqual(a);
    }), { numRuns: 400 });
  });

  it('finds planted matches from the split Sets', () => {
    const split = new SetGroup(SOURCES);
    split.forceSplit();
    expect(split.match(Buffer.from('my PASSWORD is AKIAABCDEFGHIJKLMNOP at 10.1.2.3 (home)'))).toEqual([0, 4, 6, 8]);
    expect(split.match(Buffer.from('nothing to see'))).toEqual([]);
  });

  it('a scan of random base64 finds the same with every Set split as with the combined ones', () => {
    // Random tokens are the text that makes a combined Set slow; the findings must not depend on it.
    const rand = prng(11);
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let text = 'api_key = ';
    for (let i = 0; i < 3000; i++) text += b64[Math.floor(rand() * b64.length)]! + (i % 76 === 75 ? '\n' : '');
    text += '\npassword: hunter2hunter2 and AKIAIOSFODNN7EXAMPLE';
    const before = createScanner(DEFAULT_RECOGNIZERS).scan(text);
    const original = SetGroup.prototype.match;
    SetGroup.prototype.match = function (this: SetGroup, view: Uint8Array | string) {
      this.forceSplit();
      try {
        return original.call(this, view);
      } finally {
        this.forceSplit(false); // the groups are shared (setGroupFor): leave them as they were
      }
    };
    try {
      expect(createScanner(DEFAULT_RECOGNIZERS).scan(text)).toEqual(before);
    } finally {
      SetGroup.prototype.match = original;
    }
  });
});
