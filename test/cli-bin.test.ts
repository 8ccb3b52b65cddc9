/** `npx smsdesk` works in the checkout after `npm install`, as the README promises. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json';

const root = new URL('..', import.meta.url).pathname;

describe('the smsdesk executable', () => {
  it('prints the version through npx, from the package bin', () => {
    const out = execFileSync('npx', ['--no-install', 'smsdesk', '--version'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(out).toBe(`${pkg.version}\n`);
  });

  it('lists its commands in --help and exits 2 on an unknown one', () => {
    const help = execFileSync(process.execPath, ['bin/smsdesk.mjs', '--help'], { cwd: root, encoding: 'utf8' });
    for (const cmd of ['emulator', 'pdu decode', 'pdu encode', 'web']) expect(help).toContain(`  ${cmd} `);
    let status = 0;
    try {
      execFileSync(process.execPath, ['bin/smsdesk.mjs', 'nonsense'], { cwd: root, stdio: 'ignore' });
    } catch (err) {
      status = (err as { status: number }).status;
    }
    expect(status).toBe(2);
  });
});
