// The secret set as a whole: well-formed recognizers, RE2-compilable patterns, and an end-to-end
// scan of a mixed document where every planted secret is found and nothing else is.
import { describe, expect, it } from 'vitest';
import { createScanner } from '../../scanner.js';
import { SECRET_RECOGNIZERS } from './index.js';
import { PEM_MAX_LENGTH } from './keys.js';
import { ALNUM, HEX, githubToken, jwt, pemBlock, prng, rand } from './testing/tokens.js';

describe('SECRET_RECOGNIZERS', () => {
  it('has at least 100 provider formats with unique ids', () => {
    const ids = SECRET_RECOGNIZERS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(100);
    expect(new Set(SECRET_RECOGNIZERS.map((r) => r.entity)).size).toBeGreaterThanOrEqual(100);
  });

  it.each(SECRET_RECOGNIZERS.map((r) => [r.id, r] as const))('%s is well formed', (_id, r) => {
    expect(r.kind).toBe('secret');
    expect(r.entity).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.maxLength).toBeGreaterThan(0);
    // The PEM block bound is the largest hold-back the streaming redactor needs for secrets.
    expect(r.maxLength).toBeLessThanOrEqual(PEM_MAX_LENGTH);
    for (const k of r.keywords ?? []) expect(k).toBe(k.toLowerCase());
    // Open-ended repetitions ({n,}) are capped by maxLength through the factory's validator.
    expect(r.validate?.('x'.repeat(r.maxLength + 1))).toBe(false);
  });

  it('compiles every pattern with RE2 (no lookaround, no backreferences)', () => {
    expect(() => createScanner(SECRET_RECOGNIZERS)).not.toThrow();
  });
});

describe('end to end', () => {
  const next = prng(1212);
  const planted = {
    github: githubToken('ghp', 3),
    aws: `AKIA${rand('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, next)}`,
    stripe: `sk_live_${rand(ALNUM, 24, next)}`,
    slack: `xoxb-${rand('0123456789', 12, next)}-${rand('0123456789', 12, next)}-${rand(ALNUM, 24, next)}`,
    jwt: jwt(),
    password: 'Wx7!pLm2#qRt',
    db: 'Zr8-kd72Lq',
    pem: pemBlock('OPENSSH PRIVATE KEY', 5),
    hexSecret: rand(HEX, 40, next),
  };
  const document = [
    '# Deploy notes',
    'Ask the on-call engineer before rotating anything. The release is tagged v2.3.1 on 2024-06-01.',
    `export GITHUB_TOKEN=${planted.github}`,
    `aws_access_key_id = ${planted.aws}`,
    `stripe.api_key = "${planted.stripe}"`,
    `SLACK_BOT_TOKEN: ${planted.slack}`,
    `curl -H "Authorization: Bearer ${planted.jwt}" https://api.example.org/v1/me`,
    `db_password: ${planted.password}`,
    `DATABASE_URL=postgres://app:${planted.db}@db.internal:5432/app`,
    'Deploy key:',
    planted.pem,
    `LEGACY_SIGNING_SECRET="${planted.hexSecret}"`,
    'Build 4f9c2e1 passed; see https://ci.example.org/builds/4242 for logs.',
  ].join('\n');

  it('finds every planted secret, each as one finding, and nothing in the prose', () => {
    const findings = createScanner(SECRET_RECOGNIZERS).scan(document);
    const values = findings.map((f) => document.slice(f.start, f.end));
    for (const [name, secret] of Object.entries(planted)) {
      expect(values.some((v) => v === secret || (v.includes(secret) && v.length < secret.length + 20)), name).toBe(true);
    }
    expect(findings).toHaveLength(Object.keys(planted).length);
    // Findings are ordered and do not overlap.
    for (let i = 1; i < findings.length; i++) expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
  });

  it('plain prose, code and logs produce no findings', () => {
    const text = [
      'The password policy requires 12 characters; rotate your token every 90 days.',
      'const tokenizer = new Tokenizer({ maxTokens: 2048 }); // secret sauce',
      'INFO 2024-06-01T10:00:00Z request_id=7f1c2a9e-5b3d-4c1e-9a8f-2d4e6f8a0b1c status=200',
      'sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'See https://docs.example.org/api-keys for how to create an API key.',
      '{"usage": {"prompt_tokens": 57, "completion_tokens": 17, "total_tokens": 74}}',
    ].join('\n');
    expect(createScanner(SECRET_RECOGNIZERS).scan(text)).toEqual([]);
  });
});
