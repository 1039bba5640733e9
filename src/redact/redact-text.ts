// Redaction of complete texts: every text of a request (message parts, system prompts, tool call
// arguments, tool results) and of a non-streamed reply. Synchronous: tokenize records its mappings in
// the request's TokenVault, which the caller saves once per request (vault.save()), so the only I/O is
// one store write per request that tokenized something.
import { hashText, maskText, partialText, type ActionName, type TenantKeys } from './actions.js';
import type { CompiledPolicy } from './policy.js';
import type { TokenVault } from './token-store.js';
import type { Finding } from './types.js';

export interface RedactionContext {
  readonly keys: TenantKeys;
  /** Needed by tokenize; without one, tokenize falls back to mask. */
  readonly vault?: TokenVault;
  /**
   * performance.now() milliseconds after which a scan throws ScanBudgetExceeded (errors.ts): one
   * deadline for every text of a request. None: no limit.
   */
  readonly deadline?: number;
}

/** What was found and done; never the value. */
export interface RedactedFinding {
  readonly entity: string;
  readonly recognizer: string;
  readonly action: ActionName;
}

export interface RedactResult {
  readonly text: string;
  readonly findings: readonly RedactedFinding[];
  /** A finding's action is block: the caller denies the request (the text is redacted anyway). */
  readonly blocked: boolean;
}

/**
 * The text that replaces a value on the request side, or null to keep it (allow). Block also masks:
 * the request is denied, but a caller that logs or forwards the text never sees the value.
 */
export function requestReplacement(action: ActionName, entity: string, value: string, ctx: RedactionContext): string | null {
  switch (action) {
    case 'allow': return null;
    case 'mask':
    case 'block': return maskText(entity);
    case 'partial': return partialText(entity, value);
    case 'hash': return hashText(entity, value, ctx.keys);
    case 'tokenize': return ctx.vault?.tokenize(entity, value) ?? maskText(entity);
  }
}

function apply(text: string, findings: readonly Finding[], policy: CompiledPolicy, ctx: RedactionContext): RedactResult {
  if (findings.length === 0) return { text, findings: [], blocked: false };
  let out = '';
  let pos = 0;
  let blocked = false;
  const done: RedactedFinding[] = [];
  for (const f of findings) {
    const action = policy.actionFor(f.entity);
    const rep = requestReplacement(action, f.entity, text.slice(f.start, f.end), ctx);
    done.push({ entity: f.entity, recognizer: f.recognizer, action });
    if (action === 'block') blocked = true;
    if (rep === null) continue;
    out += text.slice(pos, f.start) + rep;
    pos = f.end;
  }
  return { text: pos === 0 ? text : out + text.slice(pos), findings: done, blocked };
}

export function redactText(text: string, policy: CompiledPolicy, ctx: RedactionContext): RedactResult {
  if (text.length === 0) return { text, findings: [], blocked: false };
  return apply(text, policy.scanner.scan(text, ctx.deadline), policy, ctx);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A JSON text (tool call arguments, a serialised tool input). Scanned twice: as raw text, so a value's
 * context across JSON syntax still counts (`"password": "..."`), then string by string after decoding,
 * so escaped values are seen as they are (a PEM key's `\n`). When a raw-text replacement would break the
 * JSON (a finding spanning quotes), only the decoded pass applies. Non-JSON text is plain text.
 */
export function redactJsonText(text: string, policy: CompiledPolicy, ctx: RedactionContext): RedactResult {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    return redactText(text, policy, ctx);
  }
  if (typeof parsed !== 'object' || parsed === null) return redactText(text, policy, ctx);
  const raw = redactText(text, policy, ctx);
  let base: Json = parsed;
  if (raw.text !== text) {
    try { base = JSON.parse(raw.text) as Json; } catch { base = parsed; }
  }
  const found: RedactedFinding[] = base === parsed ? [] : [...raw.findings];
  let blocked = raw.blocked;
  let changed = base !== parsed;
  const walk = (v: Json): Json => {
    if (typeof v === 'string') {
      const r = redactText(v, policy, ctx);
      if (r.findings.length === 0) return v;
      found.push(...r.findings);
      blocked ||= r.blocked;
      if (r.text !== v) changed = true;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const o: { [key: string]: Json } = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x);
      return o;
    }
    return v;
  };
  const result = walk(base);
  // A block found only by the raw pass still blocks, even when its replacement could not be applied.
  return { text: changed ? JSON.stringify(result) : text, findings: found.length > 0 ? found : raw.findings, blocked };
}
