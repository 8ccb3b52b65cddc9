import type { Clock } from '../domain/clock';

/** A clock tests move by hand, so expiry is tested without waiting. */
export class ManualClock implements Clock {
  constructor(private time: number = Date.UTC(2026, 0, 15, 12, 0, 0)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}
