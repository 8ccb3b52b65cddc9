/**
 * URC dispatch: handlers register by prefix, pattern or predicate and get a Disposable.
 * A throwing handler never breaks the channel or other handlers.
 */
import { toDisposable, type Disposable } from './lifecycle';
import { normalisePrefix, type Urc } from './urc';

/** "+CMTI" / "+CMTI:" (prefix, case-insensitive), "RING" (bare word), a RegExp on the first line, or a predicate. */
export type UrcMatcher = string | RegExp | ((urc: Urc) => boolean);
export type UrcHandler = (urc: Urc) => void;

interface Entry {
  readonly test: (urc: Urc) => boolean;
  readonly handler: UrcHandler;
}

export class UrcDispatcher {
  readonly #entries = new Set<Entry>();
  readonly #onError: (error: unknown, urc: Urc) => void;

  constructor(onError: (error: unknown, urc: Urc) => void) {
    this.#onError = onError;
  }

  on(matcher: UrcMatcher, handler: UrcHandler): Disposable {
    const entry: Entry = { test: toTest(matcher), handler };
    this.#entries.add(entry);
    return toDisposable(() => this.#entries.delete(entry));
  }

  /** Runs every matching handler; returns how many matched. */
  dispatch(urc: Urc): number {
    let matched = 0;
    for (const entry of [...this.#entries]) {
      if (!this.#entries.has(entry)) continue; // removed by an earlier handler
      let hit = false;
      try {
        hit = entry.test(urc);
        if (hit) entry.handler(urc);
      } catch (error) {
        this.#onError(error, urc);
      }
      if (hit) matched++;
    }
    return matched;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}

function toTest(matcher: UrcMatcher): (urc: Urc) => boolean {
  if (typeof matcher === 'function') return matcher;
  if (matcher instanceof RegExp)
    return (urc) => {
      matcher.lastIndex = 0; // a /g pattern keeps state between calls
      return matcher.test(urc.line);
    };
  const want = normalisePrefix(matcher);
  return (urc) => normalisePrefix(urc.prefix) === want;
}
