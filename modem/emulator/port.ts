/**
 * One serial port of a virtual modem: the byte pipe a DTE (SMSDesk's driver,
 * gammu, smsd) talks through. It can vanish (unplug) and come back, possibly
 * under another name, exactly as USB serial devices do.
 */
import { toDisposable, type Disposable } from '../at/lifecycle';
import type { Scheduler } from './scheduler';

export type PortListener = (chunk: Uint8Array) => void;

const encoder = new TextEncoder();

export class VirtualPort {
  /** Name the host sees, e.g. "ttyVM0"; may change across a replug. */
  name: string;
  /** Whether notices (URCs) appear here; Huawei's ^PORTSEL moves them. */
  urcs: boolean;
  #present = true;
  readonly #outListeners = new Set<PortListener>();
  readonly #closeListeners = new Set<() => void>();
  readonly #backListeners = new Set<() => void>();
  readonly #inputHandler: (port: VirtualPort, chunk: Uint8Array) => void;
  readonly #scheduler: Scheduler;
  /** Bytes per second on the line, or 0 for no throttle. */
  lineRate = 0;
  #queue: Uint8Array[] = [];
  #pump: Disposable | null = null;
  /** Time before which nothing more can leave (line-rate throttle and answer delays). */
  #busyUntil = 0;
  /** Cut the next output after this many bytes (fault injection), or null. */
  truncateNextAfter: number | null = null;

  constructor(options: { name: string; urcs: boolean; scheduler: Scheduler; onInput: (port: VirtualPort, chunk: Uint8Array) => void }) {
    this.name = options.name;
    this.urcs = options.urcs;
    this.#scheduler = options.scheduler;
    this.#inputHandler = options.onInput;
  }

  get isPresent(): boolean {
    return this.#present;
  }

  /** Bytes from the DTE. Ignored while the port is unplugged. */
  write(chunk: Uint8Array): void {
    if (!this.#present) return;
    this.#inputHandler(this, chunk);
  }

  /** Bytes to the DTE. */
  onOutput(listener: PortListener): Disposable {
    this.#outListeners.add(listener);
    return toDisposable(() => this.#outListeners.delete(listener));
  }

  /** Fires when the port vanishes (unplug). */
  onVanish(listener: () => void): Disposable {
    this.#closeListeners.add(listener);
    return toDisposable(() => this.#closeListeners.delete(listener));
  }

  /** Fires when the port comes back after an unplug (read `name` for its new name). */
  onReappear(listener: () => void): Disposable {
    this.#backListeners.add(listener);
    return toDisposable(() => this.#backListeners.delete(listener));
  }

  /** Queues text for the DTE after `delayMs`, keeping order with what is already queued. */
  send(text: string | Uint8Array, delayMs = 0): void {
    if (!this.#present) return;
    let bytes = typeof text === 'string' ? encoder.encode(text) : text;
    if (this.truncateNextAfter !== null) {
      bytes = bytes.subarray(0, this.truncateNextAfter);
      this.truncateNextAfter = null;
    }
    if (bytes.length === 0) return;
    const now = this.#scheduler.now();
    this.#busyUntil = Math.max(this.#busyUntil, now + delayMs);
    this.#queue.push(bytes);
    this.#schedulePump();
  }

  #schedulePump(): void {
    if (this.#pump) return;
    const wait = Math.max(0, this.#busyUntil - this.#scheduler.now());
    this.#pump = this.#scheduler.schedule(wait, () => {
      this.#pump = null;
      const chunk = this.#queue.shift();
      if (!chunk) return;
      if (this.lineRate > 0) this.#busyUntil = this.#scheduler.now() + Math.ceil((chunk.length * 1000) / this.lineRate);
      for (const l of [...this.#outListeners]) l(chunk);
      if (this.#queue.length) this.#schedulePump();
    });
  }

  /** The port disappears: queued output is lost, listeners hear it vanish. */
  vanish(): void {
    if (!this.#present) return;
    this.#present = false;
    this.#queue = [];
    this.#pump?.dispose();
    this.#pump = null;
    for (const l of [...this.#closeListeners]) l();
  }

  /** The port is back (after a replug), possibly under a new name. */
  reappear(name: string = this.name): void {
    this.name = name;
    this.#present = true;
    this.#busyUntil = 0;
    for (const l of [...this.#backListeners]) l();
  }
}
