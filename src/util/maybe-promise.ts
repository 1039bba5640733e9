// Values that are usually ready now and only sometimes need I/O (a token store, a remote classifier).
// Returning them synchronously when they are ready keeps the common ext_proc reply free of promise
// hops, deadline races and timers: in `npm run bench` that machinery was a measurable share of the
// guard's per-request cost. Code that must wait still returns a Promise, and callers handle both.
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** `f(value)` now when the value is ready, else once it is (a rejection skips `f` and propagates). */
export function andThen<T, U>(value: MaybePromise<T>, f: (ready: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(f) : f(value);
}
