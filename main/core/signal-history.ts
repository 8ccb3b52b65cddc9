/**
 * A modem's signal over time, kept in the core so the chart survives a reload of the page.
 * A sample is taken when the value changes (a poll or a signal notice) and when the modem
 * goes away (null: no signal known), so a flat line means "unchanged", not "no data".
 */
import type { SignalSample } from '../contract';

/** About six hours at the driver's 30 s poll when the signal moves every poll. */
export const SIGNAL_HISTORY_CAPACITY = 720;

export class SignalHistory {
  readonly #capacity: number;
  readonly #now: () => number;
  readonly #samples: SignalSample[] = [];

  constructor(options: { capacity?: number; now?: () => number } = {}) {
    this.#capacity = Math.max(2, options.capacity ?? SIGNAL_HISTORY_CAPACITY);
    this.#now = options.now ?? Date.now;
  }

  /** Records `signal` (0–31, null when unknown) if it differs from the last sample; true when recorded. */
  record(signal: number | null): boolean {
    const last = this.#samples.at(-1);
    if (last && last.signal === signal) return false;
    this.#samples.push({ at: new Date(this.#now()).toISOString(), signal });
    if (this.#samples.length > this.#capacity) this.#samples.splice(0, this.#samples.length - this.#capacity);
    return true;
  }

  /** Oldest first. */
  samples(): SignalSample[] {
    return [...this.#samples];
  }
}
