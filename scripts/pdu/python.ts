import { existsSync } from 'node:fs';

/**
 * The interpreter that has python3-gammu: SMSDESK_PYTHON if set, else Debian's /usr/bin/python3
 * (where the Debian package installs it, even when another python3 comes first on PATH).
 */
export function pythonForGammu(): string {
  const env = process.env.SMSDESK_PYTHON;
  if (env) return env;
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}
