/**
 * Several modems at once, each with its own Modem. The supervisor probes the ports,
 * starts a driver per IMEI on its notices port, and when a modem vanishes finds its
 * IMEI again on whatever port it comes back as (USB renumbering), probing only ports
 * no live driver holds.
 */
import type { Disposable } from '../at/index';
import { Emitter } from './events';
import { Modem, type ModemOptions, type PortOpener } from './modem';
import { groupModems, probePorts, type ModemCandidate, type ProbeOptions } from './probe';

export interface SupervisorOptions {
  /** Lists candidate port paths (e.g. serialport's list, or the emulator binding's). */
  readonly list: () => Promise<readonly string[]>;
  readonly opener: PortOpener;
  /** PINs by IMEI, or one PIN for every modem. */
  readonly pin?: string | Readonly<Record<string, string>>;
  readonly probe?: ProbeOptions;
  /** Options for each Modem (path, opener, locate, pin and expectImei are set by the supervisor). */
  readonly modem?: Omit<ModemOptions, 'path' | 'opener' | 'locate' | 'pin' | 'expectImei'>;
}

export type ModemEvent = { readonly kind: 'added'; readonly modem: Modem } | { readonly kind: 'removed'; readonly modem: Modem };

export class ModemSupervisor implements Disposable {
  readonly #options: SupervisorOptions;
  readonly #modems = new Map<string, Modem>();
  readonly #events = new Emitter<ModemEvent>();
  #disposed = false;

  constructor(options: SupervisorOptions) {
    this.#options = options;
  }

  /** Modems by IMEI. */
  get modems(): ReadonlyMap<string, Modem> {
    return this.#modems;
  }

  onModem(listener: (event: ModemEvent) => void): Disposable {
    return this.#events.on(listener);
  }

  /**
   * Probes the free ports and starts a driver for every new modem found. Resolves with the
   * modems added; each is opened (an open that fails leaves it in state 'failed' or
   * 'offline', with `error` set, still supervised).
   */
  async scan(): Promise<Modem[]> {
    const candidates = await this.#probeFree();
    const added: Modem[] = [];
    for (const c of candidates) {
      if (this.#disposed || c.imei === '' || this.#modems.has(c.imei)) continue;
      const modem = this.#create(c);
      this.#modems.set(c.imei, modem);
      added.push(modem);
      this.#events.emit({ kind: 'added', modem });
    }
    await Promise.all(added.map((m) => m.open().catch(() => undefined)));
    return added;
  }

  /** The notices port of the modem with this IMEI among the free ports, or null. */
  async locate(imei: string): Promise<string | null> {
    const found = (await this.#probeFree()).find((c) => c.imei === imei);
    return found?.path ?? null;
  }

  /** Stops following a modem and closes it. */
  async remove(imei: string): Promise<void> {
    const modem = this.#modems.get(imei);
    if (!modem) return;
    this.#modems.delete(imei);
    await modem.close();
    modem.dispose();
    this.#events.emit({ kind: 'removed', modem });
  }

  #create(c: ModemCandidate): Modem {
    const pin = typeof this.#options.pin === 'string' ? this.#options.pin : this.#options.pin?.[c.imei];
    return new Modem({
      ...this.#options.modem,
      path: c.path,
      opener: this.#options.opener,
      expectImei: c.imei,
      locate: (imei) => this.locate(imei),
      ...(pin !== undefined ? { pin } : {}),
    });
  }

  /** Probes the ports no live driver holds (an open port is locked and would only time out). */
  async #probeFree(): Promise<ModemCandidate[]> {
    const held = new Set([...this.#modems.values()].filter((m) => m.state === 'ready' || m.state === 'connecting').map((m) => m.path));
    const paths = (await this.#options.list()).filter((p) => !held.has(p));
    return groupModems(await probePorts(paths, this.#options.opener, this.#options.probe));
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const m of this.#modems.values()) m.dispose();
    this.#modems.clear();
    this.#events.clear();
  }
}
