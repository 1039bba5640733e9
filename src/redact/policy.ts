// A redaction policy: what happens to each entity type, compiled once (at config load, per tenant).
//
//   entities:       { EMAIL_ADDRESS: tokenize, CREDIT_CARD: partial, PRIVATE_KEY: block, IP_ADDRESS: allow }
//   default:        mask            # every other entity type the recognizers report
//   minConfidence:  0.5             # findings below this are ignored
//   tokenTtlSeconds: 86400          # how long token -> value mappings live
//   custom:                         # per-tenant patterns, RE2 syntax, compiled and checked here
//     - { name: EMPLOYEE_ID, pattern: 'EMP-\d{6}', action: hash, keywords: ['emp-'] }
//
// Every problem is reported at once (PolicyError.problems), at load, never per request: an unknown
// entity name (a typo would silently disable a rule), a pattern RE2 refuses (backreferences,
// lookaround...), a pattern that matches the empty string.
import { z } from 'zod';
import { tryRe2 } from '../util/re2.js';
import { ACTIONS, isEntityName, TOKEN_MAX_LENGTH, TOKEN_PATTERN, type ActionName } from './actions.js';
import { PolicyError } from './errors.js';
import { createScanner, type Scanner } from './scanner.js';
import type { Recognizer } from './types.js';

const action = z.enum(ACTIONS);

const customPatternSchema = z.strictObject({
  /** Entity type reported and used in placeholders, e.g. EMPLOYEE_ID. */
  name: z.string().min(1).max(64),
  pattern: z.string().min(1).max(4096),
  /** Defaults to `entities[name]`, then to the policy default. */
  action: action.optional(),
  caseInsensitive: z.boolean().default(false),
  /** Capture group holding the value (0: the whole match). */
  group: z.number().int().min(0).max(32).default(0),
  /** Longest value, in characters: how much a streamed reply may hold back for this pattern. */
  maxLength: z.number().int().min(1).max(8192).default(256),
  confidence: z.number().min(0).max(1).default(0.9),
  /** Lower-case literals of which one must appear in (or just before) a match: a cheap prefilter. */
  keywords: z.array(z.string().min(1).max(64)).max(64).optional(),
  kind: z.enum(['pii', 'secret']).default('pii'),
});

export const redactionPolicySchema = z.strictObject({
  entities: z.record(z.string(), action).default({}),
  default: action.default('mask'),
  minConfidence: z.number().min(0).max(1).default(0),
  tokenTtlSeconds: z.number().int().min(1).max(30 * 24 * 3600).default(24 * 3600),
  custom: z.array(customPatternSchema).max(1000).default([]),
});

export type RawRedactionPolicy = z.input<typeof redactionPolicySchema>;

/** Recognizer id of the detokenizer's own pattern (replies only). */
export const TOKEN_RECOGNIZER_ID = 'guard_token';

const TOKEN_RECOGNIZER: Recognizer = {
  id: TOKEN_RECOGNIZER_ID, entity: 'TOKEN', kind: 'pii', pattern: TOKEN_PATTERN, maxLength: TOKEN_MAX_LENGTH,
  // Highest confidence: where a token overlaps something else, the token wins and gets restored.
  confidence: 1, keywords: ['[['],
};

export interface CompiledPolicy {
  /** Request side: every recognizer whose entity is not allowed. */
  readonly scanner: Scanner;
  /** Reply side: with tokenize, the same plus the token pattern, so tokens are restored in one pass. */
  readonly responseScanner: Scanner;
  readonly minConfidence: number;
  readonly tokenTtlSeconds: number;
  /** Entity types some recognizer or custom pattern reports. */
  readonly entities: readonly string[];
  readonly usesTokenize: boolean;
  actionFor(entity: string): ActionName;
}

function customRecognizer(c: z.output<typeof customPatternSchema>, problems: string[]): Recognizer | null {
  const where = `custom pattern ${JSON.stringify(c.name)}`;
  if (!isEntityName(c.name)) problems.push(`${where}: name must look like EMPLOYEE_ID (A-Z, 0-9, _; starting with a letter)`);
  const compiled = tryRe2(c.pattern, c.caseInsensitive ? 'iu' : 'u');
  if (!compiled.ok) {
    problems.push(`${where}: RE2 refuses the pattern (${compiled.reason}); RE2 has no backreferences or lookaround`);
    return null;
  }
  if (compiled.re.test('')) problems.push(`${where}: the pattern matches the empty string`);
  return {
    id: `custom_${c.name.toLowerCase()}`, entity: c.name, kind: c.kind, pattern: c.pattern, caseInsensitive: c.caseInsensitive,
    group: c.group, maxLength: c.maxLength, confidence: c.confidence,
    ...(c.keywords ? { keywords: c.keywords.map((k) => k.toLowerCase()) } : {}),
  };
}

/** Validates and compiles a policy against a recognizer set; throws PolicyError listing every problem. */
export function compileRedactionPolicy(raw: unknown, recognizers: readonly Recognizer[]): CompiledPolicy {
  const parsed = redactionPolicySchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new PolicyError(parsed.error.issues.map((i) => `${i.path.join('.') || '(policy)'}: ${i.message}`));
  }
  const p = parsed.data;
  const problems: string[] = [];
  const custom = p.custom.map((c) => customRecognizer(c, problems)).filter((r): r is Recognizer => r !== null);
  const all = [...recognizers, ...custom];
  const known = new Set(all.map((r) => r.entity));
  for (const name of Object.keys(p.entities)) {
    if (!known.has(name)) problems.push(`entities.${name}: no recognizer reports this entity type (known: ${[...known].sort().join(', ') || 'none'})`);
  }
  const actions = new Map<string, ActionName>(Object.entries(p.entities));
  for (const c of p.custom) if (c.action && !actions.has(c.name)) actions.set(c.name, c.action);
  if (problems.length > 0) throw new PolicyError(problems);

  const actionFor = (entity: string): ActionName => actions.get(entity) ?? p.default;
  const active = all.filter((r) => actionFor(r.entity) !== 'allow');
  // Redaction removes whatever any recognizer flagged; overlaps only decide the label.
  const options = { minConfidence: p.minConfidence, overlaps: 'clip' as const };
  const usesTokenize = [...known].some((e) => actionFor(e) === 'tokenize');
  let scanner: Scanner;
  let responseScanner: Scanner;
  try {
    scanner = createScanner(active, options);
    // Only a policy that tokenizes has tokens to restore in replies.
    responseScanner = usesTokenize ? createScanner([TOKEN_RECOGNIZER, ...active], options) : scanner;
  } catch (err) {
    throw new PolicyError([`recognizers do not compile: ${err instanceof Error ? err.message : String(err)}`]);
  }
  return {
    scanner, responseScanner, actionFor, usesTokenize,
    minConfidence: p.minConfidence,
    tokenTtlSeconds: p.tokenTtlSeconds,
    entities: [...known].sort(),
  };
}
