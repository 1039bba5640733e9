// Applies guard rewrites (redactions) to a parsed request body by JSON path and re-serialises it. The
// parsed body is not mutated: containers along each edited path are copied on first touch, so the
// original stays available (for audit, or to retry with other edits) and unedited subtrees are shared.
//
// Re-serialising goes through JSON.stringify, so number literals take their JavaScript form (1.0 -> 1,
// integers beyond 2^53 lose precision). That is why callers should forward the original bytes when no
// guard changed anything, and only call this when there are edits.
import type { JsonPath } from './model.js';
import { describePath, isRecord } from './shape.js';

/** An edit that cannot be applied: the path does not address text, or replacement JSON is invalid. */
export class InvalidEditError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'InvalidEditError';
  }
}

type Container = unknown[] | { [key: string]: unknown };

function getChild(parent: Container, key: string | number, path: JsonPath): unknown {
  if (Array.isArray(parent)) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= parent.length) {
      throw new InvalidEditError(`${describePath(path)} does not exist`);
    }
    return parent[key];
  }
  // Own properties only, so a path can never reach Object.prototype through __proto__ or constructor.
  if (typeof key !== 'string' || !Object.hasOwn(parent, key)) {
    throw new InvalidEditError(`${describePath(path)} does not exist`);
  }
  return parent[key];
}

function setChild(parent: Container, key: string | number, value: unknown): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  // defineProperty, not assignment: for a key such as __proto__ it writes the own data property that
  // JSON.parse created, whatever the key, and keeps the property's position in the serialised order.
  else Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A shallow copy of a container, made once per applyTextEdits call (tracked in `copies`). */
function ownCopy(value: unknown, copies: WeakSet<object>, path: JsonPath): Container {
  if (Array.isArray(value)) {
    if (copies.has(value)) return value;
    const copy = value.slice();
    copies.add(copy);
    return copy;
  }
  if (isRecord(value)) {
    if (copies.has(value)) return value as Container;
    const copy: Container = { ...value };
    copies.add(copy);
    return copy;
  }
  throw new InvalidEditError(`${describePath(path)} is not an object or array`);
}

/**
 * The new value for the target. Strings are replaced as they are. An object target is an Anthropic
 * tool_use `input`, presented to guards as its JSON serialisation: the edited text must parse back to
 * an object, or the edit would change the request's shape.
 */
function replacement(current: unknown, text: string, path: JsonPath): unknown {
  if (typeof current === 'string') return text;
  if (isRecord(current)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new InvalidEditError(`${describePath(path)} replacement is not valid JSON`);
    }
    if (!isRecord(parsed)) throw new InvalidEditError(`${describePath(path)} replacement must be a JSON object`);
    return parsed;
  }
  throw new InvalidEditError(`${describePath(path)} does not hold text`);
}

function applyOne(root: unknown, path: JsonPath, text: string, copies: WeakSet<object>): Container {
  const last = path[path.length - 1];
  if (last === undefined) throw new InvalidEditError('an edit path must not be empty');
  const newRoot = ownCopy(root, copies, []);
  let parent = newRoot;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string | number;
    const at = path.slice(0, i + 1);
    const child = ownCopy(getChild(parent, key, at), copies, at);
    setChild(parent, key, child);
    parent = child;
  }
  setChild(parent, last, replacement(getChild(parent, last, path), text, path));
  return newRoot;
}

const UTF8 = new TextEncoder();

/** Applies text replacements at JSON paths to the parsed body and re-serialises it (UTF-8 bytes). */
export function applyTextEdits(body: unknown, edits: readonly { path: JsonPath; text: string }[]): Uint8Array {
  const copies = new WeakSet<object>();
  let root = body;
  // Edits apply in order; a later edit to the same path wins.
  for (const edit of edits) root = applyOne(root, edit.path, edit.text, copies);
  return UTF8.encode(JSON.stringify(root));
}
