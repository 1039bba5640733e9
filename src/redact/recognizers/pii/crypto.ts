// Cryptocurrency addresses, reported as CRYPTO. Each format carries its own checksum, which the
// validator verifies, so look-alike tokens (hashes, random base58) are rejected.
import type { Recognizer } from '../../types.js';
import { bitcoinBase58Valid, ethereumAddressValid, segwitAddressValid } from './crypto-checks.js';

const CRYPTO_CONTEXT = ['bitcoin', 'btc', 'wallet', 'address', 'crypto', 'send', 'eth', 'ether', 'usdt'];

export const CRYPTO_RECOGNIZERS: readonly Recognizer[] = [
  {
    id: 'bitcoin_base58',
    entity: 'CRYPTO',
    kind: 'pii',
    // Legacy P2PKH (1...) and P2SH (3...) addresses: 26-35 base58 characters.
    pattern: '\\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\\b',
    maxLength: 35,
    confidence: 0.9,
    validate: bitcoinBase58Valid,
    context: CRYPTO_CONTEXT,
  },
  {
    id: 'bitcoin_bech32',
    entity: 'CRYPTO',
    kind: 'pii',
    // Segwit (bech32, v0) and taproot (bech32m, v1+) mainnet addresses; one case throughout.
    pattern: '\\bbc1[ac-hj-np-z02-9]{8,87}\\b',
    caseInsensitive: true,
    maxLength: 90,
    confidence: 0.9,
    validate: (v) => segwitAddressValid(v, 'bc'),
    context: CRYPTO_CONTEXT,
    keywords: ['bc1'],
  },
  {
    id: 'ethereum_address',
    entity: 'CRYPTO',
    kind: 'pii',
    pattern: '\\b0x[0-9a-fA-F]{40}\\b',
    maxLength: 42,
    confidence: 0.8,
    validate: ethereumAddressValid,
    context: CRYPTO_CONTEXT,
    keywords: ['0x'],
  },
];
