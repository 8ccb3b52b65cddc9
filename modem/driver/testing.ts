/**
 * Test rig for the driver: an emulator world reached through its in-process serialport
 * binding, Modems on it, and helpers to deliver SMS and wait for what the driver hands
 * over. Everything created is disposed by `cleanup()`. Tests only; not exported.
 */
import { openSerialTransport, type SerialBinding } from '../at/index';
import { Emulator, type ModemSpec } from '../emulator/emulator';
import { deliversFor } from '../emulator/tpdu';
import { Modem, type ModemOptions, type PortOpener } from './modem';
import type { ReceivedMessage, ReceivedStatusReport } from './receive';

export interface Rig {
  readonly emulator: Emulator;
  readonly opener: PortOpener;
  readonly list: () => Promise<string[]>;
  /** The notices port of virtual modem i. */
  noticesPath(i: number): string;
  modem(i: number, options?: Partial<ModemOptions>): Modem;
  cleanup(): Promise<void>;
}

export const FAST: Partial<ModemOptions> = {
  syncQuietMs: 20,
  syncTimeoutMs: 800,
  settleMs: 200,
  pollMs: 0,
  reconnectMs: 100,
  readTimeoutMs: 2_000,
};

export function makeRig(modems: readonly ModemSpec[]): Rig {
  const emulator = new Emulator({ modems, timing: 'unlimited' });
  const binding = emulator.binding() as unknown as SerialBinding;
  const opener: PortOpener = (path) => openSerialTransport(path, 115200, binding);
  const created: Modem[] = [];
  const noticesPath = (i: number): string => {
    const vm = emulator.modems[i];
    const port = vm?.ports.find((p) => p.urcs) ?? vm?.ports[0];
    if (!port) throw new Error(`no virtual modem ${i}`);
    return port.name;
  };
  return {
    emulator,
    opener,
    list: async () => (await emulator.binding().list()).map((p) => p.path),
    noticesPath,
    modem(i, options = {}) {
      const m = new Modem({ ...FAST, path: noticesPath(i), opener, ...options });
      created.push(m);
      return m;
    },
    async cleanup() {
      for (const m of created) await m.close().catch(() => undefined);
      for (const m of created) m.dispose();
      emulator.dispose();
    },
  };
}

/** Puts an SMS-DELIVER with `text` from `from` into the network for `to` (as a handset would send it). */
export function deliverText(emulator: Emulator, to: string, text: string, from = '+491701234567', options: { flash?: boolean } = {}): void {
  for (const tpdu of deliversFor({ from, to, text, ...(options.flash ? { flash: true } : {}) }, { scts: new Date(), zoneMinutes: 0 })) {
    emulator.network.injectDeliver(to, tpdu);
  }
}

/** Collects what a modem hands over; each handler resolves (confirms) unless told to fail. */
export function collect(modem: Modem, options: { fail?: boolean } = {}) {
  const messages: ReceivedMessage[] = [];
  const reports: ReceivedStatusReport[] = [];
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  modem.onMessage(async (m) => {
    messages.push(m);
    wake();
    if (options.fail) throw new Error('archive unavailable');
  });
  modem.onStatusReport(async (r) => {
    reports.push(r);
    wake();
    if (options.fail) throw new Error('archive unavailable');
  });
  const until = async (done: () => boolean, what: string, ms = 5_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!done()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 25);
      });
    }
    await modem.idle();
  };
  return {
    messages,
    reports,
    until,
    messagesReach: (n: number) => until(() => messages.length >= n, `${n} message(s)`),
    reportsReach: (n: number) => until(() => reports.length >= n, `${n} report(s)`),
  };
}

export async function waitFor(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
