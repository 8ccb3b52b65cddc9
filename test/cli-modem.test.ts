/**
 * The modem commands of the CLI as a user runs them, against `smsdesk emulator --demo`
 * on pseudo-terminals: ports, modem info, send (the demo phone receives it) and a USSD menu.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
let dir: string;
let emulator: ChildProcess;
let info: { control: string; modems: Array<{ msisdn: string; ports: Array<{ path: string }> }>; handsets: string[] };
let port: string;

beforeAll(async () => {
  if (!existsSync(join(root, 'out/cli/index.js'))) throw new Error('The CLI is not built; run "npm run build" ("npm test" does).');
  dir = mkdtempSync(join(tmpdir(), 'smsdesk-climodem-'));
  emulator = spawn(process.execPath, [join(root, 'bin/smsdesk.mjs'), 'emulator', '--demo', '--json', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  info = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: emulator.stdout! }).once('line', resolve)));
  port = info.modems[0]!.ports[0]!.path;
});

afterAll(async () => {
  emulator?.kill('SIGINT');
  await new Promise((r) => emulator?.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
});

function smsdesk(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'bin/smsdesk.mjs'), ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout, err: stderr });
    });
  });
}

describe('smsdesk modem commands against the emulator', () => {
  it('ports: finds the modem by probing the folder', async () => {
    const r = await smsdesk('ports', '--dir', dir, '--json');
    expect(r.status, r.err).toBe(0);
    const json = JSON.parse(r.out) as { modems: Array<{ imei: string; path: string; manufacturer: string }> };
    expect(json.modems).toEqual([expect.objectContaining({ imei: '356938030000013', path: port, manufacturer: 'SMSDesk' })]);
  }, 60_000);

  it('modem info: identity, own number, network and storage', async () => {
    const r = await smsdesk('modem', 'info', '--port', port, '--json');
    expect(r.status, r.err).toBe(0);
    const json = JSON.parse(r.out) as {
      identity: Record<string, string>;
      network: { operator: string; registration: { status: string } };
      storage: Array<{ total: number }>;
    };
    expect(json.identity).toMatchObject({ imei: '356938030000013', imsi: '001010000000001', ownNumber: info.modems[0]!.msisdn });
    expect(json.network.operator).toBe('SMSDesk Net');
    expect(json.network.registration.status).toBe('home');
    expect(json.storage[0]!.total).toBe(30);
  }, 60_000);

  it('send: the demo phone receives the text; a bad number is a usage error', async () => {
    const r = await smsdesk('send', '--port', port, '--to', info.handsets[0]!, '--text', 'Hello from the CLI test', '--report', '--json');
    expect(r.status, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ ok: true, parts: [{ part: 1, total: 1, mr: expect.any(Number) }] });
    // The demo network delivers about a second after it accepted the message.
    const inbox = async (): Promise<Array<{ text: string; from: string }>> =>
      ((await (await fetch(`${info.control}/handsets`)).json()) as { handsets: Array<{ inbox: Array<{ text: string; from: string }> }> })
        .handsets[0]!.inbox;
    await expect
      .poll(inbox, { timeout: 10_000 })
      .toContainEqual(expect.objectContaining({ text: 'Hello from the CLI test', from: info.modems[0]!.msisdn }));
    const bad = await smsdesk('send', '--port', port, '--to', 'not a number', '--text', 'x');
    expect(bad.status).toBe(2);
  }, 60_000);

  it('ussd: walks the menu with --answer', async () => {
    const r = await smsdesk('ussd', '--port', port, '*123#', '--answer', '1', '--json');
    expect(r.status, r.err).toBe(0);
    const json = JSON.parse(r.out) as { replies: Array<{ status: string; text: string }> };
    expect(json.replies.map((x) => x.status)).toEqual(['action-required', 'done']);
    expect(json.replies[1]!.text).toBe('Your balance is 12.34 EUR.');
  }, 60_000);
});
