// The one door to regular expressions: RE2 runs in linear time, so no input can cause ReDoS.
// Patterns RE2 refuses (backreferences, lookaround) throw here, at config load, never per request.
import RE2 from 're2';

export type Regex = InstanceType<typeof RE2>;

export function re2(pattern: string, flags = ''): Regex {
  return new RE2(pattern, flags);
}

/** Compiles a pattern supplied by configuration; returns a readable reason instead of throwing. */
export function tryRe2(pattern: string, flags = ''): { ok: true; re: Regex } | { ok: false; reason: string } {
  try {
    return { ok: true, re: new RE2(pattern, flags) };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

export function escapeRe2(literal: string): string {
  // Escapes every RE2 metacharacter so a literal phrase matches only itself.
  let out = '';
  for (const ch of literal) out += '\\^$.|?*+()[]{}'.includes(ch) ? `\\${ch}` : ch;
  return out;
}
