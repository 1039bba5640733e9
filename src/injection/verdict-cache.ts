// Bounded LRU of detection verdicts, so a repeated system prompt, a retried request or the same tool
// result in every turn of a conversation is scored once. Two keys per verdict:
//   - the raw text (with the trust level; SHA-256 of it when long): an exact repeat costs one Map
//     look-up (a hash for long texts) and no normalisation;
//   - SHA-256 of the normalised text: what the detector actually reads (the case-kept NFKC text, the
//     obfuscation signals and every decoded payload), so repeats that differ only in invisible ways
//     share a verdict.
// The normalised key deliberately includes more than the lower-cased view: two texts whose views match
// but whose base64 differs by case decode to different payloads and must not share a verdict.
import { hash } from 'node:crypto';
import { detectInjection, detectNormalized, type InjectionResult, type Trust } from './detector.js';
import { normalize, type NormalizedText } from './normalize.js';
import { LruMap } from '../util/lru.js';

/** Verdicts for one short raw text, per trust level. */
interface ExactVerdicts {
  user?: InjectionResult;
  untrusted?: InjectionResult;
}

export class VerdictCache {
  /** Hashed keys: normalised texts, and raw texts longer than RAW_TEXT_KEY_MAX. */
  private readonly entries: LruMap<InjectionResult>;
  /**
   * Raw texts up to RAW_TEXT_KEY_MAX, keyed by the text itself: V8 hashes a string once and compares
   * in place, while a key built per look-up (`${trust}:${text}`) is a new string to flatten (a copy)
   * and hash on every request. Bounded by `max` keys of its own.
   */
  private readonly exact: LruMap<ExactVerdicts>;

  constructor(max: number) {
    this.entries = new LruMap(max);
    this.exact = new LruMap(max);
  }

  get size(): number {
    return this.entries.size + this.exact.size;
  }

  get(key: string): InjectionResult | undefined {
    return this.entries.get(key);
  }

  set(key: string, result: InjectionResult): void {
    this.entries.set(key, result);
  }

  /** The verdict for a short raw text (at most RAW_TEXT_KEY_MAX units) at a trust level. */
  getExact(text: string, trust: Trust): InjectionResult | undefined {
    const hit = this.exact.peek(text)?.[trust];
    if (hit !== undefined) this.exact.get(text); // refresh recency
    return hit;
  }

  setExact(text: string, trust: Trust, result: InjectionResult): void {
    this.exact.set(text, { ...this.exact.peek(text), [trust]: result });
  }

  clear(): void {
    this.entries.clear();
    this.exact.clear();
  }
}

const SEP = '\u0000';

/** Key for an exact repeat of the raw text at the same trust level. */
export function rawKey(text: string, trust: Trust): string {
  // Computed for every text of every request, so as cheap as can be: a short text is its own key (the
  // Map hashes it natively; at most RAW_TEXT_KEY_MAX characters per entry, so 10,000 entries stay
  // under ~20 MB), a longer one a one-shot SHA-256. The prefixes keep the two kinds apart.
  if (text.length <= RAW_TEXT_KEY_MAX) return `t${SEP}${trust}${SEP}${text}`;
  return hash('sha256', `r${SEP}${trust}${SEP}${text}`, 'base64url');
}

/** Texts up to this many UTF-16 units are cache keys as they are (see rawKey). */
export const RAW_TEXT_KEY_MAX = 1024;

/** Key for the normalised text: everything the detector's verdict depends on. */
export function normalizedKey(norm: NormalizedText, trust: Trust): string {
  let material = `n${SEP}${trust}${SEP}${norm.plain}${SEP}${norm.signals.join(',')}`;
  for (const p of norm.payloads) material += `${SEP}${p.kind}${SEP}${p.plain}`;
  return hash('sha256', material, 'base64url');
}

export function cachedDetect(cache: VerdictCache, text: string, trust: Trust): InjectionResult {
  const short = text.length <= RAW_TEXT_KEY_MAX;
  const raw = short ? '' : rawKey(text, trust);
  const exact = short ? cache.getExact(text, trust) : cache.get(raw);
  if (exact) return exact;
  let norm: NormalizedText;
  try {
    norm = normalize(text);
  } catch {
    return detectInjection(text, trust); // never expected; detectInjection fails closed
  }
  const key = normalizedKey(norm, trust);
  let result = cache.get(key);
  if (!result) {
    result = detectNormalized(norm, trust);
    cache.set(key, result);
  }
  if (short) cache.setExact(text, trust, result);
  else cache.set(raw, result);
  return result;
}
