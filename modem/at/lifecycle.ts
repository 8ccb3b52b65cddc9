/**
 * Ownership for everything in modem/at that listens or schedules: each returns a
 * Disposable and whoever created it disposes it. The shape matches the core's
 * Disposable (main/core/lifecycle) structurally, so the two mix freely, while
 * modem/ stays free of any import from main/.
 */
export interface Disposable {
  dispose(): void;
}

/** Wraps a teardown function; disposing twice runs it once. */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      fn();
    },
  };
}

/** Exhaustiveness guard at the end of every switch over a union. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
