/**
 * Freezes an object graph in place and returns it. Typed arrays (Buffers) are left as they are: they
 * cannot be frozen while they hold elements. Already-frozen objects are not walked again, so shared
 * or cyclic references are fine.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
