// PII and secret redaction as a guard. Request side: every text of the normalised request (system
// prompts, message parts, tool results, tool call arguments) is redacted per the tenant's policy and
// the body edited by JSON path; a `block` finding denies the request. Reply side: a response filter
// (redact/filter.ts) redacts generated text, streamed or not, and restores this conversation's tokens.
//
// Per request state (tenant, conversation, token vault) lives in a WeakMap keyed by the request
// context, so nothing outlives the request but the token store's TTL-bound mappings.
import { hash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { HeaderView } from '../extproc/headers.js';
import type { LlmRequest } from '../llm/model.js';
import { RequestSlot, type RequestContext } from '../pipeline/context.js';
import type { Guard, GuardMode, ResponseTextFilter } from '../pipeline/guard.js';
import { CONTINUE, deny, type TextEdit, type Verdict } from '../pipeline/verdict.js';
import { deriveTenantKeys, type TenantKeys } from '../redact/actions.js';
import { ScanBudgetExceeded } from '../redact/errors.js';
import { redactionFilter } from '../redact/filter.js';
import { redactionPolicySchema, type CompiledPolicy } from '../redact/policy.js';
import { redactJsonText, redactText, type RedactedFinding, type RedactionContext, type RedactResult } from '../redact/redact-text.js';
import { TokenVault, type TokenScope, type TokenStore } from '../redact/token-store.js';
import { LruTagSet } from '../util/lru.js';
import type { MaybePromise } from '../util/maybe-promise.js';

/**
 * A suggested config block for this guard (the config layer owns the final shape). Policies are
 * compiled with compileRedactionPolicy(policy, DEFAULT_RECOGNIZERS) at load, one per tenant entry.
 */
export const redactionGuardConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  mode: z.enum(['enforce', 'shadow']).default('enforce'),
  /** The default policy; `tenants` override it per tenant (a whole policy each, not a merge). */
  policy: redactionPolicySchema.prefault({}),
  tenants: z.record(z.string().min(1).max(128), redactionPolicySchema).default({}),
  tokenStore: z.strictObject({
    kind: z.enum(['memory', 'redis']).default('memory'),
    /** Memory store bound (entries over all tenants). */
    maxEntries: z.number().int().min(1).max(10_000_000).default(100_000),
    failMode: z.enum(['open', 'closed']).default('closed'),
  }).prefault({}),
  /** Name of the environment variable holding the HMAC service secret (never the secret itself). */
  secretEnv: z.string().default('GUARD_REDACTION_SECRET'),
  /**
   * Time the scans of one request's texts (together), of one non-streamed reply, or of one streaming
   * window may take; past it the request fails closed with guard_timeout (a stream stops with an SSE
   * error event). Prose scans at ~80 MB/s, but random-looking tokens
   * (keys, hashes, base64) at 0.3-2 MB/s, and the guard serves no other stream while it scans. Keep it
   * well inside Envoy's message_timeout (1 s in envoy/envoy.yaml): a scan stops at most one recognizer
   * pass late (~0.25 s for a megabyte of random tokens).
   */
  scanBudgetMs: z.number().int().min(1).max(60_000).default(500),
});

export interface RedactionGuardOptions {
  readonly mode: GuardMode;
  /** The policy for a tenant (a default one for tenants without their own). Compiled at config load. */
  readonly policyFor: (tenant: string) => CompiledPolicy;
  /** Service secret the per-tenant HMAC keys (hash, tokenize) are derived from. Never logged. */
  readonly secret: string | Buffer;
  /** Where token mappings live; null: tokens are restored only within the same request's reply. */
  readonly store: TokenStore | null;
  /** When saving tokens fails: 'closed' denies the request (guard_unavailable), 'open' lets it pass. */
  readonly storeFailMode: 'open' | 'closed';
  /** Tenant and conversation of a request; default: `x-llm-guard-tenant` / `x-llm-guard-conversation` headers. */
  readonly scopeOf?: (ctx: RequestContext, headers: HeaderView) => TokenScope;
  /** Counts findings (entity, action; never values), e.g. into a metric. */
  readonly onFinding?: (side: 'request' | 'response', f: RedactedFinding) => void;
  /** See redactionGuardConfigSchema.scanBudgetMs; none: no limit. */
  readonly scanBudgetMs?: number;
}

interface RequestState {
  readonly scope: TokenScope;
  readonly policy: CompiledPolicy;
  readonly ctx: RedactionContext;
}

const TENANT_HEADER = 'x-llm-guard-tenant';
const CONVERSATION_HEADER = 'x-llm-guard-conversation';
const MAX_CACHED_TENANTS = 10_000;
/** Clean request texts remembered, over all policies: at most ~2 KB per key (see CLEAN_TEXT_KEY_MAX), ~20 MB. */
const CLEAN_TEXTS = 10_000;
/** Texts up to this many UTF-16 units are keys as they are; longer ones are hashed. */
const CLEAN_TEXT_KEY_MAX = 1024;

function defaultScope(ctx: RequestContext, headers: HeaderView): TokenScope {
  return {
    tenant: headers.get(TENANT_HEADER) ?? 'default',
    // Without a conversation id, tokens live for this request (its reply still gets the values back).
    conversation: headers.get(CONVERSATION_HEADER) ?? `request:${ctx.requestId}`,
  };
}

export class RedactionGuard implements Guard {
  readonly name = 'redaction';
  readonly mode: GuardMode;
  private readonly states = new RequestSlot<RequestState>();
  private readonly keys = new Map<string, TenantKeys>();
  /**
   * Request texts that had no findings, per compiled policy. A chat client resends the whole
   * conversation with every turn, so without this each request rescans all earlier turns (and the
   * system prompt): with it, only the new turn is scanned. Only clean results are kept, so no value,
   * token or finding is ever cached. One bound over all policies.
   */
  private readonly clean = new LruTagSet(CLEAN_TEXTS);
  private readonly policyIds = new WeakMap<CompiledPolicy, number>();
  private nextPolicyId = 0;

