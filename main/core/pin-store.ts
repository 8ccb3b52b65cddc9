/**
 * Where a SIM PIN is kept when the user asks SMSDesk to remember it. Only the desktop app can
 * keep one honestly: it encrypts with the operating system's keychain (Electron safeStorage,
 * main/electron/pin-store.ts). The CLI and `smsdesk web` have no such place and refuse to
 * store, rather than write a PIN in plain text next to the archive.
 *
 * A stored PIN is entered by the driver once per open, like any PIN it was given; when the SIM
 * refuses it, the hub forgets it, so a stale PIN never spends the SIM's tries on a later start.
 */
import type { PinAvailability } from '../contract';

export interface PinStore {
  /** Whether PINs can be kept here, and if not, why not. */
  availability(): PinAvailability;
  /** Every stored PIN by IMEI (read once when the hub starts). */
  all(): Readonly<Record<string, string>>;
  has(imei: string): boolean;
  /** Keeps the PIN; throws when `availability()` is not 'available' or writing fails. */
  set(imei: string, pin: string): void;
  delete(imei: string): void;
}

export class PinStoreError extends Error {
  override readonly name = 'PinStoreError';
}

/** The CLI and web store: keeps nothing and says why. */
export function refusingPinStore(): PinStore {
  return {
    availability: () => 'not-desktop',
    all: () => ({}),
    has: () => false,
    set: () => {
      throw new PinStoreError('This SMSDesk runs without the desktop app’s keychain, so it does not keep PINs.');
    },
    delete: () => undefined,
  };
}

/** Keeps PINs in memory only, for tests. */
export function memoryPinStore(initial: Readonly<Record<string, string>> = {}): PinStore {
  const pins = new Map(Object.entries(initial));
  return {
    availability: () => 'available',
    all: () => Object.fromEntries(pins),
    has: (imei) => pins.has(imei),
    set: (imei, pin) => {
      pins.set(imei, pin);
    },
    delete: (imei) => {
      pins.delete(imei);
    },
  };
}
