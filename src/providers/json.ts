// Defensive readers over untrusted provider JSON: adapters must never throw on a shape they do not know,
// they return null and the bytes pass through untouched.

export type JsonObject = Record<string, unknown>;

const DECODER = new TextDecoder('utf-8');
const ENCODER = new TextEncoder();

/** JSON.parse that returns undefined instead of throwing (`[DONE]`, truncated or non-JSON payloads). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Decodes a whole response body. Invalid UTF-8 becomes U+FFFD instead of failing: a body the guard
 * cannot read must not slip through unguarded just because one byte is broken.
 */
export function parseJsonBytes(body: Uint8Array): unknown {
  return parseJson(DECODER.decode(body));
}

export function encodeJson(value: unknown): Uint8Array {
  return ENCODER.encode(JSON.stringify(value));
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value if it is an array, else an empty one, so loops over optional arrays need no guards. */
export function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The object's own `index` field when it is a valid index (streamed items), else the array position. */
export function indexOf(item: JsonObject, position: number): number {
  const index = item['index'];
  return typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 ? index : position;
}

/** A non-negative integer field, or undefined. */
export function intField(obj: JsonObject, key: string): number | undefined {
  const value = obj[key];
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
