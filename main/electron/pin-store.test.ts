/** The desktop PIN store against a stand-in for Electron's safeStorage (no Electron runtime in tests). */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const keychain = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' as string }));

vi.mock('electron', async () => ({ safeStorage: (await import('./testing')).fakeSafeStorage(keychain) }));

const { safeStoragePinStore } = await import('./pin-store');

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'smsdesk-pins-'));
  file = join(dir, 'sim-pins.json');
  keychain.available = true;
  keychain.backend = 'gnome_libsecret';
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('safeStoragePinStore', () => {
  it('keeps PINs encrypted by IMEI in a file only the user can read, and reads them back', () => {
    const store = safeStoragePinStore(file);
    expect(store.availability()).toBe('available');
    store.set('356938030000013', '2468');
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain('2468');
    expect(JSON.parse(onDisk)).toMatchObject({ version: 1, pins: { '356938030000013': expect.any(String) } });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = safeStoragePinStore(file);
    expect(again.has('356938030000013')).toBe(true);
    expect(again.all()).toEqual({ '356938030000013': '2468' });
    again.delete('356938030000013');
    expect(safeStoragePinStore(file).all()).toEqual({});
  });

  it('refuses where the keychain would only pretend (no encryption, or Linux basic_text)', () => {
    keychain.backend = 'basic_text';
    const linux = safeStoragePinStore(file);
    if (process.platform === 'linux') {
      expect(linux.availability()).toBe('no-keychain');
      expect(() => linux.set('1', '1234')).toThrow(/keychain/);
    }
    keychain.backend = 'gnome_libsecret';
    keychain.available = false;
    const none = safeStoragePinStore(file);
    expect(none.availability()).toBe('no-keychain');
    expect(() => none.set('1', '1234')).toThrow(/keychain/);
    expect(none.all()).toEqual({});
  });

  it('drops an entry it cannot decrypt and survives a damaged file', () => {
    writeFileSync(file, JSON.stringify({ version: 1, pins: { a: Buffer.from('garbage').toString('base64'), b: 42 } }));
    const log: string[] = [];
    const store = safeStoragePinStore(file, (m) => log.push(m));
    expect(store.all()).toEqual({});
    expect(store.has('a')).toBe(false);
    expect(log.join('\n')).toMatch(/could not be decrypted/);
    writeFileSync(file, '{ not json');
    expect(safeStoragePinStore(file, (m) => log.push(m)).all()).toEqual({});
  });
});
