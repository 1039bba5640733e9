// What a finding becomes, per entity type. Every replacement is typed (the entity name is in it), so a
// model still knows "an email was here" and can write around it.
//
//   mask      [EMAIL_ADDRESS]
//   partial   [CREDIT_CARD ****1111]   the last 4 letters/digits of the value, separators ignored; values
//                                      with fewer than 8 of them are masked instead (4 of 7 reveals too much)
//   hash      [EMAIL_ADDRESS:3f9a1c2b] HMAC-SHA256 keyed per tenant over (entity, exact value), first 32
//                                      bits: stable within a tenant, unlinkable across tenants
//   tokenize  [[EMAIL_ADDRESS_7f3a9c21]] reversible: HMAC keyed per tenant over (conversation, entity,
//                                      value); the token -> value mapping is kept (token-store.ts) and
//                                      replies get the value back
//   block     the request is denied; a streamed reply is stopped
//   allow     left as is (the recognizer does not even run)
import { createHmac } from 'node:crypto';

export const ACTIONS = ['mask', 'partial', 'hash', 'tokenize', 'block', 'allow'] as const;
export type ActionName = (typeof ACTIONS)[number];

/** Entity names appear in placeholders and tokens, so they are restricted to this shape. */
export const ENTITY_NAME = '[A-Z][A-Z0-9_]{0,63}';

export function isEntityName(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    if (!(upper || (i > 0 && ((c >= 48 && c <= 57) || c === 95)))) return false;
  }
  return true;
}

/** Keys of one tenant, derived from the service secret: a leaked tenant key says nothing of another's. */
export interface TenantKeys {
  readonly hash: Buffer;
  readonly token: Buffer;
}

export function deriveTenantKeys(secret: string | Buffer, tenant: string): TenantKeys {
  const derive = (purpose: string): Buffer => createHmac('sha256', secret).update(`envoy-llm-guard/${purpose}/v1\u0000${tenant}`).digest();
  return { hash: derive('hash'), token: derive('token') };
}

function hmacHex8(key: Buffer, ...parts: string[]): string {
  return createHmac('sha256', key).update(parts.join('\u0000')).digest('hex').slice(0, 8);
}

export function maskText(entity: string): string {
  return `[${entity}]`;
}

const PARTIAL_KEEP = 4;
const PARTIAL_MIN = 8;

export function partialText(entity: string, value: string): string {
  let kept = '';
  let count = 0;
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!alnum) continue;
    count += 1;
    kept = (kept + ch).slice(-PARTIAL_KEEP);
  }
  return count < PARTIAL_MIN ? maskText(entity) : `[${entity} ****${kept}]`;
}

export function hashText(entity: string, value: string, keys: TenantKeys): string {
  return `[${entity}:${hmacHex8(keys.hash, entity, value)}]`;
}

export const TOKEN_OPEN = '[[';
export const TOKEN_CLOSE = ']]';
/** A token: `[[ENTITY_xxxxxxxx]]`. The pattern the detokenizer looks for (RE2 source). */
export const TOKEN_PATTERN = `\\[\\[${ENTITY_NAME}_[0-9a-f]{8}\\]\\]`;
export const TOKEN_MAX_LENGTH = TOKEN_OPEN.length + 64 + 1 + 8 + TOKEN_CLOSE.length;

/**
 * The same value gets the same token for the whole conversation (across requests), so the model sees
 * one consistent name. 32 bits: two values of one conversation colliding is a 1 in 4e9 event per pair;
 * the vault then masks the second value instead of mapping one token to two values.
 */
export function tokenFor(entity: string, value: string, conversation: string, keys: TenantKeys): string {
  return `${TOKEN_OPEN}${entity}_${hmacHex8(keys.token, conversation, entity, value)}${TOKEN_CLOSE}`;
}

/** The entity name inside a token, for metrics and logs. */
export function tokenEntity(token: string): string {
  return token.slice(TOKEN_OPEN.length, token.length - TOKEN_CLOSE.length - 9);
}
