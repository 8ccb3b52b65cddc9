/**
 * smstools' smsd (Debian package `smstools`), a second AT client SMSDesk did not
 * write, runs against the emulator over a pty: a spooled outgoing file reaches
 * the other subscriber, an SMS sent to smsd's modem lands in its incoming spool,
 * and the status report it asked for comes back into its report spool.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from './emulator';
import { exposeOnPty, type PtyHandle } from './pty';
import { encodeSubmit } from '../pdu';

let dir: string;
let emu: Emulator;
let pty: PtyHandle;
let smsd: ChildProcess;

const spool = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'smsdesk-smsd-'));
  for (const d of ['outgoing', 'checked', 'incoming', 'failed', 'sent', 'report']) mkdirSync(spool(d));
  emu = new Emulator({
    modems: [{ profile: 'simcom-sim800' }, { profile: 'generic' }],
    network: { deliveryDelayMs: 500, reportDelayMs: 500 },
  });
  pty = await exposeOnPty(emu.modems[0]!.ports[0]!, join(dir, 'modem0'));
  writeFileSync(
    join(dir, 'smsd.conf'),
    [
      'devices = GSM1',
      ...['outgoing', 'checked', 'incoming', 'failed', 'sent', 'report'].map((d) => `${d} = ${spool(d)}`),
      `logfile = ${join(dir, 'smsd.log')}`,
      'loglevel = 7',
      `infofile = ${join(dir, 'smsd.working')}`,
      `pidfile = ${join(dir, 'smsd.pid')}`,
      'delaytime = 1',
      'delaytime_mainprocess = 1',
      'receive_before_send = no',
      '',
      '[GSM1]',
      `device = ${join(dir, 'modem0')}`,
      'incoming = yes',
      'baudrate = 115200',
      'report = yes',
      'check_memory_method = 1',
      'init = AT+CNMI=2,1,0,2,0',
    ].join('\n'),
  );
  smsd = spawn('smsd', ['-t', `-c${join(dir, 'smsd.conf')}`, '-uroot', '-groot'], { stdio: 'ignore' });
});

afterAll(async () => {
  smsd?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await pty?.close();
  emu?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor<T>(what: string, probe: () => T | undefined | false, ms = 45_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) {
      const log = existsSync(join(dir, 'smsd.log'))
        ? readFileSync(join(dir, 'smsd.log'), 'utf8').split('\n').slice(-25).join('\n')
        : '(no log)';
      throw new Error(`Timed out waiting for ${what}. Last smsd log lines:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const files = (d: string): string[] => readdirSync(spool(d));

describe('smstools drives the emulator over a pty', () => {
  it('sends a spooled message to the other subscriber and files the status report', async () => {
    const to = emu.modems[1]!.msisdn.replace('+', '');
    writeFileSync(spool('outgoing/hello'), `To: ${to}\nReport: yes\n\nHello from smsd\n`);
    await waitFor('the message in sent/', () => files('sent').includes('hello'));
    await waitFor('the far modem to store it', () => emu.modems[1]!.stores.SM.used === 1);
    const stored = emu.modems[1]!.stores.SM.entries()[0]![1];
    // The user data of "Hello from smsd", GSM 7-bit packed, arrives untouched.
    expect(emu.network.events.find((e) => e.kind === 'submit')).toMatchObject({ from: emu.modems[0]!.msisdn, to: emu.modems[1]!.msisdn });
    expect(stored.stat).toBe(0);
    const report = await waitFor('a file in report/', () => files('report')[0]);
    const text = readFileSync(spool(`report/${report}`), 'utf8');
    expect(text).toContain('SMS STATUS REPORT');
    // smsd matched the report to the message it sent: same TP-MR, which +CMGS returned as 0.
    expect(text).toMatch(/^Message_id: 0$/m);
    expect(text).toMatch(/^Status: 0,Ok,short message received by the SME$/m); // TP-ST 0: delivered
    expect(text).toContain(`From: ${to}`);
  }, 60_000);

  it('files an SMS sent to its modem in the incoming spool', async () => {
    // The far subscriber sends an SMS to smsd's modem through its own AT interface.
    const body = 'Reply from the far end';
    const part = encodeSubmit({ to: emu.modems[0]!.msisdn, text: body }).parts[0]!;
    const farPort = emu.modems[1]!.ports[0]!;
    farPort.write(new TextEncoder().encode(`AT+CMGS=${part.tpduLength}\r`));
    await new Promise((r) => setTimeout(r, 50));
    farPort.write(new TextEncoder().encode(`${part.hex}\x1a`));
    const name = await waitFor('a file in incoming/', () => files('incoming').find((f) => !f.startsWith('smsd_script')));
    const text = readFileSync(spool(`incoming/${name}`), 'utf8');
    expect(text).toContain(`From: ${emu.modems[1]!.msisdn.replace('+', '')}`);
    expect(text).toContain(body);
    // smsd deletes what it filed: the SIM is empty again.
    await waitFor('the SIM to be emptied', () => emu.modems[0]!.stores.SM.used === 0);
  }, 60_000);
});
