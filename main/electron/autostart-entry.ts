/**
 * Start at login on Linux: Electron's setLoginItemSettings covers Windows and macOS only, so
 * SMSDesk writes an XDG autostart entry (freedesktop "Desktop Application Autostart"
 * specification: ~/.config/autostart/<name>.desktop, honoured by GNOME, KDE, Xfce …).
 * Node only, no Electron.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const AUTOSTART_FILE_NAME = 'smsdesk.desktop';
/** The argument the login item passes, so the app knows it was started at login. */
export const HIDDEN_ARG = '--hidden';

/** $XDG_CONFIG_HOME/autostart, else ~/.config/autostart. */
export function autostartPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const config = env['XDG_CONFIG_HOME'] && env['XDG_CONFIG_HOME'].startsWith('/') ? env['XDG_CONFIG_HOME'] : join(home, '.config');
  return join(config, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * The entry's text. Exec arguments are quoted as the Desktop Entry specification says
 * (double quotes; `"`, `` ` ``, `$` and `\` escaped), so a path with spaces works.
 */
export function autostartEntry(execPath: string, args: readonly string[] = [HIDDEN_ARG]): string {
  const exec = [execPath, ...args].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=SMSDesk',
    'Comment=SMS station: sends and receives SMS through your modem',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_\-./=+:,@]+$/.test(arg)) return arg;
  // The spec's escapes inside quotes, then the general string escape of backslashes.
  return `"${arg.replace(/\\/g, '\\\\\\\\').replace(/(["`$])/g, '\\\\$1')}"`;
}

export function setLinuxAutostart(enabled: boolean, execPath: string, path = autostartPath()): void {
  if (!enabled) {
    if (existsSync(path)) rmSync(path);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, autostartEntry(execPath), { mode: 0o644 });
}
