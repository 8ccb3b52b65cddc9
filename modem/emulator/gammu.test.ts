/**
 * gammu (Debian package `gammu`), an AT client SMSDesk did not write, drives the
 * emulator over real pseudo-terminals. If gammu can identify, send, list and
 * delete through it, the emulator speaks AT the way real modems do.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from './emulator';
import { exposeOnPty, type PtyHandle } from './pty';

let dir: string;
let emu: Emulator;
const ptys: PtyHandle[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'smsdesk-gammu-'));
  emu = new Emulator({ modems: [{ profile: 'generic' }, { profile: 'generic' }] });
  for (const [i, modem] of emu.modems.entries()) {
    const port = modem.ports.find((p) => p.urcs)!;
    ptys.push(await exposeOnPty(port, join(dir, `modem${i}`)));
    writeFileSync(join(dir, `gammurc${i}`), `[gammu]\nport = ${join(dir, `modem${i}`)}\nconnection = at115200\n`);
  }
});

afterAll(async () => {
  for (const p of ptys) await p.close();
  emu?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function gammu(modem: number, args: string[], stdin?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile('gammu', ['-c', join(dir, `gammurc${modem}`), ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

describe('gammu drives the emulator over a pty', () => {
  it('identifies the modem', async () => {
    const { code, out } = await gammu(0, ['identify']);
    expect(code, out).toBe(0);
    expect(out).toMatch(/Manufacturer\s+: SMSDesk/);
    expect(out).toMatch(/IMEI\s+: 356938030000013/);
    expect(out).toMatch(/SIM IMSI\s+: 001010000000001/);
  }, 60_000);

  it('sends a single SMS and a 400-character multipart SMS that arrive whole at the other modem', async () => {
    const b = emu.modems[1]!.msisdn;
    const single = await gammu(0, ['sendsms', 'TEXT', b, '-text', 'Hello from gammu']);
    expect(single.code, single.out).toBe(0);
    expect(single.out).toMatch(/OK, message reference=\d+/);

    const long = 'SMSDesk emulator multipart test. '.repeat(13).slice(0, 400);
    const multi = await gammu(0, ['sendsms', 'TEXT', b, '-len', '400'], long);
    expect(multi.code, multi.out).toBe(0);
    expect(multi.out.match(/OK, message reference=\d+/g)).toHaveLength(3); // 400 GSM characters = 3 parts of 153

    const submits = emu.network.events.filter((e) => e.kind === 'submit');
    expect(submits).toHaveLength(4);
    expect(emu.modems[1]!.stores.SM.used).toBe(4);

    const list = await gammu(1, ['getallsms']);
    expect(list.code, list.out).toBe(0);
    expect(list.out).toContain('Hello from gammu');
    expect(list.out).toMatch(/Remote number\s+: "\+491555000001"/);
    // Three parts under one concatenation reference, whose texts join back into the original.
    const parts = [...list.out.matchAll(/ID \(8 bit\) (\d+), part (\d) of 3\n\n(.*)\n/g)];
    expect(parts).toHaveLength(3);
    expect(new Set(parts.map((p) => p[1])).size).toBe(1);
    const joined = parts
      .sort((x, y) => Number(x[2]) - Number(y[2]))
      .map((p) => p[3])
      .join('');
    expect(joined).toBe(long);
    expect(list.out).toMatch(/4 SMS parts in 4 SMS sequences/); // getallsms counts parts; it does not link them
  }, 120_000);

  it('sees an SMS the network delivers from an alphanumeric sender', async () => {
    expect(emu.network.injectText({ from: 'SMSDesk', to: emu.modems[1]!.msisdn, text: 'Injected by the test' })).toEqual(['stored']);
    const list = await gammu(1, ['getallsms']);
    expect(list.code, list.out).toBe(0);
    expect(list.out).toMatch(/Remote number\s+: "SMSDesk"\n[\s\S]*?\n\nInjected by the test\n/);
  }, 60_000);

  it('deletes every message in the inbox', async () => {
    expect(emu.modems[1]!.stores.SM.used).toBeGreaterThan(0);
    const del = await gammu(1, ['deleteallsms', '1']);
    expect(del.code, del.out).toBe(0);
    expect(emu.modems[1]!.stores.SM.used).toBe(0);
    const list = await gammu(1, ['getallsms']);
    expect(list.out).toMatch(/0 SMS parts in 0 SMS sequences/);
  }, 60_000);
});
