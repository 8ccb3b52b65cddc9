/** Where the archive lives by default: the platform's per-user data folder. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultArchivePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'SMSDesk', 'archive.sqlite');
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'SMSDesk', 'archive.sqlite');
  const base = env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(base, 'smsdesk', 'archive.sqlite');
}
