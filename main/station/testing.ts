/**
 * Test rig for the station: an emulator world (`timing: 'unlimited'`) reached through its
 * in-process serialport binding, archives in temporary files, and a wait helper on real timers.
 * Everything created is disposed by `cleanup()`. Tests only; not exported from index.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSerialTransport, type SerialBinding } from '../../modem/at/index';
import { Modem, type ModemOptions, type PortOpener } from '../../modem/driver/index';
import { Emulator, type EmulatorOptions } from '../../modem/emulator';
import { openArchive, type Archive, type Message } from '../archive/index';
import { Station, type StationOptions } from './station';

/** Short driver timings: the emulator answers at once. */
export const FAST_MODEM: Partial<ModemOptions> = {
  syncQuietMs: 20,
  syncTimeoutMs: 800,
  settleMs: 100,
  pollMs: 0,
  reconnectMs: 100,
  readTimeoutMs: 2_000,
  submitTimeoutMs: 2_000,
};

export interface StationRig {
  readonly emulator: Emulator;
  readonly dir: string;
  archive(name: string): Archive;
  modem(i: number, options?: Partial<ModemOptions>): Modem;
  /** A station on archive `name` driving virtual modem `i` (or each of several), opened and ready. */
  station(name: string, i: number | readonly number[], options?: Partial<StationOptions>): Promise<Station>;
  cleanup(): Promise<void>;
}

export function makeStationRig(options: Omit<EmulatorOptions, 'timing'>): StationRig {
  const emulator = new Emulator({ ...options, timing: 'unlimited' });
  const binding = emulator.binding() as unknown as SerialBinding;
  const opener: PortOpener = (path) => openSerialTransport(path, 115200, binding);
  const dir = mkdtempSync(join(tmpdir(), 'station-test-'));
  const archives: Archive[] = [];
  const stations: Station[] = [];
  const modems: Modem[] = [];
  const rig: StationRig = {
    emulator,
    dir,
    archive(name) {
      const archive = openArchive(join(dir, `${name}.sqlite`), { defaultCountry: 'DE' });
      archives.push(archive);
      return archive;
    },
    modem(i, extra = {}) {
      const vm = emulator.modems[i];
      const port = vm?.ports.find((p) => p.urcs) ?? vm?.ports[0];
      if (!port) throw new Error(`no virtual modem ${i}`);
      const modem = new Modem({ ...FAST_MODEM, path: port.name, opener, ...extra });
      modems.push(modem);
      return modem;
    },
    async station(name, i, extra = {}) {
      const station = new Station({ archive: rig.archive(name), pollMs: 20, ratePerMinute: 1_000, retryDelayMs: () => 0, ...extra });
      stations.push(station);
      // One after the other: the archive numbers the modems in this order.
      for (const index of typeof i === 'number' ? [i] : i) {
        const modem = rig.modem(index);
        station.addModem(modem, { owned: true });
        await modem.open();
      }
      return station;
    },
    async cleanup() {
      for (const s of stations) await s.stop();
      for (const m of modems) await m.close().catch(() => undefined);
      for (const m of modems) m.dispose();
      for (const a of archives) a.close();
      emulator.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Polls `probe` on real timers until it returns a value (not undefined/false), or fails after `ms`. */
export async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every message of the archive with this peer, oldest first. */
export function messagesWith(archive: Archive, peer: string): Message[] {
  const conversation = archive.conversations.find('sms', peer);
  if (!conversation) return [];
  return archive.messages.thread(conversation.id, { limit: 200 }).items.reverse();
}
