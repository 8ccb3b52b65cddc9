/**
 * A tiny scripted AtPort for tests of the channel and, later, the driver: records what
 * was written and lets the test (or a script) play the modem.
 */
import { toDisposable, type Disposable } from './lifecycle';
import type { AtPort } from './port';

/** Answers one write (a command line with its CR, or a payload with its Ctrl-Z); undefined: stay silent. */
export type ModemScript = (written: string) => string | readonly string[] | undefined;

const latin1 = new TextDecoder('latin1');

export class FakePort implements AtPort {
  readonly writes: string[] = [];
  readonly #data = new Set<(chunk: Uint8Array) => void>();
  readonly #close = new Set<(error?: Error) => void>();
  #open = true;
  /** Makes the next writes fail, as a USB port pulled mid-write does. */
  failWrites: Error | undefined;

  constructor(private readonly script?: ModemScript) {}

  get isOpen(): boolean {
    return this.#open;
  }

  get listenerCount(): number {
    return this.#data.size + this.#close.size;
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.#open) return Promise.reject(new Error('port is closed'));
    if (this.failWrites) return Promise.reject(this.failWrites);
    const text = latin1.decode(data);
    this.writes.push(text);
    const reply = this.script?.(text);
    if (reply !== undefined) {
      const chunks = typeof reply === 'string' ? [reply] : reply;
      queueMicrotask(() => {
        for (const c of chunks) this.emit(c);
      });
    }
    return Promise.resolve();
  }

  /** Plays modem output (a string is sent as Latin-1 bytes). */
  emit(chunk: string | Uint8Array): void {
    if (!this.#open) return;
    const bytes = typeof chunk === 'string' ? Uint8Array.from(chunk, (c) => c.charCodeAt(0) & 0xff) : chunk;
    for (const l of [...this.#data]) l(bytes);
  }

  onData(listener: (chunk: Uint8Array) => void): Disposable {
    this.#data.add(listener);
    return toDisposable(() => this.#data.delete(listener));
  }

  onClose(listener: (error?: Error) => void): Disposable {
    this.#close.add(listener);
    return toDisposable(() => this.#close.delete(listener));
  }

  /** Simulates the port going away (unplugged when `error` is given). */
  drop(error?: Error): void {
    if (!this.#open) return;
    this.#open = false;
    for (const l of [...this.#close]) l(error);
  }

  close(): Promise<void> {
    this.drop();
    return Promise.resolve();
  }
}
