import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, preferenceFile } from './preferences';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-prefs-'));
  dirs.push(dir);
  return join(dir, 'preferences.json');
}

describe('desktop preferences', () => {
  it('starts from the defaults, keeps a change across a restart, and writes only what it knows', () => {
    const path = tempFile();
    expect(preferenceFile(path).current).toEqual(DEFAULT_PREFERENCES);
    preferenceFile(path).update({ startAtLogin: true, notificationPreview: false });
    expect(preferenceFile(path).current).toEqual({ ...DEFAULT_PREFERENCES, startAtLogin: true, notificationPreview: false });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ ...DEFAULT_PREFERENCES, startAtLogin: true, notificationPreview: false });
  });

  it('falls back to the defaults for a damaged file and for values of the wrong type, and says so', () => {
    const path = tempFile();
    const said: string[] = [];
    writeFileSync(path, '{ not json');
    expect(preferenceFile(path, (m) => said.push(m)).current).toEqual(DEFAULT_PREFERENCES);
    expect(said[0]).toContain('could not be read');
    writeFileSync(path, JSON.stringify({ startAtLogin: 'yes', notifications: false, extra: 1 }));
    expect(preferenceFile(path).current).toEqual({ ...DEFAULT_PREFERENCES, notifications: false });
  });
});
