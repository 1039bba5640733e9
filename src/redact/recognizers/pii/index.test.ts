import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { createScanner } from '../../scanner.js';
import { PII_RECOGNIZERS } from './index.js';

describe('PII_RECOGNIZERS registry', () => {
  it('has unique ids, kind pii, sane confidence and bounds', () => {
    const ids = PII_RECOGNIZERS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of PII_RECOGNIZERS) {
      expect(r.kind).toBe('pii');
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      expect(r.maxLength).toBeGreaterThan(0);
      for (const k of r.keywords ?? []) expect(k).toBe(k.toLowerCase());
    }
  });

  it('covers the entity catalogue', () => {
    expect(new Set(PII_RECOGNIZERS.map((r) => r.entity))).toEqual(new Set([
      'EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'US_ITIN', 'IP_ADDRESS', 'MAC_ADDRESS',
      'CRYPTO', 'URL_CREDENTIALS', 'UK_NINO', 'IN_AADHAAR', 'ES_NIF', 'IT_FISCAL_CODE', 'SE_PERSONNUMMER',
      'FI_PERSONAL_ID', 'CA_SIN', 'PL_PESEL', 'DE_TAX_ID',
    ]));
  });

  it('compiles every pattern with RE2, alone and together in one RE2.Set', () => {
    for (const r of PII_RECOGNIZERS) expect(() => new RE2(r.pattern, r.caseInsensitive ? 'giu' : 'gu')).not.toThrow();
    const sources = PII_RECOGNIZERS.map((r) => (r.caseInsensitive ? `(?i)${r.pattern}` : r.pattern));
    expect(new RE2.Set(sources, 'u').size).toBe(PII_RECOGNIZERS.length);
  });
});

describe('scanning arbitrary text', () => {
  const scanner = createScanner(PII_RECOGNIZERS);
  const byId = new Map(PII_RECOGNIZERS.map((r) => [r.id, r]));
  // Fragments that exercise every recognizer's alphabet: digits, separators, hex, '@', ':', '+'.
  const fragment = fc.constantFrom(
    '0', '1', '4', '9', '00', '12', '123', '4111', ' ', '-', '.', ':', '::', '+', '(', ')', '@', 'x', 'ext ', 'a', 'Z',
    'bc1', '0x', 'ff', 'GB82', 'WEST', 'https://', 'u:p@', 'mail', 'phone ', 'ssn ', '\n', 'é', '€',
  );
  const text = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));

  it('never throws, never overlaps, and never reports a value longer than its maxLength', () => {
    fc.assert(fc.property(text, (t) => {
      const findings = scanner.scan(t);
      let end = -1;
      for (const f of findings) {
        expect(f.start).toBeGreaterThanOrEqual(end);
        end = f.end;
        expect(f.end - f.start).toBeLessThanOrEqual((byId.get(f.recognizer)?.maxLength ?? 0));
      }
    }), { numRuns: 500 });
  });

  it('finds nothing in ordinary prose and code', () => {
    const prose = [
      'The meeting moved to 3 pm on 2024-05-06; bring 2 copies of the Q3 report (version 1.4.2).',
      'for (let i = 0; i < 10; i++) { total += prices[i] * 1.2; } // std::vector<int> v;',
      'Order #4521 shipped 12/03/2023, weight 1,250 kg, price 4 999 000 KRW, room 1204.',
      'Chapter 11, pages 100-120; call it 10:30-11:45 at 221B Baker Street, London NW1 6XE.',
      'SELECT id, name FROM users WHERE created_at > 1700000000 LIMIT 50 OFFSET 100;',
    ].join('\n');
    expect(scanner.scan(prose)).toEqual([]);
  });
});
