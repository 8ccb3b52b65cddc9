/**
 * Ownership of things that listen, poll or schedule: each returns a Disposable,
 * and whoever created it disposes it. A DisposableStore disposes many at once.
 */
// One Disposable for all of SMSDesk: modem/ defines it (it may not import from main/), the core reuses it.
import { toDisposable, type Disposable } from '../../modem/at/lifecycle';

export { toDisposable, type Disposable };

export class DisposableStore implements Disposable {
  readonly #items = new Set<Disposable>();
  #disposed = false;

  add<T extends Disposable>(item: T): T {
    if (this.#disposed) {
      // Adding to a disposed store is a lifecycle bug; dispose at once so nothing leaks.
      item.dispose();
      return item;
    }
    this.#items.add(item);
    return item;
  }

  get size(): number {
    return this.#items.size;
  }

  get isDisposed(): boolean {
    return this.#disposed;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const errors: unknown[] = [];
    for (const item of [...this.#items].reverse()) {
      try {
        item.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    this.#items.clear();
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed');
  }
}
