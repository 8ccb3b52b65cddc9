/**
 * A minimal terminal for emulator tests: types AT commands into a virtual port
 * and collects what the modem answers, driving manual time.
 */
import type { Disposable } from '../at/lifecycle';
import type { VirtualPort } from './port';
import type { ManualScheduler } from './scheduler';

const enc = new TextEncoder();
const dec = new TextDecoder();

export class TestDte {
  output = '';
  readonly #sub: Disposable;

  constructor(
    readonly port: VirtualPort,
    readonly clock: ManualScheduler,
  ) {
    this.#sub = port.onOutput((c) => (this.output += dec.decode(c)));
  }

  /** Types raw text (no CR added) and lets due output arrive. */
  type(text: string | Uint8Array): void {
    this.port.write(typeof text === 'string' ? enc.encode(text) : text);
    this.clock.runDue();
  }

  /** Sends one command line and returns everything the modem printed for it within `ms`. */
  at(line: string, ms = 0): string {
    const start = this.output.length;
    this.type(`${line}\r`);
    this.clock.advance(ms);
    return this.output.slice(start);
  }

  /** Output since the last call to `take`. */
  take(): string {
    const s = this.output;
    this.output = '';
    return s;
  }

  dispose(): void {
    this.#sub.dispose();
  }
}
