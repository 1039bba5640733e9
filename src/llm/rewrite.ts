// Applies guard rewrites to a parsed request body by JSON path and re-serialises it. The parsed body is
// not mutated: containers along each edited path are copied on first touch, so the original stays
// available (for audit, or to retry with other edits) and unedited subtrees are shared.
//
// Two families of edits. Text edits (redactions, spotlighting) replace a string in place. Structural
// edits (remove a key, insert an array element or key, wrap a value) change the body's shape, e.g. to
// move the `context` extension field into the prompt. Every path, of either family, addresses the body
// *as parsed*: guards compute paths from the request they were given and cannot know each other's
// structural changes. applyBodyEdits keeps that promise by applying all text edits first (they never
// move anything), then the structural edits deepest and right-most first, so no edit shifts an index
// another edit still has to use.
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
  const last = lastOf(path);
  const newRoot = ownCopy(root, copies, []);
  const parent = ownParent(newRoot, path, copies);
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

// ---------------------------------------------------------------------------------------------------
// Structural edits

/** Replace the text at `path` (the original edit kind; `kind` may be omitted). */
export interface TextEdit {
  readonly kind?: 'text';
  readonly path: JsonPath;
  readonly text: string;
}

/** Remove the object key or array element at `path`. */
export interface RemoveEdit {
  readonly kind: 'remove';
  readonly path: JsonPath;
}

/**
 * Insert `value` at `path`. A numeric last segment inserts into the array before that index (the array
 * length appends); a string last segment adds a key that must not exist yet.
 */
export interface InsertEdit {
  readonly kind: 'insert';
  readonly path: JsonPath;
  readonly value: unknown;
}

/**
 * Replace the value V at `path` with a copy of `value` in which the position `at` holds V. For example
 * a Responses string `input` becomes a list of messages that still contains it: text edits to `input`
 * (applied first) survive, because V is taken after them.
 */
export interface WrapEdit {
  readonly kind: 'wrap';
  readonly path: JsonPath;
  readonly value: unknown;
  readonly at: JsonPath;
}

export type StructuralEdit = RemoveEdit | InsertEdit | WrapEdit;
export type BodyEdit = TextEdit | StructuralEdit;

// An optional discriminant does not narrow the union by itself, hence the guard.
export function isTextEdit(edit: BodyEdit): edit is TextEdit {
  return edit.kind === undefined || edit.kind === 'text';
}

/** The container holding the last segment of `path`, copied along the way so the input stays intact. */
function ownParent(root: Container, path: JsonPath, copies: WeakSet<object>): Container {
  let parent = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string | number;
    const at = path.slice(0, i + 1);
    const child = ownCopy(getChild(parent, key, at), copies, at);
    setChild(parent, key, child);
    parent = child;
  }
  return parent;
}

function lastOf(path: JsonPath): string | number {
  const last = path[path.length - 1];
  if (last === undefined) throw new InvalidEditError('an edit path must not be empty');
  return last;
}

function asContainer(value: unknown, path: JsonPath): Container {
  if (Array.isArray(value) || isRecord(value)) return value as Container;
  throw new InvalidEditError(`${describePath(path)} is not an object or array`);
}

/** Puts `current` at `at` inside a fresh copy of `template` (a clone, so it may be written in place). */
function wrapped(template: unknown, at: JsonPath, current: unknown): Container {
  const root = asContainer(structuredClone(template), []);
  let holder = root;
  for (let i = 0; i < at.length - 1; i++) holder = asContainer(getChild(holder, at[i] as string | number, at.slice(0, i + 1)), at.slice(0, i + 1));
  const slot = lastOf(at);
  getChild(holder, slot, at); // the slot is a placeholder that must exist, so `at` is checked like any path
  setChild(holder, slot, current);
  return root;
}

function applyStructural(root: unknown, edit: StructuralEdit, copies: WeakSet<object>): Container {
  const last = lastOf(edit.path);
  const newRoot = ownCopy(root, copies, []);
  const parent = ownParent(newRoot, edit.path, copies);
  switch (edit.kind) {
    case 'remove':
      getChild(parent, last, edit.path); // must exist
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last as string];
      break;
    case 'insert':
      if (Array.isArray(parent)) {
        if (typeof last !== 'number' || !Number.isInteger(last) || last < 0 || last > parent.length) {
          throw new InvalidEditError(`${describePath(edit.path)} is not an insertion point`);
        }
        parent.splice(last, 0, structuredClone(edit.value));
      } else {
        if (typeof last !== 'string' || Object.hasOwn(parent, last)) throw new InvalidEditError(`${describePath(edit.path)} cannot be added`);
        setChild(parent, last, structuredClone(edit.value));
      }
      break;
    case 'wrap':
      setChild(parent, last, wrapped(edit.value, edit.at, getChild(parent, last, edit.path)));
      break;
  }
  return newRoot;
}

/** Path order: segment by segment, a longer path after its own prefix (it lies inside that value). */
function comparePaths(a: JsonPath, b: JsonPath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

// At one path, edits on the existing value (wrap, then remove) come before inserts in front of it.
const KIND_RANK: Readonly<Record<StructuralEdit['kind'], number>> = { wrap: 0, remove: 1, insert: 2 };

/**
 * The order that keeps every original path valid: deepest and right-most first, so no edit moves what
 * a later one addresses. Inserts at the same point run last-given-first, which leaves them in the
 * order given.
 */
function structuralOrder(edits: readonly StructuralEdit[]): StructuralEdit[] {
  const indexed = edits.map((edit, i) => ({ edit, i }));
  indexed.sort((a, b) => comparePaths(b.edit.path, a.edit.path) || KIND_RANK[a.edit.kind] - KIND_RANK[b.edit.kind] || b.i - a.i);
  return indexed.map((x) => x.edit);
}

/**
 * Applies text and structural edits, all addressing the body as parsed, and re-serialises it. Text edits
 * apply first, in order (a later edit to the same path wins); structural edits after, in the order that
 * keeps their paths valid (see structuralOrder).
 */
export function applyBodyEdits(body: unknown, edits: readonly BodyEdit[]): Uint8Array {
  const copies = new WeakSet<object>();
  let root = body;
  const structural: StructuralEdit[] = [];
  for (const edit of edits) {
    if (isTextEdit(edit)) root = applyOne(root, edit.path, edit.text, copies);
    else structural.push(edit);
  }
  for (const edit of structuralOrder(structural)) root = applyStructural(root, edit, copies);
  return UTF8.encode(JSON.stringify(root));
}
