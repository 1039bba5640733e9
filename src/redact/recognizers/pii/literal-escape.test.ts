// Text pasted from JSON or a log keeps `\n`, `\t` and `\r` as two characters. The escape's letter touches
// the value that follows, yet the value is found, whole and without the letter.
import { describe, expect, it } from 'vitest';
import { valuesOf } from './testing/scan.js';

describe('values right after a literal escape', () => {
  it.each([
    ['CREDIT_CARD', 'Card:\\n4532071216424424\\n', '4532071216424424'],
    ['CREDIT_CARD', 'card:\\t4532 0712 1642 4424', '4532 0712 1642 4424'],
    ['EMAIL_ADDRESS', 'E-mail:\\njohn.smith@example.com', 'john.smith@example.com'],
    ['EMAIL_ADDRESS', 'to\\r\\nnora@example.org', 'nora@example.org'],
    ['IBAN_CODE', 'IBAN:\\nGB05FRQX50157044708066', 'GB05FRQX50157044708066'],
    ['US_SSN', 'SSN:\\n731-83-4418\\n', '731-83-4418'],
    ['US_SSN', 'ssn\\t731834418', '731834418'],
    ['PHONE_NUMBER', 'Phone:\\n778-238-3036', '778-238-3036'],
  ])('%s in %j', (entity, text, value) => {
    expect(valuesOf(text, entity)).toEqual([value]);
  });

  it.each([
    ['CREDIT_CARD', 'ref4532071216424424'],
    ['IBAN_CODE', 'xGB05FRQX50157044708066'],
    ['US_SSN', 'id731-83-4418'],
    ['US_SSN', 'born731-83-4418'], // a letter n without its backslash is just a letter
  ])('%s still needs a boundary: %j', (entity, text) => {
    expect(valuesOf(text, entity)).toEqual([]);
  });
});
