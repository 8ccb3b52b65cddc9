/** A typed listener set whose subscriptions are disposables; a throwing listener does not stop the others. */
import { toDisposable, type Disposable } from '../at/index';

export class Emitter<T> {
  readonly #listeners = new Set<(value: T) => void>();
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void = () => {}) {
    this.#onError = onError;
  }

  on(listener: (value: T) => void): Disposable {
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  }

  emit(value: T): void {
    for (const l of [...this.#listeners]) {
      try {
        l(value);
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }

  clear(): void {
    this.#listeners.clear();
  }
}

/** An ordered set of handlers (message handlers, report handlers). */
export class HandlerSet<H> {
  readonly #items = new Set<H>();

  add(handler: H): Disposable {
    this.#items.add(handler);
    return toDisposable(() => this.#items.delete(handler));
  }

  list(): readonly H[] {
    return [...this.#items];
  }

  clear(): void {
    this.#items.clear();
  }
}
