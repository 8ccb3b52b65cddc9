/**
 * The desktop app's SIM PIN store: each PIN encrypted with Electron's safeStorage (the macOS
 * Keychain, Windows DPAPI, or the Linux Secret Service / KWallet), the ciphertext kept by
 * IMEI in a file only the user can read. Where safeStorage would fall back to a hard-coded
 * key (Linux without a keyring: the "basic_text" backend) it refuses, because that would
 * only look like protection. Use after `app.whenReady()`.
 */
import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PinStoreError, type PinStore } from '../core';
import type { PinAvailability } from '../contract';

interface PinFile {
  readonly version: 1;
  /** IMEI → base64 of safeStorage.encryptString(pin). */
  readonly pins: Record<string, string>;
}

export function safeStoragePinStore(file: string, log: (message: string) => void = () => undefined): PinStore {
  const pins = new Map<string, string>(Object.entries(read(file, log).pins));

  const availability = (): PinAvailability => {
    if (!safeStorage.isEncryptionAvailable()) return 'no-keychain';
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'no-keychain';
    return 'available';
  };

  const save = (): void => {
    const content: PinFile = { version: 1, pins: Object.fromEntries(pins) };
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 });
    renameSync(tmp, file);
  };

  const decrypt = (imei: string, sealed: string): string | undefined => {
    try {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      // Another user's or machine's keychain, or a damaged entry: it cannot be used, so it goes.
      log(`a remembered PIN for ${imei} could not be decrypted and was dropped`);
      pins.delete(imei);
      save();
      return undefined;
    }
  };

  return {
    availability,
    all: () => {
      if (availability() !== 'available') return {};
      const out: Record<string, string> = {};
      for (const [imei, sealed] of [...pins]) {
        const pin = decrypt(imei, sealed);
        if (pin !== undefined) out[imei] = pin;
      }
      return out;
    },
    has: (imei) => pins.has(imei),
    set: (imei, pin) => {
      if (availability() !== 'available') throw new PinStoreError('This computer offers no keychain to encrypt the PIN with.');
      pins.set(imei, safeStorage.encryptString(pin).toString('base64'));
      save();
    },
    delete: (imei) => {
      if (pins.delete(imei)) save();
    },
  };
}

function read(file: string, log: (message: string) => void): PinFile {
  if (!existsSync(file)) return { version: 1, pins: {} };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<PinFile>;
    const pins: Record<string, string> = {};
    for (const [imei, sealed] of Object.entries(parsed.pins ?? {})) if (typeof sealed === 'string') pins[imei] = sealed;
    return { version: 1, pins };
  } catch {
    log(`${file} is not readable; no PIN is remembered`);
    return { version: 1, pins: {} };
  }
}
