// Test-only helpers: run the PII set end to end through the scanner and read back the values.
import { createScanner } from '../../../scanner.js';
import { PII_RECOGNIZERS } from '../index.js';

const scanner = createScanner(PII_RECOGNIZERS);

export interface Found { readonly entity: string; readonly recognizer: string; readonly value: string }

export function scanPii(text: string): Found[] {
  return scanner.scan(text).map((f) => ({ entity: f.entity, recognizer: f.recognizer, value: text.slice(f.start, f.end) }));
}

/** Values reported as `entity` in `text`, left to right. */
export function valuesOf(text: string, entity: string): string[] {
  return scanPii(text).filter((f) => f.entity === entity).map((f) => f.value);
}
