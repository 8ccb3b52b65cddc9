/**
 * Time for the virtual network and modems. Real time for the CLI and demo mode;
 * manual time for tests, which advance it explicitly so delays of minutes (a
 * status report that arrives late, a USSD session that times out) cost nothing.
 */
import { toDisposable, type Disposable } from '../at/lifecycle';

export interface Scheduler {
  now(): number;
  /** Runs `fn` after `ms`; disposing the result cancels it. */
  schedule(ms: number, fn: () => void): Disposable;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  schedule(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return toDisposable(() => clearTimeout(handle));
  },
};

interface Task {
  at: number;
  seq: number;
  fn: () => void;
}

/** Deterministic time: nothing runs until `advance` (or `runDue`) is called. */
export class ManualScheduler implements Scheduler {
  #now: number;
  #seq = 0;
  readonly #tasks = new Set<Task>();

  constructor(start: number = Date.UTC(2026, 0, 15, 9, 30, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  schedule(ms: number, fn: () => void): Disposable {
    const task: Task = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn };
    this.#tasks.add(task);
    return toDisposable(() => this.#tasks.delete(task));
  }

  /** Moves time forward by `ms`, running every task that falls due, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const next = this.#nextDue(end);
      if (!next) break;
      this.#tasks.delete(next);
      this.#now = next.at;
      next.fn();
    }
    this.#now = end;
  }

  /** Runs what is due now (zero-delay tasks), including tasks they schedule at zero delay. */
  runDue(): void {
    this.advance(0);
  }

  get pending(): number {
    return this.#tasks.size;
  }

  #nextDue(end: number): Task | undefined {
    let best: Task | undefined;
    for (const t of this.#tasks) {
      if (t.at > end) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
