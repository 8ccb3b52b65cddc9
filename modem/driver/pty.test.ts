/**
 * Integration through the real `serialport` OS binding: each virtual port sits on a
 * pseudo-terminal (socat), and the driver opens it by path like a USB modem.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSerialTransport } from '../at/index';
import { Emulator } from '../emulator/emulator';
import { exposeOnPty, type PtyHandle } from '../emulator/pty';
import { Modem } from './modem';
import { groupModems, probePorts } from './probe';
import { collect, deliverText, FAST } from './testing';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('driver over a pseudo-terminal (real serialport binding)', () => {
  it('probes, opens, sends, receives and runs USSD on a pty', async () => {
    const emulator = new Emulator({ modems: [{ profile: 'huawei-e173', msisdn: '+4915550000001' }], timing: 'unlimited' });
    const dir = mkdtempSync(join(tmpdir(), 'smsdesk-driver-pty-'));
    cleanups.push(() => {
      emulator.dispose();
      rmSync(dir, { recursive: true, force: true });
    });
    const handles: PtyHandle[] = [];
    for (const port of emulator.modems[0]!.ports) handles.push(await exposeOnPty(port, join(dir, port.name)));
    cleanups.push(async () => {
      for (const h of handles) await h.close();
    });
    const opener = (path: string) => openSerialTransport(path, 115200);

    const found = groupModems(
      await probePorts(
        handles.map((h) => h.path),
        opener,
        { timeoutMs: 1_000 },
      ),
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe(join(dir, 'emu0.2')); // Huawei: notices on the last port
    expect(found[0]!.ports).toHaveLength(3);

    const modem = new Modem({ ...FAST, path: found[0]!.path, opener });
    cleanups.push(async () => {
      await modem.close();
      modem.dispose();
    });
    const got = collect(modem);
    const id = await modem.open();
    expect(id.imei).toBe(emulator.modems[0]!.subscriber.imei);
    expect(modem.quirks?.id).toBe('huawei');

    deliverText(emulator, '+4915550000001', 'over a real tty');
    await got.messagesReach(1);
    expect(got.messages[0]!.sms?.userData.text).toBe('over a real tty');

    const sent = await modem.send({ to: '+4915550000001', text: 'to myself' });
    expect(sent).toEqual({ ok: true, parts: [{ part: 1, total: 1, mr: 0 }] });
    await got.messagesReach(2);

    const ussd = await modem.ussd('*100#');
    expect((await ussd.next()).text).toBe('Your balance is 12.34 EUR, valid until 31.12.2026.');
  });
});
