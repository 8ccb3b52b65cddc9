/** Typed events of a station for the UI and the CLI log; every subscription is a Disposable. */
import type { Message } from '../archive/index';
import { toDisposable, type Disposable } from '../core/lifecycle';

export type StationEvent =
  /** A message was completed in the archive (a single SMS, or the last part of a long one). */
  | { readonly kind: 'message-received'; readonly message: Message }
  /** An outgoing message changed status (sending, sent, unconfirmed, delivered, failed, queued again). */
  | { readonly kind: 'message-status'; readonly message: Message }
  /** A modem joined the station, became ready, went offline, or left. */
  | { readonly kind: 'modem'; readonly path: string; readonly state: string; readonly imei?: string | undefined }
  | { readonly kind: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly text: string };

export class StationEvents {
  readonly #listeners = new Set<(event: StationEvent) => void>();

  on(listener: (event: StationEvent) => void): Disposable {
    this.#listeners.add(listener);
    return toDisposable(() => this.#listeners.delete(listener));
  }

  emit(event: StationEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken subscriber must not stop the station or starve the others.
        queueMicrotask(() => {
          throw error;
        });
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
