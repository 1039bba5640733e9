// Recognizers find sensitive values in text; the scanner runs them all and resolves overlaps.
// A recognizer is data plus an optional validator, compiled once (RE2) at startup or config load.

export type RecognizerKind = 'pii' | 'secret';

export interface Recognizer {
  /** Unique id, e.g. 'github_pat_classic'. Appears in metrics and logs (never the value). */
  readonly id: string;
  /** Entity type reported and used for placeholders and per-type actions, e.g. 'EMAIL_ADDRESS'. */
  readonly entity: string;
  readonly kind: RecognizerKind;
  /** RE2 source. Compiled with flags 'gu' (plus 'i' when caseInsensitive). No lookaround, no backrefs. */
  readonly pattern: string;
  readonly caseInsensitive?: boolean;
  /** Capture group that holds the value (default 0: the whole match). */
  readonly group?: number;
  /** Upper bound on the length of a value, in UTF-16 code units: the streaming redactor's hold-back. */
  readonly maxLength: number;
  /** Base confidence in [0,1]. */
  readonly confidence: number;
  /** Checksum or structural validation of the value; false rejects the match. */
  readonly validate?: (value: string) => boolean;
  /** Words that raise confidence when they appear within `contextWindow` chars before the value (or `contextAfter` after it). */
  readonly context?: readonly string[];
  /** Report only when a context word is near (for formats that are ambiguous alone). */
  readonly requireContext?: boolean;
  /** Characters before the value searched for context words (default 48). */
  readonly contextWindow?: number;
  /**
   * Characters after the value searched for context words too (default 0: before only), for formats
   * named after the value (`AIza... # Google API key`). A stream holds such a match back until this
   * much text follows it (or the stream ends), so the decision is the one a whole-text scan makes.
   */
  readonly contextAfter?: number;
  /**
   * Cheap prefilter: lower-case literals of which at least one must occur in the text for this
   * recognizer to run at all (e.g. 'ghp_', 'akia'). Omit when no literal is required.
   */
  readonly keywords?: readonly string[];
  /**
   * RE2 source (same flags as `pattern`) that matches inside every match that can pass `validate`.
   * Where it does not match, the scanner skips this recognizer (its matches there would all fail
   * validation): for patterns that match ordinary text often, e.g. IPv6 and timestamps. A faster
   * scan only; what is found is decided by `pattern` and `validate`, so a gate must never be narrower.
   */
  readonly gate?: string;
  /**
   * The matches of `pattern`, found by hand-written code instead of RE2, for a recognizer that matches
   * so often (IPv4 in logs) that RE2's cost per match dominates. Exact, never a prefilter: appends
   * [start, end) of every match in the UTF-8 bytes `text` that starts at `from` or later, as RE2's
   * global exec from lastIndex `from` finds them (the bytes before `from` are context). Whole matches
   * only (no `group`). `pattern` still decides where the scanner looks, and what a stream holds back.
   */
  readonly find?: (text: Uint8Array, from: number, out: number[]) => void;
}

export interface Finding {
  readonly entity: string;
  readonly recognizer: string;
  readonly kind: RecognizerKind;
  /** [start, end) in UTF-16 code units of the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}
