import { describe, expect, it } from 'vitest';
import { base58Decode, bech32Decode, bitcoinBase58Valid, ethereumAddressValid, segwitAddressValid } from './crypto-checks.js';
import { keccak256Hex } from './keccak.js';

describe('keccak256 (Ethereum padding, not SHA3)', () => {
  it.each([
    ['', 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'],
    ['abc', '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45'],
    ['The quick brown fox jumps over the lazy dog', '4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15'],
  ])('keccak256(%j)', (input, hex) => {
    expect(keccak256Hex(input)).toBe(hex);
  });

  it('absorbs inputs longer than one 136-byte block', () => {
    const long = 'a'.repeat(300);
    expect(keccak256Hex(long)).toHaveLength(64);
    expect(keccak256Hex(long)).not.toBe(keccak256Hex('a'.repeat(299)));
  });
});

describe('base58check bitcoin addresses', () => {
  it.each([
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', true], // genesis block P2PKH
    ['1BoatSLRHtKNngkdXEeobR76b53LETtpyT', true],
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', true], // P2SH
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', false], // last char changed: checksum fails
    ['1BoatSLRHtKNngkdXEeobR76b53LETtpyU', false],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7Div0Na', false], // '0' is outside base58
    ['5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ', false], // valid base58check, but a WIF key (version 0x80)
  ])('bitcoinBase58Valid(%s) = %s', (address, expected) => {
    expect(bitcoinBase58Valid(address)).toBe(expected);
  });

  it('decodes leading 1s as zero bytes', () => {
    expect(Array.from(base58Decode('112') ?? [])).toEqual([0, 0, 1]);
    expect(base58Decode('0OIl')).toBeNull();
  });
});

describe('bech32 / bech32m segwit addresses (BIP-173, BIP-350 vectors)', () => {
  it.each([
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', true],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', true],
    ['bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3', true],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', true], // taproot, bech32m
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', false], // checksum
    ['bc1Qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', false], // mixed case
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', false], // testnet hrp
    ['bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', true], // v1, 40-byte program
    ['BC1SW50QGDZ25J', true], // v16, 2-byte program
    ['bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', true], // v2, 16-byte program
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', false], // v1 with a bech32 checksum
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', false], // v0 program with a bech32m checksum
  ])('segwitAddressValid(%s) = %s', (address, expected) => {
    expect(segwitAddressValid(address)).toBe(expected);
  });

  it('reports which constant matched', () => {
    expect(bech32Decode('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')?.variant).toBe('bech32');
    expect(bech32Decode('bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0')?.variant).toBe('bech32m');
  });
});

describe('ethereum EIP-55', () => {
  it.each([
    // The EIP's own test vectors.
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', true],
    ['0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', true],
    ['0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', true],
    ['0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb', true],
    ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', true], // all lower: no checksum to check
    ['0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED', true], // all upper
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', false], // one letter's case flipped
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe', false], // 39 hex digits
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg', false],
  ])('ethereumAddressValid(%s) = %s', (address, expected) => {
    expect(ethereumAddressValid(address)).toBe(expected);
  });
});
