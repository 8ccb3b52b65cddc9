import type { EventName, EventPayload } from '../contract';
import { toDisposable, type Disposable } from './lifecycle';

type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

/**
 * Typed fan-out of contract events. The latest payload of each event is kept so a
 * new subscriber (a window that just opened, a browser that reconnected) starts
 * from the current state instead of waiting for the next change.
 */
export class EventHub {
  readonly #listeners = new Map<EventName, Set<Listener<EventName>>>();
  readonly #latest = new Map<EventName, unknown>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    this.#latest.set(name, payload);
    const set = this.#listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<K>)(payload);
      } catch (err) {
        // One broken subscriber must not starve the others.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  latest<K extends EventName>(name: K): EventPayload<K> | undefined {
    return this.#latest.get(name) as EventPayload<K> | undefined;
  }

  /** Subscribe; with `replay`, the listener first gets the latest payload, if any. */
  subscribe<K extends EventName>(name: K, listener: Listener<K>, options: { replay?: boolean } = {}): Disposable {
    let set = this.#listeners.get(name);
    if (!set) {
      set = new Set();
      this.#listeners.set(name, set);
    }
    const entry = listener as Listener<EventName>;
    set.add(entry);
    if (options.replay && this.#latest.has(name)) listener(this.#latest.get(name) as EventPayload<K>);
    return toDisposable(() => {
      set.delete(entry);
    });
  }

  /** Number of live subscriptions, for leak checks in tests. */
  get listenerCount(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }
}
