/**
 * `smsdesk emulator` as a user runs it: the built CLI puts virtual modems on
 * pseudo-terminals; the real serialport package (OS binding, no emulator code
 * in this process) opens one and talks AT; the control API injects an SMS and
 * a replug that renames the port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
let dir: string;
let child: ChildProcess;
let info: { control: string; modems: Array<{ msisdn: string; ports: Array<{ path: string; notices: boolean }> }>; handsets: string[] };

beforeAll(async () => {
  if (!existsSync(join(root, 'out/cli/index.js'))) throw new Error('The CLI is not built; run "npm run build" ("npm test" does).');
  dir = mkdtempSync(join(tmpdir(), 'smsdesk-emucli-'));
  child = spawn(process.execPath, [join(root, 'bin/smsdesk.mjs'), 'emulator', '--demo', '--json', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`smsdesk emulator exited with ${code}`)));
  });
  info = JSON.parse(first);
});

afterAll(async () => {
  child?.kill('SIGINT');
  await new Promise((r) => child?.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
});

function openPort(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115200 }, (err) => (err ? reject(err) : resolve(port)));
  });
}

function command(port: SerialPort, line: string, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`No answer to ${line}; got ${JSON.stringify(text)}`)), 10_000);
    const onData = (c: Buffer): void => {
      text += c.toString('latin1');
      if (until.test(text)) {
        clearTimeout(timer);
        port.off('data', onData);
        resolve(text);
      }
    };
    port.on('data', onData);
    port.write(`${line}\r`);
  });
}

const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
  const r = await fetch(`${info.control}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return (await r.json()) as Record<string, unknown>;
};

describe('smsdesk emulator on pseudo-terminals', () => {
  it('prints its modems, ports and the demo phone', () => {
    expect(info.modems).toHaveLength(1);
    expect(info.modems[0]!.msisdn).toBe('+491555000001');
    expect(info.handsets).toEqual(['+491555012345']);
    expect(existsSync(info.modems[0]!.ports[0]!.path)).toBe(true);
  });

  it('answers AT through the OS serial binding and announces an injected SMS', async () => {
    const port = await openPort(info.modems[0]!.ports[0]!.path);
    expect(await command(port, 'ATE0', /OK\r\n$/)).toContain('OK');
    expect(await command(port, 'AT+CGMI', /OK\r\n$/)).toBe('\r\nSMSDesk\r\n\r\nOK\r\n');
    await command(port, 'AT+CNMI=2,1,0,2,0', /OK\r\n$/);
    const notice = new Promise<string>((resolve) => port.once('data', (c: Buffer) => resolve(c.toString('latin1'))));
    expect(await post('/sms', { from: 'SMSDesk', to: '+491555000001', text: 'Welcome!' })).toEqual({ outcomes: ['stored'] });
    expect(await notice).toBe('\r\n+CMTI: "SM",1\r\n');
    await new Promise<void>((r) => port.close(() => r()));
  });

  it('renames the port on replug, as a USB modem re-enumerates', async () => {
    const before = info.modems[0]!.ports[0]!.path;
    await post('/modems/0/fault', { kind: 'unplug' });
    expect(existsSync(before)).toBe(false);
    const status = (await post('/modems/0/fault', { kind: 'replug', base: 'ttyUSB9.' })) as {
      modems: Array<{ ports: Array<{ path: string }> }>;
    };
    const after = status.modems[0]!.ports[0]!.path;
    expect(after).toBe(join(dir, 'ttyUSB9.0'));
    const port = await openPort(after);
    // After the power cycle the modem has forgotten +CNMI.
    expect(await command(port, 'AT+CNMI?', /OK\r\n$/)).toContain('+CNMI: 0,0,0,0,0');
    await new Promise<void>((r) => port.close(() => r()));
  });

  it('rejects bad control requests with a reason', async () => {
    expect(await post('/modems/0/fault', { kind: 'explode' })).toEqual({ error: 'Unknown fault "explode"' });
    expect(await post('/modems/9/fault', { kind: 'hang' })).toEqual({ error: 'No modem 9' });
    expect(await post('/sms', { to: '+491555000001', pdu: 'zz' })).toEqual({
      error: '"pdu" must be the hex of an SMS-DELIVER TPDU (without SMSC field)',
    });
  });
});
