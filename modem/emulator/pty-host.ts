/**
 * Keeps every port of an emulator on a pseudo-terminal in one folder, and
 * follows faults: an unplugged port's pty disappears; a replugged one comes
 * back under its (possibly new) name, as a USB modem re-enumerates.
 */
import { join } from 'node:path';
import type { Disposable } from '../at/lifecycle';
import type { Emulator } from './emulator';
import type { VirtualPort } from './port';
import { exposeOnPty, type PtyHandle } from './pty';

export class PtyHost {
  readonly dir: string;
  readonly #handles = new Map<VirtualPort, PtyHandle>();
  readonly #subs: Disposable[] = [];
  #queue: Promise<void> = Promise.resolve();

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async start(emulator: Emulator, dir: string, baud = 0): Promise<PtyHost> {
    const host = new PtyHost(dir);
    for (const port of emulator.ports()) {
      port.lineRate = baud > 0 ? baud / 10 : 0; // 8N1: ten bits on the wire per byte
      await host.#expose(port);
      host.#subs.push(
        port.onVanish(() => host.#serial(() => host.#remove(port))),
        port.onReappear(() => host.#serial(() => host.#expose(port))),
      );
    }
    return host;
  }

  /** The pty path of a port, or null while it is unplugged. */
  pathOf(port: VirtualPort): string | null {
    return this.#handles.get(port)?.path ?? null;
  }

  /** Waits until pty changes caused by faults have been applied. */
  settled(): Promise<void> {
    return this.#queue;
  }

  #serial(step: () => Promise<void>): void {
    this.#queue = this.#queue.then(step, step);
  }

  async #expose(port: VirtualPort): Promise<void> {
    if (!port.isPresent || this.#handles.has(port)) return;
    this.#handles.set(port, await exposeOnPty(port, join(this.dir, port.name)));
  }

  async #remove(port: VirtualPort): Promise<void> {
    const h = this.#handles.get(port);
    this.#handles.delete(port);
    await h?.close();
  }

  async close(): Promise<void> {
    for (const s of this.#subs) s.dispose();
    await this.#queue;
    for (const h of this.#handles.values()) await h.close();
    this.#handles.clear();
  }
}