  constructor(private readonly opts: RedactionGuardOptions) {
    this.mode = opts.mode;
  }

  checkRequestHeaders(ctx: RequestContext, headers: HeaderView): Verdict {
    this.states.set(ctx, this.stateFor(ctx, (this.opts.scopeOf ?? defaultScope)(ctx, headers)));
    return CONTINUE;
  }

  /** Synchronous unless token mappings must be saved to the store. */
  checkRequest(ctx: RequestContext, request: LlmRequest): MaybePromise<Verdict> {
    const state = this.state(ctx);
    const edits: TextEdit[] = [];
    const blocked = new Set<string>();
    const counts = new Map<string, number>();
    const take = (path: TextEdit['path'], original: string, r: RedactResult): void => {
      for (const f of r.findings) {
        this.opts.onFinding?.('request', f);
        const key = `${f.entity}:${f.action}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (f.action === 'block') blocked.add(f.entity);
      }
      if (r.text !== original) edits.push({ path, text: r.text });
    };
    const policyId = this.policyId(state.policy);
    // A text already found clean under this policy is clean again: its result depends on nothing else.
    const redact = (kind: 't' | 'j', text: string, run: () => RedactResult): RedactResult => {
      // Short texts are their own key (hashed once by V8, compared in place), longer ones a SHA-256.
      // The tag says which policy, which kind of text, and which kind of key: a short text that spells
      // a long text's digest must not find that text's entry.
      const long = text.length > CLEAN_TEXT_KEY_MAX;
      const key = long ? hash('sha256', text, 'base64url') : text;
      const tag = (policyId << 2) | (kind === 'j' ? 2 : 0) | (long ? 1 : 0);
      if (this.clean.has(key, tag)) return { text, findings: [], blocked: false };
      const result = run();
      if (result.findings.length === 0) this.clean.add(key, tag);
      return result;
    };
    const budget = this.opts.scanBudgetMs;
    const rctx: RedactionContext = budget === undefined ? state.ctx : { ...state.ctx, deadline: performance.now() + budget };
    try {
      for (const message of request.messages) {
        for (const part of message.parts) take(part.path, part.text, redact('t', part.text, () => redactText(part.text, state.policy, rctx)));
        for (const call of message.toolCalls) {
          const args = call.arguments.text;
          take(call.arguments.path, args, redact('j', args, () => redactJsonText(args, state.policy, rctx)));
        }
      }
    } catch (err) {
      if (!(err instanceof ScanBudgetExceeded)) throw err;
      ctx.log.warn({ guard: this.name, budgetMs: budget }, 'redaction scan budget exceeded; failing closed');
      return deny('guard_timeout', 'redaction: scan budget exceeded');
    }
    if (counts.size > 0) ctx.log.info({ guard: this.name, findings: Object.fromEntries(counts) }, 'redaction findings in request');
    if (blocked.size > 0) return deny('content_policy_violation', `redaction: ${[...blocked].sort().join(',')}`);
    if (this.mode === 'shadow') return CONTINUE; // count and log only, change nothing
    const verdict: Verdict = edits.length > 0 ? { action: 'continue', edits } : CONTINUE;
    const vault = state.ctx.vault;
    if (!vault) return verdict; // no tokenize action in this policy: nothing to save
    return vault.save().then(() => verdict, () => {
      ctx.log.warn({ guard: this.name }, 'token store write failed');
      return this.opts.storeFailMode === 'closed' ? deny('guard_unavailable', 'redaction: token store unavailable') : verdict;
    });
  }

  responseTextFilter(ctx: RequestContext): ResponseTextFilter | undefined {
    if (this.mode === 'shadow') return undefined;
    const state = this.state(ctx);
    const onFinding = this.opts.onFinding;
    return redactionFilter(state.policy, state.ctx, onFinding ? { onFinding: (f) => onFinding('response', f) } : {}, this.opts.scanBudgetMs);
  }

  private state(ctx: RequestContext): RequestState {
    let state = this.states.get(ctx);
    if (!state) {
      // No header phase seen (e.g. a test calling checkRequest directly): default tenant, this request.
      state = this.stateFor(ctx, { tenant: 'default', conversation: `request:${ctx.requestId}` });
      this.states.set(ctx, state);
    }
    return state;
  }

  private stateFor(_ctx: RequestContext, scope: TokenScope): RequestState {
    const policy = this.opts.policyFor(scope.tenant);
    const keys = this.tenantKeys(scope.tenant);
    const vault = policy.usesTokenize ? new TokenVault(scope, keys, this.opts.store, policy.tokenTtlSeconds) : undefined;
    return { scope, policy, ctx: vault ? { keys, vault } : { keys } };
  }

  /** A small number per compiled policy, for the keys of `clean`. */
  private policyId(policy: CompiledPolicy): number {
    let id = this.policyIds.get(policy);
    if (id === undefined) {
      id = this.nextPolicyId++;
      this.policyIds.set(policy, id);
    }
    return id;
  }

  private tenantKeys(tenant: string): TenantKeys {
    let keys = this.keys.get(tenant);
    if (!keys) {
      keys = deriveTenantKeys(this.opts.secret, tenant);
      if (this.keys.size >= MAX_CACHED_TENANTS) this.keys.delete(this.keys.keys().next().value as string);
      this.keys.set(tenant, keys);
    }
    return keys;
  }
}
