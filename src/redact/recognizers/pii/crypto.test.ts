import { describe, expect, it } from 'vitest';
import { valuesOf } from './testing/scan.js';

const crypto = (text: string) => valuesOf(text, 'CRYPTO');

describe('CRYPTO end to end', () => {
  it.each([
    ['send to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa now', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4.', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4'],
    ['taproot bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0'],
    ['eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
    ['0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae', '0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae'],
  ])('%j -> %j', (text, expected) => {
    expect(crypto(text)).toEqual([expected]);
  });

  it.each([
    ['base58 checksum', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'],
    ['bech32 checksum', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5'],
    ['bech32 mixed case', 'bc1qw508d6qejxtdg4y5r3zarvaRY0c5xw7kv8f3t4'],
    ['EIP-55 case', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'],
    ['41 hex digits', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed1'],
    ['64-hex hash', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed5aaeb6053f3e94c9b9a09f33'],
    ['random base58', '1Ab9Zq7RtXnKp3Mw2Lc8Vd5Hs4Gf6Jy1'],
  ])('rejects %s: %j', (_why, text) => {
    expect(crypto(text)).toEqual([]);
  });
});
