/**
 * The byte pipe under the AT channel. A serialport stream, the emulator's in-process
 * binding and test fakes all fit behind it (see serial.ts for the serialport adapter).
 */
import type { Disposable } from './lifecycle';

export interface AtPort {
  /** Writes bytes; resolves once handed to the driver, rejects if the port failed. */
  write(data: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): Disposable;
  /** Fires once when the port goes away: closed by us, unplugged, or failed (`error` set). */
  onClose(listener: (error?: Error) => void): Disposable;
  close(): Promise<void>;
  readonly isOpen: boolean;
}

/** Timers behind an interface so tests and the emulator can drive time. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Reads the globals at call time, so vitest fake timers apply. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
