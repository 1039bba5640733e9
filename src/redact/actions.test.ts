// Actions: typed placeholders, partial masks, tenant-keyed pseudonyms and tokens, policy compilation,
// and whole-text redaction (request texts, JSON tool arguments).
import { describe, expect, it } from 'vitest';
import { deriveTenantKeys, hashText, isEntityName, maskText, partialText, TOKEN_MAX_LENGTH, tokenEntity, tokenFor } from './actions.js';
import { PolicyError } from './errors.js';
import { compileRedactionPolicy } from './policy.js';
import { DEFAULT_RECOGNIZERS } from './recognizers/index.js';
import { redactJsonText, redactText } from './redact-text.js';
import { SAMPLE_RECOGNIZERS } from './testing/sample-recognizers.js';
import { TokenVault } from './token-store.js';

const A = deriveTenantKeys('service-secret', 'tenant-a');
const B = deriveTenantKeys('service-secret', 'tenant-b');

describe('actions', () => {
  it('mask: a typed placeholder', () => {
    expect(maskText('EMAIL_ADDRESS')).toBe('[EMAIL_ADDRESS]');
  });

  it.each([
    ['4111 1111 1111 1111', '[CREDIT_CARD ****1111]'],
    ['4111-1111-1111-4242', '[CREDIT_CARD ****4242]'],
    ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', '[CREDIT_CARD ****p7dc]'],
    ['1234567', '[CREDIT_CARD]'], // under 8 letters/digits: keeping 4 would reveal too much
  ])('partial %j -> %j (last 4 letters/digits, separators ignored)', (value, want) => {
    expect(partialText('CREDIT_CARD', value)).toBe(want);
  });

  it('hash: stable within a tenant, different across tenants and entity types, 8 hex digits', () => {
    const h = hashText('EMAIL_ADDRESS', 'jane@example.com', A);
    expect(h).toMatch(/^\[EMAIL_ADDRESS:[0-9a-f]{8}\]$/u);
    expect(hashText('EMAIL_ADDRESS', 'jane@example.com', deriveTenantKeys('service-secret', 'tenant-a'))).toBe(h);
    expect(hashText('EMAIL_ADDRESS', 'jane@example.com', B)).not.toBe(h);
    expect(hashText('PERSON', 'jane@example.com', A)).not.toBe(h.replace('EMAIL_ADDRESS', 'PERSON'));
    expect(hashText('EMAIL_ADDRESS', 'john@example.com', A)).not.toBe(h);
    expect(hashText('EMAIL_ADDRESS', 'jane@example.com', deriveTenantKeys('other-secret', 'tenant-a'))).not.toBe(h);
  });

  it('tokens: per tenant and conversation, stable, bounded length, entity readable back', () => {
    const t = tokenFor('EMAIL_ADDRESS', 'jane@example.com', 'conv-1', A);
    expect(t).toMatch(/^\[\[EMAIL_ADDRESS_[0-9a-f]{8}\]\]$/u);
    expect(tokenFor('EMAIL_ADDRESS', 'jane@example.com', 'conv-1', A)).toBe(t);
    expect(tokenFor('EMAIL_ADDRESS', 'jane@example.com', 'conv-2', A)).not.toBe(t);
    expect(tokenFor('EMAIL_ADDRESS', 'jane@example.com', 'conv-1', B)).not.toBe(t);
    expect(t.length).toBeLessThanOrEqual(TOKEN_MAX_LENGTH);
    expect(tokenEntity(t)).toBe('EMAIL_ADDRESS');
  });

  it.each([['EMAIL_ADDRESS', true], ['X1_Y', true], ['lower', false], ['1ABC', false], ['', false], ['A-B', false], ['A'.repeat(65), false]])('entity name %j valid: %s', (name, ok) => {
    expect(isEntityName(name)).toBe(ok);
  });
});

