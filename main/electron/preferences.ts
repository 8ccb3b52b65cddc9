/**
 * The desktop app's own preferences (start at login, start minimised, notifications), in a
 * small JSON file in the user's data folder. Node only, no Electron, so it is tested as is.
 * A damaged file never stops the app: it falls back to the defaults and says so once.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface DesktopPreferences {
  /** Start SMSDesk when the user logs in (a station that must not miss messages after a reboot). */
  readonly startAtLogin: boolean;
  /** When started at login, stay in the tray instead of opening the window. */
  readonly startMinimised: boolean;
  /** Show a native notification for new messages. */
  readonly notifications: boolean;
  /** Show the message's text in notifications (off for shared screens). */
  readonly notificationPreview: boolean;
}

export const DEFAULT_PREFERENCES: DesktopPreferences = {
  startAtLogin: false,
  startMinimised: true,
  notifications: true,
  notificationPreview: true,
};

export interface PreferenceFile {
  readonly current: DesktopPreferences;
  /** Changes some preferences and writes the file (atomically: a crash leaves the old or the new one). */
  update(change: Partial<DesktopPreferences>): DesktopPreferences;
}

export function preferenceFile(path: string, log: (message: string) => void = () => undefined): PreferenceFile {
  let current = read(path, log);
  return {
    get current() {
      return current;
    },
    update(change) {
      current = { ...current, ...change };
      const tmp = `${path}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(current, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, path);
      return current;
    },
  };
}

function read(path: string, log: (message: string) => void): DesktopPreferences {
  if (!existsSync(path)) return DEFAULT_PREFERENCES;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    const out: Record<string, boolean> = { ...DEFAULT_PREFERENCES };
    for (const key of Object.keys(DEFAULT_PREFERENCES)) {
      const value = (parsed as Record<string, unknown>)[key];
      if (typeof value === 'boolean') out[key] = value;
    }
    return out as unknown as DesktopPreferences;
  } catch (err) {
    log(`${path} could not be read (${err instanceof Error ? err.message : String(err)}); using the default preferences`);
    return DEFAULT_PREFERENCES;
  }
}
