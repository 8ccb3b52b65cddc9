import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartEntry, autostartPath, setLinuxAutostart } from './autostart-entry';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('XDG autostart entry', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart (a relative XDG_CONFIG_HOME is ignored, as the spec says)', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/u')).toBe('/cfg/autostart/smsdesk.desktop');
    expect(autostartPath({}, '/home/u')).toBe('/home/u/.config/autostart/smsdesk.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: 'rel' }, '/home/u')).toBe('/home/u/.config/autostart/smsdesk.desktop');
  });

  it('starts the app hidden, quoting a path with spaces and escaping the characters the spec names', () => {
    expect(autostartEntry('/opt/SMSDesk/smsdesk')).toContain('\nExec=/opt/SMSDesk/smsdesk --hidden\n');
    expect(autostartEntry('/opt/My Apps/smsdesk')).toContain('\nExec="/opt/My Apps/smsdesk" --hidden\n');
    // A literal " becomes \" by the quoting rule, then \\" by the string rule; a literal \ becomes four.
    expect(autostartEntry('/o/a"b$c\\d')).toContain('Exec="/o/a\\\\"b\\\\$c\\\\\\\\d" --hidden');
    expect(autostartEntry('/x')).toMatch(/^\[Desktop Entry\]\nType=Application\nName=SMSDesk\n/);
  });

  it('writes the entry when enabled and removes it when disabled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-autostart-'));
    dirs.push(dir);
    const path = join(dir, 'autostart', 'smsdesk.desktop');
    setLinuxAutostart(true, '/opt/smsdesk/smsdesk', path);
    expect(readFileSync(path, 'utf8')).toContain('Exec=/opt/smsdesk/smsdesk --hidden');
    setLinuxAutostart(false, '/opt/smsdesk/smsdesk', path);
    expect(existsSync(path)).toBe(false);
    setLinuxAutostart(false, '/opt/smsdesk/smsdesk', path); // already gone: nothing to do, no error
  });
});