describe('compileRedactionPolicy', () => {
  it('defaults: mask everything the recognizers report', () => {
    const p = compileRedactionPolicy({}, SAMPLE_RECOGNIZERS);
    expect(p.actionFor('EMAIL_ADDRESS')).toBe('mask');
    expect(p.usesTokenize).toBe(false);
    expect(p.entities).toContain('CREDIT_CARD');
  });

  it('allow removes the recognizers of that type from the scan altogether', () => {
    const p = compileRedactionPolicy({ entities: { IP_ADDRESS: 'allow' } }, SAMPLE_RECOGNIZERS);
    expect(p.scanner.recognizers.some((r) => r.entity === 'IP_ADDRESS')).toBe(false);
    expect(redactText('host 10.0.0.1', p, { keys: A }).text).toBe('host 10.0.0.1');
  });

  it('custom patterns are compiled at load and used like any recognizer', () => {
    const p = compileRedactionPolicy({ custom: [{ name: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}', action: 'hash', keywords: ['emp-'] }] }, SAMPLE_RECOGNIZERS);
    const r = redactText('badge EMP-123456 ok', p, { keys: A });
    expect(r.text).toMatch(/^badge \[EMPLOYEE_ID:[0-9a-f]{8}\] ok$/u);
    expect(r.findings).toStrictEqual([{ entity: 'EMPLOYEE_ID', recognizer: 'custom_employee_id', action: 'hash' }]);
  });

  it('the README recipe: a custom pattern reports bare Google API keys, which the shipped recognizer leaves alone', () => {
    const key = 'AIzaSyQ7m2Kd9vLx4Np8Rt1Wb6Yc3Hf5Jg0ZeTu';
    const shipped = compileRedactionPolicy({}, DEFAULT_RECOGNIZERS);
    expect(redactText(key, shipped, { keys: A }).text).toBe(key);
    const strict = compileRedactionPolicy({ custom: [{ name: 'GOOGLE_API_KEY', pattern: '\\bAIza[0-9A-Za-z_-]{35}\\b', kind: 'secret', keywords: ['aiza'] }] }, DEFAULT_RECOGNIZERS);
    expect(redactText(key, strict, { keys: A }).text).toBe('[GOOGLE_API_KEY]');
  });

  it('rejects, at load and all at once: patterns RE2 refuses, empty matches, bad names, unknown entity types, bad fields', () => {
    let err: unknown;
    try {
      compileRedactionPolicy({
        entities: { EMAIL_ADRESS: 'mask' },
        custom: [
          { name: 'LOOKBEHIND', pattern: '(?<=id:)\\d+' },
          { name: 'BACKREF', pattern: '(a)\\1' },
          { name: 'EMPTY', pattern: 'x*' },
          { name: 'lower_case', pattern: 'abc' },
        ],
      }, SAMPLE_RECOGNIZERS);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyError);
    const problems = (err as PolicyError).problems.join('\n');
    expect(problems).toContain('custom pattern "LOOKBEHIND": RE2 refuses the pattern');
    expect(problems).toContain('custom pattern "BACKREF": RE2 refuses the pattern');
    expect(problems).toContain('custom pattern "EMPTY": the pattern matches the empty string');
    expect(problems).toContain('custom pattern "lower_case": name must look like EMPLOYEE_ID');
    expect(problems).toContain('entities.EMAIL_ADRESS: no recognizer reports this entity type');
    expect(() => compileRedactionPolicy({ default: 'erase' }, SAMPLE_RECOGNIZERS)).toThrow(PolicyError);
    expect(() => compileRedactionPolicy({ minConfidence: 2 }, SAMPLE_RECOGNIZERS)).toThrow(/minConfidence/u);
    expect(() => compileRedactionPolicy({ nope: 1 }, SAMPLE_RECOGNIZERS)).toThrow(PolicyError);
  });

  it('minConfidence drops weak findings', () => {
    const p = compileRedactionPolicy({ minConfidence: 0.7 }, SAMPLE_RECOGNIZERS);
    expect(redactText('host 10.0.0.1', p, { keys: A }).text).toBe('host 10.0.0.1');
  });
});

describe('redactText', () => {
  const policy = compileRedactionPolicy({ entities: { EMAIL_ADDRESS: 'tokenize', CREDIT_CARD: 'partial', US_SSN: 'hash', PRIVATE_KEY: 'block' } }, SAMPLE_RECOGNIZERS);

  it('applies each entity type its action; reports findings without values', () => {
    const vault = new TokenVault({ tenant: 't', conversation: 'c' }, A, null, 60);
    const r = redactText('mail jane.doe@example.com, card 4111 1111 1111 1111, ssn 123-45-6789, ip 10.0.0.1', policy, { keys: A, vault });
    expect(r.text).toMatch(/^mail \[\[EMAIL_ADDRESS_[0-9a-f]{8}\]\], card \[CREDIT_CARD \*\*\*\*1111\], ssn \[US_SSN:[0-9a-f]{8}\], ip \[IP_ADDRESS\]$/u);
    expect(r.findings.map((f) => `${f.entity}:${f.action}`)).toStrictEqual(['EMAIL_ADDRESS:tokenize', 'CREDIT_CARD:partial', 'US_SSN:hash', 'IP_ADDRESS:mask']);
    expect(JSON.stringify(r.findings)).not.toContain('jane');
    expect(r.blocked).toBe(false);
    expect(vault.size).toBe(1);
  });

  it('without a vault, tokenize falls back to mask', () => {
    expect(redactText('jane.doe@example.com', policy, { keys: A }).text).toBe('[EMAIL_ADDRESS]');
  });

  it('block: flagged (the caller denies) and the value is masked anyway', () => {
    const r = redactText('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----', policy, { keys: A });
    expect(r.blocked).toBe(true);
    expect(r.text).toBe('[PRIVATE_KEY]');
  });

  it('no finding: the very same string comes back (callers compare by identity)', () => {
    const text = 'nothing to see here';
    expect(redactText(text, policy, { keys: A }).text).toBe(text);
  });
});

describe('redactJsonText (tool call arguments)', () => {
  const policy = compileRedactionPolicy({}, SAMPLE_RECOGNIZERS);

  it('redacts inside string values and keeps valid JSON', () => {
    const r = redactJsonText('{"to":"jane.doe@example.com","n":3,"nested":{"card":["4111 1111 1111 1111"]}}', policy, { keys: A });
    expect(JSON.parse(r.text)).toStrictEqual({ to: '[EMAIL_ADDRESS]', n: 3, nested: { card: ['[CREDIT_CARD]'] } });
  });

  it('sees escaped values decoded (a PEM key with \\n escapes inside a JSON string)', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    const r = redactJsonText(JSON.stringify({ key: pem }), policy, { keys: A });
    expect(JSON.parse(r.text)).toStrictEqual({ key: '[PRIVATE_KEY]' });
  });

  it('uses context across JSON syntax (a "password" key names the value after it)', () => {
    const r = redactJsonText('{"password": "s3cr3tP4ss!"}', policy, { keys: A });
    expect(r.text).not.toContain('s3cr3tP4ss');
    expect(JSON.parse(r.text)).toHaveProperty('password');
  });

  it('non-JSON text is redacted as plain text; unchanged JSON is returned as is', () => {
    expect(redactJsonText('call jane.doe@example.com', policy, { keys: A }).text).toBe('call [EMAIL_ADDRESS]');
    const same = '{ "a" : 1 }';
    expect(redactJsonText(same, policy, { keys: A }).text).toBe(same);
  });
});
