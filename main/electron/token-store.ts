/**
 * The desktop app's mailbox secrets (this device's session and this station's link token),
 * encrypted with Electron's safeStorage and kept in a file only the user can read. Where
 * safeStorage has no real keychain (none at all, or Linux's hard-coded "basic_text" key) the
 * secrets stay in memory only: the person stays signed in until SMSDesk closes, and the
 * Account screen says so (`persistent: false`). Use after `app.whenReady()`.
 */
import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { memoryAccountTokens, type AccountTokenStore, type StoredLink } from '../core';
import type { StoredSession } from '../sync/index';

interface SecretsFile {
  readonly version: 1;
  /** base64 of safeStorage.encryptString(JSON of the session / the link). */
  readonly session?: string;
  readonly link?: string;
}

export function hasKeychain(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
}

export function safeStorageTokenStore(file: string, log: (message: string) => void = () => undefined): AccountTokenStore {
  if (!hasKeychain()) {
    // Nothing written: a file only "protected" by a well-known key would be a lie.
    if (existsSync(file)) rmSync(file, { force: true });
    return memoryAccountTokens();
  }
  let content: SecretsFile = read(file, log);

  const write = (next: SecretsFile): void => {
    content = next;
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 });
    renameSync(tmp, file);
  };
  const seal = (value: unknown): string => safeStorage.encryptString(JSON.stringify(value)).toString('base64');
  const open = <T>(slot: 'session' | 'link', valid: (x: unknown) => x is T): T | undefined => {
    const sealed = content[slot];
    if (sealed === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(safeStorage.decryptString(Buffer.from(sealed, 'base64')));
      if (valid(value)) return value;
    } catch {
      // Another user's or machine's keychain, or a damaged entry: unusable, so it goes.
    }
    log(`the stored mailbox ${slot} could not be read and was dropped`);
    const { [slot]: _dropped, ...rest } = content;
    write(rest);
    return undefined;
  };
  const without = (slot: 'session' | 'link'): void => {
    if (content[slot] === undefined) return;
    const { [slot]: _dropped, ...rest } = content;
    write(rest);
  };

  return {
    persistent: true,
    load: async () => open('session', isSession),
    save: async (session) => write({ ...content, session: seal(session) }),
    clear: async () => without('session'),
    loadLink: async () => open('link', isLink),
    saveLink: async (link) => write({ ...content, link: seal(link) }),
    clearLink: async () => without('link'),
  };
}

function read(file: string, log: (message: string) => void): SecretsFile {
  if (!existsSync(file)) return { version: 1 };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<keyof SecretsFile, unknown>>;
    return {
      version: 1,
      ...(typeof parsed.session === 'string' ? { session: parsed.session } : {}),
      ...(typeof parsed.link === 'string' ? { link: parsed.link } : {}),
    };
  } catch {
    log(`${file} is not readable; the mailbox session is not kept`);
    return { version: 1 };
  }
}

function isSession(x: unknown): x is StoredSession {
  const s = x as Partial<StoredSession> | null;
  return (
    typeof s === 'object' && s !== null && typeof s.token === 'string' && typeof s.sessionId === 'number' && typeof s.number === 'string'
  );
}

function isLink(x: unknown): x is StoredLink {
  const l = x as Partial<StoredLink> | null;
  return (
    typeof l === 'object' &&
    l !== null &&
    typeof l.token === 'string' &&
    typeof l.stationId === 'number' &&
    typeof l.name === 'string' &&
    typeof l.server === 'string'
  );
}
