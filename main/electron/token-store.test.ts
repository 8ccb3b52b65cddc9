/** The desktop's mailbox secrets against a stand-in for Electron's safeStorage (no Electron runtime in tests). */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const keychain = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' as string }));

vi.mock('electron', async () => ({ safeStorage: (await import('./testing')).fakeSafeStorage(keychain) }));

const { safeStorageTokenStore } = await import('./token-store');

const session = { token: 'mbx_session_secret_123', sessionId: 7, number: '+491555000010' };
const link = { token: 'mbx_station_secret_456', stationId: 3, name: 'Desk', server: 'https://mailbox.example.org/' };

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'smsdesk-tokens-'));
  file = join(dir, 'mailbox-secrets.json');
  keychain.available = true;
  keychain.backend = 'gnome_libsecret';
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('safeStorageTokenStore', () => {
  it('keeps the session and the link encrypted in a file only the user can read, and reads them back after a restart', async () => {
    const store = safeStorageTokenStore(file);
    expect(store.persistent).toBe(true);
    await store.save(session);
    await store.saveLink(link);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(session.token);
    expect(onDisk).not.toContain(link.token);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = safeStorageTokenStore(file);
    expect(await again.load()).toEqual(session);
    expect(await again.loadLink()).toEqual(link);
    await again.clear();
    const third = safeStorageTokenStore(file);
    expect(await third.load()).toBeUndefined();
    expect(await third.loadLink()).toEqual(link);
    await third.clearLink();
    expect(await safeStorageTokenStore(file).loadLink()).toBeUndefined();
  });

  it('keeps secrets in memory only where the keychain would only pretend, and writes nothing', async () => {
    keychain.backend = 'basic_text';
    const store = safeStorageTokenStore(file);
    if (process.platform === 'linux') {
      expect(store.persistent).toBe(false);
      await store.save(session);
      expect(await store.load()).toEqual(session);
      expect(existsSync(file)).toBe(false);
      expect(await safeStorageTokenStore(file).load()).toBeUndefined();
    }
    keychain.backend = 'gnome_libsecret';
    keychain.available = false;
    const none = safeStorageTokenStore(file);
    expect(none.persistent).toBe(false);
    await none.save(session);
    expect(existsSync(file)).toBe(false);
  });

  it('drops an entry it cannot decrypt or that is not a session, and survives a damaged file', async () => {
    writeFileSync(file, JSON.stringify({ version: 1, session: Buffer.from('garbage').toString('base64'), link: 42 }));
    const log: string[] = [];
    const store = safeStorageTokenStore(file, (m) => log.push(m));
    expect(await store.load()).toBeUndefined();
    expect(await store.loadLink()).toBeUndefined();
    expect(log.join('\n')).toMatch(/could not be read/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1 });
    // Decrypts, but is not a session: dropped too.
    const notASession = Buffer.from(`sealed:${[...JSON.stringify({ token: 1 })].reverse().join('')}`).toString('base64');
    writeFileSync(file, JSON.stringify({ version: 1, session: notASession }));
    expect(await safeStorageTokenStore(file, (m) => log.push(m)).load()).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1 });
    writeFileSync(file, '{ not json');
    expect(await safeStorageTokenStore(file, (m) => log.push(m)).load()).toBeUndefined();
  });
});
