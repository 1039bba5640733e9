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

export class VerdictCache {
  private readonly entries = new Map<string, InjectionResult>();

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`VerdictCache size must be a positive integer, got ${max}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): InjectionResult | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    // Refresh recency: a Map iterates in insertion order, so the first key is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, result: InjectionResult): void {
    if (this.entries.has(key)) this.entries.delete(key);
    else if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, result);
  }

  clear(): void {
    this.entries.clear();
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
  const raw = rawKey(text, trust);
  const exact = cache.get(raw);
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
  cache.set(raw, result);
  return result;
}
