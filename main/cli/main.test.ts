import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { runCli } from './main';
import { fakeIo } from './testing';

describe('smsdesk CLI', () => {
  it('prints the package version for --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const io = fakeIo();
      expect(await runCli([flag], io)).toBe(0);
      expect(io.out.join('')).toBe(`${pkg.version}\n`);
    }
  });

  it('prints help listing the commands for --help and for no arguments', async () => {
    for (const argv of [['--help'], []]) {
      const io = fakeIo();
      expect(await runCli(argv, io)).toBe(0);
      const text = io.out.join('');
      expect(text).toContain('Usage: smsdesk <command> [options]');
      expect(text).toMatch(/^ {2}web +Serve the SMSDesk window/m);
      expect(text).toMatch(/^ {2}emulator +Run virtual modems on pseudo-terminals/m);
    }
  });

  it('prints a command’s own help', async () => {
    const io = fakeIo();
    expect(await runCli(['web', '--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('Usage: smsdesk web [--demo] [--db FILE] [--host ADDRESS] [--port N]');
  });

  it('exits 2 with a plain message on an unknown command or a bad option', async () => {
    const a = fakeIo();
    expect(await runCli(['frobnicate'], a)).toBe(2);
    expect(a.err.join('')).toBe('smsdesk: unknown command "frobnicate". Run "smsdesk --help" for the list.\n');
    const b = fakeIo();
    expect(await runCli(['web', '--port', '70000'], b)).toBe(2);
    expect(b.err.join('')).toBe('smsdesk web: --port must be a number from 0 to 65535, not "70000".\n');
    const c = fakeIo();
    expect(await runCli(['web', '--bogus'], c)).toBe(2);
    expect(c.err.join('')).toMatch(/^smsdesk web: Unknown option '--bogus'/);
  });
});
